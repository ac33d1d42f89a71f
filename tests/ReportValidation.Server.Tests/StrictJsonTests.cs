using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReportValidation.Server.Tests.Infrastructure;

namespace ReportValidation.Server.Tests;

/// <summary>JSON request bodies are read as the proto3 JSON mapping specifies: nothing unknown is dropped.</summary>
public sealed class StrictJsonTests : IDisposable
{
    private readonly ServiceHost _host = new();

    [Fact]
    public async Task A_misspelt_option_is_refused_naming_the_field_instead_of_changing_the_verdict()
    {
        using var http = _host.Http();
        var text = Documents.Seed("004"); // one warning: fails under the submission profile only

        using var spelledRight = await http.PostAsJsonAsync("/v1/reports:validate",
            new { document = new { text }, options = new { profile = "PROFILE_SUBMISSION" } });
        using var misspelt = await http.PostAsJsonAsync("/v1/reports:validate",
            new { document = new { text }, options = new { profle = "PROFILE_SUBMISSION" } });

        Assert.Equal(HttpStatusCode.OK, spelledRight.StatusCode);
        using var verdict = JsonDocument.Parse(await spelledRight.Content.ReadAsStringAsync());
        Assert.False(verdict.RootElement.GetProperty("result").GetProperty("summary").TryGetProperty("passes", out var passes) && passes.GetBoolean());
        Assert.Equal(HttpStatusCode.BadRequest, misspelt.StatusCode);
        var error = await ErrorOf(misspelt);
        Assert.Equal(3, error["code"]!.GetValue<int>());
        Assert.Equal("request.unknown_field", Detail(error, "ErrorInfo")!["reason"]!.GetValue<string>());
        var violation = Assert.Single(Detail(error, "BadRequest")!["fieldViolations"]!.AsArray())!;
        Assert.Equal("options.profle", violation["field"]!.GetValue<string>());
        Assert.Equal("UNKNOWN_FIELD", violation["reason"]!.GetValue<string>());
        Assert.Contains("did you mean \"profile\"", violation["description"]!.GetValue<string>());
        Assert.Contains("没有字段 \"profle\"", Localized(error, "zh-CN"));
        Assert.Contains("unknown field \"profle\"", Localized(error, "en-US"));
    }

