using ReportValidation.Rules;
using ReportValidation.Template;
using ReportValidation.V1;

namespace ReportValidation.Rules.Analysis;

/// <summary>
/// An arithmetic identity of format.md §7 written as data: an equation over cell keys of rules.md,
/// with <c>{row}</c> or <c>{column}</c> standing for each row or column it is checked in.
/// </summary>
public sealed record IdentityTemplate(
    Rule Rule,
    TemplateVersion[] Versions,
    IdentityAxis Axis,
    string Expression,
    string MessageZh,
    string MessageEn);

public enum IdentityAxis
{
    /// <summary>Checked once.</summary>
    Once,
    /// <summary>Checked in every row of table 三.</summary>
    ApplicationRows,
    /// <summary>Checked in every column of table 三.</summary>
    ApplicationColumns,
}

/// <summary>One identity expanded for a row or column of a template version, compiled to cell indices.</summary>
public sealed class Identity
{
    internal Identity(Rule rule, string expression, CellSlot[] left, CellSlot[] right,
        string row, string column, string whereZh, string whereEn, IdentityTemplate template)
    {
        Rule = rule;
        Expression = expression;
        Left = left;
        Right = right;
        Row = row;
        Column = column;
        WhereZh = whereZh;
        WhereEn = whereEn;
        Template = template;
        LeftIndex = [.. left.Select(c => c.Index)];
        RightIndex = [.. right.Select(c => c.Index)];
        AllCells = [.. left, .. right];
    }

    public Rule Rule { get; }
    public string Expression { get; }
    public CellSlot[] Left { get; }
    public CellSlot[] Right { get; }
    public CellSlot[] AllCells { get; }
    internal int[] LeftIndex { get; }
    internal int[] RightIndex { get; }
    /// <summary>Row key of the location ("" for a column identity).</summary>
    public string Row { get; }
    /// <summary>Column key of the location ("" for a row identity).</summary>
    public string Column { get; }
    public string WhereZh { get; }
    public string WhereEn { get; }
    public IdentityTemplate Template { get; }
    /// <summary>The cell a finding points at: the first term of the left side (a 总计 cell).</summary>
    public CellSlot Anchor => Left[0];
    public string Table => Anchor.Table;
}

/// <summary>
/// The identities of format.md §7 (T3-ID, T3-TOT, T3-ROW, T4-REV, T4-LIT1, T4-LIT2) as data, and
/// their expansion for each template version. One evaluator (<see cref="Arithmetic"/>) checks them all.
/// </summary>
public static class Identities
{
    private static readonly TemplateVersion[] Both = [TemplateVersion._2019, TemplateVersion._2021];

    private const string ResultLeavesHead =
        "applications.disclosed.{column} + applications.partially_disclosed.{column}"
        + " + applications.withheld.state_secret.{column} + applications.withheld.prohibited_by_law.{column}"
        + " + applications.withheld.security_stability.{column} + applications.withheld.third_party_rights.{column}"
        + " + applications.withheld.internal_affairs.{column} + applications.withheld.process_information.{column}"
        + " + applications.withheld.enforcement_files.{column} + applications.withheld.query_matters.{column}"
        + " + applications.unavailable.not_held.{column} + applications.unavailable.needs_creation.{column}"
        + " + applications.unavailable.unclear_after_correction.{column}"
        + " + applications.not_processed.complaint.{column} + applications.not_processed.duplicate.{column}"
        + " + applications.not_processed.publication.{column} + applications.not_processed.excessive.{column}"
        + " + applications.not_processed.confirmation.{column}";

