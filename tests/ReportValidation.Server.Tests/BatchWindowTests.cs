using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using ReportValidation.Server.Tests.Infrastructure;
using ReportValidation.V1;

namespace ReportValidation.Server.Tests;

public sealed class BatchWindowTests
{
    private const string Held = "在规则中等待放行";
    private const int Window = 2;

    [Fact]
    public async Task A_batch_stops_reading_while_its_window_of_documents_waits_on_the_first_and_answers_all_in_order_after()
    {
        var reachedRules = 0;
        using var release = new ManualResetEventSlim();
        var engine = BatchFaultTests.WithRule(context =>
        {
            Interlocked.Increment(ref reachedRules);
            if (context.Report.Title.Contains(Held))
            {
                release.Wait(TimeSpan.FromSeconds(20)); // bounded, so a failing test cannot hang the host
            }
        });
        using var host = new ServiceHost(
            new Dictionary<string, string?> { ["Limits:BatchDocumentsInFlight"] = Window.ToString(), ["Limits:MaxConcurrentValidations"] = "2" },
            services => services.AddSingleton(engine));
        using var call = host.Client().ValidateBatch();
        var sent = Enumerable.Range(0, 20)
            .Select(i => Documents.BatchRequest((i == 0 ? Held : "") + Documents.Unique(), $"r{i}"))
            .ToList();

        foreach (var request in sent)
        {
            await call.RequestStream.WriteAsync(request); // small: all within HTTP/2's window, so the server holds them unread
        }
        await call.RequestStream.CompleteAsync();
        while (Volatile.Read(ref reachedRules) < Window)
        {
            await Task.Delay(20);
        }
        await Task.Delay(500); // room for a reader that did not stop to run past the window
        var whileHeld = Volatile.Read(ref reachedRules);
        release.Set();
        var received = await call.ResponseStream.ReadAllAsync().ToListAsync();

        // The window's documents, plus the one the writer awaits and the one read waiting for room.
        Assert.InRange(whileHeld, Window, Window + 2);
        Assert.Equal(sent.Select(r => r.RequestId), received.Select(r => r.RequestId));
        Assert.All(received, r => Assert.Equal(ValidateBatchResponse.OutcomeOneofCase.Result, r.OutcomeCase));
    }
}
