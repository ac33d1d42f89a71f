using ReportValidation.V1;

namespace ReportValidation.Cli.Output;

/// <summary>What a run over several files came to: reports passed, failed, unreadable, and findings by rule.</summary>
internal sealed class RunTally
{
    public int Passed { get; private set; }
    public int Failed { get; private set; }
    public int Unreadable { get; private set; }
    public int Files => Passed + Failed + Unreadable;

    public SortedDictionary<string, RuleTally> ByRule { get; } = new(StringComparer.Ordinal);

    public void Add(ValidationResult result)
    {
        if (result.Summary.Passes)
        {
            Passed++;
        }
        else
        {
            Failed++;
        }
        foreach (var group in result.Findings.GroupBy(f => f.RuleId))
        {
            ByRule.TryGetValue(group.Key, out var seen);
            ByRule[group.Key] = new RuleTally(group.First().Severity, (seen?.Findings ?? 0) + group.Count(), (seen?.Reports ?? 0) + 1);
        }
    }

    public void AddUnreadable() => Unreadable++;

    public int ExitCode => Unreadable > 0 ? Cli.ExitCode.Unreadable : Failed > 0 ? Cli.ExitCode.Fail : Cli.ExitCode.Pass;
}

internal sealed record RuleTally(Severity Severity, int Findings, int Reports);
