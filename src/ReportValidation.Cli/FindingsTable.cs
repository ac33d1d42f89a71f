using ReportValidation.V1;

namespace ReportValidation.Cli;

/// <summary>The human-readable output: one block per file, a line per finding, Chinese then English.</summary>
internal static class FindingsTable
{
    public static void Write(TextWriter output, string file, ValidationResult result)
    {
        var report = result.Report;
        var summary = result.Summary;
        var verdict = summary.Passes ? "通过 PASS" : "不通过 FAIL";
        output.WriteLine($"== {file}");
        output.WriteLine($"   {report.Title} | 年度 year {(report.Year > 0 ? report.Year : "?")} | 模板 template {Template(report.TemplateVersion)} | {verdict} | 错误 errors {summary.Errors}, 警告 warnings {summary.Warnings}, 提示 infos {summary.Infos}");
        foreach (var finding in result.Findings.OrderByDescending(f => f.Severity).ThenBy(f => f.Location?.Line ?? 0))
        {
            var location = finding.Location;
            var where = location is null ? "" : string.Join('/', new[] { location.Table, location.Row, location.Column }.Where(s => s.Length > 0));
            var line = location is { Line: > 0 } ? $"L{location.Line}" : "";
            output.WriteLine($"   {CommandLine.SeverityName(finding.Severity),-7} {finding.RuleId,-44} {line,-6} {where}");
            output.WriteLine($"           {finding.MessageZh}");
            output.WriteLine($"           {finding.MessageEn}");
        }
        output.WriteLine();
    }

    public static void WriteSummary(TextWriter output, int files, SortedDictionary<string, (Severity Severity, int Count, int Files)> byRule)
    {
        output.WriteLine($"== 汇总 summary: {files} 份报告 reports");
        output.WriteLine($"   {"rule",-48} {"severity",-8} {"findings",8} {"reports",8}");
        foreach (var (rule, (severity, count, reports)) in byRule)
        {
            output.WriteLine($"   {rule,-48} {CommandLine.SeverityName(severity),-8} {count,8} {reports,8}");
        }
    }

    private static string Template(TemplateVersion version) => version switch
    {
        TemplateVersion._2019 => "2019",
        TemplateVersion._2021 => "2021",
        _ => "?",
    };
}
