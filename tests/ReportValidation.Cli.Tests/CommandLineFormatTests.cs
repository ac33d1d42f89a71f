using System.Text;
using System.Text.Json;
using ReportValidation.Reading;
using ReportValidation.Tests.Reading;

namespace ReportValidation.Cli.Tests;

/// <summary>`reportvalidation validate` takes a report as it was published, whatever its format.</summary>
public class CommandLineFormatTests
{
    [Theory]
    [InlineData("report.html")]
    [InlineData("report.docx")]
    [InlineData("report.pdf")]
    [InlineData("report-gbk.txt")]
    public void Validate_reads_a_published_file_by_its_content(string name)
    {
        var text = ReportValidation.Tests.Seeds.Text("004");
        var layout = TemplateLayout.FromReport(ReportEngine.Default.Parse(InputDocument.FromText(text)));
        var bytes = Path.GetExtension(name) switch
        {
            ".html" => Encoding.UTF8.GetBytes(HtmlRendering.Render(layout)),
            ".docx" => DocxRendering.Render(layout),
            ".pdf" => PdfRendering.Render(layout),
            _ => TextDecoding.Gb18030.GetBytes(text),
        };
        var directory = Directory.CreateTempSubdirectory("rv-formats-");
        try
        {
            // No extension: the bytes alone must say what the file is.
            var path = Path.Combine(directory.FullName, Path.GetFileNameWithoutExtension(name));
            File.WriteAllBytes(path, bytes);
            var output = new StringWriter();
            var error = new StringWriter();
            var exit = CommandLine.Run(["validate", "--json", path], output, error);
            Assert.True(exit is ExitCode.Pass or ExitCode.Fail);
            using var json = JsonDocument.Parse(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)[0]);
            var report = json.RootElement.GetProperty("report");
            Assert.Equal(2024, report.GetProperty("year").GetInt32());
            Assert.Equal("6", report.GetProperty("applications").GetProperty("received").GetProperty("total").GetProperty("integer").GetString());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
