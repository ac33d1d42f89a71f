namespace ReportValidation.Parsing;

/// <summary>
/// Label text reduced to what identifies it: compatibility forms folded (full-width brackets and
/// digits, Kangxi-radical look-alikes), traditional characters of the template vocabulary
/// simplified, whitespace, quotes and list punctuation removed. Labels are matched on this form.
/// </summary>
public static class LabelText
{
    // Traditional → simplified, limited to characters that occur in the template's labels and headings.
    private const string Traditional = "開請數處結轉國規務過執詢補後確舉報訴訪複復認繳納費總計繼續辦發廢現決許罰強額單萬況關機議維糾審級區縣鄉鎮權獲資據條項範專對應經會與隻這當從屬類問題進檢準業層體門統態實際為於係協組織構衛財稅產傳調戶標網絡設環節號則紀錄製務據併內險營導領備歸範壹貳叄現狀況屆擔責聯繫電話郵編區縣廳辦員處長黨員務寫撰頒佈佈閱覽查詢覆訟議請申裡裏餘徵幹乾託託證照稱號號點擊預算決劃畫價錢與兩無見為並準術學醫藥農氣熱線戰區縣動眾廣時間們種個來將還運達選邊寶讓護衝穩內祕開圍歷濟醫態勞緊構設務億僅諮較減沒訖訊書記說團東陽覺並後臺灣蘇齡夠淨";
    private const string Simplified = "开请数处结转国规务过执询补后确举报诉访复复认缴纳费总计继续办发废现决许罚强额单万况关机议维纠审级区县乡镇权获资据条项范专对应经会与只这当从属类问题进检准业层体门统态实际为于系协组织构卫财税产传调户标网络设环节号则纪录制务据并内险营导领备归范一二三现状况届担责联系电话邮编区县厅办员处长党员务写撰颁布布阅览查询复讼议请申里里余征干干托托证照称号号点击预算决划画价钱与两无见为并准术学医药农气热线战区县动众广时间们种个来将还运达选边宝让护冲稳内秘开围历济医态劳紧构设务亿仅咨较减没讫讯书记说团东阳觉并后台湾苏龄够净";

