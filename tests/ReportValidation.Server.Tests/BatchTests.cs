using Grpc.Core;
using ReportValidation.Server.Tests.Infrastructure;
using ReportValidation.V1;

namespace ReportValidation.Server.Tests;

public sealed class BatchTests
{
    [Fact]
    public async Task Batch_answers_every_document_in_order_and_goes_on_past_unreadable_ones()
    {
        using var host = new ServiceHost();
        using var call = host.Client().ValidateBatch();
        var sent = new List<ValidateBatchRequest>();
        for (var i = 0; i < 12; i++)
        {
            var request = i == 5
                ? new ValidateBatchRequest { Document = Documents.Bytes([0, 0, 0, 0, 1, 2]).Document }
                : Documents.BatchRequest(i % 3 == 0 ? Documents.Seed("004") : Documents.Unique(i % 2 == 0 ? "001" : "002"));
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
        Assert.Equal(ValidateBatchResponse.OutcomeOneofCase.Error, received[5].OutcomeCase);
        Assert.Equal("document.binary", received[5].Error.Code);
        Assert.All(received.Where((_, i) => i != 5), r => Assert.Equal(ValidateBatchResponse.OutcomeOneofCase.Result, r.OutcomeCase));
    }

    [Fact]
    public async Task Documents_of_one_stream_are_validated_side_by_side_and_answered_in_order()
    {
        using var host = new ServiceHost(new Dictionary<string, string?> { ["Limits:MaxConcurrentValidations"] = "2" });
        var big = Documents.BatchRequest(string.Concat(Enumerable.Repeat(Documents.Unique("004"), 100)), "big");
        var small = Documents.BatchRequest(Documents.Unique("001"), "small");
        var bigBytes = System.Text.Encoding.UTF8.GetByteCount(big.Document.Text);
        var smallBytes = System.Text.Encoding.UTF8.GetByteCount(small.Document.Text);
        var parses = new System.Collections.Concurrent.ConcurrentDictionary<int, (DateTime Start, DateTime End)>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == ReportValidation.Server.Telemetry.ServerTelemetry.Source.Name,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllData,
            ActivityStopped = span =>
            {
                if (span.OperationName == "parse" && span.GetTagItem("reportvalidation.document.bytes") is int bytes)
                {
                    parses[bytes] = (span.StartTimeUtc, span.StartTimeUtc + span.Duration);
                }
            },
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);

        using var call = host.Client().ValidateBatch();
        await call.RequestStream.WriteAsync(big);
        await call.RequestStream.WriteAsync(small);
        await call.RequestStream.CompleteAsync();
        var received = await call.ResponseStream.ReadAllAsync().ToListAsync();

        Assert.Equal(["big", "small"], received.Select(r => r.RequestId));
        Assert.All(received, r => Assert.NotNull(r.Result));
        // The second document was parsed while the first still was: not one after the other.
        Assert.True(parses[smallBytes].Start < parses[bigBytes].End,
            $"small parsed {parses[smallBytes].Start:HH:mm:ss.fff}, big parsed until {parses[bigBytes].End:HH:mm:ss.fff}");
    }

    [Fact]
    public async Task A_document_out_of_time_gets_an_error_and_the_batch_goes_on()
    {
        using var host = new ServiceHost(new Dictionary<string, string?> { ["Limits:CallTimeoutMilliseconds"] = "1" });
        using var call = host.Client().ValidateBatch();
        var big = Documents.BatchRequest(string.Concat(Enumerable.Repeat(Documents.Seed("004"), 400)), "big");
        var next = Documents.BatchRequest(Documents.Unique(), "next");

        await call.RequestStream.WriteAsync(big);
        await call.RequestStream.WriteAsync(next);
        await call.RequestStream.CompleteAsync();
        var received = await call.ResponseStream.ReadAllAsync().ToListAsync();

        Assert.Equal(["big", "next"], received.Select(r => r.RequestId));
        Assert.Equal("validation.deadline_exceeded", received[0].Error.Code);
    }

    [Fact]
    public async Task Graceful_shutdown_finishes_an_in_flight_batch()
    {
        var host = new ServiceHost();
        var lifetime = (Microsoft.Extensions.Hosting.IHostApplicationLifetime)host.Services.GetService(typeof(Microsoft.Extensions.Hosting.IHostApplicationLifetime))!;
        // A channel of the test's own: the host's channels are disposed with the host, mid-read here.
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(host.GrpcAddress);
        using var call = new ReportValidator.ReportValidatorClient(channel).ValidateBatch();
        await call.RequestStream.WriteAsync(Documents.BatchRequest(Documents.Unique(), "before"));
        Assert.True(await call.ResponseStream.MoveNext());

        var stopping = Task.Run(host.Dispose);
        await Task.Delay(200);
        await call.RequestStream.WriteAsync(Documents.BatchRequest(Documents.Unique(), "during"));
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
