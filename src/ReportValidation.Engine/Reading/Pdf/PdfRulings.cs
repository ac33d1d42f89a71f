using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;

namespace ReportValidation.Reading.Pdf;

/// <summary>A horizontal or vertical line the printer drew: a table ruling, in page points.</summary>
/// <param name="Position">The y of a horizontal ruling, the x of a vertical one.</param>
/// <param name="From">Where it starts along its length (the smaller x or y).</param>
/// <param name="To">Where it ends along its length.</param>
internal readonly record struct Ruling(bool Horizontal, double Position, double From, double To)
{
    public double Length => To - From;

    /// <summary>Whether the ruling passes <paramref name="along"/> (a coordinate along its length).</summary>
    public bool Covers(double along, double tolerance) => From - tolerance <= along && along <= To + tolerance;
}

/// <summary>
/// The rulings of a page: stroked straight segments (Word and LibreOffice draw cell borders that way)
/// and thin filled rectangles (other printers draw them so), collinear pieces joined. Curves, clips
/// and cell shading are not rulings.
/// </summary>
internal static class PdfRulings
{
    // A page with more segments than this is a drawing or a chart, not a form: it is read as text.
    private const int MaxSegments = 5000;
    private const double Thin = 2.0;
    private const double Straight = 0.6;
    private const double MinLength = 3.0;
    private const double JoinGap = 1.5;

    public static List<Ruling> Read(Page page)
    {
        var segments = new List<Ruling>();
        foreach (var path in page.Paths)
        {
            if (path.IsClipping)
            {
                continue;
            }
            foreach (var subpath in path)
            {
                if (path.IsStroked)
                {
                    AddStroked(subpath, segments);
                }
                else if (path.IsFilled && subpath.GetBoundingRectangle() is { } box)
                {
                    AddThinRectangle(box, segments);
                }
            }
            if (segments.Count > MaxSegments)
            {
                return [];
            }
        }
        return Join(segments);
    }

    private static void AddStroked(PdfSubpath subpath, List<Ruling> segments)
    {
        PdfPoint? start = null;
        PdfPoint? current = null;
        foreach (var command in subpath.Commands)
        {
            switch (command)
            {
                case PdfSubpath.Move move:
                    start = current = move.Location;
                    break;
                case PdfSubpath.Line line:
                    Add(line.From, line.To, segments);
                    current = line.To;
                    break;
                case PdfSubpath.BezierCurve curve:
                    current = curve.EndPoint;
                    break;
                case PdfSubpath.Close when start is { } s && current is { } c:
                    Add(c, s, segments);
                    current = s;
                    break;
            }
        }
    }

    private static void AddThinRectangle(PdfRectangle box, List<Ruling> segments)
    {
        if (box.Height <= Thin && box.Width >= MinLength)
        {
            segments.Add(new Ruling(true, (box.Bottom + box.Top) / 2, box.Left, box.Right));
        }
        else if (box.Width <= Thin && box.Height >= MinLength)
        {
            segments.Add(new Ruling(false, (box.Left + box.Right) / 2, box.Bottom, box.Top));
        }
    }

    private static void Add(PdfPoint a, PdfPoint b, List<Ruling> segments)
    {
        var dx = Math.Abs(a.X - b.X);
        var dy = Math.Abs(a.Y - b.Y);
        if (dy <= Straight && dx >= MinLength)
        {
            segments.Add(new Ruling(true, (a.Y + b.Y) / 2, Math.Min(a.X, b.X), Math.Max(a.X, b.X)));
        }
        else if (dx <= Straight && dy >= MinLength)
        {
            segments.Add(new Ruling(false, (a.X + b.X) / 2, Math.Min(a.Y, b.Y), Math.Max(a.Y, b.Y)));
        }
    }

    /// <summary>Pieces on one line (positions within a ruling's width) that touch or overlap become one ruling.</summary>
    private static List<Ruling> Join(List<Ruling> segments)
    {
        var joined = new List<Ruling>(segments.Count);
        foreach (var horizontal in new[] { true, false })
        {
            var sorted = segments.Where(s => s.Horizontal == horizontal).OrderBy(s => s.Position).ThenBy(s => s.From).ToList();
            var i = 0;
            while (i < sorted.Count)
            {
                var j = i + 1;
                while (j < sorted.Count && sorted[j].Position - sorted[j - 1].Position <= Thin)
                {
                    j++;
                }
                var line = sorted.GetRange(i, j - i);
                var position = line.Average(s => s.Position);
                Ruling? open = null;
                foreach (var s in line.OrderBy(s => s.From))
                {
                    if (open is { } o && s.From <= o.To + JoinGap)
                    {
                        open = o with { To = Math.Max(o.To, s.To) };
                        continue;
                    }
                    if (open is { } done)
                    {
                        joined.Add(done);
                    }
                    open = new Ruling(horizontal, position, s.From, s.To);
                }
                joined.Add(open!.Value);
                i = j;
            }
        }
        return joined;
    }
}
