using System.Text;
using ReportValidation.Reading;
using UglyToad.PdfPig.Writer;

namespace ReportValidation.Tests.Reading;

public class PdfReaderTests
{
    private static SourceDocument Read(byte[] bytes, ReadingLimits? limits = null) =>
        DocumentReader.Read(new InputDocument(bytes, "application/pdf"), limits);

    private static List<string> Cells(GridLine line) => line.Cells.Select(c => c.Text).ToList();

    /// <summary>
    /// Table 四 as Word lays it out on a portrait page: fifteen narrow columns, so the labels of the
    /// second and third header rows wrap one character per line.
    /// </summary>
    private static byte[] TableFour()
    {
        var builder = new PdfDocumentBuilder();
        var writer = new PdfRendering.PageWriter(builder);
        const double size = 9;
        const double left = 60;
        const double column = 30;
        double X(int col) => left + col * column;
        var y = 780.0;
        writer.Text("四、政府信息公开行政复议、行政诉讼情况", 12, left, y);
        y -= 30;
        writer.Text("行政复议", size, X(1), y);
        writer.Text("行政诉讼", size, X(7), y);
        y -= 24;
        string[] results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
        for (var i = 0; i < 5; i++)
        {
            for (var k = 0; k < results[i].Length; k++)
            {
                writer.Text(results[i][k].ToString(), size, X(i), y - k * size * 1.2);
            }
        }
        writer.Text("未经复议直接起诉", size, X(5), y);
        writer.Text("复议后起诉", size, X(10), y);
        y -= 4 * size * 1.2 + 14;
        for (var i = 0; i < 10; i++)
        {
            var label = results[i % 5];
            for (var k = 0; k < label.Length; k++)
            {
                writer.Text(label[k].ToString(), size, X(5 + i), y - k * size * 1.2);
            }
        }
        y -= 4 * size * 1.2 + 14;
        for (var i = 0; i < 15; i++)
        {
            writer.Text((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), size, X(i), y);
        }
        y -= 30;
        writer.Text("五、存在的主要问题及改进情况", 12, left, y);
        return builder.Build();
    }

