using ReportValidation.LoadGenerator;

// Measures, in one run: the floor scenario (h2load against a bare gRPC server moving the same bytes, a
// cache hit and a miss), then the load generator's own table (echo floor, misses, batch, hits from
// memory and Redis, Redis stopped). Servers run pinned to one core, the clients to another.
var settings = LoadSettings.Parse(args);
var measurements = new Measurements(settings);
var output = new System.Text.StringBuilder();
var failed = false;
if (settings.Suite is "floor" or "all")
{
    var floor = await new FloorRun(settings, measurements.StartServer, measurements.StartEcho).RunAsync();
    output.AppendLine(FloorRun.Table(floor, settings));
    failed |= floor.Any(r => r.Failed > 0);
}
if (settings.Suite is "table" or "all")
{
    var results = await measurements.RunAsync();
    output.AppendLine(Report.Table(results, settings));
    failed |= results.Any(r => r.Failed > 0);
}
Console.WriteLine(output);
if (settings.OutputPath is not null)
{
    await File.WriteAllTextAsync(settings.OutputPath, output.ToString());
}
return failed ? 1 : 0;
