using ReportValidation.Rules.Analysis;
using ReportValidation.V1;

namespace ReportValidation.Rules;

/// <summary>
/// document.*: what the document is before what it says. A text with no section heading, no table
/// and no report title ("hello world", a wrong file, text garbled by a wrong decoding) is no annual
/// report: one finding that says so stands instead of a structural error for every missing part.
/// </summary>
public static class DocumentRules
{
    /// <summary>The rules of this group.</summary>
    public static IReadOnlyList<Rule> All => [NotAReport];

    public static Rule NotAReport { get; } = new("document.not_a_report", Severity.Error, "document",
        "文档不是政府信息公开工作年度报告",
        "the document is not an annual report: no section heading, no table, no title",
        TemplateVersions.Both, CheckNotAReport);

    /// <summary>No heading of the six sections, none of the three tables and no report title.</summary>
    public static bool IsNotAReport(Report report) =>
        report.Sections.Count == 0 && report.Title.Length == 0
        && !ReportGrid.TableFound(report, Template.CellCatalog.ActiveDisclosure)
        && !ReportGrid.TableFound(report, Template.CellCatalog.Applications)
        && !ReportGrid.TableFound(report, Template.CellCatalog.ReviewLitigation);

    private static void CheckNotAReport(RuleContext context)
    {
        if (!IsNotAReport(context.Report))
        {
            return;
        }
        context.Add(NotAReport,
            "未能识别出年度报告的标题、六个部分的标题或任何一张表格，该文档似乎不是政府信息公开工作年度报告（或文字编码有误、内容不完整）。请检查所提交的文件。",
            "No report title, section heading or table was found: this does not look like an annual report (or its text is garbled or incomplete).",
            RuleContext.At(null));
    }
}
