using ReportValidation.V1;

namespace ReportValidation.Cli.Output;

/// <summary>
/// The output for people: one block per file, a line per finding with its Chinese and English
/// message under it, wrapped to the terminal's width with the messages indented.
/// </summary>
internal sealed class HumanReport(TextWriter output, int width) : IReportWriter
{
    private const string Indent = "   ";
    private const string MessageIndent = "           ";

    public void Begin()
    {
    }

    public void Write(string file, ValidationResult result)
    {
        var report = result.Report;
        var summary = result.Summary;
        output.WriteLine($"== {file}");
        var year = report.Year > 0 ? report.Year.ToString(System.Globalization.CultureInfo.InvariantCulture) : "?";
        LineWrapper.Write(output, Glued($"{Names.Verdict(summary.Passes)} | 错误 errors {summary.Errors}, "
            + $"警告 warnings {summary.Warnings}, 提示 infos {summary.Infos}"), width, Indent, Indent);
        LineWrapper.Write(output, $"{report.Title} | {Glued($"年度 year {year} | 模板 template {Names.Of(report.TemplateVersion)}")}",
            width, Indent, Indent);
        foreach (var finding in result.Findings.OrderByDescending(f => f.Severity).ThenBy(f => f.Location?.Line ?? 0))
        {
            var line = finding.Location is { Line: > 0 } location ? $"L{location.Line}" : "";
            LineWrapper.Write(output, $"{finding.RuleId} {line} {Names.Where(finding.Location)}",
                width, $"{Indent}{Names.Of(finding.Severity),-7} ", MessageIndent);
            LineWrapper.Write(output, finding.MessageZh, width, MessageIndent, MessageIndent);
            LineWrapper.Write(output, finding.MessageEn, width, MessageIndent, MessageIndent);
        }
        output.WriteLine();
    }

    /// <summary>Each "中文 english count" pair kept on one line; lines break only after a comma or a bar.</summary>
    private static string Glued(string text) => text.Replace(' ', LineWrapper.Glue)
        .Replace($",{LineWrapper.Glue}", ", ", StringComparison.Ordinal)
        .Replace($"{LineWrapper.Glue}|{LineWrapper.Glue}", " | ", StringComparison.Ordinal);

    public void End(RunTally? tally)
    {
        if (tally is null)
        {
            return;
        }
        output.WriteLine($"== 汇总 summary: {tally.Files} 份报告 reports");
        LineWrapper.Write(output, Glued($"{tally.Passed} 通过 pass, {tally.Failed} 不通过 fail, {tally.Unreadable} 无法读取 unreadable"),
            width, Indent, Indent);
        output.WriteLine($"{Indent}{"rule",-44} {"severity",-8} {"findings",8} {"reports",8}");
        foreach (var (rule, counts) in tally.ByRule)
        {
            output.WriteLine($"{Indent}{rule,-44} {Names.Of(counts.Severity),-8} {counts.Findings,8} {counts.Reports,8}");
        }
    }
}
