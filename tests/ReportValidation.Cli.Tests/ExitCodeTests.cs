using System.Text;
using ReportValidation.Tests;

namespace ReportValidation.Cli.Tests;

/// <summary>The exit code follows the verdict under the chosen profile; an unreadable file outranks a failure.</summary>
public class ExitCodeTests
{
    [Fact]
    public void A_report_with_only_warnings_passes_the_audit_profile_and_exits_0()
    {
        var run = Invocation.Run("validate", "--profile", "audit", Seeds.PathOf("004"));

        Assert.Equal(ExitCode.Pass, run.Exit);
        Assert.Contains("通过 PASS", run.Output);
    }

    [Fact]
    public void The_same_report_fails_the_submission_profile_and_exits_1()
    {
        var run = Invocation.Run("validate", "--profile", "submission", Seeds.PathOf("004"));

        Assert.Equal(ExitCode.Fail, run.Exit);
        Assert.Contains("不通过 FAIL", run.Output);
    }

    [Fact]
    public void A_folder_with_an_unreadable_file_reports_the_others_and_exits_3()
    {
        using var folder = new ReportFolder();
        folder.AddSeed("001");
        var empty = folder.Add("empty.txt", []);
        folder.AddSeed("002");

        var run = Invocation.Run("validate", folder.Path);

        Assert.Equal(ExitCode.Unreadable, run.Exit);
        Assert.Contains($"{empty}: 文档为空。", run.Error);
        Assert.Contains("001.txt", run.Output);
        Assert.Contains("002.txt", run.Output);
        Assert.Contains("1 通过 pass, 1 不通过 fail, 1 无法读取 unreadable", run.Output);
    }

    [Fact]
    public void A_file_the_system_cannot_open_is_named_and_the_run_goes_on()
    {
        using var folder = new ReportFolder();
        var dangling = Path.Combine(folder.Path, "moved.txt");
        File.CreateSymbolicLink(dangling, Path.Combine(folder.Path, "nowhere", "report.txt"));
        folder.AddSeed("001");

        var run = Invocation.Run("validate", "--json", folder.Path);

        Assert.Equal(ExitCode.Unreadable, run.Exit);
        Assert.Contains($"{dangling}: 无法读取 could not be read: FileNotFoundException", run.Error);
        Assert.Contains("001.txt", Assert.Single(run.OutputLines));
    }

    [Fact]
    public void A_corrupt_word_file_is_named_with_the_reason_and_the_run_goes_on()
    {
        using var folder = new ReportFolder();
        var corrupt = folder.Add("a.docx", [.. "PK\u0003\u0004garbage"u8]);
        folder.AddSeed("004");

        var run = Invocation.Run("validate", folder.Path);

        Assert.Equal(ExitCode.Unreadable, run.Exit);
        Assert.Contains($"{corrupt}: ", run.Error);
        Assert.Contains("004.txt", run.Output);
    }

    [Fact]
    public async Task A_named_pipe_in_a_folder_is_refused_instead_of_blocking_the_run()
    {
        using var folder = new ReportFolder();
        var pipe = Path.Combine(folder.Path, "pipe.txt");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [pipe]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }
        folder.AddSeed("001");

        var run = await Task.Run(() => Invocation.Run("validate", folder.Path)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ExitCode.Unreadable, run.Exit);
        Assert.Contains(pipe, run.Error);
    }

    [Fact]
    public void A_failing_report_beside_a_passing_one_exits_1()
    {
        Assert.Equal(ExitCode.Fail, Invocation.Run("validate", Seeds.PathOf("001"), Seeds.PathOf("002")).Exit);
    }

    [Fact]
    public void A_missing_previous_report_is_bad_usage()
    {
        var run = Invocation.Run("validate", "--previous", "/nonexistent/2023.txt", Seeds.PathOf("004"));

        Assert.Equal(ExitCode.Usage, run.Exit);
        Assert.Contains("/nonexistent/2023.txt", run.Error);
    }

    [Fact]
    public void An_empty_previous_report_exits_3_naming_it()
    {
        using var folder = new ReportFolder();
        var previous = folder.Add("2023.txt", []);

        var run = Invocation.Run("validate", "--previous", previous, Seeds.PathOf("004"));

        Assert.Equal(ExitCode.Unreadable, run.Exit);
        Assert.Contains(previous, run.Error);
    }

    [Fact]
    public void The_previous_report_turns_on_the_cross_year_rules()
    {
        using var folder = new ReportFolder();
        // Last year's report: this year's, one year earlier, so its tables and narrative are copied unchanged.
        var previous = folder.Add("2023.txt", Encoding.UTF8.GetBytes(Seeds.Text("004").Replace("2024", "2023", StringComparison.Ordinal)));

        var alone = Invocation.Run("validate", "--json", Seeds.PathOf("004"));
        var withPrevious = Invocation.Run("validate", "--json", "--previous", previous, Seeds.PathOf("004"));

        Assert.DoesNotContain("\"cross_year.", alone.Output);
        Assert.Contains("\"cross_year.duplicate_content\"", withPrevious.Output);
    }
}
