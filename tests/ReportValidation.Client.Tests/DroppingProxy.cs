using System.Net;
using System.Net.Sockets;

namespace ReportValidation.Client.Tests;

/// <summary>
/// A TCP hop in front of the server that closes its first <paramref name="drop"/> connections once the caller
/// has sent on them (a replica dying with the call in flight) and forwards every later one.
/// </summary>
public sealed class DroppingProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private int _accepted;

    public DroppingProxy(int targetPort, int drop)
    {
        _listener.Start();
        _ = AcceptAsync(targetPort, drop);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Accepted => Volatile.Read(ref _accepted);

    private async Task AcceptAsync(int targetPort, int drop)
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (Interlocked.Increment(ref _accepted) <= drop)
            {
                _ = DropAfterRequestAsync(client);
                continue;
            }
            _ = ForwardAsync(client, targetPort);
        }
    }

    // Reads what the caller sends for a moment (HTTP/2 preface, settings and the call's headers), then closes.
    private async Task DropAfterRequestAsync(Socket client)
    {
        var buffer = new byte[64 * 1024];
        using (var reading = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token))
        {
            reading.CancelAfter(TimeSpan.FromMilliseconds(300));
            try
            {
                while (await client.ReceiveAsync(buffer, reading.Token) > 0)
                {
                }
            }
            catch (OperationCanceledException)
            {
            }
        }
        client.Close();
    }

    private async Task ForwardAsync(Socket client, int targetPort)
    {
        using var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var clientStream = new NetworkStream(client, ownsSocket: true);
        await server.ConnectAsync(IPAddress.Loopback, targetPort, _stop.Token);
        using var serverStream = new NetworkStream(server, ownsSocket: false);
        await Task.WhenAny(clientStream.CopyToAsync(serverStream, _stop.Token), serverStream.CopyToAsync(clientStream, _stop.Token));
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }
}
