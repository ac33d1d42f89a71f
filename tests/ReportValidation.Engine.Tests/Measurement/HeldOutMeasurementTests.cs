using ReportValidation.Reading;
using ReportValidation.V1;
using Xunit.Abstractions;

namespace ReportValidation.Tests.Measurement;

/// <summary>
/// The fast version of the held-out measurement (README "Quiet on correct reports"): generated clean
/// reports raise no warning or error, and each defect class is found, at its row and column where it
/// has one, in at least 95% of the reports it is injected into.
/// </summary>
public class HeldOutMeasurementTests(ITestOutputHelper output)
{
    // REPORTVALIDATION_HELDOUT_SCALE=10 runs the full measurement (1,200 clean, 400 per class).
    private static readonly int Scale = int.TryParse(Environment.GetEnvironmentVariable("REPORTVALIDATION_HELDOUT_SCALE"), out var scale) && scale > 0 ? scale : 1;
    private static readonly int CleanReports = 120 * Scale;
    private static readonly int ReportsPerDefect = 40 * Scale;

    private static ValidationResult Validate(HeldOutReport report) =>
        ReportEngine.Default.Validate(InputDocument.FromText(report.Text));

    [Fact]
    public void Clean_held_out_reports_of_every_layout_and_quirk_raise_no_warning_or_error()
    {
        var alarms = new List<string>();
        for (var seed = 1; seed <= CleanReports; seed++)
        {
            var report = HeldOutReports.Generate(seed, defect: null);
            foreach (var finding in Validate(report).Findings)
            {
                if (finding.Severity is Severity.Error or Severity.Warning)
                {
                    alarms.Add($"{report.Description}: {finding.RuleId} {finding.MessageZh}");
                }
            }
        }
        output.WriteLine($"false alarms: {alarms.Count} on {CleanReports} clean reports");
        Assert.True(alarms.Count == 0, string.Join("\n", alarms.Take(20)));
    }

    public static TheoryData<string> DefectClasses => [.. HeldOutReports.Classes.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(DefectClasses))]
    public void Each_defect_class_is_found_at_its_row_and_column_in_95_percent_of_held_out_reports(string name)
    {
        var defect = HeldOutReports.Classes.Single(c => c.Name == name);
        var found = 0;
        var missed = new List<string>();
        for (var seed = 1000; seed < 1000 + ReportsPerDefect; seed++)
        {
            var report = HeldOutReports.Generate(seed, defect);
            if (Validate(report).Findings.Any(f => Names(f, defect)))
            {
                found++;
            }
            else
            {
                missed.Add(report.Description);
            }
        }
        output.WriteLine($"{name}: {found}/{ReportsPerDefect}");
        Assert.True(found * 100 >= ReportsPerDefect * 95, $"{name}: {found}/{ReportsPerDefect}\n" + string.Join("\n", missed.Take(10)));
    }

    /// <summary>A finding of the class's rule that names its row and column, in its location or its cells.</summary>
    public static bool Names(Finding finding, DefectClass defect) =>
        finding.RuleId == defect.RuleId
        && (defect.Row.Length == 0
            || (finding.Location.Row == defect.Row && finding.Location.Column == defect.Column)
            || finding.Cells.Any(c => c.Table == defect.Table && c.Row == defect.Row && c.Column == defect.Column));
}
