using System.Buffers;
using ReportValidation.Template;
using ReportValidation.V1;

namespace ReportValidation.Rules.Analysis;

/// <summary>What a stated count is about, as the grammar places it.</summary>
public enum SubjectKind
{
    Received,
    CarriedOver,
    Answered,
    Result,
    ResultLeaf,
    CarriedForward,
    Applicant,
    Review,
    Litigation,
    ReviewOutcome,
}

/// <summary>
/// A subject of the narrative: the figure of table 三 or 四 it names. For table 三, the rows it sums
/// (in the 总计 column unless it is an applicant type); for table 四, the group (review,
/// litigation) or the outcome its whole's group splits into.
/// </summary>
public sealed record NarrativeSubject(SubjectKind Kind, string NameZh, string NameEn, Func<string, bool>? Rows = null,
    string? Column = null, string[]? Groups = null, string? Outcome = null)
{
    public bool IsApplications => Kind is not (SubjectKind.Review or SubjectKind.Litigation or SubjectKind.ReviewOutcome);
}

/// <summary>
/// A count the narrative states, placed by the grammar: its subject, where the key phrase and the
/// number stand in the section text, the sentence it belongs to, and (for a part of a
/// "whole, 其中 part、part" list) the whole it belongs to.
/// </summary>
public sealed record Mention(Section Section, NarrativeSubject Subject, int KeyStart, StatedCount Count, int SentenceStart, int SentenceEnd)
{
    /// <summary>The whole this count is a part of, when the sentence lists parts of a whole.</summary>
    public Mention? Whole { get; internal set; }

    /// <summary>The sentence as written, for quoting.</summary>
    public string Sentence => Section.Text[SentenceStart..SentenceEnd].Trim();
}

/// <summary>
/// The figures the narrative of sections 一, 三 and 四 states (format.md §8.4), read by a small
/// grammar over the clause patterns reports use rather than one pattern per phrasing:
/// <list type="bullet">
/// <item>a <b>count</b>: a number (Arabic, Chinese, mixed, see <see cref="Numerals"/>) before 件;</item>
/// <item>its <b>subject</b>: the last key phrase before it in its clause (收到/受理/新收, 上年结转,
/// 办结/答复, the result categories and their synonyms, 结转下年度, the applicant types, 行政复议,
/// 行政诉讼 and their outcomes), with nothing between them that makes it about something else;</item>
/// <item>a <b>structure</b>: a whole followed by 其中/情况为/分别为 and its parts.</item>
/// </list>
/// A clause about another year, a comparison, or that the grammar cannot place says nothing.
/// Text is read folded (<see cref="Parsing.LabelText.FoldCharacters"/>), so traditional script and
/// full-width digits read the same; offsets are those of the section text.
/// </summary>
public static class NarrativeMentions
{
    private static NarrativeSubject ResultRow(string key, string en) =>
        new(SubjectKind.Result, ApplicationsTemplate.Row(key).NameZh, en, r => r == key);

    private static NarrativeSubject ResultGroup(TemplateGroup group, string en, Func<string, bool> rows) =>
        new(SubjectKind.Result, group.NameZh, en, rows);

    private static Func<string, bool> Under(string prefix) => r => r.StartsWith(prefix, StringComparison.Ordinal);

    public static readonly NarrativeSubject Received = new(SubjectKind.Received, "收到申请", "applications received", r => r == "received");
    public static readonly NarrativeSubject CarriedOver = new(SubjectKind.CarriedOver, "上年结转申请", "applications carried over", r => r == "carried_over");
    public static readonly NarrativeSubject Answered = new(SubjectKind.Answered, "办结（答复）申请", "applications answered", r => r == "total");
    public static readonly NarrativeSubject CarriedForward = new(SubjectKind.CarriedForward, ApplicationsTemplate.Row("carried_forward").NameZh, "carried forward", r => r == "carried_forward");
    private static readonly NarrativeSubject Disclosed = ResultRow("disclosed", "disclosed");
    private static readonly NarrativeSubject PartiallyDisclosed = ResultRow("partially_disclosed", "partially disclosed");
    private static readonly NarrativeSubject Withheld = ResultGroup(ApplicationsTemplate.Withheld, "withheld", Under("withheld."));
    private static readonly NarrativeSubject Unavailable = ResultGroup(ApplicationsTemplate.Unavailable, "unavailable", Under("unavailable."));
    private static readonly NarrativeSubject NotProcessed = ResultGroup(ApplicationsTemplate.NotProcessed, "not processed", Under("not_processed."));
    private static readonly NarrativeSubject OtherHandling = ResultGroup(ApplicationsTemplate.OtherHandling, "other handling", r => r == "other" || r.StartsWith("other.", StringComparison.Ordinal));

