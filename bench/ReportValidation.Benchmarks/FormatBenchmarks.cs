using System.Text;
using BenchmarkDotNet.Attributes;
using ReportValidation.Reading;
using ReportValidation.Tests.Reading;

namespace ReportValidation.Benchmarks;

/// <summary>
/// Parse time per input format for one seed-sized report (seed 004, a full 2021-template report):
/// its text as published, and the same report laid out as the official template and published as
/// HTML, Word and PDF (the test renderers, linked in). Parse = read to the grid + tables.
/// </summary>
[MemoryDiagnoser]
public class FormatBenchmarks
{
    private InputDocument _document = null!;

    [Params("text", "html", "docx", "pdf")]
    public string Format { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var text = File.ReadAllText(SeedFiles.PathOf("004"));
        var layout = TemplateLayout.FromReport(ReportEngine.Default.Parse(InputDocument.FromText(text)));
        _document = Format switch
        {
            "html" => new InputDocument(Encoding.UTF8.GetBytes(HtmlRendering.Render(layout)), "text/html"),
            "docx" => new InputDocument(DocxRendering.Render(layout), ContentSniffer.DocxContentType),
            "pdf" => new InputDocument(PdfRendering.Render(layout), ContentSniffer.PdfContentType),
            _ => InputDocument.FromText(text),
        };
    }

    [Benchmark]
    public int Parse() => ReportEngine.Default.Parse(_document).Sections.Count;

    [Benchmark]
    public int ReadOnly() => DocumentReader.Read(_document).Lines.Count;
}
