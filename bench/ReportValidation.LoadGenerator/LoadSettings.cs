namespace ReportValidation.LoadGenerator;

public sealed record LoadSettings
{
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(3);
    public int Concurrency { get; init; } = 16;
    public int ServerCore { get; init; } = 1;
    public int ClientCore { get; init; }
    public string Repository { get; init; } = FindRepository();
    public string Configuration { get; init; } = "Release";
    public string? OutputPath { get; init; }

    /// <summary>floor (h2load against the floor, a hit and a miss), table (the load generator's own scenarios) or all.</summary>
    public string Suite { get; init; } = "all";
    public int H2LoadConnections { get; init; } = 16;
    public int H2LoadStreams { get; init; } = 8;
    public int FloorRounds { get; init; } = 3;

    /// <summary>Rounds run first and not counted: time for tiered compilation (and dynamic PGO) to settle.</summary>
    public int FloorDiscardedRounds { get; init; }

    /// <summary>The server to measure; by default the build output (run.sh passes the published, ReadyToRun one).</summary>
    public string? ServerDll { get; init; }

    /// <summary>Extra environment for the servers only (--server-env NAME=VALUE, repeatable), e.g. GC settings to compare.</summary>
    public IReadOnlyDictionary<string, string> ServerEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// A second build or setting of the service to compare in the same floor run (--b-server-dll,
    /// --b-server-env NAME=VALUE over the servers' environment): its hit and miss are measured in every
    /// round beside the first's, so A and B are a few seconds apart and share the floor.
    /// </summary>
    public string? BServerDll { get; init; }
    public IReadOnlyDictionary<string, string> BServerEnvironment { get; init; } = new Dictionary<string, string>();
    public bool HasB => BServerDll is not null || BServerEnvironment.Count > 0;

    /// <summary>Which of the service's scenarios the floor run measures: hit, miss, or both (the default).</summary>
    public IReadOnlyList<string> FloorScenarios { get; init; } = ["hit", "miss"];
    public string RedisServer { get; init; } = Environment.GetEnvironmentVariable("REPORTVALIDATION_REDIS_SERVER") ?? "redis-server";

    public static LoadSettings Parse(string[] args)
    {
        var settings = new LoadSettings();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            settings = args[i] switch
            {
                "--warmup" => settings with { Warmup = TimeSpan.FromSeconds(double.Parse(value)) },
                "--duration" => settings with { Duration = TimeSpan.FromSeconds(double.Parse(value)) },
                "--concurrency" => settings with { Concurrency = int.Parse(value) },
                "--server-core" => settings with { ServerCore = int.Parse(value) },
                "--client-core" => settings with { ClientCore = int.Parse(value) },
                "--repo" => settings with { Repository = value },
                "--configuration" => settings with { Configuration = value },
                "--suite" => settings with { Suite = value is "floor" or "table" or "all" ? value : throw new ArgumentException("--suite takes floor, table or all") },
                "--h2load-connections" => settings with { H2LoadConnections = int.Parse(value) },
                "--floor-rounds" => settings with { FloorRounds = int.Parse(value) },
                "--floor-discarded-rounds" => settings with { FloorDiscardedRounds = int.Parse(value) },
                "--h2load-streams" => settings with { H2LoadStreams = int.Parse(value) },
                "--out" => settings with { OutputPath = value },
                "--server-dll" => settings with { ServerDll = Path.GetFullPath(value) },
                "--server-env" => settings with { ServerEnvironment = WithVariable(settings.ServerEnvironment, value) },
                "--b-server-dll" => settings with { BServerDll = Path.GetFullPath(value) },
                "--b-server-env" => settings with { BServerEnvironment = WithVariable(settings.BServerEnvironment, value) },
                "--floor-scenarios" => settings with { FloorScenarios = ParseScenarios(value) },
                "--redis-server" => settings with { RedisServer = value },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        return settings;
    }

    private static string[] ParseScenarios(string value)
    {
        var scenarios = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return scenarios.Length > 0 && scenarios.All(s => s is "hit" or "miss")
            ? scenarios : throw new ArgumentException("--floor-scenarios takes hit, miss or hit,miss");
    }

    private static Dictionary<string, string> WithVariable(IReadOnlyDictionary<string, string> environment, string assignment)
    {
        var equals = assignment.IndexOf('=');
        if (equals <= 0)
        {
            throw new ArgumentException($"--server-env takes NAME=VALUE, not {assignment}");
        }
        return new Dictionary<string, string>(environment) { [assignment[..equals]] = assignment[(equals + 1)..] };
    }

    private static string FindRepository()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ReportValidation.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("run from inside the repository, or pass --repo");
    }
}
