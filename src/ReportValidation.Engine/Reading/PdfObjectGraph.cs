namespace ReportValidation.Reading;

/// <summary>
/// The shape of a PDF's objects, measured on the raw bytes (and the inflated object streams) before
/// PdfPig resolves any of them: how deep arrays and dictionaries nest, and how long a chain of
/// indirect references PdfPig would follow, through objects that are only a reference to another and
/// through page-tree levels (<c>/Kids</c>). PdfPig recurses through both: its own guard throws past
/// 256 levels, but the page tree is walked without one, and 100,000 levels overflowed the stack,
/// which ends the process. Per object a small list of edges is kept, walked without recursion.
/// </summary>
internal sealed class PdfObjectGraph(ReadingLimits limits, CancellationToken cancellationToken)
{
    private readonly ReadingLimits _limits = limits;
    private readonly CancellationToken _cancellationToken = cancellationToken;

    /// <summary>Per object, the objects PdfPig follows from it.</summary>
    private readonly Dictionary<int, List<int>> _edges = [];

    /// <summary>Per object and name, the objects a <c>/Name n 0 R</c> in it refers to (resources, XObjects).</summary>
    private readonly Dictionary<(int Object, long Name), List<int>> _named = [];

    /// <summary>Per content stream (a page's or a form's), its size, glyphs, and the names it draws with <c>Do</c>, how often.</summary>
    private readonly Dictionary<int, PdfContentStream> _contents = [];

    /// <summary>Content streams that end inside an inline image's data (no EI).</summary>
    private readonly HashSet<int> _unendedInlineImages = [];

    /// <summary>Objects with a <c>/Resources</c> entry of their own: a form without one draws through its drawer's.</summary>
    private readonly HashSet<int> _withResources = [];

    private long _contentBytes;
    private long _glyphs;
    private long _inlineImages;

    private static readonly long ResourcesName = NameHash("Resources"u8);
    private static readonly long XObjectName = NameHash("XObject"u8);
    private static readonly long ContentsName = NameHash("Contents"u8);
    private static readonly long ParentName = NameHash("Parent"u8);

    /// <summary>A content stream, as measured while it was decoded: a page's, or a form XObject's.</summary>
    public void AddContent(int number, bool isForm, Dictionary<long, long> drawn, long bytes, long glyphs, long inlineImages) =>
        _contents[number] = new PdfContentStream(isForm, drawn, bytes, glyphs, inlineImages);

    public void AddUnendedInlineImage(int number) => _unendedInlineImages.Add(number);

    /// <summary>The content size, glyphs and inline images of all streams, each counted once.</summary>
    public void AddContentTotals(long bytes, long glyphs, long inlineImages) => (_contentBytes, _glyphs, _inlineImages) = (bytes, glyphs, inlineImages);

    /// <summary>PDF names compared by a 64-bit FNV-1a hash of their bytes, built one byte at a time.</summary>
    public const long NameHashStart = unchecked((long)14695981039346656037);

    public static long NameHashStep(long hash, byte b) => unchecked((hash ^ b) * 1099511628211);

    public static long NameHash(ReadOnlySpan<byte> name)
    {
        var hash = NameHashStart;
        foreach (var b in name)
        {
            hash = NameHashStep(hash, b);
        }
        return hash;
    }

    /// <summary>The objects written in the file itself (<c>n 0 obj … endobj</c>).</summary>
    public void AddFile(ReadOnlySpan<byte> pdf) => Scan(pdf, current: -1);

