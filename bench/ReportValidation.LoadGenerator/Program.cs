using ReportValidation.LoadGenerator;

// Measures, in one run: the echo floor, then ValidateDocument with a cache miss, an in-memory hit, a
// Redis hit, and with Redis stopped. Servers run pinned to one core, this process to another.
var settings = LoadSettings.Parse(args);
var results = await new Measurements(settings).RunAsync();
var table = Report.Table(results, settings);
Console.WriteLine(table);
if (settings.OutputPath is not null)
{
    await File.WriteAllTextAsync(settings.OutputPath, table);
}
return results.Any(r => r.Failed > 0) ? 1 : 0;
