using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using ReportValidation.V1;

namespace ReportValidation.Client.Tests;

[Collection(ServerCollection.Name)]
public sealed class ClientPackageTests(ServerProcess server)
{
    [Fact]
    public async Task A_client_from_the_factory_validates_a_seed_over_dns_round_robin()
    {
        using var services = Services(options => options.Address = new Uri($"dns:///localhost:{server.GrpcPort}"));
        var client = services.GetRequiredService<ReportValidator.ReportValidatorClient>();

        var response = await client.ValidateDocumentAsync(new ValidateDocumentRequest { Document = new Document { Text = Seed("004") } });

        Assert.Equal("cell.blank", Assert.Single(response.Result.Findings).RuleId);
        Assert.Equal(64, response.ContentHash.Length);
    }

    [Fact]
    public async Task A_refused_document_reads_as_its_reason_in_both_languages()
    {
        using var services = Services(options => options.Address = new Uri($"http://127.0.0.1:{server.GrpcPort}"));
        var client = services.GetRequiredService<ReportValidator.ReportValidatorClient>();

        var exception = await Assert.ThrowsAsync<RpcException>(() =>
            client.ValidateDocumentAsync(new ValidateDocumentRequest { Document = new Document { Content = Google.Protobuf.ByteString.CopyFrom(0, 0, 0, 0, 1, 2) } }).ResponseAsync);
        var error = exception.ValidationError();

        Assert.Equal(StatusCode.InvalidArgument, error.Status);
        Assert.Equal("document.binary", error.Reason);
        Assert.Equal("document", error.Field);
        Assert.NotEmpty(error.MessageEn);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", error.MessageZh);
        Assert.Equal("document", Assert.Single(error.FieldViolations).Field);
    }

    [Fact]
    public async Task A_malformed_request_names_its_field_in_the_bad_request_details()
    {
        using var services = Services(options => options.Address = new Uri($"http://127.0.0.1:{server.GrpcPort}"));
        var client = services.GetRequiredService<ReportValidator.ReportValidatorClient>();

        var exception = await Assert.ThrowsAsync<RpcException>(() => client.ValidateReportAsync(new ValidateReportRequest()).ResponseAsync);

        Assert.Equal("report", Assert.Single(exception.ValidationError().FieldViolations).Field);
    }

    [Fact]
    public async Task A_call_that_sets_no_deadline_gets_the_default_one()
    {
        using var services = Services(options =>
        {
            options.Address = new Uri($"http://127.0.0.1:{server.GrpcPort}");
            options.Deadline = TimeSpan.FromMilliseconds(1);
        });
        var client = services.GetRequiredService<ReportValidator.ReportValidatorClient>();
        var big = string.Concat(Enumerable.Repeat(Seed("004"), 200)) + Guid.NewGuid();

        var exception = await Assert.ThrowsAsync<RpcException>(() =>
            client.ValidateDocumentAsync(new ValidateDocumentRequest { Document = new Document { Text = big } }).ResponseAsync);
        var withOwnDeadline = await client.ListRulesAsync(new ListRulesRequest(), deadline: DateTime.UtcNow.AddSeconds(30));

        Assert.Equal(StatusCode.DeadlineExceeded, exception.StatusCode);
        Assert.NotEmpty(withOwnDeadline.Rules);
    }

    [Fact]
    public async Task A_connection_dropped_by_a_dying_replica_is_retried_as_unavailable()
    {
        using var proxy = new DroppingProxy(server.GrpcPort, drop: 1);
        using var services = Services(options =>
        {
            options.Address = new Uri($"dns:///127.0.0.1:{proxy.Port}");
            options.InitialBackoff = TimeSpan.FromMilliseconds(50);
        });
        var client = services.GetRequiredService<ReportValidator.ReportValidatorClient>();

        var response = await client.ListRulesAsync(new ListRulesRequest());

        Assert.NotEmpty(response.Rules);
        Assert.True(proxy.Accepted >= 2, $"{proxy.Accepted} connection(s): the dropped one was not retried");
    }

    [Fact]
    public async Task Without_retries_the_same_dropped_connection_fails_the_call()
    {
        using var proxy = new DroppingProxy(server.GrpcPort, drop: 1);
        using var services = Services(options =>
        {
            options.Address = new Uri($"dns:///127.0.0.1:{proxy.Port}");
            options.MaxAttempts = 1;
        });
        var client = services.GetRequiredService<ReportValidator.ReportValidatorClient>();

        var exception = await Assert.ThrowsAsync<RpcException>(() => client.ListRulesAsync(new ListRulesRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, exception.StatusCode);
    }

    private static ServiceProvider Services(Action<ReportValidationClientOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddReportValidationClient(configure);
        return services.BuildServiceProvider();
    }

    private static string Seed(string prefix) =>
        File.ReadAllText(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "seeds"), prefix + "*.txt").Single());
}