    /// <summary>
    /// The objects packed in an object stream (PDF 1.5), given its dictionary and inflated content: a
    /// header of object numbers and offsets, the objects from <c>/First</c> on.
    /// </summary>
    public void AddObjectStream(ReadOnlySpan<byte> dictionary, ReadOnlySpan<byte> content)
    {
        if (!TryNumberAfter(dictionary, "/N"u8, out var count) || !TryNumberAfter(dictionary, "/First"u8, out var first) || first > content.Length)
        {
            return; // PdfPig will find it broken
        }
        var header = content[..(int)first];
        var objects = new List<(int Number, int Offset)>();
        for (var i = 0; i < count && TryNextInteger(ref header, out var number) && TryNextInteger(ref header, out var offset); i++)
        {
            objects.Add(((int)Math.Min(number, int.MaxValue), (int)Math.Min(first + offset, content.Length)));
        }
        for (var i = 0; i < objects.Count; i++)
        {
            if ((i & 0xFFF) == 0)
            {
                _cancellationToken.ThrowIfCancellationRequested();
            }
            var end = i + 1 < objects.Count ? Math.Max(objects[i + 1].Offset, objects[i].Offset) : content.Length;
            Scan(content[objects[i].Offset..end], objects[i].Number);
        }
    }

    /// <summary>
    /// Throws when the longest chain of references is past <see cref="ReadingLimits.MaxPdfReferenceDepth"/>,
    /// or when form XObjects draw each other deeper than that. PdfPig draws a form inside the form that
    /// draws it, recursively, and notices only a form drawing itself by its own name: two forms drawing
    /// each other (a 1 KB file) overflowed the stack. So there a cycle counts as endless. Then, the
    /// forms known to be finite, their content counts as often as it is drawn (<see cref="PdfFormDrawing"/>).
    /// </summary>
    public void CheckReferenceDepth()
    {
        if (LongestChain(_edges, cycleIsEndless: false) > _limits.MaxPdfReferenceDepth)
        {
            throw DocumentReadException.LimitExceeded("PDF 间接引用链深度", "PDF indirect-reference chain depth",
                _limits.MaxPdfReferenceDepth, nameof(ReadingLimits.MaxPdfReferenceDepth));
        }
        CheckInlineImagesEndInTheirStream();
        var drawing = new PdfFormDrawing(_contents, _withResources, PageContents(),
            (holder, name, targets) => Resolve(holder, name, hops: 2, targets), _cancellationToken);
        if (LongestChain(drawing.FormEdges(), cycleIsEndless: true) > _limits.MaxPdfReferenceDepth)
        {
            throw DocumentReadException.LimitExceeded("PDF 表单对象（XObject）相互嵌套的深度", "PDF form XObject nesting depth (forms drawing each other count as endless)",
                _limits.MaxPdfReferenceDepth, nameof(ReadingLimits.MaxPdfReferenceDepth));
        }
        var (extraBytes, extraGlyphs, extraImages) = drawing.RepeatedContent();
        var bytes = Saturated(_contentBytes + extraBytes);
        var glyphs = Saturated(_glyphs + extraGlyphs);
        var images = Saturated(_inlineImages + extraImages);
        if (bytes > _limits.MaxPdfContentBytes)
        {
            throw DocumentReadException.LimitExceeded("PDF 页面内容流大小（字节，表单对象按绘制次数计）", "PDF page content size in bytes (a form counted each time it is drawn)",
                bytes, _limits.MaxPdfContentBytes, nameof(ReadingLimits.MaxPdfContentBytes));
        }
        if (glyphs > _limits.MaxPdfGlyphs)
        {
            throw DocumentReadException.LimitExceeded("PDF 页面文字的字形数（表单对象按绘制次数计）", "PDF glyph count of its page text (a form counted each time it is drawn)",
                glyphs, _limits.MaxPdfGlyphs, nameof(ReadingLimits.MaxPdfGlyphs));
        }
        if (images > _limits.MaxPdfInlineImages)
        {
            throw DocumentReadException.LimitExceeded("PDF 页面内嵌图像数（表单对象按绘制次数计）", "PDF inline image count (a form counted each time it is drawn)",
                images, _limits.MaxPdfInlineImages, nameof(ReadingLimits.MaxPdfInlineImages));
        }
    }

