using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ReportValidation.Server.Tests;

/// <summary>scripts/run.sh, as a developer runs it first.</summary>
public sealed class RunScriptTests
{
    [Theory]
    [InlineData("Server__HttpPort", "HttpPort")]
    [InlineData("Server__GrpcPort", "GrpcPort")]
    public async Task A_port_in_use_is_named_with_the_setting_to_change_before_anything_is_built(string variable, string setting)
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;

        var (exit, error) = await RunScript(new() { [variable] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(1, exit);
        Assert.Contains($"port {port} (Server:{setting}) on 127.0.0.1 is already in use", error);
        Assert.Contains($"Server__{setting}=", error);
        Assert.DoesNotContain("building", error);
    }

    private static async Task<(int Exit, string Error)> RunScript(Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("bash") { ArgumentList = { Path.Combine(RepositoryRoot(), "scripts", "run.sh") }, RedirectStandardError = true, RedirectStandardOutput = true };
        start.Environment.Remove("Server__Address");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("run.sh did not stop at the taken port");
        }
        return (process.ExitCode, await error);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "scripts", "run.sh")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("scripts/run.sh not found above " + AppContext.BaseDirectory);
    }
}