    [Fact]
    public void A_header_wrapped_one_character_per_line_is_stacked_into_its_labels()
    {
        var lines = Read(TableFour()).Lines;
        Assert.Equal(["行政复议", "行政诉讼"], Cells(lines[1]));
        Assert.Equal(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"], Cells(lines[2]));
        Assert.Equal(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"], Cells(lines[3]));
        Assert.Equal(Enumerable.Range(1, 15).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), Cells(lines[4]));
        Assert.Equal("五、存在的主要问题及改进情况", lines[5].Text);
        Assert.Equal(6, lines.Count);
    }

    [Fact]
    public void A_row_label_wrapped_inside_its_column_stays_one_label()
    {
        var builder = new PdfDocumentBuilder();
        var writer = new PdfRendering.PageWriter(builder);
        writer.Text("（二）部分公开（区分处理的，只计这一情形，", 9, 60, 700);
        writer.Text("不计其他情形）", 9, 60, 689);
        for (var i = 0; i < 7; i++)
        {
            writer.Text(i.ToString(System.Globalization.CultureInfo.InvariantCulture), 9, 300 + i * 30, 700);
        }
        writer.Text("（三）不予公开", 9, 60, 675);
        writer.Text("1.属于国家秘密", 9, 150, 675);
        writer.Text("一、总体情况之后的正文段落，比第一列宽得多，一直写到右边的数值列那里。", 9, 60, 640);
        writer.Text("紧接着的第二行正文，同样很长，越过了第一列的右边界，写到数值列那里。", 9, 60, 629);
        var lines = Read(builder.Build()).Lines;
        Assert.Equal(["（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "0", "1", "2", "3", "4", "5", "6"], Cells(lines[0]));
        Assert.Equal(["（三）不予公开", "1.属于国家秘密"], Cells(lines[1]));
        Assert.Equal(4, lines.Count);
    }

    [Fact]
    public void Cells_carry_their_page_and_position()
    {
        var document = Read(TableFour());
        var cell = document.Lines[4].Cells[2];
        Assert.Equal(1, cell.Page);
        Assert.Equal(120, cell.X, 0);
        Assert.True(cell.Y is > 100 and < 780);
        var span = document.Span(cell);
        Assert.Equal("3", document.Text[span.StartOffset..span.EndOffset]);
        Assert.Equal(1, span.Page);
        Assert.Equal(cell.X, span.X);
    }

    [Fact]
    public void A_table_running_over_a_page_break_keeps_its_rows_in_order()
    {
        var rows = Enumerable.Range(1, 60).Select(i => new List<LayoutCell> { new($"第{i}行"), new("0"), new(i.ToString(System.Globalization.CultureInfo.InvariantCulture)) }).ToList();
        var document = Read(PdfRendering.Render([new LayoutParagraph("二、主动公开政府信息情况"), new LayoutTable(rows)]));
        var read = document.Lines.Where(l => l.IsRow).ToList();
        Assert.Equal(60, read.Count);
        Assert.Equal(Enumerable.Range(1, 60).Select(i => $"第{i}行 | 0 | {i}"), read.Select(l => l.Text));
        Assert.True(read[^1].Cells[0].Page > 1);
    }

    [Fact]
    public void Page_numbers_in_the_footer_are_left_out()
    {
        var builder = new PdfDocumentBuilder();
        var writer = new PdfRendering.PageWriter(builder);
        writer.Text("一、总体情况", 10, 60, 780);
        writer.Text("- 1 -", 9, 285, 30);
        writer.NewPage();
        writer.Text("二、主动公开政府信息情况", 10, 60, 780);
        writer.Text("第 2 页", 9, 280, 30);
        Assert.Equal("一、总体情况\n二、主动公开政府信息情况", Read(builder.Build()).Text);
    }

    [Fact]
    public void A_pdf_with_more_pages_than_the_limit_is_refused()
    {
        var builder = new PdfDocumentBuilder();
        var writer = new PdfRendering.PageWriter(builder);
        for (var i = 0; i < 6; i++)
        {
            writer.NewPage();
            writer.Text("第页", 10, 60, 700);
        }
        var error = Assert.Throws<DocumentReadException>(() => Read(builder.Build(), new ReadingLimits { MaxPdfPages = 5 }));
        Assert.Equal(DocumentErrorKind.LimitExceeded, error.Kind);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_pdf_whose_streams_inflate_past_the_limit_is_refused(int deflateLayers)
    {
        // Four megabytes of zeros deflate to a few kilobytes; a second layer hides them from a check of
        // the first layer alone.
        var data = new byte[4 * 1024 * 1024];
        for (var i = 0; i < deflateLayers; i++)
        {
            data = Zlib(data);
        }
        var filters = deflateLayers == 1 ? "/FlateDecode" : "[/FlateDecode /FlateDecode]";
        var bomb = Encoding.ASCII.GetBytes($"99 0 obj\n<< /Length {data.Length} /Filter {filters} >>\nstream\n")
            .Concat(data).Concat(Encoding.ASCII.GetBytes("\nendstream\nendobj\n"));
        var pdf = TableFour();
        var xref = pdf.AsSpan().LastIndexOf("xref"u8);
        var bytes = pdf[..xref].Concat(bomb).Concat(pdf[xref..]).ToArray();

        var error = Assert.Throws<DocumentReadException>(() => Read(bytes, new ReadingLimits { MaxDecompressedBytes = 1024 * 1024 }));

        Assert.Equal(DocumentErrorKind.LimitExceeded, error.Kind);
        Assert.Contains("PDF", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pdf_within_the_expansion_limit_reads_as_before()
    {
        var pdf = TableFour();

        Assert.Equal(Read(pdf).Text, Read(pdf, new ReadingLimits { MaxDecompressedBytes = 1024 * 1024 }).Text);
    }

    private static byte[] Zlib(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new System.IO.Compression.ZLibStream(output, System.IO.Compression.CompressionLevel.SmallestSize))
        {
            zlib.Write(data);
        }
        return output.ToArray();
    }

    [Fact]
    public void A_scanned_pdf_without_text_is_an_unsupported_format()
    {
        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(595, 842);
        page.DrawRectangle(new UglyToad.PdfPig.Core.PdfPoint(50, 50), 400, 600);
        var error = Assert.Throws<DocumentReadException>(() => Read(builder.Build()));
        Assert.Equal(DocumentErrorKind.UnsupportedFormat, error.Kind);
        Assert.Contains("扫描件", error.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_pdf_is_corrupt()
    {
        var bytes = TableFour();
        var error = Assert.Throws<DocumentReadException>(() => Read(bytes[..(bytes.Length * 2 / 3)]));
        Assert.Equal(DocumentErrorKind.Corrupt, error.Kind);
    }

    [Fact]
    public void A_pdf_with_garbage_for_a_body_is_corrupt()
    {
        var bytes = Encoding.ASCII.GetBytes("%PDF-1.7\n" + new string('x', 3000) + "\nstartxref\n999999\n%%EOF\n");
        var error = Assert.Throws<DocumentReadException>(() => DocumentReader.Read(new InputDocument(bytes)));
        Assert.Equal(DocumentErrorKind.Corrupt, error.Kind);
    }

    [Fact]
    public void A_password_protected_pdf_is_reported_as_encrypted()
    {
        var bytes = Encrypt(TableFour());
        var error = Assert.Throws<DocumentReadException>(() => Read(bytes));
        Assert.Equal(DocumentErrorKind.Encrypted, error.Kind);
    }

    /// <summary>
    /// Adds a standard security handler whose user password is not empty to the trailer (after the
    /// cross-reference table, so no offset moves): no reader can open the file without the password.
    /// </summary>
    private static byte[] Encrypt(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var trailer = text.LastIndexOf("trailer", StringComparison.Ordinal);
        Assert.True(trailer > 0, "the builder writes a classic trailer");
        var open = text.IndexOf("<<", trailer, StringComparison.Ordinal);
        var key = new string('7', 64);
        var encrypt = $" /Encrypt << /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O <{key}> /U <{key}> >> /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>]";
        return Encoding.Latin1.GetBytes(text.Insert(open + 2, encrypt));
    }
}
