using ReportValidation.V1;

namespace ReportValidation.Parsing;

/// <summary>The kind of body a report was issued by, in the words a clerk would use, and where it was read.</summary>
public sealed record PublisherClass(PublisherKind Kind, string KindZh, string KindEn, string Source);

/// <summary>
/// Which kind of body issued a report, from its title, signature or metadata (条例 art. 49,
/// format.md §1.2): a people's government at any level (31 March), its own office (an agency: 31
/// January), a department (31 January), or a township or sub-district (no national deadline).
/// A name that says what it is wins over a title that only names a place ("新安市2023年…" is the
/// city's government unless the signature says 新安市人民政府办公室).
/// </summary>
public static class PublisherKinds
{
    private static readonly string[] TownshipWords = ["街道办事处", "乡人民政府", "镇人民政府", "乡政府", "镇政府", "街道办"];
    private static readonly string[] OfficeWords = ["人民政府办公室", "人民政府办公厅", "政府办公室", "政府办公厅", "政府办"];
    private static readonly string[] DepartmentWords = ["局", "委员会", "委", "厅", "办公室", "中心", "管理处", "院", "所", "站", "队", "部", "署", "会", "管委会", "办"];
    private static readonly string[] PlaceEnds = ["省", "市", "县", "区", "州", "旗", "盟", "自治区"];

    /// <summary>Classifies from the sources in order of trust; the first that says what the body is decides.</summary>
    public static PublisherClass Classify(string titleBody, string signer, string metadataBody, string title)
    {
        (string Text, string Source)[] sources = [(titleBody, "标题"), (signer, "落款"), (metadataBody, "发布机构"), (title, "标题")];
        foreach (var (text, source) in sources)
        {
            if (Explicit(LabelText.FoldCharacters(text).Replace(" ", "", StringComparison.Ordinal)) is { } kind)
            {
                return kind with { Source = source };
            }
        }
        foreach (var (text, source) in sources)
        {
            var name = LabelText.FoldCharacters(text).Replace(" ", "", StringComparison.Ordinal);
            var year = name.IndexOfAny("0123456789".ToCharArray());
            var place = year > 0 ? name[..year] : name;
            if (place.Length is > 1 and <= 12 && PlaceEnds.Any(e => place.EndsWith(e, StringComparison.Ordinal)))
            {
                return Government(source);
            }
        }
        return new PublisherClass(PublisherKind.Unspecified, "未能判断", "undetermined", "");
    }

    private static PublisherClass Government(string source) => new(PublisherKind.Government, "人民政府", "people's government", source);

    private static PublisherClass? Explicit(string name)
    {
        if (name.Length == 0)
        {
            return null;
        }
        if (TownshipWords.Any(w => name.Contains(w, StringComparison.Ordinal)))
        {
            return new PublisherClass(PublisherKind.Township, "乡镇或街道", "township or sub-district", "");
        }
        if (OfficeWords.Any(w => name.Contains(w, StringComparison.Ordinal)))
        {
            return new PublisherClass(PublisherKind.Department, "人民政府办公室（办公厅）", "a government's general office", "");
        }
        var government = name.IndexOf("政府", StringComparison.Ordinal);
        if (government >= 0)
        {
            var after = name[(government + 2)..];
            // "…人民政府2022年…", "…人民政府政府信息…" or the body alone: the government itself.
            if (after.Length == 0 || char.IsAsciiDigit(after[0]) || after.StartsWith("政府信息", StringComparison.Ordinal)
                || after.StartsWith("关于", StringComparison.Ordinal) || after.StartsWith("年度", StringComparison.Ordinal))
            {
                return Government("");
            }
        }
        var head = FirstYear(name) is var y and > 0 ? name[..y] : name;
        if (head.Length > 0 && DepartmentWords.Any(w => head.Contains(w, StringComparison.Ordinal)))
        {
            return new PublisherClass(PublisherKind.Department, "政府部门", "a government department", "");
        }
        return null;
    }

    private static int FirstYear(string name)
    {
        for (var i = 0; i + 4 < name.Length; i++)
        {
            if (char.IsAsciiDigit(name[i]) && char.IsAsciiDigit(name[i + 1]) && char.IsAsciiDigit(name[i + 2]) && char.IsAsciiDigit(name[i + 3]))
            {
                return i;
            }
        }
        return -1;
    }
}
