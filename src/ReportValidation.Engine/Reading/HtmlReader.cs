using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using ReportValidation.Template;
using ReportValidation.V1;

namespace ReportValidation.Reading;

/// <summary>
/// HTML (a CMS page, a Word "save as web page") to the grid: finds the report body among the page
/// chrome, emits paragraphs as one-cell lines and every data-table row as one row of its own cells
/// (a colspan or rowspan cell once, where the source has it), and walks layout tables as blocks.
/// </summary>
public static partial class HtmlReader
{
    // Section headings and table captions of the template: the element holding most of them is the report.
    private static readonly string[] ReportMarkers =
    [
        "总体情况", "主动公开", "收到和处理", ReviewLitigationTemplate.Review.LabelZh, "存在的主要问题", "其他需要报告", "信息内容",
        "申请人情况", ReviewLitigationTemplate.LitigationZh,
    ];

    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "button",
        "select", "textarea", "input", "nav", "footer", "aside", "head", "title", "map", "audio", "video",
    };

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "header", "main",
        "blockquote", "pre", "dl", "dt", "dd", "center", "address", "figure", "figcaption", "form", "fieldset",
        "caption", "hr", "body", "html", "tr", "td", "th", "legend", "details", "summary",
    };

    public static SourceDocument Read(ReadOnlyMemory<byte> content, string? declaredCharset, ReadingLimits limits, CancellationToken cancellationToken)
    {
        var html = Decode(content.Span, declaredCharset);
        cancellationToken.ThrowIfCancellationRequested();
        CheckTags(html, limits, cancellationToken);
        try
        {
            var parser = new HtmlParser(new HtmlParserOptions { IsScripting = false });
            var document = parser.ParseDocument(html);
            cancellationToken.ThrowIfCancellationRequested();
            return Extract(document, limits, cancellationToken);
        }
        catch (Exception e) when (e is not (DocumentReadException or OperationCanceledException))
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw DocumentReadException.Corrupt("HTML", e.GetType().Name);
        }
    }

    private static SourceDocument Extract(IHtmlDocument document, ReadingLimits limits, CancellationToken cancellationToken)
    {
        var body = document.Body ?? (IElement?)document.DocumentElement;
        if (body is null)
        {
            return new SourceDocumentBuilder().Build(SourceFormat.Html);
        }
        var depth = MaxDepth(body);
        if (depth > limits.MaxHtmlDepth)
        {
            throw DocumentReadException.LimitExceeded("HTML 元素嵌套深度", "HTML element nesting depth", depth, limits.MaxHtmlDepth, nameof(ReadingLimits.MaxHtmlDepth));
        }
        var masks = new Dictionary<IElement, int>();
        MarkerMask(body, masks);
        var container = ReportContainer(body, masks);
        var walker = new Walker(cancellationToken);
        if (!ReferenceEquals(container, body))
        {
            var title = TitleOutside(body, container);
            if (title is not null)
            {
                walker.Paragraph(title);
            }
        }
        walker.Walk(container);
        walker.Flush();
        return walker.Builder.Build(SourceFormat.Html);
    }

    /// <summary>
    /// BOM, then the declared charset, then the page's meta charset. A UTF-8 or GB-family label is
    /// only a hint: CMS pages are often re-encoded without fixing the meta, so the bytes decide.
    /// </summary>
    internal static string Decode(ReadOnlySpan<byte> bytes, string? declaredCharset)
    {
        var charset = declaredCharset ?? MetaCharset(bytes);
        if (charset is not null)
        {
            var name = charset.Trim().Trim('"', '\'').ToLowerInvariant();
            if (name is "utf-8" or "utf8" or "gbk" or "gb2312" or "gb18030" or "x-gbk" or "cp936")
            {
                charset = null;
            }
        }
        return TextDecoding.Decode(bytes, charset);
    }

    internal static string? MetaCharset(ReadOnlySpan<byte> bytes)
    {
        var head = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, 4096)]);
        var match = MetaCharsetPattern().Match(head);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"<meta[^>]+charset\s*=\s*[""']?([A-Za-z0-9_\-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex MetaCharsetPattern();

    /// <summary>
    /// A cheap count of tags before parsing, so a hostile page of a million nested (or side by side)
    /// elements is refused before the parser builds it. Tags whose end tag is optional are counted as
    /// elements but not as nesting.
    /// </summary>
    private static void CheckTags(string html, ReadingLimits limits, CancellationToken cancellationToken)
    {
        var open = 0;
        var elements = 0;
        var close = 0; // the next '>' at or after the current tag, -1 when there is none: found once, not per tag
        var maxOpen = limits.MaxHtmlDepth * 4;
        for (var i = 0; i < html.Length - 1; i++)
        {
            if (html[i] != '<')
            {
                continue;
            }
            var closing = html[i + 1] == '/';
            var nameStart = closing ? i + 2 : i + 1;
            var nameEnd = nameStart;
            while (nameEnd < html.Length && nameEnd - nameStart < 12 && char.IsAsciiLetterOrDigit(html[nameEnd]))
            {
                nameEnd++;
            }
            if (nameEnd == nameStart || !char.IsAsciiLetter(html[nameStart]))
            {
                continue;
            }
            if (!closing && ++elements > limits.MaxHtmlElements)
            {
                throw DocumentReadException.LimitExceeded("HTML 元素数", "HTML element count", limits.MaxHtmlElements, nameof(ReadingLimits.MaxHtmlElements));
            }
            if ((elements & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            var name = html.AsSpan(nameStart, nameEnd - nameStart);
            if (IsVoidOrOptional(name))
            {
                continue;
            }
            if (closing)
            {
                open = Math.Max(0, open - 1);
                continue;
            }
            if (close >= 0 && close < nameEnd)
            {
                close = html.IndexOf('>', nameEnd);
            }
            if (close > 0 && html[close - 1] == '/')
            {
                continue;
            }
            if (++open > maxOpen)
            {
                throw DocumentReadException.LimitExceeded("HTML 元素嵌套深度", "HTML element nesting depth", open, limits.MaxHtmlDepth, nameof(ReadingLimits.MaxHtmlDepth));
            }
        }
    }

    private static bool IsVoidOrOptional(ReadOnlySpan<char> name)
    {
        Span<char> lower = stackalloc char[name.Length];
        name.ToLowerInvariant(lower);
        return lower switch
        {
            "br" or "img" or "hr" or "meta" or "link" or "input" or "col" or "area" or "base" or "wbr" or "source"
                or "p" or "li" or "td" or "th" or "tr" or "dt" or "dd" or "option" or "thead" or "tbody" or "tfoot"
                or "colgroup" or "html" or "head" or "body" => true,
            _ => false,
        };
    }

    private static int MaxDepth(IElement root)
    {
        var max = 0;
        var stack = new Stack<(IElement Element, int Depth)>();
        stack.Push((root, 1));
        while (stack.Count > 0)
        {
            var (element, depth) = stack.Pop();
            max = Math.Max(max, depth);
            foreach (var child in element.Children)
            {
                stack.Push((child, depth + 1));
            }
        }
        return max;
    }

    private static int MarkerMask(IElement element, Dictionary<IElement, int> masks)
    {
        var mask = 0;
        if (Skipped.Contains(element.LocalName))
        {
            masks[element] = 0;
            return 0;
        }
        foreach (var child in element.ChildNodes)
        {
            if (child is IElement e)
            {
                mask |= MarkerMask(e, masks);
            }
            else if (child.NodeType == NodeType.Text)
            {
                var text = child.TextContent;
                for (var i = 0; i < ReportMarkers.Length; i++)
                {
                    if (text.Contains(ReportMarkers[i], StringComparison.Ordinal))
                    {
                        mask |= 1 << i;
                    }
                }
            }
        }
        masks[element] = mask;
        return mask;
    }

    /// <summary>
    /// The tightest element that still holds (almost) every report marker the page has: descends
    /// while exactly one child keeps all but at most one of them, leaving navigation and footers out.
    /// </summary>
    private static IElement ReportContainer(IElement body, Dictionary<IElement, int> masks)
    {
        var current = body;
        var total = int.PopCount(masks[body]);
        if (total < 3)
        {
            return body;
        }
        while (true)
        {
            IElement? best = null;
            var bestCount = -1;
            var tie = false;
            foreach (var child in current.Children)
            {
                var count = masks.TryGetValue(child, out var m) ? int.PopCount(m) : 0;
                if (count > bestCount)
                {
                    best = child;
                    bestCount = count;
                    tie = false;
                }
                else if (count == bestCount)
                {
                    tie = true;
                }
            }
            if (best is null || tie || bestCount < total - 1 || bestCount < 3 || best.LocalName is "table" or "tbody" or "tr" or "td" or "th")
            {
                return current;
            }
            current = best;
        }
    }

    /// <summary>The report's title when the page puts it outside the body element (an h1 above it).</summary>
    private static string? TitleOutside(IElement body, IElement container)
    {
        foreach (var element in body.QuerySelectorAll("h1, h2, h3, .title, [class*='title'], [id*='title']"))
        {
            if (container.Contains(element) || element.Contains(container))
            {
                continue;
            }
            if ((element.CompareDocumentPosition(container) & DocumentPositions.Following) == 0)
            {
                continue;
            }
            var text = CellText.Normalize(element.TextContent);
            if (text.Length is > 4 and < 100 && text.Contains("报告", StringComparison.Ordinal))
            {
                return text;
            }
        }
        return null;
    }

    private static bool IsHidden(IElement element)
    {
        if (element.HasAttribute("hidden"))
        {
            return true;
        }
        var style = element.GetAttribute("style");
        if (string.IsNullOrEmpty(style))
        {
            return false;
        }
        var compact = style.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
        return compact.Contains("display:none", StringComparison.Ordinal) || compact.Contains("visibility:hidden", StringComparison.Ordinal);
    }

    private sealed class Walker(CancellationToken cancellationToken)
    {
        private readonly StringBuilder _paragraph = new();
        private int _paragraphs;
        private int _tables;

        public SourceDocumentBuilder Builder { get; } = new();

        public void Paragraph(string text)
        {
            _paragraphs++;
            Builder.AddParagraph(text, new CellOrigin($"paragraph[{_paragraphs}]"));
        }

        public void Flush()
        {
            if (_paragraph.Length == 0)
            {
                return;
            }
            var text = _paragraph.ToString();
            _paragraph.Clear();
            if (CellText.Normalize(text).Length > 0)
            {
                Paragraph(text);
            }
        }

        public void Walk(IElement element)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var child in element.ChildNodes)
            {
                if (child.NodeType == NodeType.Text)
                {
                    _paragraph.Append(child.TextContent);
                    continue;
                }
                if (child is not IElement e || Skipped.Contains(e.LocalName) || IsHidden(e))
                {
                    continue;
                }
                if (e.LocalName == "br")
                {
                    Flush();
                    continue;
                }
                if (e is IHtmlTableElement table)
                {
                    Flush();
                    Table(table);
                    continue;
                }
                var block = Blocks.Contains(e.LocalName);
                if (block)
                {
                    Flush();
                }
                Walk(e);
                if (block)
                {
                    Flush();
                }
            }
        }

        private void Table(IHtmlTableElement table)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rows = table.Rows;
            var layout = table.QuerySelector("table") is not null
                || (rows.Length == 1 && rows[0].Cells.Length == 1 && table.QuerySelectorAll("p, div").Length > 1);
            if (layout)
            {
                // A table that lays out the page (or wraps the whole report in one cell): its cells are blocks.
                foreach (var row in rows)
                {
                    foreach (var cell in row.Cells)
                    {
                        Walk(cell);
                        Flush();
                    }
                }
                return;
            }
            _tables++;
            var r = 0;
            foreach (var row in rows)
            {
                if (IsHidden(row))
                {
                    continue;
                }
                r++;
                var cells = new List<(string, CellOrigin)>(row.Cells.Length);
                var c = 0;
                foreach (var cell in row.Cells)
                {
                    if (IsHidden(cell))
                    {
                        continue;
                    }
                    c++;
                    var text = new StringBuilder();
                    CellContent(cell, text);
                    cells.Add((text.ToString(), new CellOrigin($"table[{_tables}]/row[{r}]/cell[{c}]")));
                }
                Builder.AddRow(cells);
            }
        }

        private static void CellContent(IElement element, StringBuilder text)
        {
            foreach (var child in element.ChildNodes)
            {
                if (child.NodeType == NodeType.Text)
                {
                    // A source line break between two CJK characters is dropped, as browsers do (CSS Text 3
                    // segment breaks); elsewhere it reads as a space. CellText.Normalize does both.
                    text.Append(child.TextContent);
                    continue;
                }
                if (child is not IElement e || Skipped.Contains(e.LocalName) || IsHidden(e))
                {
                    continue;
                }
                if (e.LocalName == "br")
                {
                    text.Append(CellText.Break);
                    continue;
                }
                var block = Blocks.Contains(e.LocalName);
                if (block)
                {
                    text.Append(CellText.Break);
                }
                CellContent(e, text);
                if (block)
                {
                    text.Append(CellText.Break);
                }
            }
        }
    }
}
