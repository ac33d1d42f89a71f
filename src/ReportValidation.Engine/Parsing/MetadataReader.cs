using System.Buffers;
using System.Text.RegularExpressions;
using ReportValidation.Reading;
using ReportValidation.V1;

namespace ReportValidation.Parsing;

/// <summary>
/// Title, issuing body, year, statistical period and dates (format.md §1, §8.4, §10.1 E1): from the
/// title line, the 统计期限 sentence, metadata rows (发文日期 …) and the signature at the end.
/// </summary>
public static partial class MetadataReader
{
    [GeneratedRegex(@"(?<!\d)(20\d\d|19\d\d)\s*年")]
    private static partial Regex YearInText();

    [GeneratedRegex(@"(统计|統計)(期限|时限|時限|期间|期間|时间|時間|周期|区间|區間)[^。\n]{0,80}")]
    private static partial Regex PeriodSentence();

    // Loose on purpose: "201912月31日" must be found so it can be reported as malformed. A date may
    // leave its year out when another date of the sentence gives it ("2023年1月1日到12月31日止"),
    // or be written with dots or dashes ("2023.1.1—2023.12.31").
    [GeneratedRegex(@"(?:(?<y>\d{1,8})\s*(?<mark>年)|(?<y>\d{3,8}))\s*(?<m>\d{1,2})\s*月\s*(?<d>\d{1,2})\s*日|(?<![\d年]\s*)(?<m>\d{1,2})\s*月\s*(?<d>\d{1,2})\s*日|(?<![\d.])(?<y>\d{4})(?<mark>[.\-/])(?<m>\d{1,2})\k<mark>(?<d>\d{1,2})(?![\d.])")]
    private static partial Regex LooseDate();

    [GeneratedRegex(@"(?<!\d)(\d{4})\s*年\s*(度|全年)")]
    private static partial Regex WholeYear();

    [GeneratedRegex(@"(发文日期|发布日期|生成日期|成文日期|发布时间|印发日期|公开日期|发布于)[\s|:：]*(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")]
    private static partial Regex MetadataDate();

    [GeneratedRegex(@"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")]
    private static partial Regex SignatureDate();

    [GeneratedRegex(@"^\s*([二〇○零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日\s*$")]
    private static partial Regex SignatureDateInNumerals();

    [GeneratedRegex(@"(发布机构|发文机关|发布单位|来源)[\s|:：]*([^|\s]{2,40})")]
    private static partial Regex MetadataBody();

    public static void Read(SourceDocument document, Report report)
    {
        // Read folded: ２０２３年 and 統計期限 as 2023年 and 统计期限; offsets are those of the text.
        var folded = ArrayPool<char>.Shared.Rent(Math.Max(document.Text.Length, 1));
        try
        {
            var text = folded.AsSpan(0, document.Text.Length);
            LabelText.FoldCharacters(document.Text, text);
            ReadTitle(document, report);
            ReadPeriod(document, text, report);
            var signer = ReadDates(document, text, report);
            var metadataBody = FirstMatch(MetadataBody(), text[..Math.Min(text.Length, 4000)]) is { Success: true } body ? body.Groups[2].Value.Trim() : "";
            if (report.IssuingBody.Length == 0)
            {
                report.IssuingBody = signer.Length > 0 ? signer : metadataBody;
            }
            report.Year = report.TitleYear > 0 ? report.TitleYear
                : report.Period?.End?.Year > 0 ? report.Period.End.Year
                : report.Period?.Start?.Year > 0 ? report.Period.Start.Year
                : 0;
            report.PublisherKind = PublisherKinds.Classify(report.IssuingBody, signer, metadataBody, report.Title).Kind;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(folded);
        }
    }

    /// <summary>
    /// The first match in <paramref name="text"/>, matched again on its own text for the groups; the
    /// patterns read with this have no anchors or lookarounds, so both matches are the same.
    /// <see cref="Match.Index"/> is relative to the match: add <paramref name="index"/>.
    /// </summary>
    private static Match FirstMatch(Regex regex, ReadOnlySpan<char> text) => FirstMatch(regex, text, out _);

    private static Match FirstMatch(Regex regex, ReadOnlySpan<char> text, out int index)
    {
        foreach (var found in regex.EnumerateMatches(text))
        {
            index = found.Index;
            return regex.Match(text.Slice(found.Index, found.Length).ToString());
        }
        index = -1;
        return Match.Empty;
    }

