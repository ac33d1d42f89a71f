using Google.Rpc;
using Grpc.Core;
using ReportValidation.Server.Tests.Infrastructure;
using ReportValidation.V1;

namespace ReportValidation.Server.Tests;

public sealed class LimitTests
{
    [Fact]
    public async Task Missing_document_is_invalid_argument_with_bad_request_details()
    {
        using var host = new ServiceHost();

        var error = await Assert.ThrowsAsync<RpcException>(() => host.Client().ValidateDocumentAsync(new ValidateDocumentRequest()).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var badRequest = error.GetRpcStatus()!.GetDetail<BadRequest>();
        Assert.Equal("document", badRequest.FieldViolations.Single().Field);
    }

    [Fact]
    public async Task Acknowledgement_without_rule_id_is_invalid_argument()
    {
        using var host = new ServiceHost();
        var request = Documents.Request(Documents.Unique());
        request.Options = new ValidationOptions { Acknowledgements = { new Acknowledgement { Explanation = "说明" } } };

        var error = await Assert.ThrowsAsync<RpcException>(() => host.Client().ValidateDocumentAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("options.acknowledgements[0].rule_id", error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field);
    }

    [Fact]
    public async Task Binary_document_is_invalid_argument_naming_the_reason()
    {
        using var host = new ServiceHost();

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            host.Client().ValidateDocumentAsync(Documents.Bytes([0, 1, 2, 3, 0, 0, 7, 8])).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var status = error.GetRpcStatus()!;
        Assert.Equal("document.binary", status.GetDetail<ErrorInfo>().Reason);
        Assert.Equal("zh-CN", status.GetDetail<LocalizedMessage>().Locale);
    }

    [Fact]
    public async Task Unreadable_previous_document_names_that_field()
    {
        using var host = new ServiceHost();
        var request = Documents.Request(Documents.Unique());
        request.PreviousDocument = new Document { Content = Google.Protobuf.ByteString.CopyFrom(0, 0, 0, 0) };

        var error = await Assert.ThrowsAsync<RpcException>(() => host.Client().ValidateDocumentAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("previous_document", error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field);
    }

    [Fact]
    public async Task Message_over_the_size_limit_is_resource_exhausted()
    {
        using var host = new ServiceHost(new Dictionary<string, string?> { ["Limits:MaxMessageBytes"] = "65536" });

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            host.Client().ValidateDocumentAsync(Documents.Request(new string('年', 40_000))).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Document_over_the_reading_limit_is_resource_exhausted_with_reason()
    {
        using var host = new ServiceHost(new Dictionary<string, string?> { ["Limits:MaxDocumentBytes"] = "4096" });

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            host.Client().ValidateDocumentAsync(Documents.Request(new string('年', 4000))).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal("document.too_large", error.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
    }

    [Fact]
    public async Task Expired_client_deadline_ends_the_call_without_a_result()
    {
        using var host = new ServiceHost();
        var big = string.Concat(Enumerable.Repeat(Documents.Seed("004"), 400));

        var error = await Assert.ThrowsAsync<RpcException>(() => host.Client()
            .ValidateDocumentAsync(Documents.Request(big), deadline: DateTime.UtcNow.AddMilliseconds(5)).ResponseAsync);

        // Best effort by the protocol (grpc/grpc#2685): the server tracks the deadline from grpc-timeout
        // too, and its reset of the stream can reach the client before the client's own timer fires;
        // the client then reports CANCELLED. Either way the call ends promptly, never with a result.
        Assert.Contains(error.StatusCode, new[] { StatusCode.DeadlineExceeded, StatusCode.Cancelled });
    }

    [Fact]
    public async Task Server_time_limit_cancels_the_engine()
    {
        // No client deadline: only the server's own limit can end this call, through the engine's token.
        using var host = new ServiceHost(new Dictionary<string, string?> { ["Limits:CallTimeoutMilliseconds"] = "1" });
        var big = string.Concat(Enumerable.Repeat(Documents.Seed("004"), 400));

        var error = await Assert.ThrowsAsync<RpcException>(() => host.Client().ValidateDocumentAsync(Documents.Request(big)).ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task Calls_over_the_concurrency_limit_are_resource_exhausted()
    {
        using var host = new ServiceHost(new Dictionary<string, string?> { ["Limits:MaxConcurrentCalls"] = "1", ["Limits:QueuedCalls"] = "0" });
        var client = host.Client();
        using var batch = client.ValidateBatch();
        await batch.RequestStream.WriteAsync(Documents.BatchRequest(Documents.Unique()));
        Assert.True(await batch.ResponseStream.MoveNext()); // the stream holds the only permit now

        var error = await Assert.ThrowsAsync<RpcException>(() => client.ValidateDocumentAsync(Documents.Request(Documents.Unique())).ResponseAsync);
        await batch.RequestStream.CompleteAsync();

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal("concurrency_limit", error.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
    }

    [Fact]
    public async Task Calls_over_the_rate_limit_are_resource_exhausted_not_unavailable()
    {
        using var host = new ServiceHost(new Dictionary<string, string?> { ["Limits:CallsPerSecond"] = "2" });
        var client = host.Client();
        var text = Documents.Unique();

        var codes = new List<StatusCode>();
        for (var i = 0; i < 4; i++)
        {
            try
            {
                await client.ValidateDocumentAsync(Documents.Request(text));
                codes.Add(StatusCode.OK);
            }
            catch (RpcException error)
            {
                codes.Add(error.StatusCode);
            }
        }

        Assert.Contains(StatusCode.ResourceExhausted, codes);
        Assert.DoesNotContain(StatusCode.Unavailable, codes);
    }
}
