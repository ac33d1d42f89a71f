using System.Net.Http.Json;
using System.Text.Json;
using Google.Protobuf;
using Grpc.Core;
using ReportValidation.Server.Tests.Infrastructure;
using ReportValidation.V1;

namespace ReportValidation.Server.Tests;

/// <summary>The FINDINGS view (AIP-157): the same findings and summary, no parsed report, one cache entry for both views.</summary>
public sealed class ResultViewTests : IDisposable
{
    private readonly ServiceHost _host = new();

    [Fact]
    public async Task A_findings_answer_has_the_full_answers_findings_and_summary_without_the_report_and_is_a_hit_after_it()
    {
        var client = _host.Client();
        var text = Documents.Unique();

        var full = await client.ValidateDocumentAsync(Documents.Request(text));
        var request = Documents.Request(text);
        request.View = ResultView.Findings;
        var findings = await client.ValidateDocumentAsync(request);

        Assert.NotNull(full.Result.Report);
        Assert.Null(findings.Result.Report);
        Assert.True(findings.Cached);
        Assert.Equal(full.ContentHash, findings.ContentHash);
        Assert.Equal(full.Result.Findings, findings.Result.Findings);
        Assert.Equal(full.Result.Summary, findings.Result.Summary);
        Assert.Equal(full.Result.RuleCatalogVersion, findings.Result.RuleCatalogVersion);
        Assert.True(findings.CalculateSize() * 3 < full.CalculateSize(), $"{findings.CalculateSize()} against {full.CalculateSize()} bytes");
    }

    [Fact]
    public async Task A_findings_json_answer_has_no_report()
    {
        using var http = _host.Http();
        var text = Documents.Unique();

        using var full = await http.PostAsJsonAsync("/v1/reports:validate", new { document = new { text } });
        using var findings = await http.PostAsJsonAsync("/v1/reports:validate", new { document = new { text }, view = "RESULT_VIEW_FINDINGS" });
        using var fullJson = JsonDocument.Parse(await full.Content.ReadAsStringAsync());
        using var findingsJson = JsonDocument.Parse(await findings.Content.ReadAsStringAsync());

        Assert.True(fullJson.RootElement.GetProperty("result").TryGetProperty("report", out _));
        Assert.False(findingsJson.RootElement.GetProperty("result").TryGetProperty("report", out _));
        Assert.Equal(fullJson.RootElement.GetProperty("result").GetProperty("findings").GetRawText(),
            findingsJson.RootElement.GetProperty("result").GetProperty("findings").GetRawText());
    }

    [Fact]
    public async Task Each_document_of_a_batch_gets_the_view_it_asks_for()
    {
        using var call = _host.Client().ValidateBatch();
        var text = Documents.Unique();
        await call.RequestStream.WriteAsync(new ValidateBatchRequest { Document = new Document { Text = text }, RequestId = "full" });
        await call.RequestStream.WriteAsync(new ValidateBatchRequest { Document = new Document { Text = text }, RequestId = "findings", View = ResultView.Findings });
        await call.RequestStream.CompleteAsync();

        var answers = await call.ResponseStream.ReadAllAsync().ToListAsync();

        Assert.Equal(["full", "findings"], answers.Select(a => a.RequestId));
        Assert.NotNull(answers[0].Result.Report);
        Assert.Null(answers[1].Result.Report);
        Assert.Equal(answers[0].Result.Findings, answers[1].Result.Findings);
    }

    [Fact]
    public async Task A_structured_report_answered_in_the_findings_view_leaves_the_report_out()
    {
        var report = new Report { Title = $"测试县人民政府{Guid.NewGuid():N}2021年政府信息公开工作年度报告", Year = 2021 };

        var answer = await _host.Client().ValidateReportAsync(new ValidateReportRequest { Report = report, View = ResultView.Findings });

        Assert.Null(answer.Result.Report);
        Assert.NotEmpty(answer.Result.Findings);
    }

    public void Dispose() => _host.Dispose();
}
