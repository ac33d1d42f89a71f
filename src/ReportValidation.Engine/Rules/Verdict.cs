using ReportValidation.Template;
using ReportValidation.V1;

namespace ReportValidation.Rules;

/// <summary>
/// Applies the caller's profile and acknowledgements to findings and sums them up. An error always
/// blocks: it must be fixed before publication. Under the submission profile a warning blocks too,
/// unless a clerk acknowledged it with a written explanation; under audit only errors block.
/// </summary>
public static class Verdict
{
    public static Summary Summarize(IList<Finding> findings, ValidationOptions? options)
    {
        var profile = options?.Profile ?? Profile.Unspecified;
        if (profile == Profile.Unspecified)
        {
            profile = Profile.Audit;
        }
        if (options is not null && options.Acknowledgements.Count > 0)
        {
            foreach (var finding in findings)
            {
                foreach (var ack in options.Acknowledgements)
                {
                    if (Matches(ack, finding))
                    {
                        finding.Acknowledged = true;
                        finding.Acknowledgement = ack.Explanation;
                        break;
                    }
                }
            }
        }
        var summary = new Summary { Profile = profile };
        var blocking = false;
        foreach (var finding in findings)
        {
            switch (finding.Severity)
            {
                case Severity.Error:
                    summary.Errors++;
                    blocking = true;
                    break;
                case Severity.Warning:
                    summary.Warnings++;
                    blocking |= profile == Profile.Submission && !finding.Acknowledged;
                    break;
                default:
                    summary.Infos++;
                    break;
            }
            if (finding.Acknowledged)
            {
                summary.Acknowledged++;
            }
        }
        summary.Passes = !blocking;
        return summary;
    }

    /// <summary>Same rule id; table, row and column when the acknowledgement names them; an explanation written.</summary>
    private static bool Matches(Acknowledgement ack, Finding finding)
    {
        if (!string.Equals(ack.RuleId, finding.RuleId, StringComparison.Ordinal) || string.IsNullOrWhiteSpace(ack.Explanation))
        {
            return false;
        }
        var location = finding.Location;
        return (ack.Table.Length == 0 || ack.Table == location?.Table)
            && (ack.Row.Length == 0 || ack.Row == location?.Row)
            && (ack.Column.Length == 0 || ack.Column == location?.Column);
    }
}
