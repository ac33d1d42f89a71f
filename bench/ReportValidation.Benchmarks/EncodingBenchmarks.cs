using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using ReportValidation.Contract;
using ReportValidation.Reading;
using ReportValidation.V1;

namespace ReportValidation.Benchmarks;

/// <summary>
/// Encoding a seed's validation result, the last step of a miss: Google.Protobuf's size pass alone, its
/// size pass then write (what the server did), <c>ToByteArray</c>, and <see cref="MessageEncoder"/> (each size
/// computed once, the same bytes; what the server does now).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(CpuTimeConfig))]
public class EncodingBenchmarks
{
    private ValidationResult _result = null!;

    [Params("000", "001", "002", "003", "004")]
    public string Seed { get; set; } = "";

    [GlobalSetup]
    public void Setup() => _result = ReportEngine.Default.Validate(new InputDocument(File.ReadAllBytes(SeedFiles.PathOf(Seed))));

    [Benchmark]
    public int GoogleCalculateSize() => _result.CalculateSize();

    [Benchmark(Baseline = true)]
    public int GoogleCalculateSizeAndWriteTo()
    {
        var encoded = new byte[_result.CalculateSize()];
        _result.WriteTo(encoded);
        return encoded.Length;
    }

    [Benchmark]
    public int GoogleToByteArray() => _result.ToByteArray().Length;

    [Benchmark]
    public int MessageEncoderEncode() => MessageEncoder.Encode(_result).Length;
}
