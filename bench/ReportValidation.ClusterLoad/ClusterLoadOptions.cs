using System.Globalization;

namespace ReportValidation.ClusterLoad;

public sealed record ClusterLoadOptions
{
    public string Command { get; init; } = "";
    public IReadOnlyList<Uri> Targets { get; init; } = [];
    public string? PhaseFile { get; init; }
    public int Concurrency { get; init; } = 8;
    public int Documents { get; init; } = 40;
    public double MaxSeconds { get; init; } = 90;
    public string? OutputPath { get; init; }

    public static ClusterLoadOptions Parse(string[] args)
    {
        if (args.Length == 0)
        {
            throw new ArgumentException("usage: load|probe [options]");
        }
        var options = new ClusterLoadOptions { Command = args[0] };
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--target" or "--targets" => options with { Targets = [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(t => new Uri(t))] },
                "--phase-file" => options with { PhaseFile = value },
                "--concurrency" => options with { Concurrency = int.Parse(value, CultureInfo.InvariantCulture) },
                "--documents" => options with { Documents = int.Parse(value, CultureInfo.InvariantCulture) },
                "--max-seconds" => options with { MaxSeconds = double.Parse(value, CultureInfo.InvariantCulture) },
                "--out" => options with { OutputPath = value },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        if (options.Targets.Count == 0)
        {
            throw new ArgumentException("--target is required");
        }
        return options;
    }
}
