using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Configuration;
using ReportValidation.V1;

namespace ReportValidation.ClusterLoad;

public static class Channels
{
    /// <summary>
    /// A client as operators should configure one: calls that fail with UNAVAILABLE (a replica gone,
    /// the proxy's 502 for a reset upstream) are retried with backoff. Validation is a pure function
    /// of the request, so a retry is always safe.
    /// </summary>
    public static GrpcChannel Open(Uri target) => GrpcChannel.ForAddress(target, new GrpcChannelOptions
    {
        HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true },
        ServiceConfig = new ServiceConfig
        {
            MethodConfigs =
            {
                new MethodConfig
                {
                    Names = { MethodName.Default },
                    RetryPolicy = new RetryPolicy
                    {
                        MaxAttempts = 5,
                        InitialBackoff = TimeSpan.FromMilliseconds(50),
                        MaxBackoff = TimeSpan.FromMilliseconds(500),
                        BackoffMultiplier = 2,
                        RetryableStatusCodes = { StatusCode.Unavailable },
                    },
                },
            },
        },
    });

    public static ValidateDocumentRequest Request(string text) => new() { Document = new Document { Text = text } };

    /// <summary>The seed reports shipped beside the program.</summary>
    public static string[] Seeds() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "seeds"), "*.txt").Order(StringComparer.Ordinal).Select(File.ReadAllText)];
}
