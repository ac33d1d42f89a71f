using ReportValidation.Server.Caching;
using ReportValidation.Server.Hosting;
using ReportValidation.Server.Telemetry;
using ReportValidation.Server.Validation;

// The validation service: gRPC on an HTTP/2 port; gRPC-Web, JSON, the page and metrics on an HTTP/1.1
// port. Every setting comes from appsettings.json and environment variables (README, "Settings"), and is
// checked at start: a bad one ends the process with the setting named.
var builder = WebApplication.CreateBuilder(args);

builder.Services.AddServerEndpoints();
builder.Services.AddReportCache();
builder.Services.AddValidationService();
builder.Services.AddLifecycleHealth();
builder.AddTelemetry();

return await builder.RunCheckedAsync(app =>
{
    app.MapValidationService();
    app.MapHealthRoutes();
    app.MapTelemetry();
});

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
