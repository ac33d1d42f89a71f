using BenchmarkDotNet.Attributes;
using ReportValidation.Reading;
using ReportValidation.Rules;
using ReportValidation.V1;

namespace ReportValidation.Benchmarks;

/// <summary>The rule catalog alone over each parsed seed, and over a report whose suspect-cell search has work to do.</summary>
[MemoryDiagnoser]
public class RuleBenchmarks
{
    private Report _report = null!;

    [Params("000", "001", "002", "003", "004", "004-wrong-cell")]
    public string Seed { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var id = Seed[..3];
        _report = ReportEngine.Default.Parse(new InputDocument(File.ReadAllBytes(SeedFiles.PathOf(id))));
        if (Seed.EndsWith("wrong-cell", StringComparison.Ordinal))
        {
            // One wrong cell: two identities fail and the search for the cell runs.
            _report.Applications.Disclosed.NaturalPerson.Integer = 3;
        }
    }

    [Benchmark]
    public int Evaluate() => RuleCatalog.Default.Evaluate(_report, null).Count;
}
