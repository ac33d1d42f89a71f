using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using ReportValidation.V1;

namespace ReportValidation.Reading;

/// <summary>
/// Word (.docx, also as WPS saves it) to the grid: body paragraphs and tables in document order,
/// auto-numbered headings with their ordinal text ("一、"), one cell per w:tc (a gridSpan cell once,
/// vMerge continuation cells not at all). Guards against zip bombs before the package is opened.
/// </summary>
public static class DocxReader
{
    private const string FormatName = "Word";
    private static readonly byte[] CompoundFileMagic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static readonly byte[] EncryptedPackageName = Encoding.Unicode.GetBytes("EncryptedPackage");

    public static SourceDocument Read(ReadOnlyMemory<byte> content, ReadingLimits limits, CancellationToken cancellationToken)
    {
        var bytes = content.Span;
        if (bytes.StartsWith(CompoundFileMagic))
        {
            // Word keeps an encrypted .docx inside an OLE compound file; a legacy .doc is one too.
            if (bytes.IndexOf(EncryptedPackageName) >= 0)
            {
                throw DocumentReadException.Encrypted(FormatName);
            }
            throw DocumentReadException.UnsupportedFormat("旧版 Word（.doc）文件 / legacy Word .doc file");
        }
        DocxPackageScan.Check(content, limits, cancellationToken);
        try
        {
            // OpenXml copies the package at open and parses a part in one call that sees no token: the
            // scan's element limit is what bounds that call.
            using var stream = new MemoryStream(content.ToArray(), writable: false);
            using var document = WordprocessingDocument.Open(stream, false, new OpenSettings
            {
                MaxCharactersInPart = limits.MaxDecompressedBytes,
                AutoSave = false,
            });
            var body = document.MainDocumentPart?.Document?.Body
                ?? throw DocumentReadException.Corrupt(FormatName, "no document body");
            var walker = new Walker(document.MainDocumentPart, cancellationToken);
            walker.Blocks(body);
            return walker.Builder.Build(SourceFormat.Docx);
        }
        catch (Exception e) when (e is not (DocumentReadException or OperationCanceledException))
        {
            // Whatever OpenXml or the zip reader throws on a broken file is that file's error, never the caller's crash.
            cancellationToken.ThrowIfCancellationRequested();
            throw DocumentReadException.Corrupt(FormatName, e.GetType().Name);
        }
    }

    private sealed class Walker(MainDocumentPart main, CancellationToken cancellationToken)
    {
        private readonly Numbering _numbering = new(main);
        private int _paragraphs;
        private int _tables;

        public SourceDocumentBuilder Builder { get; } = new();

        public void Blocks(OpenXmlElement container)
        {
            foreach (var child in container.ChildElements)
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (child)
                {
                    case Paragraph paragraph:
                        _paragraphs++;
                        Builder.AddParagraph(_numbering.Label(paragraph) + ParagraphText(paragraph), new CellOrigin($"paragraph[{_paragraphs}]"));
                        break;
                    case Table table:
                        Table(table);
                        break;
                    case SdtBlock sdt when sdt.SdtContentBlock is { } sdtContent:
                        Blocks(sdtContent);
                        break;
                    case CustomXmlBlock custom:
                        Blocks(custom);
                        break;
                }
            }
        }

