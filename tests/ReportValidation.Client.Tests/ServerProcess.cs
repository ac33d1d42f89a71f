using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace ReportValidation.Client.Tests;

/// <summary>
/// The built server (src/ReportValidation.Server) as its own process on free loopback ports, as a caller
/// meets it; the ports are read from its "Listening:" line. Shared by the tests of this assembly.
/// </summary>
public sealed partial class ServerProcess : IAsyncLifetime
{
    private readonly Process _process = new();
    private readonly TaskCompletionSource<(int Grpc, int Http)> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int GrpcPort { get; private set; }

    public async Task InitializeAsync()
    {
        var dll = typeof(ServerProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "ServerAssembly").Value!;
        _process.StartInfo = new ProcessStartInfo("dotnet", [Path.GetFullPath(dll)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["Server__Address"] = "127.0.0.1",
                ["Server__GrpcPort"] = "0",
                ["Server__HttpPort"] = "0",
                ["DOTNET_NOLOGO"] = "1",
            },
        };
        _process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is not null && ListeningLine().Match(line.Data) is { Success: true } match)
            {
                _listening.TrySetResult((int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value)));
            }
        };
        _process.ErrorDataReceived += (_, _) => { };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var (grpc, _) = await _listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        GrpcPort = grpc;
    }

    public async Task DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    [GeneratedRegex(@"Listening: gRPC \(HTTP/2\) on http://[^:]+:(\d+)/.* on http://[^:]+:(\d+)/")]
    private static partial Regex ListeningLine();
}

[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<ServerProcess>
{
    public const string Name = "server";
}
