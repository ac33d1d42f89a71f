using System.Text;
using ReportValidation.Reading;
using ReportValidation.V1;

namespace ReportValidation.Tests.Reading;

public class ContentSnifferTests
{
    private static SourceFormat Detect(byte[] bytes, string? contentType = null, string? fileName = null) =>
        ContentSniffer.Detect(new InputDocument(bytes, contentType, fileName));

    private static readonly byte[] Html = Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body><p>一、总体情况</p></body></html>");
    private static readonly byte[] Text = Encoding.UTF8.GetBytes("一、总体情况\n规章 | 0 | 0 | 0 |\n");

    [Theory]
    [InlineData("text/html; charset=gbk", SourceFormat.Html)]
    [InlineData("application/xhtml+xml", SourceFormat.Html)]
    [InlineData("application/pdf", SourceFormat.Pdf)]
    [InlineData("application/vnd.openxmlformats-officedocument.wordprocessingml.document", SourceFormat.Docx)]
    [InlineData("text/plain", SourceFormat.Text)]
    public void A_declared_content_type_decides(string contentType, SourceFormat expected) =>
        Assert.Equal(expected, Detect(Text, contentType));

    [Fact]
    public void A_pdf_labelled_as_text_is_still_read_as_pdf() =>
        Assert.Equal(SourceFormat.Pdf, Detect(Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj"), "text/plain"));

    [Fact]
    public void Binary_bytes_labelled_as_text_are_refused_as_binary()
    {
        var error = Assert.Throws<DocumentReadException>(() => DocumentReader.Read(new InputDocument(new byte[] { 1, 2, 0, 4, 5, 0, 7 }, "text/plain")));
        Assert.Equal(DocumentErrorKind.Binary, error.Kind);
    }

    [Fact]
    public void Pdf_is_recognised_by_its_header() =>
        Assert.Equal(SourceFormat.Pdf, Detect(Encoding.ASCII.GetBytes("%PDF-1.7\n%âãÏÓ\n1 0 obj"), "application/octet-stream"));

    [Fact]
    public void A_zip_is_read_as_a_word_document() =>
        Assert.Equal(SourceFormat.Docx, Detect([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00]));

    [Fact]
    public void Html_is_recognised_by_its_tags() => Assert.Equal(SourceFormat.Html, Detect(Html));

    [Fact]
    public void An_html_fragment_without_a_doctype_is_recognised() =>
        Assert.Equal(SourceFormat.Html, Detect(Encoding.UTF8.GetBytes("一、总体情况<br>\n<table><tr><td>规章</td></tr></table>")));

    [Fact]
    public void Plain_text_with_pipes_is_text() => Assert.Equal(SourceFormat.Text, Detect(Text));

    [Fact]
    public void The_file_name_decides_when_the_bytes_do_not() =>
        Assert.Equal(SourceFormat.Html, Detect(Encoding.UTF8.GetBytes("一、总体情况"), null, "report.htm"));

    [Fact]
    public void Binary_bytes_are_refused_as_binary()
    {
        var error = Assert.Throws<DocumentReadException>(() => DocumentReader.Read(new InputDocument(new byte[] { 1, 2, 0, 4, 5, 0, 7 })));
        Assert.Equal(DocumentErrorKind.Binary, error.Kind);
    }

    [Fact]
    public void An_empty_document_is_refused_as_empty()
    {
        var error = Assert.Throws<DocumentReadException>(() => DocumentReader.Read(new InputDocument(Array.Empty<byte>(), "application/pdf")));
        Assert.Equal(DocumentErrorKind.Empty, error.Kind);
    }

    [Fact]
    public void A_text_report_larger_than_the_limit_is_refused()
    {
        var error = Assert.Throws<DocumentReadException>(() => DocumentReader.Read(new InputDocument(new byte[2048]), new ReadingLimits { MaxDocumentBytes = 1024 }));
        Assert.Equal(DocumentErrorKind.TooLarge, error.Kind);
    }

    [Fact]
    public void Read_errors_carry_a_chinese_message()
    {
        var error = Assert.Throws<DocumentReadException>(() => DocumentReader.Read(new InputDocument(Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj"))));
        Assert.Equal(DocumentErrorKind.Corrupt, error.Kind);
        Assert.Contains("PDF", error.MessageZh, StringComparison.Ordinal);
        Assert.Contains("损坏", error.MessageZh, StringComparison.Ordinal);
    }
}
