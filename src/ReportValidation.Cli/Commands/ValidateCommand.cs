using ReportValidation.Cli.Output;
using ReportValidation.Reading;
using ReportValidation.V1;

namespace ReportValidation.Cli.Commands;

public enum OutputFormat
{
    Human,
    Json,
    Csv,
}

/// <summary>What <c>validate</c> was asked to do, once the arguments are parsed.</summary>
public sealed record ValidateRequest(IReadOnlyList<string> Paths, OutputFormat Format, Profile Profile, string? PreviousPath);

/// <summary>
/// <c>validate</c>: every file is validated (side by side, the engine is CPU-bound and thread-safe) and
/// reported in the order listed, each as soon as it and those before it are done. A file that cannot
/// be read is named on stderr and the run goes on.
/// </summary>
internal static class ValidateCommand
{
    public static int Run(ValidateRequest request, Terminal terminal)
    {
        var (reportFiles, missing) = ReportFiles.Expand(request.Paths);
        if (reportFiles is null)
        {
            terminal.Error.WriteLine($"reportvalidation: {missing}: no such file or directory / 文件或目录不存在");
            return ExitCode.Usage;
        }
        InputDocument? previous = null;
        if (request.PreviousPath is { } previousPath)
        {
            if (!File.Exists(previousPath))
            {
                terminal.Error.WriteLine($"reportvalidation: {previousPath}: no such file / 文件不存在");
                return ExitCode.Usage;
            }
            try
            {
                previous = Load(previousPath);
            }
            catch (Exception e) when (e is DocumentReadException or IOException or UnauthorizedAccessException)
            {
                terminal.Error.WriteLine($"reportvalidation: {previousPath}: {Problem(e)}");
                return ExitCode.Unreadable;
            }
        }

        var writer = WriterFor(request.Format, terminal);
        var tally = new RunTally();
        var files = reportFiles.Files;
        var progress = new Progress(terminal.Error, terminal.LineWidth, terminal.ErrorIsInteractive && reportFiles.FolderGiven);
        var options = new ValidationOptions { Profile = request.Profile };
        var outcomes = files.AsParallel().AsOrdered().WithDegreeOfParallelism(Environment.ProcessorCount)
            .Select(file => Validate(file, previous, options));
        writer.Begin();
        foreach (var (file, result, problem) in outcomes)
        {
            // Off the terminal line before anything else is printed, on stdout or stderr alike.
            progress.Clear();
            if (result is null)
            {
                terminal.Error.WriteLine($"reportvalidation: {file}: {problem}");
                tally.AddUnreadable();
            }
            else
            {
                writer.Write(file, result);
                tally.Add(result);
            }
            progress.Report(tally.Files, files.Count, file);
        }
        progress.Clear();
        writer.End(reportFiles.FolderGiven ? tally : null);
        return tally.ExitCode;
    }

    private static IReportWriter WriterFor(OutputFormat format, Terminal terminal) => format switch
    {
        OutputFormat.Json => new JsonReport(terminal.Output),
        OutputFormat.Csv => new CsvReport(terminal.Output),
        _ => new HumanReport(terminal.Output, terminal.LineWidth),
    };

    /// <summary>
    /// Any exception ends this file only: the engine's own <see cref="DocumentReadException"/> speaks
    /// to the clerk; anything else (a file vanished, a reader library's bug) is named as it is.
    /// </summary>
    private static (string File, ValidationResult? Result, string? Problem) Validate(string file,
        InputDocument? previous, ValidationOptions options)
    {
        try
        {
            return (file, ReportEngine.Default.Validate(Load(file), previous, options), null);
        }
#pragma warning disable CA1031 // One file's failure, whatever it is, must not end the folder's run.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return (file, null, Problem(e));
        }
    }

    private static string Problem(Exception e) => e switch
    {
        DocumentReadException read => $"{read.MessageZh} {read.Message}",
        PreviousDocumentReadException previous => $"{previous.Reason.MessageZh} {previous.Reason.Message}",
        _ => $"无法读取 could not be read: {e.GetType().Name}: {e.Message}",
    };

    /// <summary>
    /// The size is checked before reading: a huge file is refused without being loaded, and a named
    /// pipe or device (size 0) is refused instead of blocking the run on a read that never ends.
    /// </summary>
    private static InputDocument Load(string path)
    {
        var size = new FileInfo(path).Length;
        var limit = ReportEngine.Default.Limits.MaxDocumentBytes;
        if (size == 0)
        {
            throw DocumentReadException.Empty();
        }
        if (size > limit)
        {
            throw DocumentReadException.TooLarge(size, limit);
        }
        return new InputDocument(File.ReadAllBytes(path), null, Path.GetFileName(path));
    }
}
