using System.Globalization;
using ReportValidation.V1;

namespace ReportValidation.Cli.Output;

/// <summary>
/// A table for spreadsheets: a header, then one row per finding (a report without findings gets one
/// row with its verdict and empty finding columns, so every report is listed). RFC 4180: CRLF line
/// ends, fields with a comma, quote or line break quoted and quotes doubled. UTF-8 with a byte order
/// mark, which is what makes Excel read the Chinese as UTF-8 rather than the system code page.
/// </summary>
internal sealed class CsvReport(TextWriter output) : IReportWriter
{
    public static readonly string[] Header =
        ["file", "year", "template", "passes", "severity", "rule_id", "line", "table", "row", "column", "message_zh", "message_en"];

    public void Begin()
    {
        output.Write('\uFEFF');
        WriteRow(Header);
    }

    public void Write(string file, ValidationResult result)
    {
        var report = result.Report;
        string[] reportColumns = [file, report.Year > 0 ? Number(report.Year) : "", Names.Of(report.TemplateVersion),
            result.Summary.Passes ? "true" : "false"];
        if (result.Findings.Count == 0)
        {
            WriteRow([.. reportColumns, "", "", "", "", "", "", "", ""]);
        }
        foreach (var finding in result.Findings.OrderByDescending(f => f.Severity).ThenBy(f => f.Location?.Line ?? 0))
        {
            var location = finding.Location;
            WriteRow([.. reportColumns, Names.Of(finding.Severity), finding.RuleId,
                location is { Line: > 0 } ? Number(location.Line) : "",
                location?.Table ?? "", location?.Row ?? "", location?.Column ?? "",
                finding.MessageZh, finding.MessageEn]);
        }
    }

    public void End(RunTally? tally)
    {
    }

    private void WriteRow(IEnumerable<string> fields)
    {
        output.Write(string.Join(',', fields.Select(Field)));
        output.Write("\r\n");
    }

    private static string Field(string value)
    {
        // A cell starting with = + - @ is a formula to a spreadsheet; messages quote the report's own text.
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