    private static void ReadTitle(SourceDocument document, Report report)
    {
        Span<char> folded = stackalloc char[90];
        Span<char> normalized = stackalloc char[90];
        var seen = 0;
        foreach (var line in document.Lines)
        {
            if (line.IsBlank)
            {
                continue;
            }
            if (++seen > 40)
            {
                break;
            }
            var trimmed = WhiteSpace.Trim(line.AsSpan());
            if (trimmed.Length > 90 || line.Cells.Count > 2)
            {
                continue;
            }
            LabelText.FoldCharacters(trimmed, folded);
            var length = 0;
            foreach (var c in folded[..trimmed.Length])
            {
                if (c != ' ')
                {
                    normalized[length++] = c;
                }
            }
            if (!IsTitle(normalized[..length]))
            {
                continue;
            }
            var cell = line.Cells[0];
            report.Title = cell.AsSpan().Trim().ToString();
            report.TitleSpan = document.Span(cell);
            var year = YearInText().Match(LabelText.FoldCharacters(report.Title));
            if (year.Success)
            {
                report.TitleYear = ToInt(year.Groups[1].Value);
                report.IssuingBody = report.Title[..year.Index].Trim().TrimEnd('（', '(');
            }
            return;
        }
    }

    /// <summary>A title ends with 年度报告 (or names 工作年度报告); page chrome such as "信息类别: 年度报告 …" does not.</summary>
    private static bool IsTitle(ReadOnlySpan<char> normalized) =>
        (normalized.Contains("工作年度报告", StringComparison.Ordinal) || normalized.EndsWith("年度报告", StringComparison.Ordinal)
            || normalized.EndsWith("年报", StringComparison.Ordinal))
        && !normalized.Contains("根据", StringComparison.Ordinal) && !normalized.Contains("依据", StringComparison.Ordinal)
        && normalized.IndexOfAny(['，', '。', ':', '：']) < 0;

    private static void ReadPeriod(SourceDocument document, ReadOnlySpan<char> text, Report report)
    {
        var sentence = FirstMatch(PeriodSentence(), text, out var sentenceIndex);
        if (!sentence.Success)
        {
            return;
        }
        var period = new StatisticalPeriod
        {
            Raw = document.Text.Substring(sentenceIndex, sentence.Length).Trim(),
            Span = document.Span(sentenceIndex, sentenceIndex + sentence.Length),
        };
        var dates = LooseDate().Matches(sentence.Value);
        var knownYear = 0;
        for (var i = 0; i < dates.Count && i < 2; i++)
        {
            var match = dates[i];
            var offset = sentenceIndex + match.Index;
            var mention = new DateMention
            {
                Raw = document.Text.Substring(offset, match.Length),
                Kind = i == 0 ? DateKind.PeriodStart : DateKind.PeriodEnd,
                Span = document.Span(offset, offset + match.Length),
            };
            // A date without its year takes the year the other date (or the title) gives it.
            var year = match.Groups["y"].Success ? match.Groups["y"].Value : "";
            var hasYear = match.Groups["mark"].Success;
            if (year.Length == 0)
            {
                var implied = knownYear > 0 ? knownYear : report.TitleYear;
                year = implied > 0 ? implied.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
                hasYear = implied > 0;
            }
            var date = ParseDate(year, hasYear, match.Groups["m"].Value, match.Groups["d"].Value);
            if (date is null)
            {
                mention.Malformed = true;
                period.Malformed = true;
            }
            else
            {
                mention.Date = date;
                knownYear = date.Year;
                if (i == 0)
                {
                    period.Start = date;
                }
                else
                {
                    period.End = date;
                }
            }
            report.Dates.Add(mention);
        }
        if (dates.Count == 0 && WholeYear().Match(sentence.Value) is { Success: true } whole && ToInt(whole.Groups[1].Value) is var y and >= 1990 and <= 2100)
        {
            // "统计期限为2023年度": the whole calendar year.
            period.Start = new Date { Year = y, Month = 1, Day = 1 };
            period.End = new Date { Year = y, Month = 12, Day = 31 };
        }
        else if (dates.Count < 2)
        {
            period.Malformed = true;
        }
        report.Period = period;
    }

