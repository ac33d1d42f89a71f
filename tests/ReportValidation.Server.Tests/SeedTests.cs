using ReportValidation.Reading;
using ReportValidation.Server.Tests.Infrastructure;
using ReportValidation.V1;

namespace ReportValidation.Server.Tests;

public sealed class SeedTests
{
    [Fact]
    public async Task SeedComesBackWithTheReportTheEngineParses()
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
}
