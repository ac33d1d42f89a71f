using System.Diagnostics;

namespace ReportValidation.Cli.Tests;

/// <summary>
/// The CLI run as its own process (<c>dotnet reportvalidation.dll …</c>), as an auditor runs it: a crash
/// there (a stack overflow aborts with 134) is an exit code here, not the end of the test host. The
/// other CLI tests run it in-process (<see cref="Invocation"/>), which a stack overflow would take down.
/// </summary>
internal static class CliProcess
{
    public sealed record Outcome(int ExitCode, string Output, string Error, TimeSpan Elapsed);

    public static Outcome Run(TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "reportvalidation.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"reportvalidation {string.Join(' ', arguments)} ran past {timeout}");
        }
        return new Outcome(process.ExitCode, output.Result, error.Result, clock.Elapsed);
    }
}
