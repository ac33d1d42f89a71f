using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using ReportValidation.Reading;
using Xunit.Abstractions;

namespace ReportValidation.Tests.Reading;

/// <summary>
/// A bounded mutation fuzz: the seeds in every format the engine reads, mutated from a fixed random
/// seed (bytes flipped, cut short, spliced from another seed, ranges repeated, markup that nests
/// inserted; a DOCX also inside its document part, so its zip stays valid), each validated with a
/// time limit. Every outcome must be a result or a <see cref="DocumentReadException"/>: any other
/// exception, or a document still running at its limit, fails with what reproduces it.
/// </summary>
public class MutationFuzzTests(ITestOutputHelper output)
{
    private const int RandomSeed = 20_260_912;
    private static readonly TimeSpan BudgetPerFormat = TimeSpan.FromSeconds(17);
    private static readonly TimeSpan PerDocument = TimeSpan.FromSeconds(10);
    private static readonly string[] Formats = ["text", "html", "docx", "pdf"];

    [Theory]
    [InlineData("text")]
    [InlineData("html")]
    [InlineData("docx")]
    [InlineData("pdf")]
    public void Mutated_seeds_give_a_result_or_a_document_error_and_nothing_else(string format)
    {
        var originals = Seeds.Ids.Select(id => Rendered(id, format)).ToArray();
        var random = new Random(RandomSeed + Array.IndexOf(Formats, format));
        var clock = Stopwatch.StartNew();
        var outcomes = new Dictionary<string, int>();
        var iteration = 0;
        for (; clock.Elapsed < BudgetPerFormat; iteration++)
        {
            var original = originals[iteration % originals.Length];
            var other = originals[random.Next(originals.Length)];
            var (mutation, bytes) = format == "docx" && random.Next(3) > 0
                ? MutateDocumentPart(original, other, random)
                : Mutate(original, other, random, format);
            var outcome = Validate(bytes, format, $"{format} iteration {iteration} ({mutation}, random seed {RandomSeed})");
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }
        output.WriteLine($"{iteration} {format} mutations in {clock.Elapsed}: {string.Join(", ", outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key} {o.Value}"))}");
        Assert.True(iteration >= 20, $"only {iteration} {format} mutations ran in {BudgetPerFormat}");
        Assert.True(outcomes.Count > 1, $"every {format} mutation ended the same way: {string.Join(", ", outcomes)}");
    }

    private static string Validate(byte[] bytes, string format, string what)
    {
        var contentType = format switch { "html" => "text/html", "pdf" => "application/pdf", "text" => "text/plain", _ => null };
        using var limit = new CancellationTokenSource(PerDocument);
        try
        {
            var result = ReportEngine.Default.Validate(new InputDocument(bytes, contentType, "report." + format), cancellationToken: limit.Token);
            Assert.NotNull(result.Summary);
            Assert.NotNull(result.Report);
            // Text is repaired rather than refused (a stray NUL or broken byte), so its outcomes differ by verdict.
            return result.Summary.Passes ? "result (passes)" : "result (fails)";
        }
        catch (DocumentReadException error)
        {
            Assert.False(string.IsNullOrEmpty(error.MessageZh), what);
            // A corrupt document names what its library threw: the kinds that escaped before show up here.
            return error.Kind == DocumentErrorKind.Corrupt ? $"{error.Code} ({error.Message[(error.Message.LastIndexOf('(') + 1)..].TrimEnd(')', '.')})" : error.Code;
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"{what}: still running after {PerDocument}");
            throw;
        }
        catch (Exception error)
        {
            Assert.Fail($"{what}: escaped as {error}");
            throw;
        }
    }

    private static (string, byte[]) Mutate(byte[] original, byte[] other, Random random, string format)
    {
        var bytes = original.ToList();
        var at = random.Next(bytes.Count);
        switch (random.Next(6))
        {
            case 0:
                var flips = random.Next(1, 32);
                for (var i = 0; i < flips; i++)
                {
                    bytes[random.Next(bytes.Count)] = (byte)random.Next(256);
                }
                return ($"{flips} bytes flipped", [.. bytes]);
            case 1:
                return ($"cut at {at}", [.. bytes.Take(at)]);
            case 2:
                var from = random.Next(other.Length);
                var length = random.Next(1, Math.Min(4096, other.Length - from) + 1);
                var replaced = random.Next(0, Math.Min(4096, bytes.Count - at) + 1);
                bytes.RemoveRange(at, replaced);
                bytes.InsertRange(at, other.AsSpan(from, length).ToArray());
                return ($"{length} bytes of another seed spliced at {at} over {replaced}", [.. bytes]);
            case 3:
                var range = bytes.Skip(at).Take(random.Next(1, 512)).ToArray();
                var times = random.Next(2, 64);
                for (var i = 0; i < times; i++)
                {
                    bytes.InsertRange(at, range);
                }
                return ($"{range.Length} bytes repeated {times} times at {at}", [.. bytes]);
            case 4:
                var markup = Encoding.ASCII.GetBytes(format switch
                {
                    "pdf" => random.Next(2) == 0 ? "[<</A " : "1 0 R ",
                    "html" or "docx" => "<div><table><tr><td>",
                    _ => "|",
                });
                var nested = random.Next(1, 2_000);
                bytes.InsertRange(at, Enumerable.Repeat(markup, nested).SelectMany(m => m));
                return ($"{nested} × \"{Encoding.ASCII.GetString(markup)}\" at {at}", [.. bytes]);
            default:
                bytes.RemoveRange(at, random.Next(0, Math.Min(1024, bytes.Count - at) + 1));
                return ($"bytes removed at {at}", [.. bytes]);
        }
    }

    /// <summary>The DOCX's document part mutated, then zipped again, so the reader gets past the zip.</summary>
    private static (string, byte[]) MutateDocumentPart(byte[] docx, byte[] otherDocx, Random random)
    {
        using var source = new ZipArchive(new MemoryStream(docx), ZipArchiveMode.Read);
        using var output = new MemoryStream();
        string mutation = "";
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var read = entry.Open();
                using var content = new MemoryStream();
                read.CopyTo(content);
                var bytes = content.ToArray();
                if (entry.FullName == "word/document.xml")
                {
                    (mutation, bytes) = Mutate(bytes, DocumentPart(otherDocx), random, "docx");
                }
                using var write = target.CreateEntry(entry.FullName).Open();
                write.Write(bytes);
            }
        }
        return ("document.xml: " + mutation, output.ToArray());
    }

    private static byte[] DocumentPart(byte[] docx)
    {
        using var zip = new ZipArchive(new MemoryStream(docx), ZipArchiveMode.Read);
        using var part = zip.GetEntry("word/document.xml")!.Open();
        using var content = new MemoryStream();
        part.CopyTo(content);
        return content.ToArray();
    }

    private static byte[] Rendered(string seed, string format)
    {
        var text = Seeds.Text(seed);
        if (format == "text")
        {
            return Encoding.UTF8.GetBytes(text);
        }
        var layout = SeedLayout.FromText(text);
        return format switch
        {
            "html" => Encoding.UTF8.GetBytes(HtmlRendering.Render(layout)),
            "docx" => DocxRendering.Render(layout),
            _ => PdfRendering.Render(layout),
        };
    }
}
