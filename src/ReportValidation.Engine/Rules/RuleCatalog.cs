using ReportValidation.V1;

namespace ReportValidation.Rules;

/// <summary>
/// The rules the engine runs, as data a program can list. PLACEHOLDER: the rules issue fills this in.
/// </summary>
public sealed class RuleCatalog
{
    public static RuleCatalog Default { get; } = new();

    /// <summary>Changes whenever a rule is added, removed or changed; part of every cache key.</summary>
    public string Version => "0";

    public IReadOnlyList<RuleDescription> Descriptions { get; } = [];

    public List<Finding> Evaluate(Report report, Report? previous, CancellationToken cancellationToken = default) => [];
}
