using System.Buffers;
using ReportValidation.Template;
using ReportValidation.V1;

namespace ReportValidation.Parsing;

/// <summary>
/// Decides the template version from header markers of tables 二 and 三 (format.md §2), several
/// at once, never one alone; the report year breaks a tie.
/// </summary>
public static class TemplateDetector
{
    // Normalised like the labels they are looked for in (（九） as (九)).
    private static readonly string[] Markers2021 = [.. NationalTemplates.VersionMarkers(TemplateVersion._2021).Select(LabelText.Normalize)];

    private static readonly string[] Markers2019 = [.. NationalTemplates.VersionMarkers(TemplateVersion._2019).Select(LabelText.Normalize)];

    /// <summary>Detects the version from the label tokens of the table 二 and 三 regions.</summary>
    internal static TemplateVersion Detect(TableTokenList activeDisclosure, TableTokenList applications, int year)
    {
        // Labels joined, so a header broken over two cells ("本年新" / "公开数量") still matches.
        var length = LabelLength(activeDisclosure) + LabelLength(applications);
        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(length, 1));
        try
        {
            var used = Append(activeDisclosure, buffer, 0);
            used = Append(applications, buffer, used);
            var normalized = buffer.AsSpan(0, used);
            var score2021 = Count(normalized, Markers2021);
            var score2019 = Count(normalized, Markers2019);
            if (score2021 > score2019)
            {
                return TemplateVersion._2021;
            }
            if (score2019 > score2021)
            {
                return TemplateVersion._2019;
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
        return year switch
        {
            >= 2021 => TemplateVersion._2021,
            2019 or 2020 => TemplateVersion._2019,
            _ => TemplateVersion.Unspecified,
        };
    }

    private static int LabelLength(TableTokenList tokens)
    {
        var length = 0;
        foreach (var token in tokens)
        {
            length += token.Label.Length;
        }
        return length;
    }

    private static int Append(TableTokenList tokens, char[] buffer, int used)
    {
        foreach (var token in tokens)
        {
            token.Label.CopyTo(buffer.AsSpan(used));
            used += token.Label.Length;
        }
        return used;
    }

    private static int Count(ReadOnlySpan<char> text, string[] markers)
    {
        var count = 0;
        foreach (var marker in markers)
        {
            if (text.IndexOf(marker, StringComparison.Ordinal) >= 0)
            {
                count++;
            }
        }
        return count;
    }
}
