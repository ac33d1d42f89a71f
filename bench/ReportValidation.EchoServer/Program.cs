using System.Net;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using ReportValidation.Bench;

// The floor: Grpc.AspNetCore on an HTTP/2 cleartext Kestrel port, as the real server's gRPC port is,
// with nothing behind the call. Port from Echo:Port (0 picks one); Echo:AnswerBytes is the length of the
// fixed message Floor answers (the service's answer to the same request). Prints "listening on PORT".
var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
builder.Services.AddGrpc(grpc => grpc.MaxReceiveMessageSize = null);
builder.Services.AddSingleton(new FixedAnswer(builder.Configuration.GetValue("Echo:AnswerBytes", 0)));
var port = builder.Configuration.GetValue("Echo:Port", 0);
builder.WebHost.ConfigureKestrel(kestrel =>
    kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));

var app = builder.Build();
app.MapGrpcService<EchoService>();
await app.StartAsync();
Console.WriteLine($"listening on {new Uri(app.Urls.First()).Port}");
await app.WaitForShutdownAsync();

internal sealed class EchoService(FixedAnswer answer) : Echo.EchoBase
{
    public override Task<EchoMessage> Say(EchoMessage request, ServerCallContext context) => Task.FromResult(request);

    public override Task<EchoMessage> Floor(EchoMessage request, ServerCallContext context) => Task.FromResult(answer.Message);
}

/// <summary>A message of exactly the given encoded length (a payload field of the length that makes it so).</summary>
internal sealed class FixedAnswer
{
    public FixedAnswer(int encodedBytes)
    {
        var payload = Math.Max(0, encodedBytes - 1 - CodedOutputStream.ComputeLengthSize(encodedBytes));
        while (payload > 0 && 1 + CodedOutputStream.ComputeLengthSize(payload) + payload > encodedBytes)
        {
            payload--;
        }
        Message = new EchoMessage { Payload = ByteString.CopyFrom(new byte[payload]) };
    }

    public EchoMessage Message { get; }
}
