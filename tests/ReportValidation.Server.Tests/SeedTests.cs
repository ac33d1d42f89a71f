using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ReportValidation.Reading;
using ReportValidation.Server.Tests.Infrastructure;
using ReportValidation.V1;

namespace ReportValidation.Server.Tests;

public sealed class SeedTests
{
    [Fact]
    public async Task Seed_comes_back_with_the_report_the_engine_parses()
    {
        using var host = new ServiceHost();
        var text = Documents.Seed("004");

        var response = await host.Client().ValidateDocumentAsync(Documents.Request(text));

        var expected = ReportEngine.Default.Parse(InputDocument.FromText(text));
        Assert.Equal(expected, response.Result.Report);
        Assert.Contains("政府信息公开工作年度报告", response.Result.Report.Title);
        Assert.Equal(TemplateVersion._2021, response.Result.Report.TemplateVersion);
        Assert.True(response.Result.Report.Applications.Found);
        Assert.Equal(ReportEngine.Default.Rules.Version, response.Result.RuleCatalogVersion);
    }

    [Fact]
    public async Task Html_bytes_are_read_like_the_text_they_carry()
    {
        using var host = new ServiceHost();
        var text = Documents.Seed("001");
        var html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>"
            + string.Concat(text.Split('\n').Select(line => "<p>" + WebUtility.HtmlEncode(line.Trim()) + "</p>\n"))
            + "</body></html>";
        var request = new ValidateDocumentRequest
        {
            Document = new Document { Content = Google.Protobuf.ByteString.CopyFromUtf8(html), ContentType = "text/html" },
        };

        var response = await host.Client().ValidateDocumentAsync(request);

        var report = response.Result.Report;
        Assert.Equal(SourceFormat.Html, report.SourceFormat);
        Assert.Equal(2019, report.Year);
        Assert.Equal(129014, report.ActiveDisclosure.V2019.Procurement.ProcurementAmount.Integer);
        Assert.Equal(-4, report.ActiveDisclosure.V2019.Penalty.Change.Integer);
        var fromText = ReportEngine.Default.Parse(InputDocument.FromText(text));
        Assert.Equal(fromText.Applications.Total.Total.State, report.Applications.Total.Total.State);
        Assert.Equal(fromText.Applications.Total.Total.Integer, report.Applications.Total.Total.Integer);
        Assert.Equal(fromText.Sections.Select(s => s.Ordinal), report.Sections.Select(s => s.Ordinal));
    }

    [Fact]
    public async Task Readme_json_example_returns_findings()
    {
        // The request README.md's curl example sends: its seed, its route, its profile.
        var readme = File.ReadAllText(Path.Combine(Repository(), "README.md"));
        var example = Regex.Match(readme, @"jq -n --rawfile text (tests/TestData/seeds/\S+\.txt)[^`]*?profile: ""(PROFILE_\w+)""[^`]*?(http://localhost:\d+)(/v1/reports:validate)\b");
        Assert.True(example.Success, "README.md has no JSON curl example for /v1/reports:validate");
        var text = File.ReadAllText(Path.Combine(Repository(), example.Groups[1].Value));
        using var host = new ServiceHost();
        using var http = host.Http();

        using var response = await http.PostAsJsonAsync(example.Groups[4].Value,
            new { document = new { text }, options = new { profile = example.Groups[2].Value } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.NotEqual(0, json.RootElement.GetProperty("result").GetProperty("findings").GetArrayLength());
        Assert.Equal("http://localhost:5081", example.Groups[3].Value); // the run command's HTTP/1.1 port
    }

    [Fact]
    public async Task Acknowledged_warnings_no_longer_block_a_submission()
    {
        using var host = new ServiceHost();
        var client = host.Client();
        var request = Documents.Request(Documents.Seed("004"));
        request.Options = new ValidationOptions { Profile = Profile.Submission };

        var flagged = await client.ValidateDocumentAsync(request);
        var explained = request.Clone();
        foreach (var finding in flagged.Result.Findings.Where(f => f.Severity == Severity.Warning))
        {
            explained.Options.Acknowledgements.Add(new Acknowledgement
            {
                RuleId = finding.RuleId,
                Table = finding.Location?.Table ?? "",
                Row = finding.Location?.Row ?? "",
                Column = finding.Location?.Column ?? "",
                Explanation = "该项本年度确无数据，已向上级说明。",
            });
        }
        var accepted = await client.ValidateDocumentAsync(explained);

        Assert.NotEmpty(explained.Options.Acknowledgements);
        Assert.False(flagged.Result.Summary.Passes);
        Assert.True(accepted.Result.Summary.Passes);
        Assert.All(accepted.Result.Findings.Where(f => f.Severity == Severity.Warning), f => Assert.True(f.Acknowledged));
        Assert.NotEqual(flagged.ContentHash, accepted.ContentHash);
    }

    private static string Repository()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ReportValidation.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("the tests run inside the repository");
    }
}