    [Fact]
    public async Task An_enum_name_that_does_not_exist_is_refused_with_the_allowed_values_in_both_languages()
    {
        using var http = _host.Http();

        using var response = await http.PostAsJsonAsync("/v1/reports:validate",
            new { document = new { text = Documents.Seed("004") }, options = new { profile = "PROFILE_STRICT" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var error = JsonNode.Parse(body)!;
        var violation = Assert.Single(Detail(error, "BadRequest")!["fieldViolations"]!.AsArray())!;
        Assert.Equal("options.profile", violation["field"]!.GetValue<string>());
        Assert.Equal("request.invalid_value", Detail(error, "ErrorInfo")!["reason"]!.GetValue<string>());
        foreach (var message in new[] { Localized(error, "zh-CN"), Localized(error, "en-US") })
        {
            Assert.Contains("PROFILE_STRICT", message);
            Assert.Contains("PROFILE_SUBMISSION, PROFILE_AUDIT", message);
        }
        Assert.Contains("允许的值", Localized(error, "zh-CN"));
        Assert.DoesNotContain("ReportValidation.V1", body);
        Assert.DoesNotContain("System.", body);
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_refused_naming_the_field_and_the_type_expected()
    {
        using var http = _host.Http();

        using var response = await http.PostAsync("/v1/reports:validate", Json("""{"document":{"text":5},"options":{"acknowledgements":{"ruleId":"cell.blank"}}}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ErrorOf(response);
        var violations = Detail(error, "BadRequest")!["fieldViolations"]!.AsArray();
        Assert.Equal(["document.text", "options.acknowledgements"], violations.Select(v => v!["field"]!.GetValue<string>()));
        Assert.Contains("expected a string, got the number 5", violations[0]!["description"]!.GetValue<string>());
        Assert.Contains("应为字符串", violations[0]!["localizedMessage"]!["message"]!.GetValue<string>());
        Assert.Contains("expected an array, got an object", violations[1]!["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_with_where_it_breaks()
    {
        using var http = _host.Http();

        using var response = await http.PostAsync("/v1/reports:validate", Json("{\"document\": {\"text\": \"x\"\n  oops"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ErrorOf(response);
        Assert.Equal("request.malformed_json", Detail(error, "ErrorInfo")!["reason"]!.GetValue<string>());
        Assert.Contains("line 2", error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_parsed_report_as_the_service_writes_it_is_accepted_back_as_a_structured_report()
    {
        using var http = _host.Http();
        using var validated = await http.PostAsJsonAsync("/v1/reports:validate", new { document = new { text = Documents.Unique("001") } });
        var report = JsonNode.Parse(await validated.Content.ReadAsStringAsync())!["result"]!["report"]!;

        using var structured = await http.PostAsync("/v1/reports:validateStructured",
            Json(new JsonObject { ["report"] = report.DeepClone(), ["options"] = new JsonObject { ["profile"] = 1 } }.ToJsonString()));

        // Every field type the Report uses (int64 as strings, doubles, enums, oneofs, repeated messages) passes the check.
        Assert.Equal(HttpStatusCode.OK, structured.StatusCode);
    }

    [Fact]
    public async Task Two_members_of_one_oneof_are_refused()
    {
        using var http = _host.Http();

        using var response = await http.PostAsync("/v1/reports:validate", Json("""{"document":{"text":"x","content":"eA=="}}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ErrorOf(response);
        var violation = Assert.Single(Detail(error, "BadRequest")!["fieldViolations"]!.AsArray())!;
        Assert.Equal("document.content", violation["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Thousands_of_unknown_fields_get_an_answer_of_bounded_size()
    {
        using var http = _host.Http();
        var fields = string.Join(",", Enumerable.Range(0, 5000).Select(i => $"\"{new string('x', 200)}{i}\":1"));

        using var response = await http.PostAsync("/v1/reports:validate", Json($"{{\"document\":{{\"text\":\"x\"}},{fields}}}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(20, Detail(JsonNode.Parse(body)!, "BadRequest")!["fieldViolations"]!.AsArray().Count);
        Assert.True(body.Length < 32_000, $"{body.Length} characters");
    }

    [Fact]
    public async Task An_unknown_query_parameter_is_refused_naming_it()
    {
        using var http = _host.Http();

        using var rules = await http.GetAsync("/v1/rules?lang=en");
        using var validate = await http.PostAsJsonAsync("/v1/reports:validate?profile=PROFILE_AUDIT", new { document = new { text = "x" } });

        Assert.Equal(HttpStatusCode.BadRequest, rules.StatusCode);
        Assert.Equal("lang", Assert.Single(Detail(await ErrorOf(rules), "BadRequest")!["fieldViolations"]!.AsArray())!["field"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, validate.StatusCode);
        Assert.Contains("JSON body", (await ErrorOf(validate))["message"]!.GetValue<string>());
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonNode> ErrorOf(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    private static JsonNode? Detail(JsonNode error, string type) =>
        error["details"]!.AsArray().FirstOrDefault(d => d!["@type"]!.GetValue<string>().EndsWith($"google.rpc.{type}", StringComparison.Ordinal));

    private static string Localized(JsonNode error, string locale) =>
        error["details"]!.AsArray().Single(d => d!["@type"]!.GetValue<string>().EndsWith("google.rpc.LocalizedMessage", StringComparison.Ordinal)
            && d["locale"]!.GetValue<string>() == locale)!["message"]!.GetValue<string>();

    public void Dispose() => _host.Dispose();
}
