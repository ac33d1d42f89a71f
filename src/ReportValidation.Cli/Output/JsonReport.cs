using Google.Protobuf;
using ReportValidation.V1;

namespace ReportValidation.Cli.Output;

/// <summary>
/// One JSON object per line: the Protobuf JSON mapping of <see cref="ValidationResult"/> as the API
/// answers it (camelCase names, enums by name, default values written, so a passing verdict and a
/// zero count are there to select on), with the file name in front as <c>file</c>.
/// </summary>
internal sealed class JsonReport(TextWriter output) : IReportWriter
{
    public static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    public void Begin()
    {
    }

    public void Write(string file, ValidationResult result) =>
        output.WriteLine(WithFile(Formatter.Format(result), file));

    public void End(RunTally? tally)
    {
    }

    private static string WithFile(string resultJson, string file) =>
        "{\"file\":" + System.Text.Json.JsonSerializer.Serialize(file) + (resultJson.Length > 2 ? "," + resultJson[1..] : "}");
}
