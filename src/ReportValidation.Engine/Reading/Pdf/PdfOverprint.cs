using UglyToad.PdfPig.Content;

namespace ReportValidation.Reading.Pdf;

/// <summary>
/// Text the printer set over other text: a label too wide for its narrow column runs on over the next
/// cell's text on the same line ("三、本年度办理结果" over "（一）予以公开"). The letters' positions
/// interleave, but the printer drew each text in one go, left to right: a run of letters that advance
/// in drawing order, letter after letter, is one text, and two runs on one line whose spans overlap
/// are two texts, each in the cell where it starts.
/// </summary>
internal static class PdfOverprint
{
    /// <summary>For every letter of an overprinted run, the run's first letter; other letters are not in it.</summary>
    public static Dictionary<Letter, Letter> RunStarts(List<Letter> letters)
    {
        var runs = Runs(letters);
        runs.Sort((a, b) => b[0].StartBaseLine.Y.CompareTo(a[0].StartBaseLine.Y));
        var overprinted = new HashSet<int>();
        for (var i = 0; i < runs.Count; i++)
        {
            for (var j = i + 1; j < runs.Count && SameLine(runs[i][0], runs[j][0]); j++)
            {
                var overlap = Math.Min(PdfText.Right(runs[i][^1]), PdfText.Right(runs[j][^1])) - Math.Max(PdfText.Left(runs[i][0]), PdfText.Left(runs[j][0]));
                if (overlap > PdfText.Size(runs[i][0]) * 0.3)
                {
                    overprinted.Add(i);
                    overprinted.Add(j);
                }
            }
        }
        var starts = new Dictionary<Letter, Letter>(ReferenceEqualityComparer.Instance);
        foreach (var run in overprinted.Select(i => runs[i]))
        {
            foreach (var letter in run)
            {
                starts[letter] = run[0];
            }
        }
        return starts;
    }

    /// <summary>
    /// Letters in drawing order, one run while each stays on the line and goes on right after the one
    /// before (a gap wider than a character is the next cell's text).
    /// </summary>
    private static List<List<Letter>> Runs(List<Letter> letters)
    {
        var runs = new List<List<Letter>>();
        List<Letter>? run = null;
        foreach (var letter in letters)
        {
            if (string.IsNullOrWhiteSpace(letter.Value))
            {
                continue;
            }
            var step = run is null ? 0 : PdfText.Left(letter) - PdfText.Right(run[^1]);
            if (run is null || !SameLine(run[^1], letter) || step < -PdfText.Size(letter) * 0.3 || step > PdfText.Size(letter))
            {
                run = [];
                runs.Add(run);
            }
            run.Add(letter);
        }
        return runs;
    }

    private static bool SameLine(Letter a, Letter b) =>
        Math.Abs(a.StartBaseLine.Y - b.StartBaseLine.Y) <= Math.Max(PdfText.Size(a), PdfText.Size(b)) * 0.35;
}
