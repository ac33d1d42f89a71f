using ReportValidation.V1;

namespace ReportValidation.Rules;

/// <summary>
/// One rule of rules.md in one place: its public id and severity (callers filter on them, so they are
/// written exactly as listed there), what it means in both languages, the template versions it applies
/// to, and the check that raises its findings. Each group's file writes its rules beside their checks.
/// </summary>
public sealed record Rule(
    string Id,
    Severity Severity,
    string Category,
    string DescriptionZh,
    string DescriptionEn,
    TemplateVersion[] Versions,
    Action<RuleContext> Check,
    bool NeedsPreviousYear = false)
{
    public RuleDescription ToDescription()
    {
        var description = new RuleDescription
        {
            Id = Id,
            Severity = Severity,
            DescriptionZh = DescriptionZh,
            DescriptionEn = DescriptionEn,
            Category = Category,
            NeedsPreviousYear = NeedsPreviousYear,
        };
        description.TemplateVersions.AddRange(Versions);
        return description;
    }
}

/// <summary>The template versions a rule applies to.</summary>
public static class TemplateVersions
{
    public static readonly TemplateVersion[] Both = [TemplateVersion._2019, TemplateVersion._2021];
    public static readonly TemplateVersion[] Only2019 = [TemplateVersion._2019];
    public static readonly TemplateVersion[] Only2021 = [TemplateVersion._2021];
}
