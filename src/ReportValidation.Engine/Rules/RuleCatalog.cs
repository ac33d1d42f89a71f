using System.Security.Cryptography;
using System.Text;
using ReportValidation.Template;
using ReportValidation.V1;

namespace ReportValidation.Rules;

/// <summary>A rule of the catalog: its row of rules.md and the one check that raises its findings.</summary>
public sealed record Rule(RuleInfo Info, Action<RuleContext> Check);

/// <summary>
/// The rules the engine runs, as data a program can list: each rule of rules.md with its id,
/// severity and check. Rules that need last year's report run only when it is supplied.
/// </summary>
public sealed class RuleCatalog
{
    // Bump when a check changes behaviour without its id or severity changing.
    private const string Revision = "2026-11-23.1";

    public static RuleCatalog Default { get; } = new(
    [
        new(RuleDefinitions.SectionMissing, StructureChecks.SectionMissing),
        new(RuleDefinitions.SectionOrder, StructureChecks.SectionOrder),
        new(RuleDefinitions.SectionDuplicate, StructureChecks.SectionDuplicate),
        new(RuleDefinitions.TableMissing, StructureChecks.TableMissing),
        new(RuleDefinitions.RowMissing, StructureChecks.RowMissing),
        new(RuleDefinitions.RowIncomplete, StructureChecks.RowIncomplete),
        new(RuleDefinitions.TemplateMismatch, StructureChecks.TemplateMismatch),
        new(RuleDefinitions.NonstandardLabel, StructureChecks.NonstandardLabel),
        new(RuleDefinitions.NotANumber, CellChecks.NotANumber),
        new(RuleDefinitions.Negative, CellChecks.Negative),
        new(RuleDefinitions.NotInteger, CellChecks.NotInteger),
        new(RuleDefinitions.Blank, CellChecks.Blank),
        new(RuleDefinitions.Unit, CellChecks.Unit),
        new(RuleDefinitions.RowTotal, c => ArithmeticChecks.Failing(c, RuleDefinitions.RowTotal)),
        new(RuleDefinitions.ResultTotal, c => ArithmeticChecks.Failing(c, RuleDefinitions.ResultTotal)),
        new(RuleDefinitions.Balance, c => ArithmeticChecks.Failing(c, RuleDefinitions.Balance)),
        new(RuleDefinitions.ReviewTotal, c => ArithmeticChecks.Failing(c, RuleDefinitions.ReviewTotal)),
        new(RuleDefinitions.DirectTotal, c => ArithmeticChecks.Failing(c, RuleDefinitions.DirectTotal)),
        new(RuleDefinitions.AfterReviewTotal, c => ArithmeticChecks.Failing(c, RuleDefinitions.AfterReviewTotal)),
        new(RuleDefinitions.Uncertain, ArithmeticChecks.Uncertain),
        new(RuleDefinitions.SuspectCell, ArithmeticChecks.SuspectCell),
        new(RuleDefinitions.CarriedForwardExceedsReceived, PlausibilityChecks.CarriedForwardExceedsReceived),
        new(RuleDefinitions.Stock, PlausibilityChecks.Stock),
        new(RuleDefinitions.ItemsNegative, PlausibilityChecks.ItemsNegative),
        new(RuleDefinitions.PublishedExceedsTotal, PlausibilityChecks.PublishedExceedsTotal),
        new(RuleDefinitions.Procurement, PlausibilityChecks.Procurement),
        new(RuleDefinitions.YearMissing, MetaChecks.YearMissing),
        new(RuleDefinitions.YearInconsistent, MetaChecks.YearInconsistent),
        new(RuleDefinitions.PeriodInvalid, MetaChecks.PeriodInvalid),
        new(RuleDefinitions.DatePremature, MetaChecks.DatePremature),
        new(RuleDefinitions.DateLate, MetaChecks.DateLate),
        new(RuleDefinitions.StaleYear, TextChecks.StaleYear),
        new(RuleDefinitions.ApplicationsMismatch, TextChecks.ApplicationsMismatch),
        new(RuleDefinitions.ReviewLitigationMismatch, TextChecks.ReviewLitigationMismatch),
        new(RuleDefinitions.OverviewTopics, TextChecks.OverviewTopicsCovered),
        new(RuleDefinitions.FeeStatement, TextChecks.FeeStatement),
        new(RuleDefinitions.SectionThin, TextChecks.SectionThin),
        new(RuleDefinitions.CarryOver, CrossYearChecks.CarryOver),
        new(RuleDefinitions.CrossYearStock, CrossYearChecks.Stock),
        new(RuleDefinitions.DuplicateContent, CrossYearChecks.DuplicateContent),
    ]);

    public RuleCatalog(IReadOnlyList<Rule> rules)
    {
        Rules = rules;
        Descriptions = [.. rules.Select(r => r.Info.ToDescription())];
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
        var context = new RuleContext(report, previous, options, cancellationToken);
        foreach (var rule in Rules)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (rule.Info.NeedsPreviousYear && previous is null)
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
            text.Append('|').Append(rule.Info.Id).Append(':').Append((int)rule.Info.Severity);
        }
        foreach (var identity in Identities.Templates)
        {
            text.Append('|').Append(identity.Rule.Id).Append('=').Append(identity.Expression);
        }
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexStringLower(hash.AsSpan(0, 6));
    }
}