    private static string TotalOf(ReviewLitigationTemplate.Part group) => group.Key;

    public static readonly NarrativeSubject Review = new(SubjectKind.Review, ReviewLitigationTemplate.Review.LabelZh, "administrative review", Groups: [ReviewLitigationTemplate.Review.Key]);
    private static readonly NarrativeSubject LitigationDirect = new(SubjectKind.Litigation, ReviewLitigationTemplate.LitigationDirect.LabelZh, "litigation without review", Groups: [ReviewLitigationTemplate.LitigationDirect.Key]);
    private static readonly NarrativeSubject LitigationAfterReview = new(SubjectKind.Litigation, ReviewLitigationTemplate.LitigationAfterReview.LabelZh, "litigation after review", Groups: [ReviewLitigationTemplate.LitigationAfterReview.Key]);
    public static readonly NarrativeSubject Litigation = new(SubjectKind.Litigation, ReviewLitigationTemplate.LitigationZh, "litigation",
        Groups: [ReviewLitigationTemplate.LitigationDirect.Key, ReviewLitigationTemplate.LitigationAfterReview.Key]);

    private static NarrativeSubject Outcome(ReviewLitigationTemplate.Part outcome) =>
        new(SubjectKind.ReviewOutcome, outcome.LabelZh, outcome.LabelEn, Outcome: outcome.Key);

    private static NarrativeSubject Applicant(TemplateColumn column) =>
        new(SubjectKind.Applicant, column.LabelZh, column.LabelEn, Column: column.Key);

    /// <summary>法人或其他组织: the five organisation columns together.</summary>
    private static readonly NarrativeSubject Organisations = new(SubjectKind.Applicant, "法人或其他组织", "legal persons and other organisations", Column: "*org");

    // "主动公开" is an application result only when it is not about information items.
    private static readonly string[] ProactiveStops = ["信息", "文件", "政府", "条", "政策", "规范", "目录", "栏目", "解读"];

    /// <summary>A key phrase and the subject it names; the official words come from the template.</summary>
    private sealed record Key(string Phrase, NarrativeSubject Subject, string[]? Stops = null);

    private static readonly Key[] Keys = BuildKeys();

    // The keys by their last character, in the order of Keys: a clause is read backwards once for
    // the key that ends last, instead of once per key.
    private static readonly Dictionary<char, Key[]> KeysByLastChar =
        Keys.GroupBy(k => k.Phrase[^1]).ToDictionary(g => g.Key, g => g.ToArray());

    private static readonly SearchValues<char> KeyLastChars = SearchValues.Create([.. KeysByLastChar.Keys]);

