using Google.Protobuf;
using ReportValidation.Parsing;
using ReportValidation.V1;

namespace ReportValidation.Tests.Parsing;

/// <summary>Counts of cells share their boxes where they can; a cell reads, compares and encodes as any other.</summary>
public class CellCountTests
{
    [Theory]
    [InlineData(0L)]
    [InlineData(7L)]
    [InlineData(999L)]
    [InlineData(1000L)]
    [InlineData(-4L)]
    [InlineData(long.MaxValue)]
    public void A_count_set_with_a_shared_box_is_the_cell_a_count_set_through_Integer_is(long value)
    {
        var shared = new Cell { Raw = "x", State = CellState.Number };
        shared.SetCount(value);
        var plain = new Cell { Raw = "x", State = CellState.Number, Integer = value };

        Assert.Equal(Cell.ValueOneofCase.Integer, shared.ValueCase);
        Assert.Equal(value, shared.Integer);
        Assert.Equal(plain, shared);
        Assert.Equal(plain.ToByteArray(), shared.ToByteArray());
    }

    [Fact]
    public void Two_cells_of_the_same_small_count_stay_apart_when_one_changes()
    {
        var first = CellValueText.Read("5");
        var second = CellValueText.Read("5");

        first.Integer = 6;

        Assert.Equal(6, first.Integer);
        Assert.Equal(5, second.Integer);
    }
}
