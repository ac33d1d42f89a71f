using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using ReportValidation.Server.Tests.Infrastructure;
using ReportValidation.Testing;
using ReportValidation.V1;

namespace ReportValidation.Server.Tests;

/// <summary>One running server for the hostile documents: it must survive every one of them.</summary>
public sealed class HostileServer : IDisposable
{
    public ServiceHost Host { get; } = new();

    public void Dispose() => Host.Dispose();
}

/// <summary>
/// Every hostile document of issue 9 sent to a running server over gRPC and over the JSON route: its
/// error code (ErrorInfo reason, with the status a client acts on) or a result, in time, and the server
/// answers a seed at once afterwards. Before, the deep ones ended the server process.
/// </summary>
public sealed class HostileDocumentTests(HostileServer server) : IClassFixture<HostileServer>
{
    private static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan AtOnce = TimeSpan.FromSeconds(5);

    public static TheoryData<string> Names => new(HostileDocuments.All.Select(d => d.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_hostile_document_over_grpc_gets_its_error_and_the_server_goes_on(string name)
    {
        var document = HostileDocuments.Named(name);
        var client = server.Host.Client();
        var clock = Stopwatch.StartNew();

        ValidateDocumentResponse? response = null;
        var error = await Record.ExceptionAsync(async () =>
            response = await client.ValidateDocumentAsync(Request(document), deadline: DateTime.UtcNow.AddSeconds(60)));

        Assert.True(clock.Elapsed < TimeBound, $"{name} took {clock.Elapsed}");
        if (document.ExpectedCode is null)
        {
            Assert.Null(error);
            Assert.NotNull(response!.Result.Summary);
        }
        else
        {
            var status = Assert.IsType<RpcException>(error);
            Assert.Equal(ExpectedStatus(document), status.StatusCode);
            Assert.Equal(document.ExpectedCode, status.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
            Assert.Contains(document.Limit ?? "", status.Status.Detail, StringComparison.Ordinal);
        }
        await SeedIsAnsweredAtOnce();
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_hostile_document_over_json_gets_its_error_and_the_server_goes_on(string name)
    {
        var document = HostileDocuments.Named(name);
        using var http = server.Host.Http();
        http.Timeout = TimeSpan.FromSeconds(60);
        var body = new
        {
            document = new { content = Convert.ToBase64String(document.Content), contentType = document.ContentType ?? "", fileName = document.FileName },
        };
        var clock = Stopwatch.StartNew();

        using var response = await http.PostAsJsonAsync("/v1/reports:validate", body);

        Assert.True(clock.Elapsed < TimeBound, $"{name} took {clock.Elapsed}");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        if (document.ExpectedCode is null)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(json.RootElement.GetProperty("result").TryGetProperty("summary", out _));
        }
        else
        {
            // 413 "send less" for a limit, 400 for a broken document.
            Assert.Equal(ExpectedStatus(document) == StatusCode.ResourceExhausted ? HttpStatusCode.RequestEntityTooLarge : HttpStatusCode.BadRequest, response.StatusCode);
            var reasons = json.RootElement.GetProperty("details").EnumerateArray()
                .Where(detail => detail.TryGetProperty("reason", out _))
                .Select(detail => detail.GetProperty("reason").GetString());
            Assert.Equal(document.ExpectedCode, Assert.Single(reasons));
        }
        await SeedIsAnsweredAtOnce();
    }

    [Fact]
    public async Task A_batch_with_a_hostile_document_in_the_middle_gets_its_error_there_and_goes_on()
    {
        // PdfPig's PdfDocumentStackDepthException, then the page tree that overflowed the stack: both
        // used to end the stream (UNKNOWN) or the process.
        using var call = server.Host.Client().ValidateBatch(deadline: DateTime.UtcNow.AddSeconds(60));
        var hostile = new[] { "pdf-reference-chain-300", "pdf-page-tree-depth-100000", "docx-nesting-100000" };
        var sent = new List<ValidateBatchRequest> { Documents.BatchRequest(Documents.Unique("001"), "before") };
        sent.AddRange(hostile.Select(name => new ValidateBatchRequest { Document = Request(HostileDocuments.Named(name)).Document, RequestId = name }));
        sent.Add(Documents.BatchRequest(Documents.Unique("004"), "after"));

        foreach (var request in sent)
        {
            await call.RequestStream.WriteAsync(request);
        }
        await call.RequestStream.CompleteAsync();
        var received = await call.ResponseStream.ReadAllAsync().ToListAsync();

        Assert.Equal(sent.Select(r => r.RequestId), received.Select(r => r.RequestId));
        Assert.Equal(ValidateBatchResponse.OutcomeOneofCase.Result, received[0].OutcomeCase);
        Assert.All(received.Skip(1).Take(hostile.Length), r => Assert.Equal(HostileDocuments.LimitExceeded, r.Error.Code));
        Assert.Equal(2024, received[^1].Result.Report.Year);
    }

    [Fact]
    public async Task A_reading_limit_set_in_the_settings_is_the_one_the_engine_applies()
    {
        // 40 levels of XML pass the default (256) and are refused under Reading:MaxXmlDepth=32.
        using var host = new ServiceHost(new Dictionary<string, string?> { ["Reading:MaxXmlDepth"] = "32" });
        var document = new HostileDocument("docx-nesting-40", HostileDocuments.DocxNesting(40),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "nesting.docx", ExpectedCode: null);

        var error = await Assert.ThrowsAsync<RpcException>(() => host.Client().ValidateDocumentAsync(Request(document)).ResponseAsync);
        var accepted = await server.Host.Client().ValidateDocumentAsync(Request(document));

        Assert.Equal(HostileDocuments.LimitExceeded, error.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
        Assert.Contains("MaxXmlDepth", error.Status.Detail, StringComparison.Ordinal);
        Assert.NotNull(accepted.Result.Summary);
    }

    private async Task SeedIsAnsweredAtOnce()
    {
        var clock = Stopwatch.StartNew();
        var response = await server.Host.Client().ValidateDocumentAsync(Documents.Request(Documents.Unique("004")));
        Assert.Equal(2024, response.Result.Report.Year);
        Assert.True(clock.Elapsed < AtOnce, $"a seed took {clock.Elapsed} after a hostile document");
    }

    private static StatusCode ExpectedStatus(HostileDocument document) =>
        document.ExpectedCode == HostileDocuments.LimitExceeded ? StatusCode.ResourceExhausted : StatusCode.InvalidArgument;

    private static ValidateDocumentRequest Request(HostileDocument document) => new()
    {
        Document = new Document { Content = ByteString.CopyFrom(document.Content), ContentType = document.ContentType ?? "", FileName = document.FileName },
    };
}