    private static Key[] BuildKeys()
    {
        List<Key> keys =
        [
            new("收到", Received), new("受理", Received), new("新收", Received), new("接收", Received), new("接到", Received), new("共收", Received),
            new("上年结转", CarriedOver), new("上年度结转", CarriedOver), new("上一年度结转", CarriedOver),
            new("办结", Answered), new("答复", Answered), new("办理完毕", Answered), new("处理完毕", Answered),
            new(Disclosed.NameZh, Disclosed), new("同意公开", Disclosed), new("全部公开", Disclosed), new("主动公开", Disclosed, ProactiveStops),
            new(PartiallyDisclosed.NameZh, PartiallyDisclosed), new("部分予以公开", PartiallyDisclosed),
            new(Withheld.NameZh, Withheld), new("不予以公开", Withheld), new("不公开", Withheld),
            new(Unavailable.NameZh, Unavailable), new(NotProcessed.NameZh, NotProcessed), new(OtherHandling.NameZh, OtherHandling),
            new("结转下年", CarriedForward), new("结转至下年", CarriedForward), new("结转到下年", CarriedForward), new("转入下年", CarriedForward),
            new("结转下一年", CarriedForward), new("结转至下一年", CarriedForward),
            new(Organisations.NameZh, Organisations), new("法人和其他组织", Organisations),
            new(Review.NameZh, Review), new("复议", Review),
            new(LitigationAfterReview.NameZh, LitigationAfterReview), new("直接起诉", LitigationDirect), new(LitigationDirect.NameZh, LitigationDirect),
            new(Litigation.NameZh, Litigation), new("诉讼", Litigation), new("起诉", Litigation),
            new(ReviewLitigationTemplate.Upheld.LabelZh, Outcome(ReviewLitigationTemplate.Upheld)), new("维持", Outcome(ReviewLitigationTemplate.Upheld)),
            new(ReviewLitigationTemplate.Corrected.LabelZh, Outcome(ReviewLitigationTemplate.Corrected)), new("纠正", Outcome(ReviewLitigationTemplate.Corrected)),
            new(ReviewLitigationTemplate.OtherResult.LabelZh, Outcome(ReviewLitigationTemplate.OtherResult)),
            new(ReviewLitigationTemplate.Pending.LabelZh, Outcome(ReviewLitigationTemplate.Pending)), new("未审结", Outcome(ReviewLitigationTemplate.Pending)),
        ];
        // The applicant columns (not 其他 or 总计, too common a word), in the template's words.
        foreach (var column in ApplicationsTemplate.Columns.Take(ApplicationsTemplate.ApplicantColumns - 1))
        {
            keys.Add(new(column.LabelZh, Applicant(column)));
        }
        // A result leaf by the words that identify its row ("不掌握", "重复申请").
        foreach (var row in ApplicationsTemplate.Rows)
        {
            if (row.Group is { } group && group != ApplicationsTemplate.Results)
            {
                var leaf = new NarrativeSubject(SubjectKind.ResultLeaf, row.NameZh, row.LabelEn, r => r == row.Key);
                foreach (var word in row.Keywords)
                {
                    if (word.Length >= 3)
                    {
                        keys.Add(new(word, leaf));
                    }
                }
            }
        }
        return [.. keys];
    }

    // Words between the key and its number that make the number about something else.
    private static readonly SearchValues<string> WindowStops = SearchValues.Create(
    [
        "来信", "留言", "热线", "咨询", "信件", "建议", "提案", "人次", "电话", "率", "平均", "网站", "会议", "培训", "公众号", "条",
    ], StringComparison.Ordinal);

    // A clause with one of these compares or accumulates: its counts are not this year's figures.
    private static readonly SearchValues<string> ClauseStops = SearchValues.Create(
        ["同比", "较上年", "比上年", "累计", "历年", "以来", "环比", "增长", "下降", "减少", "增加", "去年", "上一年度的", "上年度的", "上年同期", "以上", "左右"],
        StringComparison.Ordinal);

    // A clause naming the share one body handled ("区政府办代表区政府受理申请17件", "区政府本级受理…"): the
    // table may count the whole (Hongze 2024: 17 against 95), so comparing would be a guess.
    private static readonly string[] PartialScopes = ["代表", "本级"];

    // After a whole, these open the list of its parts.
    private static readonly SearchValues<string> PartOpeners = SearchValues.Create(
        ["其中", "情况为", "结果为", "分别为", "分别是", "包括", "具体为", "如下"], StringComparison.Ordinal);

    private const int MaxSentence = 1000;
    private const int MaxClause = 200;

    // The text is folded, so full-width ！？；，：（） read as their ASCII forms: five sentence ends, which
    // a vectorized search finds at once (eight, with the full-width ones, took the slow path on CJK text).
    private static readonly SearchValues<char> SentenceEnds = SearchValues.Create("。;!?\n");
    private static readonly SearchValues<char> ClauseEnds = SearchValues.Create("。;!?！？；\n,，、:：()（）[]【】");
    private static readonly SearchValues<char> CountUnits = SearchValues.Create("件起");

    private static readonly int[] NarrativeSections = [1, 3, 4];

    /// <summary>Every count the narrative states and the grammar can place, in section and text order.</summary>
    public static IReadOnlyList<Mention> Read(RuleContext context)
    {
        var report = context.Report;
        var mentions = new List<Mention>();
        foreach (var ordinal in NarrativeSections)
        {
            for (var index = 0; index < report.Sections.Count; index++)
            {
                var section = report.Sections[index];
                if (section.Ordinal == ordinal)
                {
                    ReadSection(section, context.TextOf(section), report.Year, mentions, context.CancellationToken);
                }
            }
        }
        return mentions;
    }

