using System.Buffers;
using System.Globalization;
using ReportValidation.Rules.Analysis;
using ReportValidation.Template;
using ReportValidation.V1;

namespace ReportValidation.Rules;

/// <summary>
/// What the checks of one evaluation share: the report laid out once, its sections' text folded once,
/// and the findings so far. Disposing it gives the folded text's buffer, the grids' and the
/// identities' arrays back to the pool.
/// </summary>
public sealed class RuleContext : IDisposable
{
    private Arithmetic? _arithmetic;
    private ReportGrid? _previousGrid;
    private IReadOnlyList<Mention>? _mentions;
    // Each section's text folded at its first reading, at its place in report order, in an array rented
    // from the pool; which sections are folded so far.
    private char[]? _folded;
    private bool[]? _isFolded;
    private int _lastIndex, _lastStart;

    public RuleContext(Report report, Report? previous, ValidationOptions? options, CancellationToken cancellationToken)
    {
        Report = report;
        Previous = previous;
        Options = options;
        CancellationToken = cancellationToken;
        Version = CellCatalog.EffectiveVersion(report);
        Layout = CellCatalog.For(Version);
        Grid = new ReportGrid(report, Layout);
    }

    public Report Report { get; }
    public Report? Previous { get; }
    public ValidationOptions? Options { get; }
    public CancellationToken CancellationToken { get; }
    public TemplateVersion Version { get; }
    public TemplateLayout Layout { get; }
    public ReportGrid Grid { get; }
    public List<Finding> Findings { get; } = [];

    /// <summary>The figures the narrative states, read once and shared by the text rules.</summary>
    public IReadOnlyList<Mention> Mentions => _mentions ??= NarrativeMentions.Read(this);

    /// <summary>
    /// A section's text as every text rule reads it: traditional script, Kangxi radicals and
    /// full-width forms folded character for character (offsets unchanged). Folded once, into one
    /// pooled buffer for all sections: no string per section, nothing on the large-object heap for a
    /// long report.
    /// </summary>
    public ReadOnlySpan<char> TextOf(Section section)
    {
        var sections = Report.Sections;
        if (_folded is null)
        {
            var length = 0;
            foreach (var each in sections)
            {
                length += each.Text.Length;
            }
            _folded = ArrayPool<char>.Shared.Rent(length);
            _isFolded = new bool[sections.Count];
        }
        if (!TryLocate(section, out var index, out var start))
        {
            return Parsing.LabelText.FoldCharacters(section.Text); // not this report's section
        }
        var folded = _folded.AsSpan(start, section.Text.Length);
        if (!_isFolded![index])
        {
            Parsing.LabelText.FoldCharacters(section.Text, folded);
            _isFolded[index] = true;
        }
        return folded;
    }

    /// <summary>
    /// Where a section stands in the report and in the folded buffer. The rules read sections in
    /// report order, so the search starts at the last one found: a long report stays linear.
    /// </summary>
    private bool TryLocate(Section section, out int index, out int start)
    {
        var sections = Report.Sections;
        for (var round = 0; round < 2; round++)
        {
            (index, start) = round == 0 ? (_lastIndex, _lastStart) : (0, 0);
            for (; index < sections.Count; index++)
            {
                if (ReferenceEquals(sections[index], section))
                {
                    (_lastIndex, _lastStart) = (index, start);
                    return true;
                }
                start += sections[index].Text.Length;
            }
        }
        (index, start) = (-1, 0);
        return false;
    }

    public void Dispose()
    {
        _arithmetic?.Dispose();
        Grid.Dispose();
        _previousGrid?.Dispose();
        if (_folded is { } folded)
        {
            _folded = null;
            ArrayPool<char>.Shared.Return(folded);
        }
    }

    /// <summary>The identities evaluated once, shared by the arithmetic rules.</summary>
    public Arithmetic Arithmetic => _arithmetic ??= new Arithmetic(Grid, Identities.For(Version));

    /// <summary>Last year's report laid out in its own template version.</summary>
    public ReportGrid? PreviousGrid => Previous is null
        ? null
        : _previousGrid ??= new ReportGrid(Previous, CellCatalog.For(CellCatalog.EffectiveVersion(Previous)));

    /// <summary>The first section with this ordinal (1..6), or null when absent.</summary>
    public Section? Section(int ordinal)
    {
        // By index, here and in the rules: a RepeatedField's enumerator is an iterator, an object per loop.
        for (var index = 0; index < Report.Sections.Count; index++)
        {
            var section = Report.Sections[index];
            if (section.Ordinal == ordinal)
            {
                return section;
            }
        }
        return null;
    }

    public Finding Add(Rule rule, string messageZh, string messageEn, Location? location = null,
        FindingOrigin origin = FindingOrigin.Report, Severity? severity = null)
    {
        var finding = new Finding
        {
            RuleId = rule.Id,
            Severity = severity ?? rule.Severity,
            MessageZh = messageZh,
            MessageEn = messageEn,
            Location = location ?? new Location(),
            Origin = origin,
        };
        Findings.Add(finding);
        return finding;
    }

    public static Location At(SourceSpan? span, string table = "", string row = "", string column = "", int section = 0)
    {
        var location = new Location { Table = table, Row = row, Column = column, Section = section };
        if (span is not null)
        {
            location.Line = span.Line;
            location.LineColumn = span.Column;
            location.StartOffset = span.StartOffset;
            location.EndOffset = span.EndOffset;
            location.Span = span;
        }
        return location;
    }

    public static Location At(CellSlot slot, Cell? cell) =>
        At(cell?.Span, slot.Table, slot.Row, slot.Column);

    public Location AtRow(RowSlot row)
    {
        var span = row.Source(Report)?.LabelSpan ?? TableSpan(row.Table);
        return At(span, row.Table, row.Row);
    }

    public SourceSpan? TableSpan(string table) => table switch
    {
        CellCatalog.Applications => Report.Applications?.Span,
        CellCatalog.ReviewLitigation => Report.ReviewLitigation?.Span,
        _ => Report.ActiveDisclosure?.Span,
    };

    public static CellRef Ref(CellSlot slot, Cell? cell)
    {
        var reference = new CellRef
        {
            Table = slot.Table,
            Row = slot.Row,
            Column = slot.Column,
            Raw = cell?.Raw ?? "",
            State = cell?.State ?? CellState.Missing,
        };
        if (cell?.Span is { } span)
        {
            reference.Span = span;
        }
        return reference;
    }

    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>How a non-number cell reads to a clerk.</summary>
    public static string Describe(Cell? cell) => cell?.State switch
    {
        CellState.Blank => cell.Raw.Length == 0 ? "空白" : $"“{cell.Raw}”（空白）",
        CellState.Text => $"文字“{cell.Raw}”",
        CellState.Number => cell.Raw,
        _ => "未读取到",
    };

    public static string DescribeEn(Cell? cell) => cell?.State switch
    {
        CellState.Blank => cell.Raw.Length == 0 ? "blank" : $"\"{cell.Raw}\" (blank)",
        CellState.Text => $"text \"{cell.Raw}\"",
        CellState.Number => cell.Raw,
        _ => "not read",
    };
}
