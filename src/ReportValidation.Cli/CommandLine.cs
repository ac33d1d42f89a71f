using Google.Protobuf;
using ReportValidation.Reading;
using ReportValidation.V1;

namespace ReportValidation.Cli;

/// <summary>
/// <c>reportvalidation validate [--json] [--previous FILE] FILE|DIR...</c> and <c>reportvalidation rules</c>.
/// Exit code 0: no error finding; 1: an error finding; 2: bad usage or unreadable input.
/// </summary>
public static class CommandLine
{
    public const int Clean = 0;
    public const int HasErrors = 1;
    public const int Unusable = 2;

    private const string Usage = """
        usage: reportvalidation validate [--json] [--profile audit|submission] [--previous FILE] FILE|DIR...
               reportvalidation rules [--json]
        """;

    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default);

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error) =>
        Task.FromResult(Run(args, output, error));

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0)
        {
            error.WriteLine(Usage);
            return Unusable;
        }
        return args[0] switch
        {
            "validate" => Validate(args[1..], output, error),
            "rules" => ListRules(args[1..], output),
            "-h" or "--help" or "help" => Help(output),
            _ => BadUsage(error, $"unknown command '{args[0]}'"),
        };
    }

    private static int Help(TextWriter output)
    {
        output.WriteLine(Usage);
        return Clean;
    }

    private static int BadUsage(TextWriter error, string problem)
    {
        error.WriteLine($"reportvalidation: {problem}");
        error.WriteLine(Usage);
        return Unusable;
    }

    private static int ListRules(string[] args, TextWriter output)
    {
        var engine = ReportEngine.Default;
        foreach (var rule in engine.Rules.Descriptions)
        {
            output.WriteLine(args.Contains("--json")
                ? Json.Format(rule)
                : $"{rule.Id,-48} {SeverityName(rule.Severity),-8} {rule.DescriptionZh} / {rule.DescriptionEn}");
        }
        return Clean;
    }

    private static int Validate(string[] args, TextWriter output, TextWriter error)
    {
        var json = false;
        string? previousPath = null;
        var options = new ValidationOptions { Profile = Profile.Audit };
        var inputs = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--json":
                    json = true;
                    break;
                case "--previous" when i + 1 < args.Length:
                    previousPath = args[++i];
                    break;
                case "--profile" when i + 1 < args.Length:
                    var profile = args[++i];
                    if (profile is not ("audit" or "submission"))
                    {
                        return BadUsage(error, $"unknown profile '{profile}'");
                    }
                    options.Profile = profile == "audit" ? Profile.Audit : Profile.Submission;
                    break;
                case var flag when flag.StartsWith("--", StringComparison.Ordinal):
                    return BadUsage(error, $"unknown or incomplete option '{flag}'");
                default:
                    inputs.Add(args[i]);
                    break;
            }
        }
        if (inputs.Count == 0)
        {
            return BadUsage(error, "no file to validate");
        }

        var files = new List<string>();
        var directoryGiven = false;
        foreach (var input in inputs)
        {
            if (Directory.Exists(input))
            {
                directoryGiven = true;
                // An auditor's folder is often by year or department: subfolders are read too.
                files.AddRange(Directory.EnumerateFiles(input, "*", FolderWalk).Order(StringComparer.Ordinal));
            }
            else if (File.Exists(input))
            {
                files.Add(input);
            }
            else
            {
                error.WriteLine($"reportvalidation: {input}: no such file or directory / 文件或目录不存在");
                return Unusable;
            }
        }

        var engine = ReportEngine.Default;
        InputDocument? previous = null;
        if (previousPath is not null)
        {
            if (!File.Exists(previousPath))
            {
                error.WriteLine($"reportvalidation: {previousPath}: no such file / 文件不存在");
                return Unusable;
            }
            previous = Load(previousPath);
        }

        var exit = Clean;
        var byRule = new SortedDictionary<string, (Severity Severity, int Count, int Files)>(StringComparer.Ordinal);
        // Files are validated side by side (the engine is CPU-bound and thread-safe) and reported in
        // the order listed, each as soon as it and those before it are done.
        var outcomes = files.AsParallel().AsOrdered().WithDegreeOfParallelism(Environment.ProcessorCount)
            .Select(file => Validate(engine, file, previous, options));
        foreach (var (file, result, problem) in outcomes)
        {
            if (result is null)
            {
                error.WriteLine($"reportvalidation: {file}: {problem}");
                exit = Unusable;
                continue;
            }
            if (json)
            {
                output.WriteLine(WithFile(Json.Format(result), file));
            }
            else
            {
                FindingsTable.Write(output, file, result);
            }
            if (result.Summary.Errors > 0 && exit == Clean)
            {
                exit = HasErrors;
            }
            foreach (var group in result.Findings.GroupBy(f => f.RuleId))
            {
                byRule.TryGetValue(group.Key, out var seen);
                byRule[group.Key] = (group.First().Severity, seen.Count + group.Count(), seen.Files + 1);
            }
        }
        if (directoryGiven && !json)
        {
            FindingsTable.WriteSummary(output, files.Count, byRule);
        }
        return exit;
    }

    private static readonly EnumerationOptions FolderWalk = new()
    {
        RecurseSubdirectories = true,
        AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
    };

    private static (string File, ValidationResult? Result, string? Problem) Validate(ReportEngine engine, string file,
        InputDocument? previous, ValidationOptions? options)
    {
        try
        {
            return (file, engine.Validate(Load(file), previous, options), null);
        }
        catch (DocumentReadException e)
        {
            return (file, null, $"{e.MessageZh} {e.Message}");
        }
        catch (PreviousDocumentReadException e)
        {
            return (file, null, $"{e.Reason.MessageZh} {e.Reason.Message}");
        }
        catch (IOException e)
        {
            return (file, null, e.Message);
        }
        catch (UnauthorizedAccessException e)
        {
            return (file, null, e.Message);
        }
    }

    private static InputDocument Load(string path) =>
        new(File.ReadAllBytes(path), null, Path.GetFileName(path));

    // The result in the Protobuf JSON mapping, with the file name in front so a line can be traced.
    private static string WithFile(string resultJson, string file) =>
        "{\"file\":" + System.Text.Json.JsonSerializer.Serialize(file) + (resultJson.Length > 2 ? "," + resultJson[1..] : "}");

    internal static string SeverityName(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        Severity.Info => "info",
        _ => "-",
    };
}
