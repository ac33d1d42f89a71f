using ReportValidation.Rules;
using ReportValidation.V1;

namespace ReportValidation.Tests.Rules;

/// <summary>
/// The rule context rents the grid's and the identities' arrays from the pool and gives them back:
/// what one evaluation leaves in them must never reach the next.
/// </summary>
public class PooledEvaluationTests
{
    [Fact]
    public void A_report_evaluated_after_fuller_ones_gets_the_findings_it_gets_first()
    {
        // Tables found without rows: every cell unknown, where the seeds before it left numbers.
        var sparse = new Report
        {
            Year = 2021,
            TemplateVersion = TemplateVersion._2021,
            ActiveDisclosure = new ActiveDisclosureTable { Found = true },
            Applications = new ApplicationsTable { Found = true },
            ReviewLitigation = new ReviewLitigationTable { Found = true },
        };
        var first = RuleCatalog.Default.Evaluate(sparse, null);
        foreach (var id in Seeds.Ids)
        {
            RuleCatalog.Default.Evaluate(Seeds.Parse(id), null);
        }
        Assert.Equal(first, RuleCatalog.Default.Evaluate(sparse, null));
    }

    [Fact]
    public void A_seed_with_one_wrong_cell_gets_the_same_findings_between_other_seeds()
    {
        var wrong = Seeds.Parse("004");
        wrong.Applications.Disclosed.NaturalPerson.Integer = 3;
        var first = RuleCatalog.Default.Evaluate(wrong, null);
        Assert.Contains(first, f => f.RuleId == "arithmetic.suspect_cell");
        foreach (var id in Seeds.Ids)
        {
            RuleCatalog.Default.Evaluate(Seeds.Parse(id), null);
        }
        Assert.Equal(first, RuleCatalog.Default.Evaluate(wrong, null));
    }

    [Fact]
    public void Seeds_evaluated_side_by_side_get_the_findings_of_one_at_a_time()
    {
        var reports = Seeds.Ids.Select(Seeds.Parse).ToArray();
        var alone = reports.Select(r => RuleCatalog.Default.Evaluate(r, null)).ToArray();
        var sideBySide = new List<Finding>[reports.Length * 20];
        Parallel.For(0, sideBySide.Length, i => sideBySide[i] = RuleCatalog.Default.Evaluate(reports[i % reports.Length], null));
        for (var i = 0; i < sideBySide.Length; i++)
        {
            Assert.Equal(alone[i % reports.Length], sideBySide[i]);
        }
    }
}
