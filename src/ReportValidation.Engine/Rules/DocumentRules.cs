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
    public static IReadOnlyList<Rule> All => [NotAReport, TextRepaired];

    public static Rule TextRepaired { get; } = new("document.text_repaired", Severity.Warning, "document",
        "文本中有无法解码的字节（已替换为�）或空字符（已删除）",
        "bytes invalid in the text's encoding were replaced (U+FFFD), or NUL bytes dropped",
        TemplateVersions.Both, CheckTextRepaired);

    /// <summary>
    /// What decoding repaired, at the first place: replaced bytes lose text (a warning: the clerk
    /// should look there), dropped NULs lose nothing (info).
    /// </summary>
    private static void CheckTextRepaired(RuleContext context)
    {
        // By index: a RepeatedField's enumerator is an object per loop.
        for (var index = 0; index < context.Report.ReadingNotes.Count; index++)
        {
            var note = context.Report.ReadingNotes[index];
            var line = note.First?.Line ?? 0;
            var finding = note.Kind == ReadingNoteKind.NulDropped
                ? context.Add(TextRepaired,
                    $"文档中有{note.Count}个空字符（NUL），已删除后读取；第一个在第{line}行。",
                    $"{note.Count} NUL byte(s) were dropped; the first stood on line {line}.",
                    RuleContext.At(note.First), severity: Severity.Info)
                : context.Add(TextRepaired,
                    $"文档按{note.Encoding}读取，其中{note.Count}处字节无法解码，已替换为“�”；第一处在第{line}行，请核对该处文字（文件可能被截断或损坏）。",
                    $"Read as {note.Encoding}; {note.Count} invalid byte sequence(s) were replaced by U+FFFD, the first on line {line} (a truncated or damaged file?).",
                    RuleContext.At(note.First));
            finding.Actual = $"{note.Count}";
        }
    }

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
