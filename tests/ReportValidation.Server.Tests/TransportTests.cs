using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;
using Grpc.Reflection.V1Alpha;
using ReportValidation.Server.Tests.Infrastructure;
using ReportValidation.V1;

namespace ReportValidation.Server.Tests;

public sealed class TransportTests : IDisposable
{
    private readonly ServiceHost _host = new();

    [Fact]
    public async Task Json_transcoding_validates_over_http11()
    {
        using var http = _host.Http();
        var text = Documents.Unique();

        using var first = await http.PostAsJsonAsync("/v1/reports:validate", new { document = new { text } });
        using var second = await http.PostAsJsonAsync("/v1/reports:validate", new { document = new { text } });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(new Version(1, 1), first.Version);
        using var firstJson = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        using var secondJson = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        Assert.False(firstJson.RootElement.GetProperty("cached").GetBoolean());
        Assert.True(secondJson.RootElement.GetProperty("cached").GetBoolean());
        Assert.Equal(64, firstJson.RootElement.GetProperty("contentHash").GetString()!.Length);
        Assert.True(firstJson.RootElement.GetProperty("result").TryGetProperty("summary", out _));
    }

    [Fact]
    public async Task Json_transcoding_validates_a_structured_report()
    {
        using var http = _host.Http();
        var body = new { report = new { title = $"某县人民政府{Guid.NewGuid():N}2021年政府信息公开工作年度报告", year = 2021, templateVersion = "TEMPLATE_VERSION_2021" } };

        using var response = await http.PostAsJsonAsync("/v1/reports:validateStructured", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(64, json.RootElement.GetProperty("contentHash").GetString()!.Length);
        Assert.Equal("PROFILE_AUDIT", json.RootElement.GetProperty("result").GetProperty("summary").GetProperty("profile").GetString());
    }

    [Fact]
    public async Task Json_transcoding_lists_rules()
    {
        using var http = _host.Http();

        using var response = await http.GetAsync("/v1/rules");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(ReportEngine.Default.Rules.Version, json.RootElement.GetProperty("ruleCatalogVersion").GetString());
    }

    [Fact]
    public async Task Template_route_gives_both_versions_with_keys_and_labels_in_both_languages()
    {
        using var http = _host.Http();

        using var response = await http.GetAsync("/v1/template");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal(["TEMPLATE_VERSION_2019", "TEMPLATE_VERSION_2021"],
            root.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetString()));
        var tables = root.GetProperty("tables").EnumerateArray().ToDictionary(t => t.GetProperty("key").GetString()!);
        Assert.Equal(["active_disclosure", "applications", "review_litigation"], tables.Keys);
        var labels = tables.Values.SelectMany(t => t.GetProperty("blocks").EnumerateArray())
            .SelectMany(b => b.GetProperty("rows").EnumerateArray().Concat(b.GetProperty("columns").EnumerateArray()))
            .Where(l => !l.TryGetProperty("group", out var group) || !group.GetBoolean())
            .ToList();
        Assert.All(labels, l => Assert.False(string.IsNullOrEmpty(l.GetProperty("en").GetString())));
        string? Zh(string key) => labels.First(l => l.GetProperty("key").GetString() == key).GetProperty("zh").GetString();
        Assert.Equal("1.属于国家秘密", Zh("withheld.state_secret"));
        Assert.Equal("上一年项目数量", Zh("prev_items"));
        Assert.Equal("尚未审结", Zh("pending"));
        // The 2021 label of 规范性文件 and its 2019 one, each in its own version's block.
        var normative = labels.Where(l => l.GetProperty("key").GetString() == "normative_documents").Select(l => l.GetProperty("zh").GetString());
        Assert.Equal(["规范性文件", "行政规范性文件"], normative);
    }

    [Fact]
    public async Task Json_transcoding_reports_malformed_requests_as_400_with_details()
    {
        using var http = _host.Http();

        using var response = await http.PostAsJsonAsync("/v1/reports:validate", new { });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("google.rpc.BadRequest", body);
    }

    [Fact]
    public async Task Grpc_web_is_answered_over_http11()
    {
        var handler = new GrpcWebHandler(GrpcWebMode.GrpcWebText, new HttpClientHandler());
        using var channel = GrpcChannel.ForAddress(_host.HttpAddress, new GrpcChannelOptions
        {
            HttpHandler = handler,
            HttpVersion = HttpVersion.Version11,
            HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });
        var client = new ReportValidator.ReportValidatorClient(channel);

        var response = await client.ValidateDocumentAsync(Documents.Request(Documents.Unique(), "web"));

        Assert.Equal("web", response.RequestId);
        Assert.Equal(64, response.ContentHash.Length);
        Assert.Contains("政府信息公开工作年度报告", response.Result.Report.Title);
    }

