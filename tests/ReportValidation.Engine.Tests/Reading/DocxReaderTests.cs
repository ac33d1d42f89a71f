using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using ReportValidation.Reading;

namespace ReportValidation.Tests.Reading;

public class DocxReaderTests
{
    private static byte[] Docx(Action<MainDocumentPart, Body> build)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            build(main, body);
            main.Document = new Document(body);
        }
        return stream.ToArray();
    }

    private static SourceDocument Read(byte[] bytes, ReadingLimits? limits = null) =>
        DocumentReader.Read(new InputDocument(bytes, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"), limits);

    private static Paragraph Para(string text) => new(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));

    private static TableCell Cell(string text, params OpenXmlElement[] properties) =>
        new(new TableCellProperties(properties), Para(text));

    private static byte[] SampleReport() => Docx((_, body) =>
    {
        body.Append(Para("一、总体情况"));
        body.Append(new Table(
            new TableRow(Cell("信息内容"), Cell("本年处理决定数量", new GridSpan { Val = 3 })),
            new TableRow(Cell("三、本年度办理结果", new VerticalMerge { Val = MergedCellValues.Restart }), Cell("（一）予以公开"), Cell("1"), Cell("")),
            new TableRow(Cell("", new VerticalMerge()), Cell("（二）部分公开"), Cell("2"), Cell("3"))));
        body.Append(Para("二、主动公开政府信息情况"));
    });

    [Fact]
    public void Paragraphs_and_tables_come_in_document_order()
    {
        var document = Read(SampleReport());
        Assert.Equal(
            ["一、总体情况", "信息内容 | 本年处理决定数量", "三、本年度办理结果 | （一）予以公开 | 1 | ", "（二）部分公开 | 2 | 3", "二、主动公开政府信息情况"],
            document.Lines.Select(l => l.Text));
        Assert.Equal([false, true, true, true, false], document.Lines.Select(l => l.IsRow));
    }

    [Fact]
    public void A_vmerge_continuation_cell_is_not_read_and_an_empty_cell_is_kept()
    {
        var document = Read(SampleReport());
        Assert.Equal(["（二）部分公开", "2", "3"], document.Lines[3].Cells.Select(c => c.Text));
        Assert.Equal("", document.Lines[2].Cells[3].Text);
    }

    [Fact]
    public void Cells_say_which_table_row_and_cell_they_came_from()
    {
        var document = Read(SampleReport());
        Assert.Equal("table[1]/row[3]/cell[3]", document.Lines[3].Cells[1].Container);
        Assert.Equal("paragraph[2]", document.Lines[4].Cells[0].Container);
        var span = document.Span(document.Lines[3].Cells[1]);
        Assert.Equal("2", document.Text[span.StartOffset..span.EndOffset]);
        Assert.Equal("table[1]/row[3]/cell[3]", span.Container);
    }

    [Fact]
    public void Automatic_chinese_numbering_carries_the_section_ordinals()
    {
        var bytes = Docx((main, body) =>
        {
            var numbering = main.AddNewPart<NumberingDefinitionsPart>();
            numbering.Numbering = new Numbering(
                new AbstractNum(
                    new Level(new StartNumberingValue { Val = 1 }, new NumberingFormat { Val = NumberFormatValues.ChineseCounting }, new LevelText { Val = "%1、" }) { LevelIndex = 0 },
                    new Level(new StartNumberingValue { Val = 1 }, new NumberingFormat { Val = NumberFormatValues.ChineseCounting }, new LevelText { Val = "（%2）" }) { LevelIndex = 1 })
                { AbstractNumberId = 7 },
                new NumberingInstance(new AbstractNumId { Val = 7 }) { NumberID = 3 });
            Paragraph Numbered(string text, int level) => new(
                new ParagraphProperties(new NumberingProperties(new NumberingLevelReference { Val = level }, new NumberingId { Val = 3 })),
                new Run(new Text(text)));
            body.Append(Numbered("总体情况", 0), Numbered("主要工作", 1), Numbered("信息公开", 1), Numbered("主动公开政府信息情况", 0), Numbered("其他", 1));
        });
        Assert.Equal(["一、总体情况", "（一）主要工作", "（二）信息公开", "二、主动公开政府信息情况", "（一）其他"],
            Read(bytes).Lines.Select(l => l.Text));
    }

    [Fact]
    public void Numbering_defined_by_a_heading_style_is_read()
    {
        var bytes = Docx((main, body) =>
        {
            main.AddNewPart<NumberingDefinitionsPart>().Numbering = new Numbering(
                new AbstractNum(new Level(new NumberingFormat { Val = NumberFormatValues.ChineseCounting }, new LevelText { Val = "%1、" }) { LevelIndex = 0 }) { AbstractNumberId = 1 },
                new NumberingInstance(new AbstractNumId { Val = 1 }) { NumberID = 1 });
            main.AddNewPart<StyleDefinitionsPart>().Styles = new Styles(
                new Style(new StyleName { Val = "heading 1" }, new StyleParagraphProperties(new NumberingProperties(new NumberingId { Val = 1 })))
                { Type = StyleValues.Paragraph, StyleId = "Heading1" });
            Paragraph Heading(string text) => new(new ParagraphProperties(new ParagraphStyleId { Val = "Heading1" }), new Run(new Text(text)));
            body.Append(Heading("总体情况"), Para("正文"), Heading("主动公开政府信息情况"));
        });
        Assert.Equal(["一、总体情况", "正文", "二、主动公开政府信息情况"], Read(bytes).Lines.Select(l => l.Text));
    }

    [Fact]
    public void Breaks_inside_a_cell_join_the_label()
    {
        var bytes = Docx((_, body) => body.Append(new Table(new TableRow(
            new TableCell(new Paragraph(new Run(new Text("本年新"), new Break(), new Text("公开数量")))),
            new TableCell(Para("本年新"), Para("制作数量"))))));
        Assert.Equal(["本年新公开数量", "本年新制作数量"], Read(bytes).Lines[0].Cells.Select(c => c.Text));
    }

    [Fact]
    public void A_text_box_written_with_a_fallback_is_read_once()
    {
        var bytes = Docx((_, body) => body.Append(new Paragraph(
            new Run(new Text("一、")),
            new AlternateContent(
                new AlternateContentChoice(new Run(new Text("总体情况"))) { Requires = "wps" },
                new AlternateContentFallback(new Run(new Text("总体情况")))))));
        Assert.Equal("一、总体情况", Read(bytes).Text);
    }

    [Fact]
    public void A_truncated_docx_is_corrupt()
    {
        var bytes = SampleReport();
        var error = Assert.Throws<DocumentReadException>(() => Read(bytes[..(bytes.Length / 2)]));
        Assert.Equal(DocumentErrorKind.Corrupt, error.Kind);
    }

    [Fact]
    public void A_docx_with_a_broken_document_part_is_corrupt()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var writer = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open()))
            {
                writer.Write("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/>");
            }
            using (var writer = new StreamWriter(zip.CreateEntry("word/document.xml").Open()))
            {
                writer.Write("<w:document");
            }
        }
        var error = Assert.Throws<DocumentReadException>(() => Read(stream.ToArray()));
        Assert.Equal(DocumentErrorKind.Corrupt, error.Kind);
    }

    [Fact]
    public void A_zip_bomb_is_refused_before_it_is_expanded()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("word/document.xml", CompressionLevel.Fastest).Open();
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 8; i++)
            {
                entry.Write(zeros);
            }
        }
        var error = Assert.Throws<DocumentReadException>(() => Read(stream.ToArray(), new ReadingLimits { MaxDecompressedBytes = 4 << 20 }));
        Assert.Equal(DocumentErrorKind.LimitExceeded, error.Kind);
    }

    [Fact]
    public void A_docx_with_too_many_entries_is_refused()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i < 50; i++)
            {
                zip.CreateEntry($"word/media/image{i}.png");
            }
        }
        var error = Assert.Throws<DocumentReadException>(() => Read(stream.ToArray(), new ReadingLimits { MaxArchiveEntries = 20 }));
        Assert.Equal(DocumentErrorKind.LimitExceeded, error.Kind);
    }

    [Fact]
    public void A_password_protected_docx_is_reported_as_encrypted()
    {
        // Word wraps an encrypted .docx in an OLE compound file holding EncryptionInfo and EncryptedPackage.
        var bytes = new byte[4096];
        byte[] magic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        magic.CopyTo(bytes, 0);
        Encoding.Unicode.GetBytes("EncryptionInfo").CopyTo(bytes, 1024);
        Encoding.Unicode.GetBytes("EncryptedPackage").CopyTo(bytes, 1152);
        var error = Assert.Throws<DocumentReadException>(() => DocumentReader.Read(new InputDocument(bytes, FileName: "报告.docx")));
        Assert.Equal(DocumentErrorKind.Encrypted, error.Kind);
    }

    [Fact]
    public void A_legacy_doc_file_is_an_unsupported_format()
    {
        var bytes = new byte[4096];
        byte[] magic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        magic.CopyTo(bytes, 0);
        Encoding.Unicode.GetBytes("WordDocument").CopyTo(bytes, 1024);
        var error = Assert.Throws<DocumentReadException>(() => DocumentReader.Read(new InputDocument(bytes, "application/msword")));
        Assert.Equal(DocumentErrorKind.UnsupportedFormat, error.Kind);
    }

    [Fact]
    public void A_zip_that_is_not_a_word_document_is_an_unsupported_format()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("xl/workbook.xml").Open());
            writer.Write("<workbook/>");
        }
        var error = Assert.Throws<DocumentReadException>(() => DocumentReader.Read(new InputDocument(stream.ToArray())));
        Assert.Equal(DocumentErrorKind.UnsupportedFormat, error.Kind);
    }
}
