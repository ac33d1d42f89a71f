using System.Globalization;
using ReportValidation.Rules.Analysis;
using ReportValidation.Template;
using ReportValidation.V1;

namespace ReportValidation.Rules;

/// <summary>What the checks of one evaluation share: the report laid out once, and the findings so far.</summary>
public sealed class RuleContext
{
    private Arithmetic? _arithmetic;
    private ReportGrid? _previousGrid;
    private IReadOnlyList<Mention>? _mentions;
    private readonly Dictionary<Section, string> _folded = new(ReferenceEqualityComparer.Instance);

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
    public IReadOnlyList<Mention> Mentions => _mentions ??= NarrativeMentions.Read(Report, TextOf, CancellationToken);

    /// <summary>
    /// A section's text as every text rule reads it: traditional script, Kangxi radicals and
    /// full-width forms folded character for character (offsets unchanged), folded once.
    /// </summary>
    public string TextOf(Section section)
    {
        if (!_folded.TryGetValue(section, out var text))
        {
            text = Parsing.LabelText.FoldCharacters(section.Text);
            _folded[section] = text;
        }
        return text;
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
