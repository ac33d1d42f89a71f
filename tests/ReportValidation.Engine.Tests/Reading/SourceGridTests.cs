using Google.Protobuf;
using ReportValidation.Parsing;
using ReportValidation.Reading;
using ReportValidation.V1;

namespace ReportValidation.Tests.Reading;

/// <summary>The grid as offsets into the one document text, its pooled arrays, and the builder writing cells into the text.</summary>
public class SourceGridTests
{
    [Theory]
    [MemberData(nameof(GridTexts.SeedIds), MemberType = typeof(GridTexts))]
    public void Every_line_and_cell_of_a_seed_reads_its_own_offsets_of_the_document_text(string seed)
    {
        using var document = PlainTextReader.Read(Seeds.Text(seed));
        var lineStarts = LineIndex.Build(document.Text);
        var cells = 0;
        for (var i = 0; i < document.Lines.Count; i++)
        {
            var line = document.Lines[i];
            Assert.Equal(i + 1, line.Number);
            Assert.Equal(document.Text[line.Start..line.End], line.Text);
            foreach (var cell in line.Cells)
            {
                Assert.Equal(document.Text[cell.Start..cell.End], cell.Text);
                Assert.True(cell.AsSpan().SequenceEqual(cell.Text));
                Assert.Equal(LineIndex.Span(lineStarts, cell.Start, cell.End), document.Span(cell));
                cells++;
            }
        }
        Assert.True(cells > 100, $"{cells} cells");
    }

    [Theory]
    [MemberData(nameof(GridTexts.SeedIds), MemberType = typeof(GridTexts))]
    public void Spans_asked_out_of_document_order_give_the_line_and_column_of_their_offsets(string seed)
    {
        using var document = PlainTextReader.Read(Seeds.Text(seed));
        var lineStarts = LineIndex.Build(document.Text);
        var cells = document.Lines.SelectMany(l => l.Cells).ToList();
        // Backwards, then shuffled: the span lookup starts from the line of the last answer.
        var shuffle = new Random(14);
        var order = Enumerable.Range(0, cells.Count).Reverse().Concat(Enumerable.Range(0, cells.Count).OrderBy(_ => shuffle.Next()));
        foreach (var i in order)
        {
            Assert.Equal(LineIndex.Span(lineStarts, cells[i].Start, cells[i].End), document.Span(cells[i]));
        }
    }

    [Theory]
    [InlineData("0 |\n||\n5 | 6 |\n|\n\n名称 |\n---|---|\n a | | b ")]
    [InlineData("一行\n\n\n二行 | 3\r\n|||\n")]
    public void Lines_split_into_the_same_cells_among_short_lines_and_among_long_ones(string text)
    {
        // A text whose lines average under ten characters is scanned a character at a time; with a
        // long paragraph after it, by vectorised search.
        var longParagraph = "\n" + new string('长', 4000);
        using var shortLines = PlainTextReader.Read(text);
        using var longLines = PlainTextReader.Read(text + longParagraph);

        Assert.True(text.Length < shortLines.Lines.Count * 10);
        Assert.Equal(shortLines.Lines.Count + 1, longLines.Lines.Count);
        for (var i = 0; i < shortLines.Lines.Count; i++)
        {
            var (expected, actual) = (shortLines.Lines[i], longLines.Lines[i]);
            Assert.Equal((expected.Start, expected.End, expected.IsRow), (actual.Start, actual.End, actual.IsRow));
            Assert.Equal(expected.Cells.Select(c => (c.Start, c.End)), actual.Cells.Select(c => (c.Start, c.End)));
        }
    }

