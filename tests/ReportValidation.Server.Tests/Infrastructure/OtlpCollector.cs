using System.Collections.Concurrent;
using System.Net;

namespace ReportValidation.Server.Tests.Infrastructure;

/// <summary>A stand-in OTLP/HTTP collector on a free loopback port: keeps every export body by path.</summary>
public sealed class OtlpCollector : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public OtlpCollector()
    {
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ReceiveAsync);
    }

    public int Port { get; }

    public string Endpoint => $"http://127.0.0.1:{Port}";

    public ConcurrentQueue<(string Path, byte[] Body)> Exports { get; } = new();

    private async Task ReceiveAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            Exports.Enqueue((context.Request.Url!.AbsolutePath, body.ToArray()));
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
