using System.Text.Json;
using Google.Protobuf;
using ReportValidation.Reading;
using ReportValidation.Tests;
using ReportValidation.V1;

namespace ReportValidation.Cli.Tests;

/// <summary>`validate --json` is what scripts read: the API's JSON shape, default values included.</summary>
public class JsonOutputTests
{
    private static readonly string[] FailingSeeds = ["000", "002", "003"];

    [Fact]
    public void Selecting_on_summary_passes_false_finds_exactly_the_failing_seeds()
    {
        var lines = Invocation.Run("validate", "--json", Seeds.Directory).OutputLines;

        // What `jq 'select(.summary.passes==false) | .file'` does.
        var failing = lines.Select(line => JsonDocument.Parse(line).RootElement)
            .Where(result => result.GetProperty("summary").GetProperty("passes").ValueKind == JsonValueKind.False)
            .Select(result => Path.GetFileName(result.GetProperty("file").GetString()!)[..3])
            .ToArray();

        Assert.Equal(5, lines.Length);
        Assert.Equal(FailingSeeds, failing);
    }

    [Fact]
    public void Zero_counts_and_false_flags_are_written_not_left_out()
    {
        var line = Invocation.Run("validate", "--json", Seeds.PathOf("004")).OutputLines.Single();
        var summary = JsonDocument.Parse(line).RootElement.GetProperty("summary");

        Assert.Equal(0, summary.GetProperty("errors").GetInt32());
        Assert.Equal(0, summary.GetProperty("acknowledged").GetInt32());
        Assert.Equal("PROFILE_AUDIT", summary.GetProperty("profile").GetString());
    }

    [Fact]
    public void The_json_is_the_engines_validation_result_in_camel_case_with_enums_by_name()
    {
        var line = Invocation.Run("validate", "--json", Seeds.PathOf("002")).OutputLines.Single();
        var root = JsonDocument.Parse(line).RootElement;
        var finding = root.GetProperty("findings")[0];

        Assert.True(finding.TryGetProperty("ruleId", out _));
        Assert.StartsWith("SEVERITY_", finding.GetProperty("severity").GetString());
        var parsed = new JsonParser(JsonParser.Settings.Default.WithIgnoreUnknownFields(true)).Parse<ValidationResult>(line);
        var expected = ReportEngine.Default.Validate(new InputDocument(File.ReadAllBytes(Seeds.PathOf("002")), null,
            Path.GetFileName(Seeds.PathOf("002"))), null, new ValidationOptions { Profile = Profile.Audit });
        Assert.Equal(expected, parsed);
    }

    [Fact]
    public void The_rule_catalog_in_json_writes_false_flags_too()
    {
        var lines = Invocation.Run("rules", "--json").OutputLines;

        Assert.All(lines, line => Assert.True(JsonDocument.Parse(line).RootElement.TryGetProperty("needsPreviousYear", out _), line));
    }

    [Fact]
    public void Format_json_is_the_same_as_the_json_flag()
    {
        Assert.Equal(Invocation.Run("validate", "--json", Seeds.PathOf("001")).Output,
            Invocation.Run("validate", "--format", "json", Seeds.PathOf("001")).Output);
    }
}