    /// <summary>
    /// PdfPig joins a page's content streams before parsing them, so image data with no EI runs on into
    /// the next: text to PdfPig, image data to the count, which reads each stream on its own. Streams
    /// may be split only between tokens, so such a page is a broken file.
    /// </summary>
    private void CheckInlineImagesEndInTheirStream()
    {
        if (_unendedInlineImages.Count == 0)
        {
            return;
        }
        foreach (var (_, streams) in PageContents())
        {
            var contents = streams.Where(_contents.ContainsKey).Distinct().ToList();
            if (contents.Count > 1 && contents.Any(_unendedInlineImages.Contains))
            {
                throw DocumentReadException.Corrupt("PDF", "inline image data running into the page's next content stream (no EI)");
            }
        }
    }

    private static long Saturated(long value) => value is < 0 or > PdfFormDrawing.Ceiling ? PdfFormDrawing.Ceiling : value;

    // Per page, its content streams (/Contents, a stream or an array of them, either maybe through a
    // reference) and where its resources may be: itself and, inherited, the page-tree nodes above it.
    private IEnumerable<(List<int> Holders, List<int> Streams)> PageContents()
    {
        foreach (var ((page, name), targets) in _named)
        {
            if (name != ContentsName)
            {
                continue;
            }
            var streams = new List<int>();
            foreach (var target in targets)
            {
                streams.Add(target);
                streams.AddRange(_edges.GetValueOrDefault(target) ?? []); // an array object of streams
            }
            List<int> holders = [page];
            while (holders.Count <= _limits.MaxPdfReferenceDepth && _named.TryGetValue((holders[^1], ParentName), out var parents)
                && !holders.Contains(parents[0]))
            {
                holders.Add(parents[0]);
            }
            yield return (holders, streams);
        }
    }

    private void Resolve(int holder, long name, int hops, List<int> targets)
    {
        if (_named.TryGetValue((holder, name), out var found))
        {
            targets.AddRange(found);
        }
        if (hops == 0)
        {
            return;
        }
        foreach (var via in new[] { ResourcesName, XObjectName })
        {
            if (_named.TryGetValue((holder, via), out var next))
            {
                foreach (var step in next)
                {
                    Resolve(step, name, hops - 1, targets);
                }
            }
        }
    }