    public static IReadOnlyList<IdentityTemplate> Templates { get; } =
    [
        new(ArithmeticRules.RowTotal, Both, IdentityAxis.ApplicationRows,
            "applications.{row}.total = applications.{row}.natural_person + applications.{row}.commercial_enterprise"
            + " + applications.{row}.research_institution + applications.{row}.social_welfare_org"
            + " + applications.{row}.legal_service_org + applications.{row}.other_org",
            "表三“{where}”行：总计为{left}，但六类申请人之和为{right}（{rightTerms}），相差{diff}。",
            "Table 3, row {where}: total is {left} but the six applicant columns sum to {right} ({rightTerms}), off by {diff}."),
        new(ArithmeticRules.ResultTotal, [TemplateVersion._2019], IdentityAxis.ApplicationColumns,
            "applications.total.{column} = " + ResultLeavesHead + " + applications.other.{column}",
            "表三“{where}”列：（七）总计为{left}，但各项办理结果之和为{right}，相差{diff}。",
            "Table 3, column {where}: (七) total is {left} but the result rows sum to {right}, off by {diff}."),
        new(ArithmeticRules.ResultTotal, [TemplateVersion._2021], IdentityAxis.ApplicationColumns,
            "applications.total.{column} = " + ResultLeavesHead
            + " + applications.other.no_correction.{column} + applications.other.unpaid_fee.{column} + applications.other.other.{column}",
            "表三“{where}”列：（七）总计为{left}，但各项办理结果之和为{right}，相差{diff}。",
            "Table 3, column {where}: (七) total is {left} but the result rows sum to {right}, off by {diff}."),
        new(ArithmeticRules.Balance, Both, IdentityAxis.ApplicationColumns,
            "applications.received.{column} + applications.carried_over.{column} = applications.total.{column} + applications.carried_forward.{column}",
            "表三“{where}”列：第一项加第二项之和为{left}（{leftTerms}），第三项加第四项之和为{right}（{rightTerms}），两者应相等，相差{diff}。",
            "Table 3, column {where}: 一 + 二 = {left} ({leftTerms}) but (七) total + 四 = {right} ({rightTerms}), off by {diff}."),
        new(ArithmeticRules.ReviewTotal, Both, IdentityAxis.Once,
            "review_litigation.row.review.total = review_litigation.row.review.upheld + review_litigation.row.review.corrected"
            + " + review_litigation.row.review.other + review_litigation.row.review.pending",
            "表四" + ReviewLitigationTemplate.Review.LabelZh + "：总计为{left}，但" + ReviewLitigationTemplate.SummandsZh + "之和为{right}（{rightTerms}），相差{diff}。",
            "Table 4, administrative review: total is {left} but upheld + corrected + other + pending = {right} ({rightTerms}), off by {diff}."),
        new(ArithmeticRules.DirectTotal, Both, IdentityAxis.Once,
            "review_litigation.row.litigation_direct.total = review_litigation.row.litigation_direct.upheld"
            + " + review_litigation.row.litigation_direct.corrected + review_litigation.row.litigation_direct.other"
            + " + review_litigation.row.litigation_direct.pending",
            "表四" + ReviewLitigationTemplate.LitigationDirect.LabelZh + "：总计为{left}，但" + ReviewLitigationTemplate.SummandsZh + "之和为{right}（{rightTerms}），相差{diff}。",
            "Table 4, litigation without prior review: total is {left} but its four columns sum to {right} ({rightTerms}), off by {diff}."),
        new(ArithmeticRules.AfterReviewTotal, Both, IdentityAxis.Once,
            "review_litigation.row.litigation_after_review.total = review_litigation.row.litigation_after_review.upheld"
            + " + review_litigation.row.litigation_after_review.corrected + review_litigation.row.litigation_after_review.other"
            + " + review_litigation.row.litigation_after_review.pending",
            "表四" + ReviewLitigationTemplate.LitigationAfterReview.LabelZh + "：总计为{left}，但" + ReviewLitigationTemplate.SummandsZh + "之和为{right}（{rightTerms}），相差{diff}。",
            "Table 4, litigation after review: total is {left} but its four columns sum to {right} ({rightTerms}), off by {diff}."),
    ];

    /// <summary>The identities of one template version, expanded and compiled once.</summary>
    public sealed class Compiled
    {
        internal Compiled(TemplateLayout layout)
        {
            Layout = layout;
            var list = new List<Identity>();
            foreach (var template in Templates)
            {
                if (!template.Versions.Contains(layout.Version))
                {
                    continue;
                }
                switch (template.Axis)
                {
                    case IdentityAxis.ApplicationRows:
                        foreach (var row in layout.Rows)
                        {
                            if (row.Table == CellCatalog.Applications)
                            {
                                list.Add(Compile(layout, template, template.Expression.Replace("{row}", row.Row, StringComparison.Ordinal),
                                    row.Row, "", row.LabelZh, row.Row));
                            }
                        }
                        break;
                    case IdentityAxis.ApplicationColumns:
                        foreach (var (column, label) in CellCatalog.ApplicationColumns)
                        {
                            list.Add(Compile(layout, template, template.Expression.Replace("{column}", column, StringComparison.Ordinal),
                                "", column, label, column));
                        }
                        break;
                    default:
                        var anchor = Terms(layout, template.Expression.Split('=')[0])[0];
                        list.Add(Compile(layout, template, template.Expression, "row", anchor.Column, anchor.ColumnLabelZh, anchor.Column));
                        break;
                }
            }
            All = list;
            var byCell = new List<(int Identity, int Coefficient)>[layout.Cells.Count];
            for (var i = 0; i < byCell.Length; i++)
            {
                byCell[i] = [];
            }
            for (var i = 0; i < list.Count; i++)
            {
                foreach (var cell in list[i].Left)
                {
                    byCell[cell.Index].Add((i, 1));
                }
                foreach (var cell in list[i].Right)
                {
                    byCell[cell.Index].Add((i, -1));
                }
            }
            ByCell = [.. byCell.Select(l => l.ToArray())];
        }

        public TemplateLayout Layout { get; }
        public IReadOnlyList<Identity> All { get; }
        /// <summary>For each cell index, the identities it takes part in and its sign there (+1 left, −1 right).</summary>
        internal (int Identity, int Coefficient)[][] ByCell { get; }
    }

    public static Compiled V2019 { get; } = new(CellCatalog.V2019);
    public static Compiled V2021 { get; } = new(CellCatalog.V2021);

    public static Compiled For(TemplateVersion version) => version == TemplateVersion._2019 ? V2019 : V2021;

    /// <summary>Parses "a + b = c + d" over cell keys; an unknown key is a bug in the data above.</summary>
    private static Identity Compile(TemplateLayout layout, IdentityTemplate template, string expression,
        string row, string column, string whereZh, string whereEn)
    {
        var sides = expression.Split('=');
        if (sides.Length != 2)
        {
            throw new InvalidOperationException($"identity '{expression}' must have exactly one '='");
        }
        return new Identity(template.Rule, expression, Terms(layout, sides[0]), Terms(layout, sides[1]),
            row, column, whereZh, whereEn, template);
    }

    private static CellSlot[] Terms(TemplateLayout layout, string side) =>
        [.. side.Split('+', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(layout.Cell)];
}
