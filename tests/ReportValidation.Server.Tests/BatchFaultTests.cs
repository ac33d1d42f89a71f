using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using ReportValidation.Rules;
using ReportValidation.Server.Tests.Infrastructure;
using ReportValidation.V1;

namespace ReportValidation.Server.Tests;

public sealed class BatchFaultTests
{
    private const string Trigger = "触发服务内部错误";

    [Fact]
    public async Task An_unexpected_exception_on_one_batch_document_becomes_its_error_and_the_stream_goes_on()
    {
        using var host = new ServiceHost(replaceServices: services => services.AddSingleton(FailingOn(Trigger)));
        using var call = host.Client().ValidateBatch();
        var sent = new[]
        {
            Documents.BatchRequest(Documents.Unique(), "before"),
            Documents.BatchRequest(Trigger + Documents.Unique(), "failing"),
            Documents.BatchRequest(Documents.Unique(), "after"),
        };

        foreach (var request in sent)
        {
            await call.RequestStream.WriteAsync(request);
        }
        await call.RequestStream.CompleteAsync();
        var received = await call.ResponseStream.ReadAllAsync().ToListAsync();

        Assert.Equal(["before", "failing", "after"], received.Select(r => r.RequestId));
        Assert.NotNull(received[0].Result);
        Assert.Equal(ValidateBatchResponse.OutcomeOneofCase.Error, received[1].OutcomeCase);
        Assert.Equal("validation.internal_error", received[1].Error.Code);
        Assert.False(string.IsNullOrEmpty(received[1].Error.MessageZh));
        Assert.NotNull(received[2].Result);
        Assert.Single(host.Logs.Entries, e => e.EventId.Id == 20 && e.Message.Contains("failing") && e.Message.Contains(nameof(InvalidOperationException)));
    }

    /// <summary>The engine with one more rule, which throws what no reader or rule is expected to.</summary>
    private static ReportEngine FailingOn(string trigger) => WithRule(context =>
    {
        if (context.Report.Title.Contains(trigger))
        {
            throw new InvalidOperationException("a fault no reader turned into a document error");
        }
    });

    /// <summary>The engine with one more rule, run on every report it validates.</summary>
    internal static ReportEngine WithRule(Action<RuleContext> check)
    {
        var engine = ReportEngine.Default;
        var rule = StructureRules.SectionMissing with { Id = "test.extra", Check = check };
        return new ReportEngine(new RuleCatalog([.. engine.Rules.Rules, rule]), engine.Limits);
    }
}
