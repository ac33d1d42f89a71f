using System.Buffers;
using System.Text;
using ReportValidation.Template;
using ReportValidation.V1;

namespace ReportValidation.Rules.Analysis;

public enum IdentityStatus
{
    Holds,
    Fails,
    /// <summary>A cell in it is blank, text or missing: neither holds nor fails.</summary>
    Undecided,
    /// <summary>A row in it is missing or could not be assigned to columns: structure rules speak for it.</summary>
    Skipped,
}

public readonly record struct IdentityOutcome(IdentityStatus Status, long Left, long Right)
{
    public long Residual => Left - Right;
}

/// <summary>A cell named as the root cause of failing identities, with the value that makes them hold.</summary>
public sealed record Suspect(CellSlot Cell, long Actual, long Corrected, string Diagnosis, int Alternatives,
    CellSlot? Partner = null, int IdentitiesFixed = 0)
{
    /// <summary>For a row whose values could not be assigned: the source text of the split value and where it stands.</summary>
    public string? SourceRaw { get; init; }
    public SourceSpan? SourceSpan { get; init; }
}

/// <summary>
/// The one evaluator of the identities: evaluates every compiled identity over the grid, and
/// searches for the cell whose correction makes all failing identities hold. Its arrays are rented
/// from the pool (they may be longer than the layout's cells and identities); disposing gives them back.
/// </summary>
public sealed class Arithmetic : IDisposable
{
    // Enough for every identity of a template version (2021: 25 rows + 14 columns + 3 in table 四).
    private const int MaxIdentities = 64;

    private readonly ReportGrid _grid;
    private readonly Identities.Compiled _identities;
    private readonly bool[] _usable;

    public Arithmetic(ReportGrid grid, Identities.Compiled identities)
    {
        _grid = grid;
        _identities = identities;
        var cells = grid.Layout.Cells;
        _usable = ArrayPool<bool>.Shared.Rent(cells.Count);
        for (var i = 0; i < cells.Count; i++)
        {
            _usable[i] = grid.RowStates[cells[i].RowSlot.Index] == RowState.Usable;
        }
        var all = identities.All;
        if (all.Count > MaxIdentities)
        {
            throw new InvalidOperationException("too many identities for the suspect search's bit sets");
        }
        Outcomes = ArrayPool<IdentityOutcome>.Shared.Rent(all.Count);
        for (var i = 0; i < all.Count; i++)
        {
            Outcomes[i] = Evaluate(all[i], grid.Values, grid.Known, _usable);
        }
    }

    private bool _disposed;

