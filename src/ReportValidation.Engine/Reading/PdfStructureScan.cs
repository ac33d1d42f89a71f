namespace ReportValidation.Reading;

/// <summary>
/// The shape of a PDF's objects, measured on the raw bytes before PdfPig resolves any of them: how
/// deep arrays and dictionaries nest, and how long a chain of indirect references PdfPig would
/// follow, through objects that are only a reference to another and through page-tree levels
/// (<c>/Kids</c>). PdfPig recurses through both: its own guard throws past 256 levels, but the page
/// tree is walked without one, and 100,000 levels overflowed the stack, which ends the process.
/// The scan keeps one small list of edges per object and walks them without recursion.
/// </summary>
internal static class PdfStructureScan
{
    public static void Check(ReadOnlySpan<byte> pdf, ReadingLimits limits, CancellationToken cancellationToken)
    {
        var edges = Edges(pdf, limits, cancellationToken);
        var depth = LongestChain(edges, limits.MaxPdfReferenceDepth, cancellationToken);
        if (depth > limits.MaxPdfReferenceDepth)
        {
            throw DocumentReadException.LimitExceeded("PDF 间接引用链深度", "PDF indirect-reference chain depth",
                limits.MaxPdfReferenceDepth, nameof(ReadingLimits.MaxPdfReferenceDepth));
        }
    }

    /// <summary>
    /// Per object, the objects PdfPig follows from it: the target when the object is a bare reference,
    /// its kids when it has <c>/Kids</c>, the items when it is an array (a /Kids array kept apart).
    /// </summary>
    private static Dictionary<int, List<int>> Edges(ReadOnlySpan<byte> pdf, ReadingLimits limits, CancellationToken cancellationToken)
    {
        var edges = new Dictionary<int, List<int>>();
        var current = -1;       // object being read, -1 between objects
        var depth = 0;          // arrays and dictionaries open in it
        var arrayObject = false;
        var firstValue = false;
        var kidsPending = false;
        var kidsDepth = -1;
        long previous = -1, beforePrevious = -1; // the last two tokens when they were non-negative integers
        var tokens = 0;
        var i = 0;
        while (i < pdf.Length)
        {
            if ((++tokens & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
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
                    Open(ref depth, limits);
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
                    Open(ref depth, limits);
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
                    depth = Math.Max(0, depth - 1);
                    i++;
                    break;
                case (byte)'/':
                    var nameEnd = TokenEnd(pdf, i + 1);
                    var isKids = pdf[(i + 1)..nameEnd].SequenceEqual("Kids"u8);
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
                        previous = beforePrevious = -1;
                        continue;
                    }
                    if (token.SequenceEqual("R"u8) && beforePrevious >= 0 && previous >= 0)
                    {
                        var followed = depth == 0 || kidsPending || (kidsDepth >= 0 && depth == kidsDepth) || (arrayObject && depth == 1 && kidsDepth < 0);
                        if (current >= 0 && followed)
                        {
                            AddEdge(edges, current, (int)Math.Min(beforePrevious, int.MaxValue));
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
            }
            if (b != '[')
            {
                firstValue = false;
            }
        }
        return edges;
    }

    private static void Open(ref int depth, ReadingLimits limits)
    {
        if (++depth > limits.MaxPdfNestingDepth)
        {
            throw DocumentReadException.LimitExceeded("PDF 数组与字典嵌套深度", "PDF array and dictionary nesting depth",
                limits.MaxPdfNestingDepth, nameof(ReadingLimits.MaxPdfNestingDepth));
        }
    }

    private static void AddEdge(Dictionary<int, List<int>> edges, int from, int to)
    {
        if (!edges.TryGetValue(from, out var targets))
        {
            edges[from] = targets = [];
        }
        targets.Add(to);
    }

    /// <summary>
    /// The longest chain of edges from any object, cycles cut where they close (PdfPig breaks those
    /// itself), stopping as soon as one passes <paramref name="limit"/>. Depth-first with an explicit stack.
    /// </summary>
    private static int LongestChain(Dictionary<int, List<int>> edges, int limit, CancellationToken cancellationToken)
    {
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
                    cancellationToken.ThrowIfCancellationRequested();
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
