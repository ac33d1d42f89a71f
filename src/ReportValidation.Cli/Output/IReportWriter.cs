using ReportValidation.V1;

namespace ReportValidation.Cli.Output;

/// <summary>One output format of <c>validate</c>: human text, JSON lines or CSV.</summary>
internal interface IReportWriter
{
    void Begin();

    void Write(string file, ValidationResult result);

    /// <summary>After the last file; <paramref name="tally"/> is set when a folder was given.</summary>
    void End(RunTally? tally);
}