    /// <summary>Gives the arrays back to the pool: the evaluator must not be used after.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        ArrayPool<bool>.Shared.Return(_usable);
        ArrayPool<IdentityOutcome>.Shared.Return(Outcomes);
    }

    public IReadOnlyList<Identity> Identities => _identities.All;
    public IdentityOutcome[] Outcomes { get; }

    private static IdentityOutcome Evaluate(Identity identity, long[] values, bool[] known, bool[] usable)
    {
        var undecided = false;
        long left = 0, right = 0;
        foreach (var i in identity.LeftIndex)
        {
            if (!usable[i])
            {
                return new IdentityOutcome(IdentityStatus.Skipped, 0, 0);
            }
            undecided |= !known[i];
            left += values[i];
        }
        foreach (var i in identity.RightIndex)
        {
            if (!usable[i])
            {
                return new IdentityOutcome(IdentityStatus.Skipped, 0, 0);
            }
            undecided |= !known[i];
            right += values[i];
        }
        if (undecided)
        {
            return new IdentityOutcome(IdentityStatus.Undecided, left, right);
        }
        return new IdentityOutcome(left == right ? IdentityStatus.Holds : IdentityStatus.Fails, left, right);
    }

    /// <summary>"5+1+0" for the terms of one side, as a clerk would add them.</summary>
    public string Terms(CellSlot[] side)
    {
        var builder = new StringBuilder();
        foreach (var cell in side)
        {
            if (builder.Length > 0)
            {
                builder.Append('+');
            }
            builder.Append(_grid.Known[cell.Index] ? RuleContext.Format(_grid.Values[cell.Index]) : "?");
        }
        return builder.ToString();
    }

    /// <summary>
    /// Root causes of the failing identities, table by table: a single cell whose corrected value
    /// makes every failing identity hold and breaks none that holds; else two such cells covering
    /// the failures between them; else one application counted under the wrong applicant type
    /// (equal and opposite errors in two columns of one row). Cells whose raw text is digits split
    /// by spaces are also tried joined, which is how extraction splits "12" into "1 2".
    /// </summary>
    public List<Suspect> FindSuspects()
    {
        var suspects = new List<Suspect>();
        FindIn(CellCatalog.Applications, suspects);
        FindIn(CellCatalog.ReviewLitigation, suspects);
        FindSplitDigitsInText(suspects);
        FindSplitDigitsInRows(suspects);
        return suspects;
    }

    /// <summary>
    /// A row that carried one value too many: the source split a number over two cells ("1 | 2").
    /// When joining one adjacent pair (not starting with 0) gives the row's values and every identity
    /// through the row then holds, and no other pair does, name the joined cell.
    /// </summary>
    private void FindSplitDigitsInRows(List<Suspect> suspects)
    {
        var layout = _grid.Layout;
        foreach (var row in layout.Rows)
        {
            if (row.Table == CellCatalog.ActiveDisclosure || _grid.RowStates[row.Index] != RowState.Incomplete)
            {
                continue;
            }
            var source = row.Source(_grid.Report);
            if (source is null || source.UnassignedValues.Count != row.CellCount + 1)
            {
                continue;
            }
            var read = new long[row.CellCount + 1];
            var ok = true;
            for (var i = 0; i < read.Length && ok; i++)
            {
                ok = ReportGrid.TryInteger(source.UnassignedValues[i], out read[i]) && read[i] >= 0;
            }
            if (!ok)
            {
                continue;
            }
            var values = (long[])_grid.Values.Clone();
            var known = (bool[])_grid.Known.Clone();
            var usable = (bool[])_usable.Clone();
            int? found = null;
            long joinedValue = 0;
            for (var k = 0; k < row.CellCount; k++)
            {
                var first = source.UnassignedValues[k].Raw.Trim();
                var second = source.UnassignedValues[k + 1].Raw.Trim();
                if (first.Length == 0 || first[0] == '0' || !long.TryParse(first + second, System.Globalization.NumberStyles.None,
                        System.Globalization.CultureInfo.InvariantCulture, out var joined))
                {
                    continue;
                }
                for (var c = 0; c < row.CellCount; c++)
                {
                    var index = row.FirstCell + c;
                    values[index] = c < k ? read[c] : c == k ? joined : read[c + 1];
                    known[index] = true;
                    usable[index] = true;
                }
                if (AllHoldThrough(row, values, known, usable))
                {
                    if (found is not null)
                    {
                        found = null;
                        break;
                    }
                    found = k;
                    joinedValue = joined;
                }
            }
            if (found is int at)
            {
                var firstCell = source.UnassignedValues[at];
                var secondCell = source.UnassignedValues[at + 1];
                suspects.Add(new Suspect(layout.Cells[row.FirstCell + at], read[at], joinedValue, "split_digits", 0)
                {
                    SourceRaw = firstCell.Raw + " " + secondCell.Raw,
                    SourceSpan = firstCell.Span,
                });
            }
        }
    }

    /// <summary>Every identity through the row is decided and holds with the trial values.</summary>
    private bool AllHoldThrough(RowSlot row, long[] values, bool[] known, bool[] usable)
    {
        var decided = 0;
        ulong seen = 0;
        for (var i = row.FirstCell; i < row.FirstCell + row.CellCount; i++)
        {
            foreach (var (identity, _) in _identities.ByCell[i])
            {
                if ((seen & (1UL << identity)) != 0)
                {
                    continue;
                }
                seen |= 1UL << identity;
                var outcome = Evaluate(_identities.All[identity], values, known, usable);
                if (outcome.Status == IdentityStatus.Fails)
                {
                    return false;
                }
                decided += outcome.Status == IdentityStatus.Holds ? 1 : 0;
            }
        }
        return decided > 0;
    }

    /// <summary>
    /// The root cause of the failing identities of one table: one cell that explains them all, else
    /// two cells that share no identity, else (table 三) an application counted in the wrong column.
    /// </summary>
    private void FindIn(string table, List<Suspect> suspects)
    {
        var failing = FailingIn(table);
        if (failing == 0)
        {
            return;
        }
        var candidates = LocalCorrections(table);
        if (AddSingles(candidates, failing, suspects) || AddPair(candidates, failing, suspects))
        {
            return;
        }
        if (table == CellCatalog.Applications)
        {
            FindMisclassified(failing, suspects);
        }
    }

    private readonly record struct Candidate(CellSlot Cell, long Corrected, ulong Covers);

    private ulong FailingIn(string table)
    {
        var all = _identities.All;
        ulong failing = 0;
        for (var i = 0; i < all.Count; i++)
        {
            if (Outcomes[i].Status == IdentityStatus.Fails && all[i].Table == table)
            {
                failing |= 1UL << i;
            }
        }
        return failing;
    }

    /// <summary>Cells that alone explain the failing identities they take part in.</summary>
    private List<Candidate> LocalCorrections(string table)
    {
        var candidates = new List<Candidate>();
        foreach (var cell in _grid.Layout.Cells)
        {
            if (cell.Table != table || !_grid.Known[cell.Index])
            {
                continue;
            }
            if (TryLocalCorrection(cell.Index, out var delta, out var covers))
            {
                var corrected = _grid.Values[cell.Index] + delta;
                if (corrected >= 0)
                {
                    candidates.Add(new Candidate(cell, corrected, covers));
                }
            }
        }
        return candidates;
    }

    /// <summary>Every cell whose correction alone makes all failures hold (alternatives to each other).</summary>
    private bool AddSingles(List<Candidate> candidates, ulong failing, List<Suspect> suspects)
    {
        var singles = candidates.FindAll(c => c.Covers == failing);
        var fixedCount = PopCount(failing);
        foreach (var (cell, corrected, _) in singles)
        {
            suspects.Add(new Suspect(cell, _grid.Values[cell.Index], corrected, DiagnosisOf(cell, corrected), singles.Count - 1,
                IdentitiesFixed: fixedCount));
        }
        return singles.Count > 0;
    }

    /// <summary>Two wrong cells: the one pair of candidates that share no identity and together cover the failures.</summary>
    private bool AddPair(List<Candidate> candidates, ulong failing, List<Suspect> suspects)
    {
        (int A, int B)? pair = null;
        var pairs = 0;
        for (var a = 0; a < candidates.Count && pairs < 2; a++)
        {
            for (var b = a + 1; b < candidates.Count; b++)
            {
                if ((candidates[a].Covers & candidates[b].Covers) == 0
                    && (candidates[a].Covers | candidates[b].Covers) == failing)
                {
                    pair = (a, b);
                    if (++pairs > 1)
                    {
                        break;
                    }
                }
            }
        }
        if (pairs != 1 || pair is not var (ia, ib))
        {
            return false;
        }
        var first = candidates[ia];
        var second = candidates[ib];
        suspects.Add(new Suspect(first.Cell, _grid.Values[first.Cell.Index], first.Corrected, DiagnosisOf(first.Cell, first.Corrected), 0,
            second.Cell, PopCount(first.Covers)));
        suspects.Add(new Suspect(second.Cell, _grid.Values[second.Cell.Index], second.Corrected, DiagnosisOf(second.Cell, second.Corrected), 0,
            first.Cell, PopCount(second.Covers)));
        return true;
    }

    private string DiagnosisOf(CellSlot cell, long corrected) =>
        JoinsSplitDigits(_grid.Cells[cell.Index], corrected) ? "split_digits" : "single_cell";

    /// <summary>
    /// The change of one cell that makes every decided identity it is in hold: they must all fail
    /// and agree on the change (an identity that holds would break).
    /// </summary>
    private bool TryLocalCorrection(int cell, out long delta, out ulong covers)
    {
        delta = 0;
        covers = 0;
        var found = false;
        foreach (var (identity, coefficient) in _identities.ByCell[cell])
        {
            var outcome = Outcomes[identity];
            switch (outcome.Status)
            {
                case IdentityStatus.Holds:
                    return false;
                case IdentityStatus.Fails:
                    var needed = -outcome.Residual * coefficient;
                    if (found && needed != delta)
                    {
                        return false;
                    }
                    delta = needed;
                    found = true;
                    covers |= 1UL << identity;
                    break;
                default:
                    break;
            }
        }
        return found;
    }

    private void FindMisclassified(ulong failing, List<Suspect> suspects)
    {
        var layout = _grid.Layout;
        var solutions = new List<(CellSlot A, long NewA, CellSlot B, long NewB)>();
        foreach (var row in layout.Rows)
        {
            if (row.Table != CellCatalog.Applications)
            {
                continue;
            }
            // The six applicant columns come first in each row of table 三.
            for (var a = 0; a < CellCatalog.ApplicantColumns.Length; a++)
            {
                for (var b = a + 1; b < CellCatalog.ApplicantColumns.Length; b++)
                {
                    var x = row.FirstCell + a;
                    var y = row.FirstCell + b;
                    if (!_grid.Known[x] || !_grid.Known[y])
                    {
                        continue;
                    }
                    if (TryOpposite(x, y, failing, out var delta))
                    {
                        var newA = _grid.Values[x] + delta;
                        var newB = _grid.Values[y] - delta;
                        if (newA >= 0 && newB >= 0)
                        {
                            solutions.Add((layout.Cells[x], newA, layout.Cells[y], newB));
                        }
                    }
                }
            }
        }
        foreach (var (a, newA, b, newB) in solutions)
        {
            suspects.Add(new Suspect(a, _grid.Values[a.Index], newA, "misclassified_applicant", solutions.Count - 1, b));
            suspects.Add(new Suspect(b, _grid.Values[b.Index], newB, "misclassified_applicant", solutions.Count - 1, a));
            if (suspects.Count >= 8)
            {
                break;
            }
        }
    }

    /// <summary>x changed by +delta and y by −delta makes every failing identity hold and breaks none.</summary>
    private bool TryOpposite(int x, int y, ulong failing, out long delta)
    {
        delta = 0;
        ulong touched = 0;
        foreach (var (identity, _) in _identities.ByCell[x])
        {
            touched |= 1UL << identity;
        }
        foreach (var (identity, _) in _identities.ByCell[y])
        {
            touched |= 1UL << identity;
        }
        if ((failing & ~touched) != 0)
        {
            return false;
        }
        // The change comes from a failing identity that has x but not y.
        var found = false;
        foreach (var (identity, coefficient) in _identities.ByCell[x])
        {
            if ((failing & (1UL << identity)) != 0 && CoefficientOf(y, identity) == 0)
            {
                delta = -Outcomes[identity].Residual * coefficient;
                found = true;
                break;
            }
        }
        if (!found || delta == 0)
        {
            return false;
        }
        for (var i = 0; i < _identities.All.Count; i++)
        {
            if ((touched & (1UL << i)) == 0)
            {
                continue;
            }
            var outcome = Outcomes[i];
            if (outcome.Status is IdentityStatus.Undecided or IdentityStatus.Skipped)
            {
                continue;
            }
            var residual = outcome.Residual + CoefficientOf(x, i) * delta - CoefficientOf(y, i) * delta;
            if (residual != 0)
            {
                return false;
            }
        }
        return true;
    }

    private int CoefficientOf(int cell, int identity)
    {
        foreach (var (i, coefficient) in _identities.ByCell[cell])
        {
            if (i == identity)
            {
                return coefficient;
            }
        }
        return 0;
    }

    /// <summary>
    /// Cells the reader could not take as a number because the source split the digits ("1 2"):
    /// when the joined number makes every identity the cell is in hold, name it.
    /// </summary>
    private void FindSplitDigitsInText(List<Suspect> suspects)
    {
        var cells = _grid.Layout.Cells;
        for (var index = 0; index < cells.Count; index++)
        {
            var cell = _grid.Cells[index];
            if (!_usable[index] || _grid.Known[index] || cell is null || !TryJoinDigits(cell.Raw, out var joined))
            {
                continue;
            }
            var entries = _identities.ByCell[index];
            if (entries.Length == 0)
            {
                continue;
            }
            var allHold = true;
            foreach (var (identity, coefficient) in entries)
            {
                if (!HoldsWith(identity, index, joined))
                {
                    allHold = false;
                    break;
                }
            }
            if (allHold)
            {
                suspects.Add(new Suspect(cells[index], 0, joined, "split_digits", 0, IdentitiesFixed: entries.Length));
            }
        }
    }

    private bool HoldsWith(int identity, int cell, long value)
    {
        var id = _identities.All[identity];
        long left = 0, right = 0;
        foreach (var i in id.LeftIndex)
        {
            if (!_usable[i] || (i != cell && !_grid.Known[i]))
            {
                return false;
            }
            left += i == cell ? value : _grid.Values[i];
        }
        foreach (var i in id.RightIndex)
        {
            if (!_usable[i] || (i != cell && !_grid.Known[i]))
            {
                return false;
            }
            right += i == cell ? value : _grid.Values[i];
        }
        return left == right;
    }

    /// <summary>Raw text of digit groups separated by spaces ("1 2", "1　2"): the digits joined.</summary>
    public static bool TryJoinDigits(string raw, out long joined)
    {
        joined = 0;
        var digits = 0;
        var gaps = 0;
        var previousWasDigit = false;
        foreach (var ch in raw)
        {
            var digit = ch is >= '0' and <= '9' ? ch - '0' : ch is >= '０' and <= '９' ? ch - '０' : -1;
            if (digit >= 0)
            {
                if (++digits > 15)
                {
                    return false;
                }
                joined = joined * 10 + digit;
                previousWasDigit = true;
            }
            else if (char.IsWhiteSpace(ch))
            {
                if (previousWasDigit)
                {
                    gaps++;
                }
                previousWasDigit = false;
            }
            else
            {
                return false;
            }
        }
        return digits >= 2 && gaps >= 1 && previousWasDigit;
    }

    private static bool JoinsSplitDigits(Cell? cell, long corrected) =>
        cell is not null && TryJoinDigits(cell.Raw, out var joined) && joined == corrected;

    private static int PopCount(ulong mask) => System.Numerics.BitOperations.PopCount(mask);
}
