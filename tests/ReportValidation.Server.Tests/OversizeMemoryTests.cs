using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ReportValidation.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ReportValidation.Server.Tests;

/// <summary>
/// Bodies far over the limit sent to a real server process, the way a careless or hostile caller would
/// (no Expect: 100-continue, writing until the server stops it): each is refused, and the server's peak
/// resident memory (VmHWM) stays far below the pod's 512 MiB limit. Numbers are in the README.
/// </summary>
public sealed class OversizeMemoryTests(ITestOutputHelper output)
{
    private const long Megabyte = 1024 * 1024;

    // The server starts at about 80 MiB; a chunked JSON body is buffered up to its limit (53 MiB), which
    // measured 226-305 MiB at the peak (when the collector runs moves it). A body read whole would add its
    // size or more: the 300 MB one alone would put the server past 366 MiB (before the limits: 120 MB of
    // JSON took the server to 1.6 GB).
    private const long OversizePeakBound = 340 * Megabyte;
    private const long PodLimit = 512 * Megabyte;

    [Fact]
    public async Task Bodies_of_120_and_300_megabytes_are_refused_on_every_path_and_the_server_memory_stays_bounded()
    {
        using var server = new ServerProcess();

        output.WriteLine($"started: peak {server.PeakResidentBytes / Megabyte} MiB");
        foreach (var size in new[] { 120 * Megabyte, 300 * Megabyte })
        {
            Assert.StartsWith("HTTP/1.1 413", await Http11(server, "/v1/reports:validate", "application/json", size, declareLength: true));
            Measured(server, $"{size / Megabyte} MB JSON, Content-Length");
            Assert.StartsWith("HTTP/1.1 413", await Http11(server, "/v1/reports:validate", "application/json", size, declareLength: false));
            Measured(server, $"{size / Megabyte} MB JSON, chunked");
            var grpcWeb = await Http11(server, "/reportvalidation.v1.ReportValidator/ValidateDocument", "application/grpc-web", size, declareLength: true);
            Assert.Contains("grpc-status: 8", grpcWeb, StringComparison.OrdinalIgnoreCase);
            Measured(server, $"{size / Megabyte} MB gRPC-Web");
            Assert.Equal("8", await Grpc(server, size));
            Measured(server, $"{size / Megabyte} MB gRPC");
        }

        Assert.False(server.HasExited);
        Assert.True(server.PeakResidentBytes < OversizePeakBound, $"the server's peak resident memory reached {server.PeakResidentBytes / Megabyte} MiB");

        // For scale, the most one JSON call can make the server hold: a body just within the limit (a 40 MiB
        // text; the document is then refused by the engine's 16 MiB reading limit, also 413).
        var largest = Encoding.UTF8.GetBytes("{\"document\":{\"text\":\"" + new string('a', 40 * (int)Megabyte - 100) + "\"}}");
        using var http = new HttpClient { BaseAddress = server.HttpAddress };
        using var response = await http.PostAsync("/v1/reports:validate", new ByteArrayContent(largest) { Headers = { ContentType = new("application/json") } });
        Measured(server, "40 MiB JSON text, within the limit");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.True(server.PeakResidentBytes < PodLimit, $"the server's peak resident memory reached {server.PeakResidentBytes / Megabyte} MiB");
    }

    private void Measured(ServerProcess server, string what) =>
        output.WriteLine($"{what}: server peak {server.PeakResidentBytes / Megabyte} MiB, now {server.ResidentBytes / Megabyte} MiB");

    /// <summary>
    /// One request over HTTP/1.1 on a raw socket: headers, then the body (spaces, or chunks of them)
    /// until it is all sent or the server has answered and closed; returns the response head.
    /// </summary>
    private static async Task<string> Http11(ServerProcess server, string path, string contentType, long size, bool declareLength)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(IPAddress.Loopback, server.HttpAddress.Port);
        var stream = socket.GetStream();
        var head = $"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: {contentType}\r\n"
            + (declareLength ? $"Content-Length: {size}\r\n" : "Transfer-Encoding: chunked\r\n") + "\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        var answer = ReadHead(stream);
        var chunk = new byte[256 * 1024];
        Array.Fill(chunk, (byte)' ');
        var chunkHeader = Encoding.ASCII.GetBytes($"{chunk.Length:x}\r\n");
        try
        {
            for (long sent = 0; sent < size && !answer.IsCompleted; sent += chunk.Length)
            {
                if (!declareLength)
                {
                    await stream.WriteAsync(chunkHeader);
                }
                await stream.WriteAsync(chunk);
                if (!declareLength)
                {
                    await stream.WriteAsync("\r\n"u8.ToArray());
                }
            }
        }
        catch (IOException)
        {
            // The server answered and closed the connection while the body was still coming.
        }
        return await answer.WaitAsync(TimeSpan.FromSeconds(60));
    }

    private static Task<string> ReadHead(NetworkStream stream) => Task.Run(async () =>
    {
        var received = new StringBuilder();
        var buffer = new byte[4096];
        while (!received.ToString().Contains("\r\n\r\n"))
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                break;
            }
            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
        return received.ToString();
    });

    /// <summary>A gRPC call over HTTP/2 whose one message declares <paramref name="size"/> bytes and streams them; returns grpc-status.</summary>
    private static async Task<string?> Grpc(ServerProcess server, long size)
    {
        var frame = new byte[5];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)size);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.GrpcAddress, "/reportvalidation.v1.ReportValidator/ValidateDocument"))
        {
            Content = new CountingContent(size, "application/grpc", declareLength: false) { Prefix = frame },
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.TE.ParseAdd("trailers");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return response.Headers.TryGetValues("grpc-status", out var status) ? status.Single() : null;
    }
}
