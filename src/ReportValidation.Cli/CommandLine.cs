using System.CommandLine;
using System.Reflection;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using ReportValidation.Cli.Commands;
using ReportValidation.V1;

namespace ReportValidation.Cli;

/// <summary>
/// The arguments: <c>reportvalidation validate [options] FILE|DIR...</c> and <c>reportvalidation rules</c>,
/// with --help on every command and --version. Parsing only; the commands do the work and the
/// writers in Output/ print it. Exit codes: <see cref="ExitCode"/>.
/// </summary>
public static class CommandLine
{
    public static int Run(string[] args, TextWriter output, TextWriter error) => Run(args, new Terminal(output, error));

    public static int Run(string[] args, Terminal terminal)
    {
        // "reportvalidation help [command]" is what people type first; it means --help.
        if (args is ["help", .. var rest])
        {
            args = [.. rest, "--help"];
        }
        var parsed = Root(terminal).Parse(args);
        if (parsed.Action is ParseErrorAction)
        {
            return BadUsage(parsed, terminal.Error);
        }
        return parsed.Invoke(new InvocationConfiguration
        {
            Output = terminal.Output,
            Error = terminal.Error,
            // Every file's failure is handled by the command; anything left is a bug worth its stack trace.
            EnableDefaultExceptionHandler = false,
        });
    }

    private static RootCommand Root(Terminal terminal)
    {
        var root = new RootCommand("""
            Validates government information-disclosure annual reports (政府信息公开工作年度报告) against the national template.
            Exit codes: 0 every report passes, 1 a report fails under the profile, 2 bad usage, 3 a file could not be read.
            """)
        {
            Validate(terminal),
            Rules(terminal),
        };
        foreach (var option in root.Options)
        {
            switch (option)
            {
                case HelpOption { Action: HelpAction help }:
                    help.MaxWidth = terminal.LineWidth;
                    break;
                case VersionOption version:
                    version.Recursive = true;
                    version.Action = new PrintVersion();
                    break;
            }
        }
        return root;
    }

    private static Command Validate(Terminal terminal)
    {
        var paths = new Argument<string[]>("FILE|DIR")
        {
            Description = "Reports (text, HTML, Word .docx, PDF; UTF-8 or GB18030) or folders of them, read with their subfolders.",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "human: wrapped text; json: one Protobuf-JSON ValidationResult per line, defaults included; csv: one row per finding, for spreadsheets.",
            DefaultValueFactory = _ => "human",
        };
        format.AcceptOnlyFromAmong("human", "json", "csv");
        var json = new Option<bool>("--json") { Description = "Same as --format json." };
        var profile = new Option<string>("--profile", "-p")
        {
            Description = "audit: a report fails on an error finding; submission: on an unacknowledged warning too.",
            DefaultValueFactory = _ => "audit",
        };
        profile.AcceptOnlyFromAmong("audit", "submission");
        var previous = new Option<string?>("--previous")
        {
            Description = "Last year's report, for the cross-year rules.",
            HelpName = "FILE",
        };
        var command = new Command("validate", "Validate reports and print their findings.") { paths, format, json, profile, previous };
        command.Validators.Add(result =>
        {
            if (result.GetValue(json) && result.GetResult(format) is { Implicit: false } && result.GetValue(format) != "json")
            {
                result.AddError("--json and --format disagree; give one of them.");
            }
        });
        command.SetAction(parsed => ValidateCommand.Run(new ValidateRequest(
            parsed.GetValue(paths)!,
            parsed.GetValue(json) ? OutputFormat.Json : Enum.Parse<OutputFormat>(parsed.GetValue(format)!, ignoreCase: true),
            parsed.GetValue(profile) == "submission" ? Profile.Submission : Profile.Audit,
            parsed.GetValue(previous)), terminal));
        return command;
    }

    private static Command Rules(Terminal terminal)
    {
        var json = new Option<bool>("--json") { Description = "One Protobuf-JSON RuleDescription per line." };
        var command = new Command("rules", "List the rule catalog: id, severity, description.") { json };
        command.SetAction(parsed => RulesCommand.Run(parsed.GetValue(json), terminal));
        return command;
    }

    private static int BadUsage(ParseResult parsed, TextWriter error)
    {
        foreach (var problem in parsed.Errors)
        {
            error.WriteLine($"reportvalidation: {problem.Message}");
        }
        error.WriteLine("usage: reportvalidation validate [options] FILE|DIR... | reportvalidation rules [--json]");
        error.WriteLine("       reportvalidation [command] --help for the options");
        return ExitCode.Usage;
    }

    /// <summary>The CLI's own version (the default prints the entry assembly's, which under a test host is the host's).</summary>
    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var version = typeof(CommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            parseResult.InvocationConfiguration.Output.WriteLine(version ?? "unknown");
            return ExitCode.Pass;
        }
    }
}
