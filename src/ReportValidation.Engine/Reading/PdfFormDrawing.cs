namespace ReportValidation.Reading;

/// <summary>A content stream as the pre-scan measured it: a page's or a form XObject's, its size, glyphs, and the names it draws with <c>Do</c>, how often.</summary>
internal sealed record PdfContentStream(bool IsForm, Dictionary<long, long> Drawn, long Bytes, long Glyphs, long InlineImages);

/// <summary>
/// Which form XObjects each page and form draws, and how often. PdfPig draws a form's content each time
/// it is drawn: a 100-glyph form drawn 100,000 times by a page of "/Fm1 Do" is ten million glyphs from
/// two small streams. A form without resources of its own draws through those of whatever draws it
/// (ultimately the page's), so its names are resolved there too: that is how forms without resources
/// draw each other in a cycle through their page.
/// </summary>
internal sealed class PdfFormDrawing
{
    /// <summary>Counts stop here rather than overflow: far past any limit.</summary>
    public const long Ceiling = 1L << 50;

    private const int MaxInheritedHolders = 64;

    private readonly IReadOnlyDictionary<int, PdfContentStream> _contents;
    private readonly IReadOnlySet<int> _withResources;
    private readonly Action<int, long, List<int>> _resolve;
    private readonly CancellationToken _cancellationToken;

    /// <summary>Per drawing stream (a page's content or a form), the forms it draws and how often.</summary>
    private readonly Dictionary<int, Dictionary<int, long>> _draws = [];

    /// <summary>Per form without resources of its own, the objects whose resources its names resolve through.</summary>
    private readonly Dictionary<int, HashSet<int>> _inherited = [];

    /// <param name="pageContents">Per page, the objects its resources may be in (it and the page-tree nodes above it) and its content streams.</param>
    /// <param name="resolve">Adds the objects a name stands for in a holder's resources to the list.</param>
    public PdfFormDrawing(IReadOnlyDictionary<int, PdfContentStream> contents, IReadOnlySet<int> withResources,
        IEnumerable<(List<int> Holders, List<int> Streams)> pageContents, Action<int, long, List<int>> resolve, CancellationToken cancellationToken)
    {
        _contents = contents;
        _withResources = withResources;
        _resolve = resolve;
        _cancellationToken = cancellationToken;
        var pending = new Queue<int>();
        foreach (var (holders, streams) in pageContents)
        {
            foreach (var stream in streams.Distinct())
            {
                if (contents.TryGetValue(stream, out var content) && !content.IsForm)
                {
                    Draw(stream, holders, pending);
                }
            }
        }
        foreach (var (number, content) in contents)
        {
            if (content.IsForm)
            {
                pending.Enqueue(number);
            }
        }
        for (var steps = 0; pending.TryDequeue(out var form); steps++)
        {
            if ((steps & 0xFFF) == 0)
            {
                _cancellationToken.ThrowIfCancellationRequested();
            }
            Draw(form, Holders(form), pending);
        }
    }

    /// <summary>Form → the forms it draws (a form drawing itself left out: PdfPig leaves that out).</summary>
    public Dictionary<int, List<int>> FormEdges() => _draws
        .Where(d => _contents[d.Key].IsForm)
        .ToDictionary(d => d.Key, d => d.Value.Keys.ToList());

    /// <summary>
    /// The content bytes, glyphs and inline images forms add by being drawn more than once: each form's times its
    /// draws (through every page and form that draws it) less the once already counted. Call only once
    /// the forms are known not to draw each other in a cycle.
    /// </summary>
    public (long Bytes, long Glyphs, long InlineImages) RepeatedContent()
    {
        var uses = new Dictionary<int, long>();
        var waiting = new Dictionary<int, int>(); // drawers not yet done, per form
        foreach (var forms in _draws.Values)
        {
            foreach (var form in forms.Keys)
            {
                waiting[form] = waiting.GetValueOrDefault(form) + 1;
            }
        }
        // Pages' contents are drawn once; forms nothing draws (an annotation's, say) start at none.
        var ready = new Queue<int>(_draws.Keys.Where(d => !waiting.ContainsKey(d)));
        foreach (var drawer in ready)
        {
            uses[drawer] = _contents[drawer].IsForm ? 0 : 1;
        }
        long bytes = 0, glyphs = 0, images = 0;
        for (var steps = 0; ready.TryDequeue(out var drawer); steps++)
        {
            if ((steps & 0xFFF) == 0)
            {
                _cancellationToken.ThrowIfCancellationRequested();
            }
            var times = uses.GetValueOrDefault(drawer);
            var content = _contents[drawer];
            if (content.IsForm && times > 1)
            {
                bytes = Add(bytes, Multiply(content.Bytes, times - 1));
                glyphs = Add(glyphs, Multiply(content.Glyphs, times - 1));
                images = Add(images, Multiply(content.InlineImages, times - 1));
            }
            foreach (var (form, count) in _draws.GetValueOrDefault(drawer) ?? [])
            {
                uses[form] = Add(uses.GetValueOrDefault(form), Multiply(times, count));
                if ((waiting[form] -= 1) == 0)
                {
                    ready.Enqueue(form);
                }
            }
        }
        return (bytes, glyphs, images);
    }

    private IReadOnlyCollection<int> Holders(int form)
    {
        if (_withResources.Contains(form) || !_inherited.TryGetValue(form, out var inherited))
        {
            return [form];
        }
        return [form, .. inherited];
    }

    // The forms a stream's names stand for in its holders' resources; a form drawn that has no resources
    // of its own inherits the holders, and is looked at again when it gains one.
    private void Draw(int stream, IReadOnlyCollection<int> holders, Queue<int> pending)
    {
        var draws = new Dictionary<int, long>();
        var targets = new List<int>();
        foreach (var (name, times) in _contents[stream].Drawn)
        {
            targets.Clear();
            foreach (var holder in holders)
            {
                _resolve(holder, name, targets);
            }
            foreach (var target in targets.Distinct())
            {
                if (target == stream || !_contents.TryGetValue(target, out var drawn) || !drawn.IsForm)
                {
                    continue;
                }
                draws[target] = Add(draws.GetValueOrDefault(target), times);
                if (!_withResources.Contains(target) && Inherit(target, holders))
                {
                    pending.Enqueue(target);
                }
            }
        }
        _draws[stream] = draws;
    }

    private bool Inherit(int form, IReadOnlyCollection<int> holders)
    {
        if (!_inherited.TryGetValue(form, out var inherited))
        {
            _inherited[form] = inherited = [];
        }
        var added = false;
        foreach (var holder in holders)
        {
            if (holder != form && inherited.Count < MaxInheritedHolders && inherited.Add(holder))
            {
                added = true;
            }
        }
        return added;
    }

    private static long Add(long a, long b) => Math.Min(Ceiling, a + b);

    private static long Multiply(long a, long b) => a == 0 || b == 0 ? 0 : a > Ceiling / b ? Ceiling : Math.Min(Ceiling, a * b);
}
