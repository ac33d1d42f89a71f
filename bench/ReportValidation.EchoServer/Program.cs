using System.Net;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using ReportValidation.Bench;

// The floor: Grpc.AspNetCore on an HTTP/2 cleartext Kestrel port, as the real server's gRPC port is,
// with nothing behind the call. Port from Echo:Port (0 picks one); prints "listening on PORT".
var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
builder.Services.AddGrpc();
var port = builder.Configuration.GetValue("Echo:Port", 0);
builder.WebHost.ConfigureKestrel(kestrel =>
    kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));

var app = builder.Build();
app.MapGrpcService<EchoService>();
await app.StartAsync();
Console.WriteLine($"listening on {new Uri(app.Urls.First()).Port}");
await app.WaitForShutdownAsync();

internal sealed class EchoService : Echo.EchoBase
{
    public override Task<EchoMessage> Say(EchoMessage request, ServerCallContext context) => Task.FromResult(request);
}