    /// <summary>
    /// Reads objects: from a whole file (<paramref name="current"/> −1, objects found by their
    /// <c>obj</c> keyword) or one packed object. An object's edges: the target when it is a bare
    /// reference, its kids when it has <c>/Kids</c>, the items when it is an array.
    /// </summary>
    private void Scan(ReadOnlySpan<byte> pdf, int current)
    {
        var depth = 0;          // arrays and dictionaries open in the object being read
        var arrayObject = false;
        var firstValue = current >= 0;
        var kidsPending = false;
        var kidsDepth = -1;
        long lastName = 0;      // the name a "n 0 R" that follows belongs to, 0 when none
        long arrayName = 0;     // the name of the array being read, for the references in it
        var arrayNameDepth = -1;
        long previous = -1, beforePrevious = -1; // the last two tokens when they were non-negative integers
        var tokens = 0;
        var i = 0;
        while (i < pdf.Length)
        {
            if ((++tokens & 0xFFFF) == 0)
            {
                _cancellationToken.ThrowIfCancellationRequested();
            }
            var b = pdf[i];
            if (IsWhitespace(b))
            {
                i++;
                continue;
            }
            var wasInteger = false;
            switch (b)
            {
                case (byte)'%':
                    i = SkipLine(pdf, i);
                    continue;
                case (byte)'(':
                    i = SkipLiteral(pdf, i);
                    break;
                case (byte)'<' when i + 1 < pdf.Length && pdf[i + 1] == '<':
                    Open(ref depth);
                    i += 2;
                    break;
                case (byte)'<':
                    var hexEnd = pdf[i..].IndexOf((byte)'>');
                    i = hexEnd < 0 ? pdf.Length : i + hexEnd + 1;
                    break;
                case (byte)'>':
                    depth = Math.Max(0, depth - 1);
                    i += i + 1 < pdf.Length && pdf[i + 1] == '>' ? 2 : 1;
                    break;
                case (byte)'[':
                    arrayObject |= firstValue;
                    Open(ref depth);
                    if (lastName != 0 && arrayNameDepth < 0)
                    {
                        (arrayName, arrayNameDepth) = (lastName, depth); // /Contents [4 0 R 8 0 R]: the references are named
                    }
                    if (kidsPending)
                    {
                        kidsDepth = depth;
                    }
                    i++;
                    break;
                case (byte)']':
                    if (depth == kidsDepth)
                    {
                        kidsDepth = -1;
                    }
                    if (depth == arrayNameDepth)
                    {
                        arrayNameDepth = -1;
                    }
                    depth = Math.Max(0, depth - 1);
                    i++;
                    break;
                case (byte)'/':
                    var nameEnd = TokenEnd(pdf, i + 1);
                    var isKids = pdf[(i + 1)..nameEnd].SequenceEqual("Kids"u8);
                    lastName = NameHash(pdf[(i + 1)..nameEnd]);
                    if (lastName == ResourcesName && current >= 0)
                    {
                        _withResources.Add(current);
                    }
                    i = nameEnd;
                    firstValue = false;
                    kidsPending = isKids;
                    previous = beforePrevious = -1;
                    continue;
                default:
                    var end = TokenEnd(pdf, i + 1);
                    var token = pdf[i..end];
                    i = end;
                    if (token.SequenceEqual("obj"u8) && beforePrevious >= 0 && previous >= 0)
                    {
                        current = (int)Math.Min(beforePrevious, int.MaxValue);
                        depth = 0;
                        arrayObject = false;
                        firstValue = true;
                        kidsDepth = -1;
                        kidsPending = false;
                        arrayNameDepth = -1;
                        previous = beforePrevious = -1;
                        continue;
                    }
                    if (token.SequenceEqual("R"u8) && beforePrevious >= 0 && previous >= 0)
                    {
                        var followed = depth == 0 || kidsPending || (kidsDepth >= 0 && depth == kidsDepth) || (arrayObject && depth == 1 && kidsDepth < 0);
                        var target = (int)Math.Min(beforePrevious, int.MaxValue);
                        if (current >= 0 && followed)
                        {
                            AddEdge(current, target);
                        }
                        if (current >= 0 && lastName != 0)
                        {
                            AddNamed(current, lastName, target);
                        }
                        else if (current >= 0 && depth == arrayNameDepth)
                        {
                            AddNamed(current, arrayName, target);
                        }
                        kidsPending = false;
                    }
                    else if (token.SequenceEqual("stream"u8))
                    {
                        var streamEnd = pdf[i..].IndexOf("endstream"u8);
                        i = streamEnd < 0 ? pdf.Length : i + streamEnd + "endstream"u8.Length;
                    }
                    else if (token.SequenceEqual("endobj"u8))
                    {
                        current = -1;
                        depth = 0;
                        arrayNameDepth = -1;
                    }
                    else if (TryInteger(token, out var value))
                    {
                        beforePrevious = previous;
                        previous = value;
                        wasInteger = true;
                    }
                    break;
            }
            if (!wasInteger)
            {
                previous = beforePrevious = -1;
                lastName = 0;
            }
            if (b != '[')
            {
                firstValue = false;
            }
        }
    }

    private void Open(ref int depth)
    {
        if (++depth > _limits.MaxPdfNestingDepth)
        {
            throw DocumentReadException.LimitExceeded("PDF 数组与字典嵌套深度", "PDF array and dictionary nesting depth",
                _limits.MaxPdfNestingDepth, nameof(ReadingLimits.MaxPdfNestingDepth));
        }
    }

    private void AddNamed(int holder, long name, int target)
    {
        if (!_named.TryGetValue((holder, name), out var targets))
        {
            _named[(holder, name)] = targets = [];
        }
        targets.Add(target);
    }

    private void AddEdge(int from, int to)
    {
        if (!_edges.TryGetValue(from, out var targets))
        {
            _edges[from] = targets = [];
        }
        targets.Add(to);
    }

