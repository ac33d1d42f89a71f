using System.Security.Cryptography;
using System.Text;
using ReportValidation.Template;
using ReportValidation.Rules.Analysis;
using ReportValidation.V1;

namespace ReportValidation.Rules;

/// <summary>
/// The rules the engine runs, as data a program can list: the groups' rules in the order of rules.md.
/// Rules that need last year's report run only when it is supplied.
/// </summary>
public sealed class RuleCatalog
{
    // Bump when a check changes behaviour without its id or severity changing.
    private const string Revision = "2026-12-02.1";

    public static RuleCatalog Default { get; } = new(
    [
        .. StructureRules.All,
        .. CellRules.All,
        .. ArithmeticRules.All,
        .. PlausibilityRules.All,
        .. MetaRules.All,
        .. TextRules.All,
        .. CrossYearRules.All,
        .. DocumentRules.All,
    ]);

    public RuleCatalog(IReadOnlyList<Rule> rules)
    {
        Rules = rules;
        Descriptions = [.. rules.Select(r => r.ToDescription())];
        Version = ComputeVersion(rules);
    }

    public IReadOnlyList<Rule> Rules { get; }

    /// <summary>Changes whenever a rule is added, removed or changed; part of every cache key.</summary>
    public string Version { get; }

    public IReadOnlyList<RuleDescription> Descriptions { get; }

    public List<Finding> Evaluate(Report report, Report? previous, CancellationToken cancellationToken = default) =>
        Evaluate(report, previous, null, cancellationToken);

    /// <summary>Runs every rule; the options carry what some rules need (a stricter local deadline).</summary>
    public List<Finding> Evaluate(Report report, Report? previous, ValidationOptions? options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var context = new RuleContext(report, previous, options, cancellationToken);
        // A document that is no report gets that one finding, not an error for every part it lacks.
        if (Rules.Contains(DocumentRules.NotAReport) && DocumentRules.IsNotAReport(report))
        {
            DocumentRules.NotAReport.Check(context);
            return context.Findings;
        }
        foreach (var rule in Rules)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (rule.NeedsPreviousYear && previous is null)
            {
                continue;
            }
            rule.Check(context);
        }
        return context.Findings;
    }

    private static string ComputeVersion(IReadOnlyList<Rule> rules)
    {
        var text = new StringBuilder(Revision);
        foreach (var rule in rules)
        {
            text.Append('|').Append(rule.Id).Append(':').Append((int)rule.Severity);
        }
        foreach (var identity in Identities.Templates)
        {
            text.Append('|').Append(identity.Rule.Id).Append('=').Append(identity.Expression);
        }
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexStringLower(hash.AsSpan(0, 6));
    }
}
