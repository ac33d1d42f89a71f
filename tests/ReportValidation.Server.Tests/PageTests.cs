using System.Net;
using ReportValidation.Server.Tests.Infrastructure;

namespace ReportValidation.Server.Tests;

public sealed class PageTests
{
    [Fact]
    public async Task Index_html_is_served_at_the_root_over_http11()
    {
        // A web root of the test's own, so this checks the serving, not the page (which has its own tests).
        var webRoot = Directory.CreateTempSubdirectory("rv-webroot-").FullName;
        await File.WriteAllTextAsync(Path.Combine(webRoot, "index.html"), "<!doctype html><title>年度报告校验</title>");
        try
        {
            using var host = new ServiceHost(new Dictionary<string, string?> { ["webroot"] = webRoot });
            using var http = host.Http();

            using var response = await http.GetAsync("/");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("年度报告校验", await response.Content.ReadAsStringAsync());
        }
        finally
        {
            Directory.Delete(webRoot, recursive: true);
        }
    }
}