    /// <summary>
    /// The longest chain of edges from any object, stopping as soon as one passes the limit; a cycle is
    /// cut where it closes (PdfPig breaks those itself) or, when <paramref name="cycleIsEndless"/>, is
    /// past any limit. Depth-first with an explicit stack.
    /// </summary>
    private int LongestChain(Dictionary<int, List<int>> edges, bool cycleIsEndless)
    {
        var limit = _limits.MaxPdfReferenceDepth;
        var longest = new Dictionary<int, int>(); // finished objects: the longest chain from each
        var open = new HashSet<int>();
        var stack = new Stack<(int Node, int Next)>();
        var best = 0;
        foreach (var root in edges.Keys)
        {
            if (longest.ContainsKey(root))
            {
                continue;
            }
            stack.Push((root, 0));
            open.Add(root);
            while (stack.Count > 0)
            {
                var (node, next) = stack.Pop();
                var targets = edges.GetValueOrDefault(node);
                if (targets is not null && next < targets.Count)
                {
                    stack.Push((node, next + 1));
                    var target = targets[next];
                    if (cycleIsEndless && open.Contains(target))
                    {
                        return int.MaxValue;
                    }
                    if (!longest.ContainsKey(target) && open.Add(target))
                    {
                        stack.Push((target, 0));
                        if (stack.Count > limit + 1)
                        {
                            return stack.Count;
                        }
                    }
                    continue;
                }
                var length = 1;
                foreach (var target in targets ?? [])
                {
                    length = Math.Max(length, 1 + longest.GetValueOrDefault(target));
                }
                longest[node] = length;
                open.Remove(node);
                best = Math.Max(best, length);
                if (best > limit)
                {
                    return best;
                }
                if ((longest.Count & 0xFFF) == 0)
                {
                    _cancellationToken.ThrowIfCancellationRequested();
                }
            }
        }
        return best;
    }

    private static int SkipLine(ReadOnlySpan<byte> pdf, int i)
    {
        var end = pdf[i..].IndexOfAny((byte)'\r', (byte)'\n');
        return end < 0 ? pdf.Length : i + end + 1;
    }

    // A literal string: balanced parentheses, backslash escapes.
    private static int SkipLiteral(ReadOnlySpan<byte> pdf, int i)
    {
        var open = 0;
        for (; i < pdf.Length; i++)
        {
            switch (pdf[i])
            {
                case (byte)'\\':
                    i++;
                    break;
                case (byte)'(':
                    open++;
                    break;
                case (byte)')' when --open == 0:
                    return i + 1;
            }
        }
        return pdf.Length;
    }

    private static int TokenEnd(ReadOnlySpan<byte> pdf, int i)
    {
        while (i < pdf.Length && !IsWhitespace(pdf[i]) && !IsDelimiter(pdf[i]))
        {
            i++;
        }
        return i;
    }

    private static bool TryNumberAfter(ReadOnlySpan<byte> dictionary, ReadOnlySpan<byte> key, out long value)
    {
        value = 0;
        var at = dictionary.IndexOf(key);
        if (at < 0)
        {
            return false;
        }
        var rest = dictionary[(at + key.Length)..];
        return TryNextInteger(ref rest, out value);
    }

    // The next whitespace-separated integer, consumed from the span.
    private static bool TryNextInteger(ref ReadOnlySpan<byte> text, out long value)
    {
        var start = 0;
        while (start < text.Length && IsWhitespace(text[start]))
        {
            start++;
        }
        var end = TokenEnd(text, start);
        var found = TryInteger(text[start..end], out value);
        text = text[end..];
        return found;
    }

    private static bool TryInteger(ReadOnlySpan<byte> token, out long value)
    {
        value = 0;
        if (token.Length is 0 or > 10)
        {
            return false;
        }
        foreach (var digit in token)
        {
            if (digit is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
            value = value * 10 + (digit - '0');
        }
        return true;
    }

    private static bool IsWhitespace(byte b) => b is 0 or 9 or 10 or 12 or 13 or 32;

    private static bool IsDelimiter(byte b) => b is (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']'
        or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%';
}
