using ReportValidation.Cli.Output;

namespace ReportValidation.Cli.Commands;

/// <summary><c>rules</c>: the rule catalog, one rule per line in JSON, or wrapped for people.</summary>
internal static class RulesCommand
{
    public static int Run(bool json, Terminal terminal)
    {
        foreach (var rule in ReportEngine.Default.Rules.Descriptions)
        {
            if (json)
            {
                terminal.Output.WriteLine(JsonReport.Formatter.Format(rule));
                continue;
            }
            terminal.Output.WriteLine($"{rule.Id,-44} {Names.Of(rule.Severity)}");
            LineWrapper.Write(terminal.Output, $"{rule.DescriptionZh} / {rule.DescriptionEn}", terminal.LineWidth, "    ", "    ");
        }
        return ExitCode.Pass;
    }
}