    [Fact]
    public async Task Browsers_from_a_configured_origin_get_cors_headers()
    {
        using var host = new ServiceHost(new Dictionary<string, string?> { ["Cors:AllowedOrigins:0"] = "https://portal.example.gov.cn" });
        using var http = host.Http();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/reportvalidation.v1.ReportValidator/ValidateDocument");
        preflight.Headers.Add("Origin", "https://portal.example.gov.cn");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type,x-grpc-web");
        using var stranger = new HttpRequestMessage(HttpMethod.Options, "/reportvalidation.v1.ReportValidator/ValidateDocument");
        stranger.Headers.Add("Origin", "https://elsewhere.example.com");
        stranger.Headers.Add("Access-Control-Request-Method", "POST");

        using var allowed = await http.SendAsync(preflight);
        using var refused = await http.SendAsync(stranger);

        Assert.Equal("https://portal.example.gov.cn", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Health_service_answers_serving()
    {
        var health = new Health.HealthClient(_host.Channel());

        var overall = await health.CheckAsync(new HealthCheckRequest());
        var validator = await health.CheckAsync(new HealthCheckRequest { Service = "reportvalidation.v1.ReportValidator" });

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, overall.Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, validator.Status);
    }

    [Fact]
    public async Task Reflection_lists_the_validator_service()
    {
        var reflection = new ServerReflection.ServerReflectionClient(_host.Channel());
        using var call = reflection.ServerReflectionInfo();

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext());

        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Contains("reportvalidation.v1.ReportValidator", services);
        Assert.Contains("grpc.health.v1.Health", services);
    }

    [Fact]
    public async Task List_rules_returns_the_catalog()
    {
        var response = await _host.Client().ListRulesAsync(new ListRulesRequest());

        Assert.Equal(ReportEngine.Default.Rules.Version, response.RuleCatalogVersion);
        Assert.Equal(ReportEngine.Default.Rules.Descriptions.Count, response.Rules.Count);
    }

    [Fact]
    public async Task Metrics_are_scraped_over_http11()
    {
        await _host.Client().ValidateDocumentAsync(Documents.Request(Documents.Unique()));
        using var http = _host.Http();

        var metrics = await http.GetStringAsync("/metrics");

        Assert.Contains("reportvalidation_requests_total{", metrics);
        Assert.Contains("reportvalidation_cache_misses_total", metrics);
        // OpenTelemetry's RPC conventions: rpc.server.call.duration by fully qualified method and status name.
        Assert.Contains(metrics.Split('\n'), line => line.StartsWith("rpc_server_call_duration_seconds_count{", StringComparison.Ordinal)
            && line.Contains("rpc_method=\"reportvalidation.v1.ReportValidator/ValidateDocument\"")
            && line.Contains("rpc_response_status_code=\"OK\"") && line.Contains("rpc_system_name=\"grpc\""));
    }

    [Fact]
    public async Task Metrics_keep_the_saturation_instruments_and_drop_those_recorded_per_memory_block()
    {
        await _host.Client().ValidateDocumentAsync(Documents.Request(Documents.Unique()));
        using var http = _host.Http();

        var metrics = await http.GetStringAsync("/metrics");

        // README, "What to watch": connections and requests in flight stay.
        Assert.Contains("kestrel_active_connections", metrics);
        Assert.Contains("http_server_active_requests", metrics);
        Assert.Contains("http_server_request_duration_seconds", metrics);
        // Recorded for every pooled block Kestrel rents and returns, for every queued request, every route match.
        Assert.DoesNotContain("aspnetcore_memory_pool", metrics);
        Assert.DoesNotContain("kestrel_queued_requests", metrics);
        Assert.DoesNotContain("aspnetcore_routing_match_attempts", metrics);
    }

    [Fact]
    public async Task The_grpc_port_speaks_only_http2()
    {
        using var http = new HttpClient { BaseAddress = _host.GrpcAddress, DefaultRequestVersion = HttpVersion.Version11 };

        try
        {
            using var response = await http.GetAsync("/v1/rules");
            Assert.False(response.IsSuccessStatusCode, $"HTTP/1.1 was answered {response.StatusCode} on the HTTP/2-only port");
        }
        catch (HttpRequestException)
        {
            // refused outright: also not HTTP/1.1
        }
    }

    public void Dispose() => _host.Dispose();
}
