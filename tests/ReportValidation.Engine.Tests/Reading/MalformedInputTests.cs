using System.Text;
using ReportValidation.Reading;
using ReportValidation.Template;

namespace ReportValidation.Tests.Reading;

/// <summary>Bad input gets a clear error or finding, never an exception escaping the engine.</summary>
public class MalformedInputTests
{
    [Fact]
    public void An_empty_document_is_refused_as_empty()
    {
        var error = Assert.Throws<DocumentReadException>(() => ReportEngine.Default.Validate(new InputDocument(Array.Empty<byte>())));
        Assert.Equal(DocumentErrorKind.Empty, error.Kind);
        Assert.Contains("空", error.MessageZh);
    }

    [Fact]
    public void Binary_bytes_are_refused_as_binary()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        bytes[10] = 0;
        var error = Assert.Throws<DocumentReadException>(() => ReportEngine.Default.Validate(new InputDocument(bytes)));
        Assert.Equal(DocumentErrorKind.Binary, error.Kind);
    }

    [Fact]
    public void A_fifty_megabyte_document_is_refused_as_too_large()
    {
        var bytes = new byte[50 * 1024 * 1024];
        bytes.AsSpan().Fill((byte)'a');
        var error = Assert.Throws<DocumentReadException>(() => ReportEngine.Default.Validate(new InputDocument(bytes)));
        Assert.Equal(DocumentErrorKind.TooLarge, error.Kind);
        Assert.Contains("52428800", error.Message);
    }

    [Fact]
    public void A_report_with_no_tables_parses_with_every_table_marked_not_found()
    {
        var result = ReportEngine.Default.Validate(InputDocument.FromText("某局2023年政府信息公开工作年度报告\n一、总体情况\n本年度无特别事项。\n"));
        Assert.Equal(2023, result.Report.Year);
        Assert.False(result.Report.ActiveDisclosure.Found);
        Assert.False(result.Report.Applications.Found);
        Assert.False(result.Report.ReviewLitigation.Found);
    }

    [Fact]
    public void Invalid_utf8_is_read_as_gb18030()
    {
        var text = Seeds.Text("004");
        var gb = TextDecoding.Gb18030.GetBytes(text);
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(gb));
        var report = ReportEngine.Default.Parse(new InputDocument(gb));
        Assert.Equal(2024, report.Year);
        Assert.Equal("5 1 0 0 0 0 6", Parsing.TableText.Row(ApplicationsTemplate.Cells(report.Applications.Received)));
    }

    [Fact]
    public void Text_that_is_not_a_report_parses_to_an_empty_report_without_throwing()
    {
        var report = ReportEngine.Default.Parse(InputDocument.FromText(string.Concat(Enumerable.Repeat("| | ||| 一、 （ 1 2 3 |\n\n\t\n", 500))));
        Assert.Equal(0, report.Year);
        Assert.Empty(report.Sections);
    }

    [Fact]
    public void Cancellation_reaches_the_parser()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => ReportEngine.Default.Parse(InputDocument.FromText(Seeds.Text("001")), cancelled.Token));
    }
}