    // Compatibility characters folded as NFKC would (it is not available under invariant globalization):
    // pairs of (compatibility form, ordinary character) for Kangxi radicals, CJK radical supplements,
    // CJK compatibility ideographs, full-width ASCII and the ideographic space.
    private const string CompatibilityPairs = "⺟母⻳龟⼀一⼁丨⼂丶⼃丿⼄乙⼅亅⼆二⼇亠⼈人⼉儿⼊入⼋八⼌冂⼍冖⼎冫⼏几⼐凵⼑刀⼒力⼓勹⼔匕⼕匚⼖匸⼗十⼘卜⼙卩⼚厂⼛厶⼜又⼝口⼞囗⼟土⼠士⼡夂⼢夊⼣夕⼤大⼥女⼦子⼧宀⼨寸⼩小⼪尢⼫尸⼬屮⼭山⼮巛⼯工⼰己⼱巾⼲干⼳幺⼴广⼵廴⼶廾⼷弋⼸弓⼹彐⼺彡⼻彳⼼心⼽戈⼾戶⼿手⽀支⽁攴⽂文⽃斗⽄斤⽅方⽆无⽇日⽈曰⽉月⽊木⽋欠⽌止⽍歹⽎殳⽏毋⽐比⽑毛⽒氏⽓气⽔水⽕火⽖爪⽗父⽘爻⽙爿⽚片⽛牙⽜牛⽝犬⽞玄⽟玉⽠瓜⽡瓦⽢甘⽣生⽤用⽥田⽦疋⽧疒⽨癶⽩白⽪皮⽫皿⽬目⽭矛⽮矢⽯石⽰示⽱禸⽲禾⽳穴⽴立⽵竹⽶米⽷糸⽸缶⽹网⽺羊⽻羽⽼老⽽而⽾耒⽿耳⾀聿⾁肉⾂臣⾃自⾄至⾅臼⾆舌⾇舛⾈舟⾉艮⾊色⾋艸⾌虍⾍虫⾎血⾏行⾐衣⾑襾⾒見⾓角⾔言⾕谷⾖豆⾗豕⾘豸⾙貝⾚赤⾛走⾜足⾝身⾞車⾟辛⾠辰⾡辵⾢邑⾣酉⾤釆⾥里⾦金⾧長⾨門⾩阜⾪隶⾫隹⾬雨⾭靑⾮非⾯面⾰革⾱韋⾲韭⾳音⾴頁⾵風⾶飛⾷食⾸首⾹香⾺馬⾻骨⾼高⾽髟⾾鬥⾿鬯⿀鬲⿁鬼⿂魚⿃鳥⿄鹵⿅鹿⿆麥⿇麻⿈黃⿉黍⿊黑⿋黹⿌黽⿍鼎⿎鼓⿏鼠⿐鼻⿑齊⿒齒⿓龍⿔龜⿕龠豈豈更更車車賈賈滑滑串串句句龜龜龜龜契契金金喇喇奈奈懶懶癩癩羅羅蘿蘿螺螺裸裸邏邏樂樂洛洛烙烙珞珞落落酪酪駱駱亂亂卵卵欄欄爛爛蘭蘭鸞鸞嵐嵐濫濫藍藍襤襤拉拉臘臘蠟蠟廊廊朗朗浪浪狼狼郎郎來來冷冷勞勞擄擄櫓櫓爐爐盧盧老老蘆蘆虜虜路路露露魯魯鷺鷺碌碌祿祿綠綠菉菉錄錄鹿鹿論論壟壟弄弄籠籠聾聾牢牢磊磊賂賂雷雷壘壘屢屢樓樓淚淚漏漏累累縷縷陋陋勒勒肋肋凜凜凌凌稜稜綾綾菱菱陵陵讀讀拏拏樂樂諾諾丹丹寧寧怒怒率率異異北北磻磻便便復復不不泌泌數數索索參參塞塞省省葉葉說說殺殺辰辰沈沈拾拾若若掠掠略略亮亮兩兩凉凉梁梁糧糧良良諒諒量量勵勵呂呂女女廬廬旅旅濾濾礪礪閭閭驪驪麗麗黎黎力力曆曆歷歷轢轢年年憐憐戀戀撚撚漣漣煉煉璉璉秊秊練練聯聯輦輦蓮蓮連連鍊鍊列列劣劣咽咽烈烈裂裂說說廉廉念念捻捻殮殮簾簾獵獵令令囹囹寧寧嶺嶺怜怜玲玲瑩瑩羚羚聆聆鈴鈴零零靈靈領領例例禮禮醴醴隸隸惡惡了了僚僚寮寮尿尿料料樂樂燎燎療療蓼蓼遼遼龍龍暈暈阮阮劉劉杻杻柳柳流流溜溜琉琉留留硫硫紐紐類類六六戮戮陸陸倫倫崙崙淪淪輪輪律律慄慄栗栗率率隆隆利利吏吏履履易易李李梨梨泥泥理理痢痢罹罹裏裏裡裡里里離離匿匿溺溺吝吝燐燐璘璘藺藺隣隣鱗鱗麟麟林林淋淋臨臨立立笠笠粒粒狀狀炙炙識識什什茶茶刺刺切切度度拓拓糖糖宅宅洞洞暴暴輻輻行行降降見見廓廓兀兀嗀嗀塚塚晴晴凞凞猪猪益益礼礼神神祥祥福福靖靖精精羽羽蘒蘒諸諸逸逸都都飯飯飼飼館館鶴鶴郞郞隷隷侮侮僧僧免免勉勉勤勤卑卑喝喝嘆嘆器器塀塀墨墨層層屮屮悔悔慨慨憎憎懲懲敏敏既既暑暑梅梅海海渚渚漢漢煮煮爫爫琢琢碑碑社社祉祉祈祈祐祐祖祖祝祝禍禍禎禎穀穀突突節節練練縉縉繁繁署署者者臭臭艹艹艹艹著著褐褐視視謁謁謹謹賓賓贈贈辶辶逸逸難難響響頻頻恵恵舘舘並並况况全全侀侀充充冀冀勇勇勺勺喝喝啕啕喙喙嗢嗢塚塚墳墳奄奄奔奔婢婢嬨嬨廒廒廙廙彩彩徭徭惘惘慎慎愈愈憎憎慠慠懲懲戴戴揄揄搜搜摒摒敖敖晴晴朗朗望望杖杖歹歹殺殺流流滛滛滋滋漢漢瀞瀞煮煮瞧瞧爵爵犯犯猪猪瑱瑱甆甆画画瘝瘝瘟瘟益益盛盛直直睊睊着着磌磌窱窱節節类类絛絛練練缾缾者者荒荒華華蝹蝹襁襁覆覆視視調調諸諸請請謁謁諾諾諭諭謹謹變變贈贈輸輸遲遲醙醙鉶鉶陼陼難難靖靖韛韛響響頋頋頻頻鬒鬒龜龜㮝㮝䀘䀘䀹䀹齃齃龎龎！!＂\"＃#＄$％%＆&＇'（(）)＊*＋+，,－-．.／/０0１1２2３3４4５5６6７7８8９9：:；;＜<＝=＞>？?＠@ＡAＢBＣCＤDＥEＦFＧGＨHＩIＪJＫKＬLＭMＮNＯOＰPＱQＲRＳSＴTＵUＶVＷWＸXＹYＺZ［[＼\\］]＾^＿_｀`ａaｂbｃcｄdｅeｆfｇgｈhｉiｊjｋkｌlｍmｎnｏoｐpｑqｒrｓsｔtｕuｖvｗwｘxｙyｚz｛{｜|｝}～~\u3000 ";

