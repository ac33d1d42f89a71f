using System.Text.Json;
using ReportValidation.Testing;

namespace ReportValidation.Cli.Tests;

/// <summary>
/// Hostile documents (issue 9) given to the CLI as its own process: one bad file used to abort the
/// whole run (exit 134, nothing printed for the others), and the deep ones overflowed the stack.
/// </summary>
public class HostileFolderTests
{
    private static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(30);

    public static TheoryData<string> StackOverflowing => new(HostileDocuments.All.Where(d => d.OverflowedTheStack).Select(d => d.Name));

    [Theory]
    [MemberData(nameof(StackOverflowing))]
    public void A_document_that_overflowed_the_stack_is_refused_with_its_limit_named(string name)
    {
        var document = HostileDocuments.Named(name);
        var directory = Directory.CreateTempSubdirectory("rv-deep-");
        try
        {
            var path = Path.Combine(directory.FullName, document.FileName);
            File.WriteAllBytes(path, document.Content);

            var run = CliProcess.Run(TimeBound, "validate", path);

            Assert.Equal(ExitCode.Unreadable, run.ExitCode); // not 134 (abort)
            Assert.Contains(document.Limit!, run.Error, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_folder_of_hostile_files_reports_every_file_and_the_seed_and_exits_without_crashing()
    {
        var folder = Directory.CreateTempSubdirectory("rv-hostile-folder-");
        try
        {
            foreach (var document in HostileDocuments.All)
            {
                File.WriteAllBytes(Path.Combine(folder.FullName, document.Name + Path.GetExtension(document.FileName)), document.Content);
            }
            File.Copy(ReportValidation.Tests.Seeds.PathOf("004"), Path.Combine(folder.FullName, "zz-seed-004.txt"));

            var run = CliProcess.Run(TimeSpan.FromMinutes(2), "validate", "--json", folder.FullName);

            Assert.Equal(ExitCode.Unreadable, run.ExitCode); // some files were unreadable; not 134 (abort)
            var results = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonDocument.Parse(line).RootElement)
                .ToDictionary(result => Path.GetFileName(result.GetProperty("file").GetString()!));
            Assert.Equal(2024, results["zz-seed-004.txt"].GetProperty("report").GetProperty("year").GetInt32());
            var errors = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            foreach (var document in HostileDocuments.All)
            {
                var name = document.Name + Path.GetExtension(document.FileName);
                if (document.ExpectedCode is null)
                {
                    Assert.True(results.ContainsKey(name), $"{name} has no result");
                    continue;
                }
                var error = Assert.Single(errors, line => line.Contains(name, StringComparison.Ordinal));
                Assert.Contains(document.Limit ?? "", error, StringComparison.Ordinal);
            }
            Assert.Equal(HostileDocuments.All.Count + 1, results.Count + errors.Length);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
