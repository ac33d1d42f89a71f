using ReportValidation.Reading;

namespace ReportValidation.Tests;

public class LineIndexTests
{
    [Fact]
    public void Span_reports_one_based_line_and_column()
    {
        var document = PlainTextReader.Read("一、总体情况\n第二行 | 5 |\n");
        var span = document.Span(document.Lines[1].Cells[1]);
        Assert.Equal(2, span.Line);
        Assert.Equal(7, span.Column);
        Assert.Equal("5", document.Text[span.StartOffset..span.EndOffset]);
    }
}
