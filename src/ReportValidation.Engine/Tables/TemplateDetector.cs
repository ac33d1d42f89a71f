using System.Text;
using ReportValidation.V1;

namespace ReportValidation.Tables;

/// <summary>
/// Decides the template version from header markers of tables 二 and 三 (format.md §2), several
/// at once, never one alone; the report year breaks a tie.
/// </summary>
public static class TemplateDetector
{
    private static readonly string[] Markers2021 =
        ["本年制发", "本年废止", "现行有效", "本年处理决定数量", "本年收费金额", "行政规范性文件", "不补正", "缴纳费用"];

    private static readonly string[] Markers2019 =
        ["本年新制作", "本年新公开", "对外公开总数", "上一年项目数量", "本年增/减", "其他对外管理服务事项", "第二十条第(九)项", "政府集中采购", "采购项目数量", "采购总金额"];

    /// <summary>Detects the version from the label tokens of the table 二 and 三 regions.</summary>
    internal static TemplateVersion Detect(List<TableToken> activeDisclosure, List<TableToken> applications, int year)
    {
        // Labels joined, so a header broken over two cells ("本年新" / "公开数量") still matches.
        var text = new StringBuilder(2048);
        foreach (var tokens in (ReadOnlySpan<List<TableToken>>)[activeDisclosure, applications])
        {
            foreach (var token in tokens)
            {
                text.Append(token.Label);
            }
        }
        var normalized = text.ToString();
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
        return year switch
        {
            >= 2021 => TemplateVersion._2021,
            2019 or 2020 => TemplateVersion._2019,
            _ => TemplateVersion.Unspecified,
        };
    }

    private static int Count(string text, string[] markers)
    {
        var count = 0;
        foreach (var marker in markers)
        {
            if (text.Contains(marker, StringComparison.Ordinal))
            {
                count++;
            }
        }
        return count;
    }
}
