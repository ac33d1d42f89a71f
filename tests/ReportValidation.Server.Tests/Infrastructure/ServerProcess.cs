using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ReportValidation.Server.Tests.Infrastructure;

/// <summary>
/// The built server (src/ReportValidation.Server/bin/&lt;configuration&gt;) as a process of its own, on free
/// loopback ports, for what an in-process host cannot show: the memory of the server alone.
/// </summary>
public sealed partial class ServerProcess : IDisposable
{
    private readonly Process _process;

    public ServerProcess(params string[] settings)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { ServerDll(), "--Server:Address=127.0.0.1", "--Server:GrpcPort=0", "--Server:HttpPort=0" },
            WorkingDirectory = Path.GetDirectoryName(ServerDll())!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var setting in settings)
        {
            start.ArgumentList.Add(setting);
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException("the server did not start");
        var listening = new TaskCompletionSource<Match>(TaskCreationOptions.RunContinuationsAsynchronously);
        _process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is not null && ListeningLine().Match(line.Data) is { Success: true } match)
            {
                listening.TrySetResult(match);
            }
        };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (!listening.Task.Wait(TimeSpan.FromSeconds(60)))
        {
            Dispose();
            throw new InvalidOperationException("the server did not say where it listens within 60 s");
        }
        GrpcAddress = new Uri(listening.Task.Result.Groups["grpc"].Value);
        HttpAddress = new Uri(listening.Task.Result.Groups["http"].Value);
    }

    public Uri GrpcAddress { get; }
    public Uri HttpAddress { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The process's peak resident memory so far (VmHWM), in bytes.</summary>
    public long PeakResidentBytes => Status("VmHWM");

    public long ResidentBytes => Status("VmRSS");

    private long Status(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0]) * 1024;
            }
        }
        throw new InvalidOperationException($"/proc/{_process.Id}/status has no {field}");
    }

    private static string ServerDll()
    {
        // The test assembly's folder is tests/ReportValidation.Server.Tests/bin/<configuration>/<framework>/.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (framework, configuration) = (output.Name, output.Parent!.Name);
        var root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ReportValidation.sln")))
        {
            root = root.Parent;
        }
        var dll = Path.Combine(root?.FullName ?? "", "src", "ReportValidation.Server", "bin", configuration, framework, "ReportValidation.Server.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("build the server first", dll);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
    }

    [GeneratedRegex(@"Listening: gRPC \(HTTP/2\) on (?<grpc>\S+?);? gRPC-Web.* on (?<http>\S+)$")]
    private static partial Regex ListeningLine();
}
