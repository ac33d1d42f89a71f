using System.Text;
using ReportValidation.Contract;
using BenchmarkDotNet.Attributes;
using ReportValidation.Reading;

namespace ReportValidation.Benchmarks;

/// <summary>Parse and validate each seed, as text: the engine's cost per report.</summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private InputDocument _document = null!;

    [Params("000", "001", "002", "003", "004")]
    public string Seed { get; set; } = "";

    [GlobalSetup]
    public void Setup() => _document = new InputDocument(File.ReadAllBytes(SeedFiles.PathOf(Seed)));

    [Benchmark]
    public int ParseAndValidate() => ReportEngine.Default.Validate(_document).Findings.Count;

    [Benchmark]
    public int ParseOnly() => ReportEngine.Default.Parse(_document).Sections.Count;

    /// <summary>What a miss adds after the engine: the result's protobuf encoding (the service's answer), as the server encodes it.</summary>
    [Benchmark]
    public int ParseValidateAndEncode() => MessageEncoder.Encode(ReportEngine.Default.Validate(_document)).Length;
}

/// <summary>The parse stays linear in the input: the same report repeated 1, 10 and 100 times.</summary>
[MemoryDiagnoser]
public class ScalingBenchmarks
{
    private InputDocument _document = null!;

    [Params(1, 10, 100)]
    public int Copies { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var text = File.ReadAllText(SeedFiles.PathOf("004"));
        var builder = new StringBuilder(text.Length * Copies);
        for (var i = 0; i < Copies; i++)
        {
            builder.Append(text).Append('\n');
        }
        _document = InputDocument.FromText(builder.ToString());
    }

    [Benchmark]
    public int ParseAndValidate() => ReportEngine.Default.Validate(_document).Findings.Count;
}

internal static class SeedFiles
{
    public static string PathOf(string id) =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "seeds"), id + "_*.txt").Single();
}
