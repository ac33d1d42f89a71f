using ReportValidation.V1;

namespace ReportValidation.Cli.Output;

/// <summary>The short English names the text and CSV outputs use for enum values.</summary>
internal static class Names
{
    public static string Of(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        Severity.Info => "info",
        _ => "-",
    };

    public static string Of(TemplateVersion version) => version switch
    {
        TemplateVersion._2019 => "2019",
        TemplateVersion._2021 => "2021",
        _ => "?",
    };

    public static string Verdict(bool passes) => passes ? "通过 PASS" : "不通过 FAIL";

    /// <summary>table/row/column of a finding, as far as it is known.</summary>
    public static string Where(Location? location) => location is null
        ? ""
        : string.Join('/', new[] { location.Table, location.Row, location.Column }.Where(s => s.Length > 0));
}
