using System.Text.Json;
using ReportValidation.Tests;

namespace ReportValidation.Cli.Tests;

/// <summary>`reportvalidation validate` as auditors run it.</summary>
public class CommandLineTests
{
    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CommandLine.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void No_arguments_is_bad_usage_with_exit_code_2()
    {
        var (exit, _, error) = Run();
        Assert.Equal(ExitCode.Usage, exit);
        Assert.Contains("usage", error);
    }

    [Fact]
    public void An_unknown_option_is_bad_usage()
    {
        Assert.Equal(ExitCode.Usage, Run("validate", "--frobnicate", Seeds.PathOf("001")).Exit);
    }

    [Fact]
    public void A_missing_file_exits_2_with_a_message()
    {
        var (exit, _, error) = Run("validate", "/nonexistent/report.txt");
        Assert.Equal(ExitCode.Usage, exit);
        Assert.Contains("no such file", error);
    }

    [Fact]
    public void An_unreadable_file_exits_3()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, []);
            var (exit, _, error) = Run("validate", path);
            Assert.Equal(ExitCode.Unreadable, exit);
            Assert.Contains("empty", error);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_report_without_error_findings_exits_0()
    {
        var (exit, output, _) = Run("validate", Seeds.PathOf("001"));
        Assert.Equal(ExitCode.Pass, exit);
        Assert.Contains("通过 PASS", output);
    }

    [Fact]
    public void A_report_with_an_error_finding_exits_1_and_names_the_rule()
    {
        var (exit, output, _) = Run("validate", Seeds.PathOf("002"));
        Assert.Equal(ExitCode.Fail, exit);
        Assert.Contains("structure.section_missing", output);
    }

    [Fact]
    public void The_rules_command_lists_the_catalog()
    {
        var (exit, output, _) = Run("rules");
        Assert.Equal(ExitCode.Pass, exit);
        Assert.Contains("applications.row_total", output);
        Assert.Contains("arithmetic.suspect_cell", output);
    }

    [Fact]
    public void Json_output_is_one_protobuf_json_object_per_file_with_the_report_under_report()
    {
        var (_, output, _) = Run("validate", "--json", Seeds.PathOf("004"), Seeds.PathOf("001"));
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.EndsWith("004_803a795cc0886256.txt", first.RootElement.GetProperty("file").GetString());
        var report = first.RootElement.GetProperty("report");
        Assert.Equal(2024, report.GetProperty("year").GetInt32());
        Assert.Equal("TEMPLATE_VERSION_2021", report.GetProperty("templateVersion").GetString());
        Assert.Equal("6", report.GetProperty("applications").GetProperty("received").GetProperty("total").GetProperty("integer").GetString());
        Assert.True(first.RootElement.TryGetProperty("summary", out _));
    }

    [Fact]
    public void A_directory_is_validated_file_by_file_and_ends_with_a_summary_by_rule()
    {
        var (exit, output, _) = Run("validate", Seeds.Directory);
        Assert.True(exit is ExitCode.Pass or ExitCode.Fail);
        foreach (var id in Seeds.Ids)
        {
            Assert.Contains(Path.GetFileName(Seeds.PathOf(id)), output);
        }
        Assert.Contains("汇总 summary: 5", output);
    }

    [Fact]
    public void Subfolders_are_validated_too_and_files_reported_in_path_order()
    {
        var folder = Directory.CreateTempSubdirectory("reportvalidation-cli-");
        try
        {
            var nested = folder.CreateSubdirectory("2021").CreateSubdirectory("科技局");
            var paths = new List<string>();
            foreach (var id in Seeds.Ids)
            {
                var target = Path.Combine(id is "000" or "004" ? nested.FullName : folder.FullName, $"{id}.txt");
                File.Copy(Seeds.PathOf(id), target);
                paths.Add(target);
            }
            File.WriteAllText(Path.Combine(nested.FullName, ".hidden.txt"), "not a report");
            File.SetAttributes(Path.Combine(nested.FullName, ".hidden.txt"), FileAttributes.Hidden);

            var (exit, output, error) = Run("validate", folder.FullName);

            Assert.True(exit is ExitCode.Pass or ExitCode.Fail);
            Assert.Equal("", error);
            var positions = paths.Order(StringComparer.Ordinal).Select(p => output.IndexOf(p, StringComparison.Ordinal)).ToList();
            Assert.All(positions, p => Assert.True(p >= 0));
            Assert.Equal(positions.Order(), positions);
            Assert.Contains("汇总 summary: 5", output);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_folder_validated_side_by_side_prints_what_one_file_at_a_time_prints()
    {
        var together = Run("validate", "--json", Seeds.Directory).Output;
        var oneByOne = string.Concat(Directory.EnumerateFiles(Seeds.Directory).Order(StringComparer.Ordinal)
            .Select(file => Run("validate", "--json", file).Output));

        Assert.Equal(oneByOne, together);
    }
}