    private static void ReadSection(Section section, ReadOnlySpan<char> text, int year, List<Mention> mentions, CancellationToken cancellationToken)
    {
        var start = 0;
        // "收到申请6件。答复情况为：…": a sentence goes on with the paragraph's topic.
        var paragraphAboutApplications = false;
        // The next count unit and the next "申请" at or after the sentence: found once for the
        // sentences they pass, not searched for in each.
        var nextUnit = -1;
        var nextApplication = -1;
        while (start < text.Length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (nextUnit < start && (nextUnit = NextAt(text, start, CountUnits)) < 0)
            {
                return; // no count after this: nothing more to place
            }
            // A "sentence" longer than any real one (a page without punctuation) is read in pieces,
            // so the work per count stays bounded.
            var piece = text.Slice(start, Math.Min(text.Length - start, MaxSentence));
            var found = piece.IndexOfAny(SentenceEnds);
            var end = start + (found < 0 ? piece.Length : found);
            if (end > start)
            {
                if (nextApplication != int.MaxValue && nextApplication < start)
                {
                    var at = text[start..].IndexOf("申请", StringComparison.Ordinal);
                    nextApplication = at < 0 ? int.MaxValue : start + at;
                }
                var namesApplications = nextApplication <= end - 2;
                paragraphAboutApplications = nextUnit < end
                    ? ReadSentence(section, text, start, end, year, paragraphAboutApplications || namesApplications, mentions)
                    : paragraphAboutApplications || namesApplications;
            }
            if (end < text.Length && text[end] == '\n')
            {
                paragraphAboutApplications = false;
            }
            start = end + 1;
        }
    }

    private static int NextAt(ReadOnlySpan<char> text, int start, SearchValues<char> values)
    {
        var at = text[start..].IndexOfAny(values);
        return at < 0 ? -1 : start + at;
    }

    /// <summary>
    /// Reads one sentence with a count unit in it; <paramref name="aboutApplications"/> says whether it
    /// or its paragraph so far names applications, and is returned.
    /// </summary>
    private static bool ReadSentence(Section section, ReadOnlySpan<char> text, int from, int to, int year, bool aboutApplications, List<Mention> mentions)
    {
        var sentence = text.Slice(from, to - from);
        var aboutCases = sentence.Contains("复议", StringComparison.Ordinal) || sentence.Contains("诉", StringComparison.Ordinal);
        if (!aboutApplications && !aboutCases)
        {
            return false;
        }
        var first = mentions.Count;
        int? otherYearAt = null; // looked for at the sentence's first number: most sentences have none
        for (var i = from; i < to; i++)
        {
            var next = sentence[(i - from)..].IndexOfAny(CountUnits);
            if (next < 0)
            {
                break;
            }
            i += next;
            if (text[i] == '起' && !aboutCases)
            {
                continue;
            }
            if (!Numerals.TryNumberBefore(text, from, i, out var numberStart, out var value))
            {
                continue;
            }
            otherYearAt ??= FirstOtherYear(text, from, to, year);
            var clauseStart = ClauseStart(text, from, numberStart);
            var clause = text.Slice(clauseStart, ClauseEnd(text, i, to) - clauseStart);
            if (numberStart > otherYearAt.Value || clause.ContainsAny(ClauseStops) || Narrative.ContainsAny(clause, PartialScopes)
                || FollowedByApproximation(text, i + 1, to))
            {
                continue;
            }
            if (Place(text, clauseStart, numberStart, aboutApplications, aboutCases) is { } key)
            {
                mentions.Add(new Mention(section, key.Subject, key.Start, new StatedCount(numberStart, i, value), from, to));
            }
        }
        LinkParts(text, mentions, first);
        return aboutApplications;
    }

    /// <summary>The subject of a count: the last key phrase before it in its clause, when the words between allow it.</summary>
    private static (NarrativeSubject Subject, int Start)? Place(ReadOnlySpan<char> text, int clauseStart, int numberStart, bool aboutApplications, bool aboutCases)
    {
        var clause = text.Slice(clauseStart, numberStart - clauseStart);
        if (LastKey(clause) is not { } last || (last.Key.Subject.IsApplications ? !aboutApplications : !aboutCases))
        {
            return null;
        }
        var best = last.Key;
        var bestStart = clauseStart + last.Start;
        var bestEnd = bestStart + best.Phrase.Length;
        var window = text.Slice(bestEnd, numberStart - bestEnd);
        if (window.Length > 24 || HasDigit(window) || window.ContainsAny(WindowStops) || (best.Stops is not null && Narrative.ContainsAny(window, best.Stops)))
        {
            return null;
        }
        // "行政复议和行政诉讼共8件" counts both: not one figure of table 四.
        if (best.Subject.Kind is SubjectKind.Review or SubjectKind.Litigation
            && clause.Contains("复议", StringComparison.Ordinal) && (clause.Contains("诉讼", StringComparison.Ordinal) || clause.Contains("起诉", StringComparison.Ordinal))
            && !best.Phrase.Contains("复议后", StringComparison.Ordinal) && !best.Phrase.Contains("未经复议", StringComparison.Ordinal))
        {
            return null;
        }
        return (best.Subject, bestStart);
    }

