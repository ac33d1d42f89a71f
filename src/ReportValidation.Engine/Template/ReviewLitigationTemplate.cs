using ReportValidation.V1;

namespace ReportValidation.Template;

/// <summary>
/// Table 四 (政府信息公开行政复议、行政诉讼情况), the same in both versions (format.md §6): one row
/// ("row") of 15 columns, three groups of five outcomes, keyed "review.upheld" … in rules.md.
/// </summary>
public static class ReviewLitigationTemplate
{
    public const string Table = "review_litigation";

    /// <summary>The key of the table's one row, whose message is the table itself.</summary>
    public const string RowKey = "row";

    /// <summary>A group of five columns, or one of the five outcomes each group has.</summary>
    public sealed record Part(string Key, string LabelZh, string LabelEn, TemplateGroup? Under = null)
    {
        /// <summary>The heading the page shows: "行政诉讼：复议后起诉".</summary>
        public string HeadingZh => Under is null ? LabelZh : $"{Under.LabelZh}：{LabelZh}";

        public string HeadingEn => Under is null ? LabelEn : $"{Under.LabelEn}, {LabelEn}";
    }

    private static readonly TemplateGroup Litigation = new("", "行政诉讼", "Litigation");

    /// <summary>"行政诉讼": the heading over both litigation groups.</summary>
    public static string LitigationZh => Litigation.NameZh;

    public static Part Review { get; } = new("review", "行政复议", "Administrative review");
    public static Part LitigationDirect { get; } = new("litigation_direct", "未经复议直接起诉", "direct", Litigation);
    public static Part LitigationAfterReview { get; } = new("litigation_after_review", "复议后起诉", "after review", Litigation);

    public static IReadOnlyList<Part> Groups { get; } = [Review, LitigationDirect, LitigationAfterReview];

    public static Part Upheld { get; } = new("upheld", "结果维持", "Upheld");
    public static Part Corrected { get; } = new("corrected", "结果纠正", "Corrected");
    public static Part OtherResult { get; } = new("other", "其他结果", "Other");
    public static Part Pending { get; } = new("pending", "尚未审结", "Pending");
    public static Part Total { get; } = new("total", "总计", "Total");

    public static IReadOnlyList<Part> Outcomes { get; } = [Upheld, Corrected, OtherResult, Pending, Total];

    /// <summary>"结果维持、结果纠正、其他结果、尚未审结": the four outcomes a group's 总计 adds up.</summary>
    public static string SummandsZh { get; } = string.Join("、", Outcomes.Take(4).Select(o => o.LabelZh));

    private static CellAccessor<ReviewLitigationTable> Cell(Part group, Part outcome,
        Func<ReviewLitigationTable, Cell?> get, Action<ReviewLitigationTable, Cell> set) =>
        new(new TemplateColumn($"{group.Key}.{outcome.Key}", $"{group.LabelZh} {outcome.LabelZh}", $"{group.HeadingEn}: {outcome.LabelEn}"), get, set);

    /// <summary>The 15 columns in the template's order, with their fields.</summary>
    public static RowShape<ReviewLitigationTable> Shape { get; } = new(t => t.Source, (t, s) => t.Source = s,
        Cell(Review, Upheld, t => t.ReviewUpheld, (t, c) => t.ReviewUpheld = c),
        Cell(Review, Corrected, t => t.ReviewCorrected, (t, c) => t.ReviewCorrected = c),
        Cell(Review, OtherResult, t => t.ReviewOther, (t, c) => t.ReviewOther = c),
        Cell(Review, Pending, t => t.ReviewPending, (t, c) => t.ReviewPending = c),
        Cell(Review, Total, t => t.ReviewTotal, (t, c) => t.ReviewTotal = c),
        Cell(LitigationDirect, Upheld, t => t.LitigationDirectUpheld, (t, c) => t.LitigationDirectUpheld = c),
        Cell(LitigationDirect, Corrected, t => t.LitigationDirectCorrected, (t, c) => t.LitigationDirectCorrected = c),
        Cell(LitigationDirect, OtherResult, t => t.LitigationDirectOther, (t, c) => t.LitigationDirectOther = c),
        Cell(LitigationDirect, Pending, t => t.LitigationDirectPending, (t, c) => t.LitigationDirectPending = c),
        Cell(LitigationDirect, Total, t => t.LitigationDirectTotal, (t, c) => t.LitigationDirectTotal = c),
        Cell(LitigationAfterReview, Upheld, t => t.LitigationAfterReviewUpheld, (t, c) => t.LitigationAfterReviewUpheld = c),
        Cell(LitigationAfterReview, Corrected, t => t.LitigationAfterReviewCorrected, (t, c) => t.LitigationAfterReviewCorrected = c),
        Cell(LitigationAfterReview, OtherResult, t => t.LitigationAfterReviewOther, (t, c) => t.LitigationAfterReviewOther = c),
        Cell(LitigationAfterReview, Pending, t => t.LitigationAfterReviewPending, (t, c) => t.LitigationAfterReviewPending = c),
        Cell(LitigationAfterReview, Total, t => t.LitigationAfterReviewTotal, (t, c) => t.LitigationAfterReviewTotal = c));

    public static int ColumnCount => Shape.Columns.Count;

    /// <summary>The one row: the table message itself.</summary>
    public static TemplateRow<Report, ReviewLitigationTable> Row { get; } =
        new(RowKey, $"{Review.LabelZh}、{Litigation.NameZh}", "Administrative review and litigation", Shape,
            r => r, r => r.ReviewLitigation, (r, t) => r.ReviewLitigation = t);

    /// <summary>The cells of the table in column order.</summary>
    public static Cell?[] Cells(ReviewLitigationTable table) => Shape.Cells(table);
}
