using ReportValidation.Reading;
using ReportValidation.Template;

namespace ReportValidation.Parsing;

/// <summary>
/// Where each table stands: after its section heading when there is one, else at the first line
/// that only that table has (第二十条, 勾稽关系/申请人情况, the review heading); up to the next table or heading.
/// </summary>
internal readonly record struct TableRegions(LineRange ActiveDisclosure, LineRange Applications, LineRange ReviewLitigation)
{
    public static TableRegions Find(SourceDocument document, List<SectionHeading> headings)
    {
        var lines = document.Lines;
        var start2 = HeadingLine(headings, 2);
        var start3 = HeadingLine(headings, 3);
        var start4 = HeadingLine(headings, 4);
        if (start2 < 0 || start3 < 0 || start4 < 0)
        {
            Span<char> buffer = stackalloc char[80];
            for (var i = 0; i < lines.Count; i++)
            {
                if (lines[i].IsBlank)
                {
                    continue;
                }
                var raw = lines[i].Cells[0].AsSpan();
                if (raw.Length > 80)
                {
                    continue;
                }
                var text = buffer[..LabelText.Normalize(raw, buffer)];
                if (start2 < 0 && text.IndexOf("第二十条", StringComparison.Ordinal) >= 0)
                {
                    start2 = i;
                }
                else if (start3 < 0 && (text.IndexOf("勾稽关系", StringComparison.Ordinal) >= 0 || text.IndexOf("申请人情况", StringComparison.Ordinal) >= 0))
                {
                    start3 = i;
                }
                else if (start4 < 0 && start3 >= 0 && i > start3 && text.SequenceEqual(ReviewLitigationTemplate.Review.LabelZh))
                {
                    start4 = i;
                }
            }
        }
        var starts = new[] { start2, start3, start4 };
        return new TableRegions(Range(starts[0], starts, headings, lines.Count),
            Range(starts[1], starts, headings, lines.Count),
            Range(starts[2], starts, headings, lines.Count));
    }

    private static int HeadingLine(List<SectionHeading> headings, int ordinal)
    {
        foreach (var heading in headings)
        {
            if (heading.Ordinal == ordinal)
            {
                return heading.LineIndex + 1;
            }
        }
        return -1;
    }

    private static LineRange Range(int start, int[] starts, List<SectionHeading> headings, int lineCount)
    {
        if (start < 0)
        {
            return new LineRange(0, 0);
        }
        var end = lineCount;
        foreach (var other in starts)
        {
            if (other > start && other < end)
            {
                end = other;
            }
        }
        foreach (var heading in headings)
        {
            if (heading.LineIndex >= start && heading.LineIndex < end)
            {
                end = heading.LineIndex;
            }
        }
        return new LineRange(start, Math.Max(start, end));
    }
}