    /// <summary>
    /// The key phrase that ends last in the clause, the longest of those ending there (the first
    /// listed among equals), and where it starts.
    /// </summary>
    private static (Key Key, int Start)? LastKey(ReadOnlySpan<char> clause)
    {
        for (var last = clause.LastIndexOfAny(KeyLastChars); last >= 0; last = clause[..last].LastIndexOfAny(KeyLastChars))
        {
            Key? best = null;
            foreach (var key in KeysByLastChar[clause[last]])
            {
                var start = last + 1 - key.Phrase.Length;
                if (start >= 0 && (best is null || key.Phrase.Length > best.Phrase.Length) && clause[start..(last + 1)].SequenceEqual(key.Phrase))
                {
                    best = key;
                }
            }
            if (best is not null)
            {
                return (best, last + 1 - best.Phrase.Length);
            }
        }
        return null;
    }

    /// <summary>
    /// "whole，其中 part、part": a count after a part opener that follows a whole belongs to that whole
    /// when its kind is one the whole splits into; the list ends at a count of another kind.
    /// </summary>
    private static void LinkParts(ReadOnlySpan<char> text, List<Mention> mentions, int first)
    {
        Mention? whole = null;
        var opened = false;
        for (var i = first; i < mentions.Count; i++)
        {
            var mention = mentions[i];
            // Each stretch of text between two counts is looked at once.
            var gapStart = i == first ? mention.Count.Start : mentions[i - 1].Count.End;
            opened |= whole is not null && text.Slice(gapStart, mention.Count.Start - gapStart).ContainsAny(PartOpeners);
            if (whole is not null && opened && SplitsInto(whole.Subject, mention.Subject))
            {
                mention.Whole = whole;
                continue;
            }
            var isWhole = mention.Subject.Kind is SubjectKind.Received or SubjectKind.Answered or SubjectKind.Review or SubjectKind.Litigation;
            whole = isWhole ? mention : null;
            opened = false;
        }
    }

    private static bool SplitsInto(NarrativeSubject whole, NarrativeSubject part) => whole.Kind switch
    {
        SubjectKind.Received => part.Kind is SubjectKind.Applicant or SubjectKind.Result or SubjectKind.Answered or SubjectKind.CarriedForward,
        SubjectKind.Answered => part.Kind is SubjectKind.Result,
        SubjectKind.Review or SubjectKind.Litigation => part.Kind is SubjectKind.ReviewOutcome,
        _ => false,
    };

    /// <summary>Where the sentence first names a year other than the report's: counts after it are that year's.</summary>
    private static int FirstOtherYear(ReadOnlySpan<char> text, int from, int to, int year)
    {
        if (year != 0)
        {
            foreach (var (mentioned, start, _) in Narrative.Years(text, from, to))
            {
                if (mentioned != year)
                {
                    return start;
                }
            }
        }
        return int.MaxValue;
    }

    private static bool FollowedByApproximation(ReadOnlySpan<char> text, int at, int to) =>
        at < to && text[at] is '余' or '多' or '左' || (at + 1 < to && text.Slice(at, 2) is "以上" or "左右");

    private static int ClauseStart(ReadOnlySpan<char> text, int floor, int at)
    {
        floor = Math.Max(floor, at - MaxClause);
        return floor + text.Slice(floor, at - floor).LastIndexOfAny(ClauseEnds) + 1;
    }

    private static int ClauseEnd(ReadOnlySpan<char> text, int at, int ceiling)
    {
        ceiling = Math.Min(ceiling, at + MaxClause);
        var found = text.Slice(at, ceiling - at).IndexOfAny(ClauseEnds);
        return found < 0 ? ceiling : at + found;
    }

    private static bool HasDigit(ReadOnlySpan<char> text)
    {
        foreach (var ch in text)
        {
            if (Numerals.IsDigit(ch))
            {
                return true;
            }
        }
        return false;
    }
}
