namespace ReportValidation.ClusterLoad;

/// <summary>
/// A document no replica has seen goes to the first target (a miss, computed and stored in Redis),
/// then unchanged to every other target: each must answer from the shared cache with the same hash.
/// Prints one line per target; exits non-zero when a later target computed it again. Each target
/// first validates a throwaway document: a fresh replica connects to Redis on its first call and
/// bypasses Redis for a moment if that call finds the connection not yet up.
/// </summary>
public static class CacheProbe
{
    public static async Task<int> RunAsync(ClusterLoadOptions options)
    {
        foreach (var target in options.Targets)
        {
            using var warmChannel = Channels.Open(target);
            await new V1.ReportValidator.ReportValidatorClient(warmChannel)
                .ValidateDocumentAsync(Channels.Request($"{Channels.Seeds()[0]}\nwarm-up {Guid.NewGuid():N}\n"), deadline: DateTime.UtcNow.AddSeconds(10));
        }
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        var request = Channels.Request($"{Channels.Seeds()[0]}\nprobe {Guid.NewGuid():N}\n");
        string? firstHash = null;
        var failures = 0;
        for (var i = 0; i < options.Targets.Count; i++)
        {
            using var channel = Channels.Open(options.Targets[i]);
            var client = new V1.ReportValidator.ReportValidatorClient(channel);
            var response = await client.ValidateDocumentAsync(request, deadline: DateTime.UtcNow.AddSeconds(10));
            firstHash ??= response.ContentHash;
            var expectedCached = i > 0;
            var ok = response.Cached == expectedCached && response.ContentHash == firstHash;
            failures += ok ? 0 : 1;
            Console.WriteLine($"probe target={options.Targets[i]} cached={response.Cached.ToString().ToLowerInvariant()} " +
                $"hash={response.ContentHash[..16]} expected_cached={expectedCached.ToString().ToLowerInvariant()} {(ok ? "ok" : "WRONG")}");
        }
        return failures == 0 ? 0 : 1;
    }
}
