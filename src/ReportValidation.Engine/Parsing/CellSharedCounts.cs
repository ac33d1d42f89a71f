namespace ReportValidation.V1;

/// <summary>
/// The generated <see cref="Cell"/> keeps its oneof value as an object, so every count set through
/// <see cref="Integer"/> is a new box. Most cells of a report are small counts: those share their boxes.
/// </summary>
public sealed partial class Cell
{
    private static readonly object[] SmallCountBoxes = BoxSmallCounts();

    private static object[] BoxSmallCounts()
    {
        var boxes = new object[1000];
        for (var i = 0; i < boxes.Length; i++)
        {
            boxes[i] = (long)i;
        }
        return boxes;
    }

    /// <summary>Sets <see cref="Integer"/>: the same value and case, with a shared box for 0–999.</summary>
    internal void SetCount(long value)
    {
        if ((ulong)value < (ulong)SmallCountBoxes.Length)
        {
            // A box is never written to: sharing one is sharing its value.
            value_ = SmallCountBoxes[value];
            valueCase_ = ValueOneofCase.Integer;
        }
        else
        {
            Integer = value;
        }
    }
}
