using ReportValidation.Reading;
using ReportValidation.Template;
using ReportValidation.V1;

namespace ReportValidation.Parsing;

/// <summary>A section heading line: which of the six it is, and where.</summary>
public readonly record struct SectionHeading(int Ordinal, int LineIndex);

/// <summary>
/// Finds the six section headings (format.md §3) by ordinal plus keywords, never by exact string:
/// "四、因政府信息公开工作被申请复议…" and "五、当前存在的主要问题及下一步改进措施" are headings,
/// while the rows of table 三 that start with 一、 to 四、 are not.
/// </summary>
public static class SectionReader
{
    private static readonly string[][] Keywords =
    [
        ["总体情况", "总体", "概述", "基本情况"],
        ["主动公开"],
        ["申请"],
        ["复议", "诉讼"],
        ["问题", "改进", "不足"],
        ["其他需要报告", "其他", "其它", "需要报告"],
    ];

    private static readonly string[][] Excluded =
    [
        ["本年新收"],
        ["上年结转"],
        [ApplicationsTemplate.Results.NameZh, "办理结果"],
        ["结转下年"],
        [],
        [],
    ];

    public static List<SectionHeading> FindHeadings(SourceDocument document)
    {
        var headings = new List<SectionHeading>(8);
        var lines = document.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            var cells = lines[i].Cells;
            if (cells.Count != 1 || cells[0].Length > 48)
            {
                continue;
            }
            var ordinal = HeadingOrdinal(cells[0].AsSpan());
            if (ordinal > 0)
            {
                headings.Add(new SectionHeading(ordinal, i));
            }
        }
        return headings;
    }

    /// <summary>The ordinal 1..6 of a heading line, or 0 when the text is no section heading.</summary>
    public static int HeadingOrdinal(string text) => HeadingOrdinal(text.AsSpan());

    /// <inheritdoc cref="HeadingOrdinal(string)"/>
    public static int HeadingOrdinal(ReadOnlySpan<char> text)
    {
        var s = WhiteSpace.Trim(text);
        if (s.Length < 3)
        {
            return 0;
        }
        // Most lines start with no ordinal: told by one switch, not a search of the six.
        var ordinal = s[0] switch
        {
            '一' => 1,
            '二' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            _ => 0,
        };
        if (ordinal == 0 || s[1] is not ('、' or '.' or '．' or '，' or ',' or ' ' or '\u3000' or ':' or '：'))
        {
            return 0;
        }
        // Folded and simplified, so traditional-script headings (一、總體情況) match too.
        var tail = s[2..];
        var buffer = tail.Length <= 256 ? stackalloc char[tail.Length] : new char[tail.Length];
        var rest = buffer[..LabelText.Normalize(tail, buffer)];
        foreach (var excluded in Excluded[ordinal - 1])
        {
            if (rest.IndexOf(excluded, StringComparison.Ordinal) >= 0)
            {
                return 0;
            }
        }
        foreach (var keyword in Keywords[ordinal - 1])
        {
            if (rest.IndexOf(keyword, StringComparison.Ordinal) >= 0)
            {
                return ordinal;
            }
        }
        return 0;
    }

    /// <summary>The sections in document order; each section's text runs to the next heading.</summary>
    public static List<Section> Read(SourceDocument document, List<SectionHeading> headings)
    {
        var sections = new List<Section>(headings.Count);
        for (var h = 0; h < headings.Count; h++)
        {
            var line = document.Lines[headings[h].LineIndex];
            var cell = line.Cells[0];
            var start = Math.Min(line.End + 1, document.Text.Length);
            var end = h + 1 < headings.Count ? document.Lines[headings[h + 1].LineIndex].Start : document.Text.Length;
            end = Math.Max(start, end);
            sections.Add(new Section
            {
                Ordinal = headings[h].Ordinal,
                Heading = cell.AsSpan().Trim().ToString(),
                Text = document.Text[start..end],
                HeadingSpan = document.Span(cell),
                Span = document.Span(start, end),
            });
        }
        return sections;
    }
}
