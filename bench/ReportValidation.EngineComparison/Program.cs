using System.Diagnostics;
using System.Globalization;
using ReportValidation.EngineComparison;

// dotnet run -c Release --project bench/ReportValidation.EngineComparison -- <before-dir> <after-dir> [rounds] [slice-ms] [modes]
// Each dir holds a built ReportValidation.Engine.dll with its dependencies (the CLI's bin/Release/net10.0).
// modes: a comma-separated subset of Read,Parse,Validate (default Parse,Validate).
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: <before-dir> <after-dir> [rounds=15] [slice-ms=100] [modes=Parse,Validate]");
    return 2;
}
var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 15;
var sliceMs = args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 100;
var modes = (args.Length > 4 ? args[4] : "Parse,Validate").Split(',');
var engines = new[] { new EngineBuild(args[0]), new EngineBuild(args[1]) };
var seeds = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "seeds"), "*.txt").Order(StringComparer.Ordinal).ToArray();

var cases = (from seed in seeds
             from mode in modes
             let bytes = File.ReadAllBytes(seed)
             select new Case(Path.GetFileName(seed)[..3], mode, [.. engines.Select(e => e.Operation(mode, bytes))])).ToList();
foreach (var run in cases.SelectMany(c => c.Runs))
{
    for (var i = 0; i < 3000; i++)
    {
        run();
    }
}
var loadBefore = LoadAverage();
for (var round = 0; round < rounds; round++)
{
    for (var c = 0; c < cases.Count; c++)
    {
        // Alternating which engine goes first, so neither always follows the other.
        foreach (var engine in (round + c) % 2 == 0 ? new[] { 0, 1 } : [1, 0])
        {
            cases[c].Measure(engine, sliceMs);
        }
    }
}
Console.WriteLine($"before: {args[0]}\nafter:  {args[1]}\n{rounds} rounds of {sliceMs} ms a case and engine; load average {loadBefore} -> {LoadAverage()}");
Console.WriteLine("medians of the rounds; ratio = after / before, the median of the rounds' ratios");
Console.WriteLine("| seed | operation | before µs (cpu) | after µs (cpu) | ratio (cpu) | ratio (wall) | before KB | after KB |");
Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|");
foreach (var c in cases)
{
    Console.WriteLine(c.Row());
}
return 0;

static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

namespace ReportValidation.EngineComparison
{
    internal sealed class Case(string seed, string mode, Func<int>[] runs)
    {
        private readonly List<double>[] _cpu = [[], []];
        private readonly List<double>[] _wall = [[], []];
        private readonly double[] _bytes = new double[2];

        public Func<int>[] Runs => runs;

        public void Measure(int engine, double sliceMs)
        {
            var run = runs[engine];
            GC.Collect();
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var cpu = ThreadCpuClock.Nanoseconds();
            var wall = Stopwatch.StartNew();
            var count = 0L;
            while (wall.Elapsed.TotalMilliseconds < sliceMs)
            {
                run();
                count++;
            }
            _wall[engine].Add(wall.Elapsed.TotalMicroseconds / count);
            _cpu[engine].Add((ThreadCpuClock.Nanoseconds() - cpu) / 1000.0 / count);
            _bytes[engine] = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)count;
        }

        public string Row() => string.Create(CultureInfo.InvariantCulture,
            $"| {seed} | {mode} | {Median(_cpu[0]):F1} | {Median(_cpu[1]):F1} | {Median(Ratios(_cpu)):F2} | {Median(Ratios(_wall)):F2} | {_bytes[0] / 1024:F1} | {_bytes[1] / 1024:F1} |");

        private static IEnumerable<double> Ratios(List<double>[] times) => times[0].Zip(times[1], (before, after) => after / before);

        private static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted[sorted.Length / 2];
        }
    }
}