    [Fact]
    public void A_row_whose_cells_are_all_empty_adds_no_line_and_leaves_the_text_as_it_was()
    {
        var builder = new SourceDocumentBuilder();
        builder.AddParagraph("一、总体情况", new CellOrigin("paragraph[1]"));
        builder.AddRow([(" \u200B ", new CellOrigin("table[1]/row[1]/cell[1]")), ("\n", new CellOrigin("table[1]/row[1]/cell[2]"))]);
        builder.AddParagraph("  ", new CellOrigin("paragraph[2]"));
        builder.AddRow([("本年新收", new CellOrigin("table[1]/row[2]/cell[1]")), ("", new CellOrigin("table[1]/row[2]/cell[2]"))]);

        using var document = builder.Build(SourceFormat.Html);

        Assert.Equal("一、总体情况\n本年新收 | ", document.Text);
        Assert.Equal(2, document.Lines.Count);
        var row = document.Lines[1];
        Assert.True(row.IsRow);
        Assert.Equal(["本年新收", ""], row.Cells.Select(c => c.Text));
        Assert.Equal(["table[1]/row[2]/cell[1]", "table[1]/row[2]/cell[2]"], row.Cells.Select(c => c.Container));
        Assert.Equal(2, document.Span(row.Cells[1]).Line);
    }

    [Theory]
    [InlineData("本年新\n公开数量")]
    [InlineData("Annual\nreport  of\tthe  office")]
    [InlineData("  a | b  ")]
    [InlineData("\u200B零宽\u00AD字符\uFEFF")]
    [InlineData("第一段\r\n  第二段")]
    [InlineData("plain")]
    public void Cells_are_normalised_into_the_text_exactly_as_CellText_normalises_them(string text)
    {
        var builder = new SourceDocumentBuilder();
        builder.AddRow([("前", new CellOrigin("c1")), (text, new CellOrigin("c2")), ("后", new CellOrigin("c3"))]);

        using var document = builder.Build(SourceFormat.Docx);

        var expected = CellText.Normalize(text);
        Assert.Equal(expected, document.Lines[0].Cells[1].Text);
        Assert.Equal($"前 | {expected} | 后", document.Text);
    }

    [Fact]
    public void A_disposed_document_reads_as_no_lines_and_the_next_document_keeps_its_own_cells()
    {
        var first = PlainTextReader.Read("一、总体情况\n1 | 2 | 3\n");
        Assert.Equal(3, first.Lines.Count);
        first.Dispose();
        Assert.Empty(first.Lines);

        // The next document rents the arrays the first gave back.
        using var second = PlainTextReader.Read("二、主动公开\n4 | 5\n");
        Assert.Equal(["二、主动公开", "4 | 5", ""], second.Lines.Select(l => l.Text));
        Assert.Equal(["4", "5"], second.Lines[1].Cells.Select(c => c.Text));
    }

    [Fact]
    public void Reports_parsed_on_many_threads_at_once_are_those_parsed_one_at_a_time()
    {
        var inputs = Seeds.Ids.Select(id => new InputDocument(File.ReadAllBytes(Seeds.PathOf(id)))).ToArray();
        var expected = inputs.Select(input => ReportEngine.Default.Parse(input).ToByteArray()).ToArray();

        var mismatches = 0;
        Parallel.For(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var k = i % inputs.Length;
            if (!ReportEngine.Default.Parse(inputs[k]).ToByteArray().AsSpan().SequenceEqual(expected[k]))
            {
                Interlocked.Increment(ref mismatches);
            }
        });

        Assert.Equal(0, mismatches);
    }

    [Theory]
    [InlineData("1,234,567", 1234567L)]
    [InlineData("007", 7L)]
    [InlineData("12", 12L)]
    public void A_count_keeps_its_text_as_written(string raw, long value)
    {
        var cell = CellValueText.Read(raw.AsSpan());
        Assert.Equal(CellState.Number, cell.State);
        Assert.Equal(value, cell.Integer);
        Assert.Equal(raw, cell.Raw);
    }

    [Theory]
    [InlineData("1,23")]
    [InlineData("1,234,56")]
    [InlineData("1,")]
    public void Commas_not_in_groups_of_three_leave_the_cell_as_text(string raw) =>
        Assert.Equal(CellState.Text, CellValueText.Read(raw.AsSpan()).State);

    [Fact]
    public void A_grouped_decimal_keeps_its_digits_without_the_separators()
    {
        var cell = CellValueText.Read("－12,345.50万元".AsSpan());
        Assert.Equal("-12345.50", cell.Decimal);
        Assert.Equal("万元", cell.Unit);
    }
}