    /// <summary>Publication and signature dates; returns the signer named above the signature date, if any.</summary>
    private static string ReadDates(SourceDocument document, ReadOnlySpan<char> text, Report report)
    {
        var head = text[..Math.Min(text.Length, 6000)];
        foreach (var found in MetadataDate().EnumerateMatches(head))
        {
            // Matched again on its own text for the groups (the pattern has no anchors or lookarounds).
            var match = MetadataDate().Match(head.Slice(found.Index, found.Length).ToString());
            var date = ParseDate(match.Groups[2].Value, true, match.Groups[3].Value, match.Groups[4].Value);
            var valueStart = found.Index + match.Groups[2].Index;
            report.Dates.Add(new DateMention
            {
                Raw = document.Text.Substring(found.Index, found.Length),
                Date = date,
                Malformed = date is null,
                Kind = DateKind.Publication,
                Span = document.Span(valueStart, found.Index + found.Length),
            });
        }
        return ReadSignature(document, report);
    }

    /// <summary>The signature: a line holding only a date, among the last lines of the report. Returns the signer above it.</summary>
    private static string ReadSignature(SourceDocument document, Report report)
    {
        var lines = document.Lines;
        var checkedLines = 0;
        for (var i = lines.Count - 1; i >= 0 && checkedLines < 25; i--)
        {
            if (lines[i].IsBlank)
            {
                continue;
            }
            checkedLines++;
            var date = SignatureDateOf(lines[i].AsSpan());
            if (date is null)
            {
                continue;
            }
            var cell = lines[i].Cells[0];
            report.Dates.Add(new DateMention { Raw = cell.AsSpan().Trim().ToString(), Date = date, Kind = DateKind.Signature, Span = document.Span(cell) });
            for (var j = i - 1; j >= 0 && j >= i - 3; j--)
            {
                if (!lines[j].IsBlank && lines[j].AsSpan().Trim().Length is > 1 and < 40)
                {
                    return lines[j].AsSpan().Trim().ToString();
                }
            }
            break;
        }
        return "";
    }

    private static Date? SignatureDateOf(ReadOnlySpan<char> line)
    {
        var rented = line.Length > 256 ? ArrayPool<char>.Shared.Rent(line.Length) : null;
        try
        {
            var folded = (rented ?? stackalloc char[256])[..line.Length];
            LabelText.FoldCharacters(line, folded);
            // Both patterns end in 日: most lines are ruled out without running them.
            if (!folded.Contains('日'))
            {
                return null;
            }
            // The patterns are anchored to the whole line: a match on the span is the match on its text.
            if (SignatureDate().IsMatch(folded))
            {
                var numeric = SignatureDate().Match(folded.ToString());
                return ParseDate(numeric.Groups[1].Value, true, numeric.Groups[2].Value, numeric.Groups[3].Value);
            }
            if (SignatureDateInNumerals().IsMatch(folded))
            {
                var numerals = SignatureDateInNumerals().Match(folded.ToString());
                return FromNumerals(numerals.Groups[1].Value, numerals.Groups[2].Value, numerals.Groups[3].Value);
            }
            return null;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private static Date? ParseDate(string year, bool hasYearMark, string month, string day)
    {
        if (!hasYearMark || year.Length != 4)
        {
            return null;
        }
        var y = ToInt(year);
        var m = ToInt(month);
        var d = ToInt(day);
        if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
        {
            return null;
        }
        return new Date { Year = y, Month = m, Day = d };
    }

    // Regex \d also matches full-width and other decimal digits, which int.Parse refuses.
    private static int ToInt(string digits)
    {
        var value = 0;
        foreach (var c in digits)
        {
            var d = (int)char.GetNumericValue(c);
            if (d is < 0 or > 9 || value > 100_000_000)
            {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }

    private static Date? FromNumerals(string year, string month, string day)
    {
        const string digits = "〇一二三四五六七八九";
        var y = 0;
        foreach (var c in year)
        {
            var d = c is '○' or '零' ? 0 : digits.IndexOf(c);
            if (d < 0)
            {
                return null;
            }
            y = y * 10 + d;
        }
        var m = SmallNumber(month);
        var dd = SmallNumber(day);
        if (m is < 1 or > 12 || dd < 1 || y < 1990 || dd > DateTime.DaysInMonth(y, m))
        {
            return null;
        }
        return new Date { Year = y, Month = m, Day = dd };
    }

    /// <summary>一 … 三十一 as a number.</summary>
    public static int SmallNumber(string text)
    {
        const string digits = "零一二三四五六七八九";
        var value = 0;
        var current = 0;
        foreach (var c in text)
        {
            if (c == '十')
            {
                value += (current == 0 ? 1 : current) * 10;
                current = 0;
            }
            else
            {
                var d = c == '两' ? 2 : digits.IndexOf(c);
                if (d < 0)
                {
                    return -1;
                }
                current = d;
            }
        }
        return value + current;
    }
}
