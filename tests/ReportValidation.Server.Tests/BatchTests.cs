using Grpc.Core;
using ReportValidation.Server.Tests.Infrastructure;
using ReportValidation.V1;

namespace ReportValidation.Server.Tests;

public sealed class BatchTests
{
    [Fact]
    public async Task BatchAnswersEveryDocumentInOrderAndGoesOnPastUnreadableOnes()
    {
        using var host = new ServiceHost();
        using var call = host.Client().ValidateBatch();
        var sent = new List<ValidateDocumentRequest>();
        for (var i = 0; i < 12; i++)
        {
            var request = i == 5
                ? Documents.Bytes([0, 0, 0, 0, 1, 2])
                : Documents.Request(i % 3 == 0 ? Documents.Seed("004") : Documents.Unique(i % 2 == 0 ? "001" : "002"));
            request.RequestId = $"r{i}";
            sent.Add(request);
        }

        var writer = Task.Run(async () =>
        {
            foreach (var request in sent)
            {
                await call.RequestStream.WriteAsync(request);
            }
            await call.RequestStream.CompleteAsync();
        });
        var received = await call.ResponseStream.ReadAllAsync().ToListAsync();
        await writer;

        Assert.Equal(sent.Select(r => r.RequestId), received.Select(r => r.RequestId));
        Assert.Equal("document.binary", received[5].Error.Code);
        Assert.All(received.Where((_, i) => i != 5), r => Assert.NotNull(r.Result));
    }

    [Fact]
    public async Task GracefulShutdownFinishesAnInFlightBatch()
    {
        var host = new ServiceHost();
        var lifetime = (Microsoft.Extensions.Hosting.IHostApplicationLifetime)host.Services.GetService(typeof(Microsoft.Extensions.Hosting.IHostApplicationLifetime))!;
        // A channel of the test's own: the host's channels are disposed with the host, mid-read here.
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(host.GrpcAddress);
        using var call = new ReportValidator.ReportValidatorClient(channel).ValidateBatch();
        await call.RequestStream.WriteAsync(Documents.Request(Documents.Unique(), "before"));
        Assert.True(await call.ResponseStream.MoveNext());

        var stopping = Task.Run(host.Dispose);
        await Task.Delay(200);
        await call.RequestStream.WriteAsync(Documents.Request(Documents.Unique(), "during"));
        Assert.True(await call.ResponseStream.MoveNext());
        var during = call.ResponseStream.Current;
        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext());
        await stopping;

        Assert.True(lifetime.ApplicationStopping.IsCancellationRequested);
        Assert.Equal("during", during.RequestId);
        Assert.NotNull(during.Result);
    }
}