        private void Table(Table table)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rows = Rows(table).ToList();
            if (rows.Any(r => Cells(r).Any(c => c.Descendants<Table>().Any())))
            {
                // A layout table around the report: its cells are blocks.
                foreach (var row in rows)
                {
                    foreach (var cell in Cells(row))
                    {
                        Blocks(cell);
                    }
                }
                return;
            }
            _tables++;
            var r = 0;
            foreach (var row in rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                r++;
                var c = 0;
                var cells = new List<(string, CellOrigin)>();
                foreach (var cell in Cells(row))
                {
                    c++;
                    var properties = cell.TableCellProperties;
                    if (properties?.VerticalMerge is { } vMerge && (vMerge.Val is null || vMerge.Val.Value != MergedCellValues.Restart))
                    {
                        continue; // covered by the cell above: its value is that cell's
                    }
                    if (properties?.HorizontalMerge is { } hMerge && (hMerge.Val is null || hMerge.Val.Value != MergedCellValues.Restart))
                    {
                        continue;
                    }
                    var text = new StringBuilder();
                    foreach (var paragraph in Paragraphs(cell))
                    {
                        if (text.Length > 0)
                        {
                            text.Append(CellText.Break);
                        }
                        text.Append(_numbering.Label(paragraph)).Append(ParagraphText(paragraph));
                    }
                    cells.Add((text.ToString(), new CellOrigin($"table[{_tables}]/row[{r}]/cell[{c}]")));
                }
                Builder.AddRow(cells);
            }
        }

        private static IEnumerable<TableRow> Rows(Table table)
        {
            foreach (var child in table.ChildElements)
            {
                switch (child)
                {
                    case TableRow row:
                        yield return row;
                        break;
                    case SdtRow sdt:
                        foreach (var row in sdt.Descendants<TableRow>())
                        {
                            yield return row;
                        }
                        break;
                    case CustomXmlRow custom:
                        foreach (var row in custom.Elements<TableRow>())
                        {
                            yield return row;
                        }
                        break;
                }
            }
        }

        private static IEnumerable<TableCell> Cells(TableRow row)
        {
            foreach (var child in row.ChildElements)
            {
                switch (child)
                {
                    case TableCell cell:
                        yield return cell;
                        break;
                    case SdtCell sdt when sdt.SdtContentCell is { } content:
                        foreach (var cell in content.Elements<TableCell>())
                        {
                            yield return cell;
                        }
                        break;
                    case CustomXmlCell custom:
                        foreach (var cell in custom.Elements<TableCell>())
                        {
                            yield return cell;
                        }
                        break;
                }
            }
        }

        /// <summary>The paragraphs of a cell, through content controls, in order.</summary>
        private static IEnumerable<Paragraph> Paragraphs(OpenXmlElement container)
        {
            foreach (var child in container.ChildElements)
            {
                switch (child)
                {
                    case Paragraph paragraph:
                        yield return paragraph;
                        break;
                    case SdtBlock { SdtContentBlock: { } content }:
                        foreach (var inner in Paragraphs(content))
                        {
                            yield return inner;
                        }
                        break;
                    case CustomXmlBlock custom:
                        foreach (var inner in Paragraphs(custom))
                        {
                            yield return inner;
                        }
                        break;
                }
            }
        }

        private static string ParagraphText(Paragraph paragraph)
        {
            var text = new StringBuilder();
            var stack = new Stack<OpenXmlElement>();
            stack.Push(paragraph);
            while (stack.Count > 0)
            {
                var element = stack.Pop();
                // Word writes a text box twice (mc:Choice and a VML mc:Fallback): read it once.
                if (element is AlternateContentFallback)
                {
                    continue;
                }
                for (var i = element.ChildElements.Count - 1; i >= 0; i--)
                {
                    stack.Push(element.ChildElements[i]);
                }
                switch (element)
                {
                    case Text t:
                        text.Append(t.Text);
                        break;
                    case TabChar or PositionalTab:
                        text.Append(' ');
                        break;
                    case Break or CarriageReturn:
                        text.Append(CellText.Break);
                        break;
                    case NoBreakHyphen:
                        text.Append('-');
                        break;
                }
            }
            return text.ToString();
        }
    }

    /// <summary>
    /// Word's automatic list numbering, rendered as Word shows it: the section ordinals of many
    /// reports ("一、总体情况", "（一）") are numbering, not text.
    /// </summary>
    private sealed class Numbering
    {
        private readonly Dictionary<int, NumberingInstance> _instances = [];
        private readonly Dictionary<int, AbstractNum> _abstracts = [];
        private readonly Dictionary<string, Style> _styles = [];
        private readonly Dictionary<int, int[]> _counters = [];

        public Numbering(MainDocumentPart main)
        {
            var numbering = main.NumberingDefinitionsPart?.Numbering;
            if (numbering is not null)
            {
                foreach (var instance in numbering.Elements<NumberingInstance>())
                {
                    if (instance.NumberID?.Value is int id)
                    {
                        _instances[id] = instance;
                    }
                }
                foreach (var abstractNum in numbering.Elements<AbstractNum>())
                {
                    if (abstractNum.AbstractNumberId?.Value is int id)
                    {
                        _abstracts[id] = abstractNum;
                    }
                }
            }
            var styles = main.StyleDefinitionsPart?.Styles;
            if (styles is not null)
            {
                foreach (var style in styles.Elements<Style>())
                {
                    if (style.StyleId?.Value is { } id)
                    {
                        _styles[id] = style;
                    }
                }
            }
        }

        public string Label(Paragraph paragraph)
        {
            if (_instances.Count == 0)
            {
                return "";
            }
            var (numId, level) = Reference(paragraph);
            if (numId is not int id || id == 0 || !_instances.TryGetValue(id, out var instance)
                || instance.AbstractNumId?.Val?.Value is not int abstractId || !_abstracts.TryGetValue(abstractId, out var abstractNum))
            {
                return "";
            }
            var ilvl = Math.Clamp(level ?? 0, 0, 8);
            var levels = new Level?[9];
            foreach (var l in abstractNum.Elements<Level>())
            {
                if (l.LevelIndex?.Value is int index && index is >= 0 and < 9)
                {
                    levels[index] = l;
                }
            }
            foreach (var levelOverride in instance.Elements<LevelOverride>())
            {
                if (levelOverride.LevelIndex?.Value is int index && index is >= 0 and < 9 && levelOverride.Level is { } overridden)
                {
                    levels[index] = overridden;
                }
            }
            if (levels[ilvl] is not { } current)
            {
                return "";
            }
            if (!_counters.TryGetValue(id, out var counters))
            {
                counters = new int[9];
                for (var i = 0; i < 9; i++)
                {
                    counters[i] = Start(instance, levels, i) - 1;
                }
                _counters[id] = counters;
            }
            counters[ilvl]++;
            for (var i = ilvl + 1; i < 9; i++)
            {
                counters[i] = Start(instance, levels, i) - 1;
            }
            var pattern = current.LevelText?.Val?.Value ?? "";
            var format = current.NumberingFormat?.Val?.InnerText ?? "decimal";
            if (format is "bullet" or "none")
            {
                return "";
            }
            var label = new StringBuilder();
            for (var i = 0; i < pattern.Length; i++)
            {
                if (pattern[i] == '%' && i + 1 < pattern.Length && pattern[i + 1] is >= '1' and <= '9')
                {
                    var referenced = pattern[i + 1] - '1';
                    var referencedFormat = levels[referenced]?.NumberingFormat?.Val?.InnerText ?? "decimal";
                    label.Append(Format(Math.Max(counters[referenced], 1), referencedFormat));
                    i++;
                }
                else
                {
                    label.Append(pattern[i]);
                }
            }
            return label.ToString();
        }

        private static int Start(NumberingInstance instance, Level?[] levels, int index)
        {
            foreach (var levelOverride in instance.Elements<LevelOverride>())
            {
                if (levelOverride.LevelIndex?.Value == index && levelOverride.StartOverrideNumberingValue?.Val?.Value is int start)
                {
                    return start;
                }
            }
            return levels[index]?.StartNumberingValue?.Val?.Value ?? 1;
        }

        private (int? NumId, int? Level) Reference(Paragraph paragraph)
        {
            var properties = paragraph.ParagraphProperties?.NumberingProperties;
            int? numId = properties?.NumberingId?.Val?.Value;
            int? level = properties?.NumberingLevelReference?.Val?.Value;
            var styleId = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value;
            for (var hops = 0; numId is null && styleId is not null && hops < 8; hops++)
            {
                if (!_styles.TryGetValue(styleId, out var style))
                {
                    break;
                }
                var styleNumbering = style.StyleParagraphProperties?.NumberingProperties;
                numId = styleNumbering?.NumberingId?.Val?.Value;
                level ??= styleNumbering?.NumberingLevelReference?.Val?.Value;
                styleId = style.BasedOn?.Val?.Value;
            }
            return (numId, level);
        }

        private static readonly string[] ChineseDigits = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

        internal static string Format(int n, string format) => format switch
        {
            "chineseCounting" or "chineseCountingThousand" or "chineseLegalSimplified" => ChineseCounting(n),
            "ideographTraditional" => n is >= 1 and <= 10 ? "甲乙丙丁戊己庚辛壬癸"[n - 1].ToString() : n.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "ideographDigital" => string.Concat(n.ToString(System.Globalization.CultureInfo.InvariantCulture).Select(d => ChineseDigits[d - '0'])),
            "decimalEnclosedCircle" or "decimalEnclosedCircleChinese" => n is >= 1 and <= 20 ? ((char)('①' + n - 1)).ToString() : n.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "decimalFullWidth" or "decimalFullWidth2" => string.Concat(n.ToString(System.Globalization.CultureInfo.InvariantCulture).Select(d => (char)('０' + d - '0'))),
            "decimalZero" => n.ToString("00", System.Globalization.CultureInfo.InvariantCulture),
            "upperLetter" => Letters(n, 'A'),
            "lowerLetter" => Letters(n, 'a'),
            "upperRoman" => Roman(n),
            "lowerRoman" => Roman(n).ToLowerInvariant(),
            _ => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        private static string ChineseCounting(int n)
        {
            if (n <= 0 || n >= 100)
            {
                return n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            if (n < 10)
            {
                return ChineseDigits[n];
            }
            var tens = n / 10;
            var ones = n % 10;
            return (tens == 1 ? "" : ChineseDigits[tens]) + "十" + (ones == 0 ? "" : ChineseDigits[ones]);
        }

        private static string Letters(int n, char a)
        {
            var letter = (char)(a + (n - 1) % 26);
            return new string(letter, (n - 1) / 26 + 1);
        }

        private static string Roman(int n)
        {
            var sb = new StringBuilder();
            (int Value, string Symbol)[] table = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")];
            foreach (var (value, symbol) in table)
            {
                while (n >= value)
                {
                    sb.Append(symbol);
                    n -= value;
                }
            }
            return sb.ToString();
        }
    }
}
