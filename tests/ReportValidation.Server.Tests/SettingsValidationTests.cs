using System.Diagnostics;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using ReportValidation.Server.Caching;

namespace ReportValidation.Server.Tests;

/// <summary>
/// A bad setting stops the real server process at start, naming the setting, before it listens (and
/// so before any health check could say SERVING).
/// </summary>
public sealed class SettingsValidationTests
{
    [Theory]
    [InlineData("Cache__TimeToLiveSeconds", "0", "Cache:TimeToLiveSeconds")]
    [InlineData("Cache__MaxEntryBytes", "-1", "Cache:MaxEntryBytes")]
    [InlineData("Limits__MaxConcurrentCalls", "0", "Limits:MaxConcurrentCalls")]
    [InlineData("Limits__CallTimeoutMilliseconds", "0", "Limits:CallTimeoutMilliseconds")]
    [InlineData("Server__Address", "localhost", "Server:Address")]
    [InlineData("Server__HttpPort", "70000", "Server:HttpPort")]
    [InlineData("Server__CertificateKeyPath", "/etc/ssl/private/key.pem", "Server:CertificateKeyPath")]
    [InlineData("Redis__Configuration", "redis:6379,sslprotocol=nonsense", "Redis:Configuration")]
    [InlineData("Redis__ConnectTimeoutMilliseconds", "0", "Redis:ConnectTimeoutMilliseconds")]
    [InlineData("Cors__AllowedOrigins__0", "portal.example.gov.cn", "Cors:AllowedOrigins")]
    [InlineData("Telemetry__OtlpProtocol", "udp", "Telemetry:OtlpProtocol")]
    [InlineData("Telemetry__OtlpEndpoint", "otel collector", "Telemetry:OtlpEndpoint")]
    [InlineData("Reading__MaxXmlDepth", "0", "Reading:MaxXmlDepth")]
    [InlineData("Reading__MaxPdfInlineImages", "0", "Reading:MaxPdfInlineImages")]
    public async Task A_bad_setting_stops_the_server_at_start_with_the_setting_named(string variable, string value, string setting)
    {
        var (exit, output, error) = await RunServer(new() { [variable] = value });

        Assert.Equal(Hosting.SettingsValidation.InvalidSettingsExitCode, exit);
        Assert.Contains(setting, error);
        Assert.Contains(variable.Split("__0")[0], error);
        Assert.DoesNotContain("Listening", output);
    }

    [Fact]
    public async Task Several_bad_settings_are_all_named_at_once()
    {
        var (exit, _, error) = await RunServer(new() { ["Cache__TimeToLiveSeconds"] = "0", ["Limits__QueuedCalls"] = "-5" });

        Assert.Equal(Hosting.SettingsValidation.InvalidSettingsExitCode, exit);
        Assert.Contains("Cache:TimeToLiveSeconds", error);
        Assert.Contains("Limits:QueuedCalls", error);
    }

    [Fact]
    public async Task A_host_built_another_way_checks_the_settings_when_it_starts()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Cache:TimeToLiveSeconds"] = "0" });
        builder.Services.AddReportCache();
        using var host = builder.Build();

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(refused.Failures, failure => failure.StartsWith("Cache:TimeToLiveSeconds:", StringComparison.Ordinal));
    }

    /// <summary>The server's own build output, run as operators run it, on free loopback ports; bounded in time.</summary>
    private static async Task<(int Exit, string Output, string Error)> RunServer(Dictionary<string, string> settings)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "ReportValidation.Server.dll") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["Server__Address"] = "127.0.0.1";
        start.Environment["Server__GrpcPort"] = "0";
        start.Environment["Server__HttpPort"] = "0";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the server kept running with {string.Join(", ", settings)}");
        }
        return (process.ExitCode, await output, await error);
    }
}