    // The folding character for character (nothing dropped, punctuation kept as its half-width
    // form), so offsets into the folded text are offsets into the original. A direct table over the
    // BMP: one lookup per character on the hot path.
    private static readonly char[] CharacterFold = BuildCharacterFold();

    // Labels fold further: list punctuation unified, quotes and whitespace dropped.
    private static readonly char[] Fold = BuildFold();

    private static char[] BuildCharacterFold()
    {
        var fold = new char[char.MaxValue + 1];
        for (var c = 0; c <= char.MaxValue; c++)
        {
            fold[c] = (char)c;
        }
        for (var i = 0; i < Traditional.Length && i < Simplified.Length; i++)
        {
            fold[Traditional[i]] = Simplified[i];
        }
        // A compatibility form of a traditional character folds all the way to the simplified one.
        for (var i = 0; i + 1 < CompatibilityPairs.Length; i += 2)
        {
            fold[CompatibilityPairs[i]] = SimplifiedOf(CompatibilityPairs[i + 1]);
        }
        return fold;
    }

    private static char[] BuildFold()
    {
        var fold = (char[])CharacterFold.Clone();
        fold['（'] = '(';
        fold['）'] = ')';
        fold['，'] = ',';
        fold['：'] = ':';
        fold['．'] = '.';
        fold['、'] = '.';
        foreach (var dropped in "\"'“”‘’|\u200B\uFEFF")
        {
            fold[dropped] = '\0';
        }
        for (var c = 0; c <= char.MaxValue; c++)
        {
            if (char.IsWhiteSpace((char)c))
            {
                fold[c] = '\0';
            }
        }
        return fold;
    }

    /// <summary>
    /// Text as the text rules read it: traditional characters, Kangxi radicals, compatibility
    /// ideographs and full-width ASCII (digits, brackets, punctuation, the ideographic space) folded
    /// to their ordinary simplified forms, one character for one, so every offset still points into
    /// the original (信息處理費 reads 信息处理费, ２０２３年 reads 2023年).
    /// </summary>
    public static string FoldCharacters(string text)
    {
        var first = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (CharacterFold[text[i]] != text[i])
            {
                first = i;
                break;
            }
        }
        if (first < 0)
        {
            return text;
        }
        return string.Create(text.Length, (text, first), static (buffer, state) =>
        {
            state.text.AsSpan(0, state.first).CopyTo(buffer);
            for (var i = state.first; i < buffer.Length; i++)
            {
                buffer[i] = CharacterFold[state.text[i]];
            }
        });
    }

    private static char SimplifiedOf(char c)
    {
        var i = Traditional.IndexOf(c);
        return i >= 0 ? Simplified[i] : c;
    }

    public static string Normalize(string text)
    {
        var changed = FirstChanged(text);
        if (changed < 0)
        {
            return text;
        }
        var buffer = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        return new string(buffer[..Normalize(text, buffer)]);
    }

    /// <summary>Where folding first changes <paramref name="text"/>; −1 when the text is its own label form.</summary>
    public static int FirstChanged(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (Fold[text[i]] != text[i])
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>
    /// Writes the label form of <paramref name="text"/> into <paramref name="destination"/> (as long as
    /// the text at least) and returns its length.
    /// </summary>
    public static int Normalize(ReadOnlySpan<char> text, Span<char> destination)
    {
        var length = 0;
        foreach (var raw in text)
        {
            var c = Fold[raw];
            if (c != '\0')
            {
                destination[length++] = c;
            }
        }
        return length;
    }

    /// <summary>
    /// Folds <paramref name="text"/> as <see cref="FoldCharacters(string)"/> does, into
    /// <paramref name="destination"/> (as long as the text).
    /// </summary>
    public static void FoldCharacters(ReadOnlySpan<char> text, Span<char> destination)
    {
        for (var i = 0; i < text.Length; i++)
        {
            destination[i] = CharacterFold[text[i]];
        }
    }

    /// <summary>The label without its leading ordinal: "(一)", "一.", "1.", "(1)".</summary>
    public static string WithoutOrdinal(string normalized)
    {
        var bare = WithoutOrdinal(normalized.AsSpan());
        return bare.Length == normalized.Length ? normalized : bare.ToString();
    }

    /// <inheritdoc cref="WithoutOrdinal(string)"/>
    public static ReadOnlySpan<char> WithoutOrdinal(ReadOnlySpan<char> normalized)
    {
        var s = normalized;
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
        return s;
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
}
