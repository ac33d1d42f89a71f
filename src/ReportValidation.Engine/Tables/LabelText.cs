using System.Text;

namespace ReportValidation.Tables;

/// <summary>
/// Label text reduced to what identifies it: compatibility forms folded (full-width brackets and
/// digits, Kangxi-radical look-alikes), traditional characters of the template vocabulary
/// simplified, whitespace, quotes and list punctuation removed. Labels are matched on this form.
/// </summary>
public static class LabelText
{
    // Traditional → simplified, limited to characters that occur in the template's labels and headings.
    private const string Traditional = "開請數處結轉國規務過執詢補後確舉報訴訪複復認繳納費總計繼續辦發廢現決許罰強額單萬況關機議維糾審級區縣鄉鎮權獲資據條項範專對應經會與隻這當從屬類問題進檢準業層體門統態實際為於係協組織構衛財稅產傳調戶標網絡設環節號則紀錄製務據併內險營導領備歸範壹貳叄現狀況屆擔責聯繫電話郵編區縣廳辦員處長黨員務寫撰頒佈佈閱覽查詢覆訟議請申裡裏餘徵幹乾託託證照稱號號點擊預算決劃畫價錢與兩無見為並準術學醫藥農氣熱線戰區縣動眾廣時間們種個來將還運達選邊寶讓護衝穩內祕開圍歷濟醫態勞緊構設務";
    private const string Simplified = "开请数处结转国规务过执询补后确举报诉访复复认缴纳费总计继续办发废现决许罚强额单万况关机议维纠审级区县乡镇权获资据条项范专对应经会与只这当从属类问题进检准业层体门统态实际为于系协组织构卫财税产传调户标网络设环节号则纪录制务据并内险营导领备归范一二三现状况届担责联系电话邮编区县厅办员处长党员务写撰颁布布阅览查询复讼议请申里里余征干干托托证照称号号点击预算决划画价钱与两无见为并准术学医药农气热线战区县动众广时间们种个来将还运达选边宝让护冲稳内秘开围历济医态劳紧构设务";

    private static readonly Dictionary<char, char> ToSimplified = BuildMap();

    private static Dictionary<char, char> BuildMap()
    {
        var map = new Dictionary<char, char>(Traditional.Length);
        for (var i = 0; i < Traditional.Length && i < Simplified.Length; i++)
        {
            map.TryAdd(Traditional[i], Simplified[i]);
        }
        return map;
    }

    public static string Normalize(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }
        var folded = NeedsCompatibilityFolding(text) ? text.Normalize(NormalizationForm.FormKC) : text;
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsWhiteSpace(c) || c is '"' or '\'' or '“' or '”' or '‘' or '’' or '|' or '\u200B' or '\uFEFF')
            {
                continue;
            }
            var mapped = c switch
            {
                '（' => '(',
                '）' => ')',
                '，' => ',',
                '：' => ':',
                '．' => '.',
                '、' => '.',
                _ => c,
            };
            builder.Append(ToSimplified.TryGetValue(mapped, out var simple) ? simple : mapped);
        }
        return builder.ToString();
    }

    /// <summary>The label without its leading ordinal: "(一)", "一.", "1.", "(1)".</summary>
    public static string WithoutOrdinal(string normalized)
    {
        var s = normalized.AsSpan();
        for (var round = 0; round < 2; round++)
        {
            if (s.Length > 2 && s[0] == '(')
            {
                var close = s.IndexOf(')');
                if (close > 0 && close <= 4 && IsOrdinal(s[1..close]))
                {
                    s = s[(close + 1)..];
                    continue;
                }
            }
            var i = 0;
            while (i < s.Length && i < 3 && IsOrdinalChar(s[i]))
            {
                i++;
            }
            if (i > 0 && i < s.Length && s[i] is '.' or ',')
            {
                s = s[(i + 1)..];
                continue;
            }
            break;
        }
        return s.ToString();
    }

    private static bool IsOrdinal(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!IsOrdinalChar(c))
            {
                return false;
            }
        }
        return s.Length > 0;
    }

    private static bool IsOrdinalChar(char c) => char.IsAsciiDigit(c) || "一二三四五六七八九十".Contains(c);

    // Only text with compatibility characters (full-width forms, Kangxi radicals, ideographic space)
    // pays for NFKC.
    private static bool NeedsCompatibilityFolding(string text)
    {
        foreach (var c in text)
        {
            if (c >= '\uFF00' || (c >= '\u2F00' && c <= '\u2FDF') || c == '\u3000' || (c >= '\u2E80' && c <= '\u2EFF'))
            {
                return true;
            }
        }
        return false;
    }
}
