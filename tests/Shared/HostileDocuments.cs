using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace ReportValidation.Testing;

/// <summary>
/// One hostile or careless upload: its bytes, how it is declared, and what the engine must answer:
/// the stable error code (<c>document.limit_exceeded</c>, …) or null for a validation result, and for a
/// limit the <c>ReadingLimits</c> setting the error names. <see cref="OverflowedTheStack"/> marks those that
/// ended the process before the readers bounded them: a test runs them in a child process.
/// </summary>
public sealed record HostileDocument(string Name, byte[] Content, string? ContentType, string FileName, string? ExpectedCode,
    string? Limit = null, bool OverflowedTheStack = false)
{
    public override string ToString() => Name; // test case names
}

/// <summary>
/// Documents built to crash, hang or flood a reader (issue 9): each class small to make, the same bytes
/// every run. The deep ones killed the process with a stack overflow before the readers bounded them.
/// </summary>
public static class HostileDocuments
{
    public const string LimitExceeded = "document.limit_exceeded";
    public const string Corrupt = "document.corrupt";
    public const string Encrypted = "document.encrypted";
    public const string Binary = "document.binary";

    private const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private const string PdfType = "application/pdf";
    private const string HtmlType = "text/html";
    private const string TextType = "text/plain; charset=utf-8";

    /// <summary>A report's opening lines: the hostile part comes after them.</summary>
    public const string ReportHead = "某局2023年政府信息公开工作年度报告\n一、总体情况\n本年度依法公开政府信息。\n";

    /// <summary>Every class of issue 9, at the size that did damage.</summary>
    public static IReadOnlyList<HostileDocument> All => AllDocuments.Value;

    private static readonly Lazy<IReadOnlyList<HostileDocument>> AllDocuments = new(() =>
    [
        new("pdf-reference-chain-100000", PdfReferenceChain(100_000), PdfType, "chain.pdf", LimitExceeded, "MaxPdfReferenceDepth"),
        new("pdf-reference-chain-300", PdfReferenceChain(300), PdfType, "chain300.pdf", LimitExceeded, "MaxPdfReferenceDepth"),
        new("pdf-nesting-100000", PdfNesting(100_000), PdfType, "nesting.pdf", LimitExceeded, "MaxPdfNestingDepth"),
        new("pdf-page-tree-depth-100000", PdfPageTreeDepth(100_000), PdfType, "tree.pdf", LimitExceeded, "MaxPdfReferenceDepth", OverflowedTheStack: true),
        new("pdf-page-tree-depth-in-object-stream-100000", PdfPageTreeDepthInObjectStream(100_000), PdfType, "packed-tree.pdf", LimitExceeded, "MaxPdfReferenceDepth", OverflowedTheStack: true),
        new("pdf-forms-drawing-each-other", PdfFormsDrawingEachOther(), PdfType, "forms.pdf", LimitExceeded, "MaxPdfReferenceDepth", OverflowedTheStack: true),
        new("pdf-encrypted", PdfEncrypted(), PdfType, "encrypted.pdf", Encrypted),
        new("pdf-page-bomb-100000", PdfPageBomb(100_000), PdfType, "pages.pdf", LimitExceeded, "MaxPdfPages"),
        new("pdf-glyph-bomb-2000000", PdfGlyphBomb(2_000_000), PdfType, "glyphs.pdf", LimitExceeded, "MaxPdfGlyphs"),
        new("pdf-path-bomb-1000000", PdfPathBomb(1_000_000), PdfType, "paths.pdf", LimitExceeded, "MaxPdfContentBytes"),
        new("pdf-lzw-bomb-256mib", PdfLzwBomb(256L << 20), PdfType, "lzw.pdf", LimitExceeded, "MaxDecompressedBytes"),
        new("pdf-lzw-bomb-in-ascii-hex-256mib", PdfLzwBomb(256L << 20, inAsciiHex: true), PdfType, "lzw-hex.pdf", LimitExceeded, "MaxDecompressedBytes"),
        new("pdf-run-length-bomb-256mib", PdfRunLengthBomb(256L << 20), PdfType, "run-length.pdf", LimitExceeded, "MaxDecompressedBytes"),
        new("pdf-form-drawn-100000-times", PdfFormDrawnManyTimes(100_000), PdfType, "form-drawn.pdf", LimitExceeded, "MaxPdfGlyphs"),
        new("pdf-form-drawn-100000-times-through-inherited-resources", PdfFormDrawnManyTimes(100_000, inheritedResources: true), PdfType, "form-drawn-inherited.pdf", LimitExceeded, "MaxPdfGlyphs"),
        new("pdf-forms-drawing-forms-10-times-6-deep", PdfFormsFanningOut(10, 6), PdfType, "form-fan.pdf", LimitExceeded, "MaxPdfContentBytes"),
        new("pdf-forms-drawing-each-other-through-page-resources", PdfFormsDrawingEachOther(throughPageResources: true), PdfType, "inherited-forms.pdf", LimitExceeded, "MaxPdfReferenceDepth", OverflowedTheStack: true),
        new("pdf-inline-images-250000", PdfInlineImages(OnePixelMask, [0x80], 250_000), PdfType, "inline-images.pdf", LimitExceeded, "MaxPdfInlineImages"),
        new("pdf-inline-image-data-opening-a-string-then-a-29000-glyph-form-drawn-100-times", PdfFormDrawnManyTimes(100, form: "BT /F1 1 Tf 0 0 Td " + string.Concat(Enumerable.Repeat("(0123456789) Tj ", 2_900)) + "ET",
            beforeDrawing: $"BI {OnePixelMask} ID ( EI\n"), PdfType, "inline-hiding-draws.pdf", LimitExceeded, "MaxPdfGlyphs"),
        new("pdf-inline-image-false-end-then-a-29000-glyph-form-drawn-100-times", PdfFormDrawnManyTimes(100, form: "BT /F1 1 Tf 0 0 Td " + string.Concat(Enumerable.Repeat("(0123456789) Tj ", 2_900)) + "ET",
            beforeDrawing: $"BI {OnePixelMask} ID x EI\u0001\u0001\u0001\u0001\u0001\u0001 ( EI\n"), PdfType, "inline-false-end.pdf", LimitExceeded, "MaxPdfGlyphs"),
        new("pdf-inline-image-running-into-the-next-content-stream", PdfInlineImageRunningIntoTheNextStream(), PdfType, "inline-split.pdf", Corrupt),
        new("pdf-inline-image-with-200000-stray-ends", PdfInlineImageWithStrayEnds(200_000), PdfType, "inline-stray-ends.pdf", LimitExceeded, "MaxPdfContentBytes"),
        new("pdf-inline-image-with-200000-unknown-operators-and-ends", PdfInlineImageWithStrayEnds(200_000, afterUnknownOperators: true), PdfType, "inline-unknown-ends.pdf", LimitExceeded, "MaxPdfContentBytes"),
        // PdfPig keeps an inline image's data as it is and decodes it only when asked for the image: these read.
        new("pdf-inline-image-deflate-bomb-256mib", PdfInlineImages("/W 16384 /H 16384 /CS /G /BPC 8 /F /Fl", DeflatedZeros(256L << 20)), PdfType, "inline-deflate.pdf", null),
        new("pdf-inline-image-lzw-bomb-256mib", PdfInlineImages("/W 16384 /H 16384 /CS /G /BPC 8 /F /LZW", LzwSpaces(256L << 20)), PdfType, "inline-lzw.pdf", null),
        new("pdf-inline-image-without-end-7mb", PdfInlineImages("/W 4096 /H 4096 /CS /G /BPC 8", BinaryWithoutEnd(7_000_000), endImage: false), PdfType, "inline-no-end.pdf", null),
        new("pdf-inline-image-2000000000-pixels-square", PdfInlineImages("/W 2000000000 /H 2000000000 /CS /RGB /BPC 16", [0x80]), PdfType, "inline-huge.pdf", null),
        new("docx-nesting-100000", DocxNesting(100_000), DocxType, "deep.docx", LimitExceeded, "MaxXmlDepth", OverflowedTheStack: true),
        new("docx-nesting-1000000", DocxNesting(1_000_000), DocxType, "deeper.docx", LimitExceeded, "MaxXmlDepth", OverflowedTheStack: true),
        new("docx-elements-3000000", DocxManyElements(3_000_000), DocxType, "flat.docx", LimitExceeded, "MaxXmlElements"),
        new("docx-nesting-in-footnotes", DocxNesting(100_000, inFootnotes: true), DocxType, "footnotes.docx", LimitExceeded, "MaxXmlDepth"),
        new("docx-zip-bomb", ZipBomb(200L << 20), DocxType, "bomb.docx", LimitExceeded, "MaxDecompressedBytes"),
        new("docx-lying-zip-headers", ZipWithLyingSizes(200L << 20), DocxType, "lying.docx", Corrupt), // .NET stops at the declared size
        new("docx-100000-entries", ZipWithEntries(100_000), DocxType, "entries.docx", LimitExceeded, "MaxArchiveEntries"),
        new("html-nesting-100000", Utf8(HtmlNesting(100_000)), HtmlType, "deep.html", LimitExceeded, "MaxHtmlDepth"),
        new("html-span-bomb-1000000", Utf8(HtmlSpanBomb(1_000_000)), HtmlType, "spans.html", LimitExceeded, "MaxHtmlElements"),
        new("text-100000-pipes-on-a-line", Utf8(PipesOnALine(100_000)), TextType, "pipes.txt", null),
        new("text-10000-digit-numbers", Utf8(LongNumbers(10_000)), TextType, "digits.txt", null),
        new("text-nul-bytes", NulBytes(), null, "nul.txt", Binary),
        new("text-utf16-without-bom", Encoding.Unicode.GetBytes(ReportHead + "二、主动公开政府信息情况\n| 规章 | 1 | 2 | 3 |\n"), null, "utf16.txt", Binary),
    ]);

    /// <summary>
    /// Documents within every limit that still take the engine seconds, one per format: what a call
    /// past its time limit is cancelled in.
    /// </summary>
    public static IReadOnlyList<HostileDocument> Slow => SlowDocuments.Value;

    private static readonly Lazy<IReadOnlyList<HostileDocument>> SlowDocuments = new(() =>
    [
        new("slow-text", Utf8(ReportHead + string.Concat(Enumerable.Repeat("2022年", 1_000_000))), TextType, "slow.txt", null),
        new("slow-html", Utf8("<html><body><p>一、总体情况</p><p>" + string.Concat(Enumerable.Repeat("2022年收到申请1件", 300_000)) + "</p></body></html>"), HtmlType, "slow.html", null),
        new("slow-docx", Docx(s => Repeat(s, Encoding.UTF8.GetBytes("<w:p><w:r><w:t>" + string.Concat(Enumerable.Repeat("2022年收到申请1件", 10)) + "</w:t></w:r></w:p>"), 20_000)), DocxType, "slow.docx", null),
        new("slow-pdf", PdfPages(200, 1_400), PdfType, "slow.pdf", null),
    ]);

    /// <summary>One of <see cref="All"/> by name.</summary>
    public static HostileDocument Named(string name) => All.Single(d => d.Name == name);

    // ---------------------------------------------------------------- PDF

    /// <summary>
    /// A one-page PDF with a line of text (its content stream deflated when asked); <paramref name="objects"/>
    /// follow its five objects, numbered from 6.
    /// </summary>
    public static byte[] Pdf(string pagesReference = "2 0 R", string pageExtra = "", IReadOnlyList<string>? objects = null,
        string kids = "[3 0 R]", int count = 1, string trailerExtra = "", string content = "BT /F1 12 Tf 72 720 Td (2023 annual report) Tj ET",
        bool deflate = false, string resources = "<< /Font << /F1 5 0 R >> >>", (byte[] Data, string Filter)? encoded = null, string pagesExtra = "", string contents = "4 0 R")
    {
        var data = encoded?.Data ?? (deflate ? Zlib(Encoding.ASCII.GetBytes(content)) : Encoding.ASCII.GetBytes(content));
        var filter = encoded is { Filter: var named } ? " /Filter " + named : deflate ? " /Filter /FlateDecode" : "";
        List<byte[]> all =
        [
            Ascii($"<< /Type /Catalog /Pages {pagesReference} >>"),
            Ascii($"<< /Type /Pages /Kids {kids} /Count {count}{pagesExtra} >>"),
            Ascii($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]{(resources.Length > 0 ? " /Resources " + resources : "")} /Contents {contents}{pageExtra} >>"),
            [.. Ascii($"<< /Length {data.Length}{filter} >>\nstream\n"), .. data, .. "\nendstream"u8],
            Ascii("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"),
        ];
        all.AddRange((objects ?? []).Select(Ascii));
        return WritePdf(all, trailerExtra);
    }

    private static byte[] WritePdf(IReadOnlyList<byte[]> objects, string trailerExtra)
    {
        using var pdf = new MemoryStream();
        pdf.Write("%PDF-1.7\n"u8);
        var offsets = new long[objects.Count];
        for (var i = 0; i < objects.Count; i++)
        {
            offsets[i] = pdf.Length;
            pdf.Write(Ascii($"{i + 1} 0 obj\n"));
            pdf.Write(objects[i]);
            pdf.Write("\nendobj\n"u8);
        }
        var xref = pdf.Length;
        var table = new StringBuilder(objects.Count * 20 + 200);
        table.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            table.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }
        table.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R{trailerExtra} >>\nstartxref\n{xref}\n%%EOF\n");
        pdf.Write(Ascii(table.ToString()));
        return pdf.ToArray();
    }

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    /// <summary>The catalog's page tree reached through a chain of objects that are each a reference to the next.</summary>
    public static byte[] PdfReferenceChain(int links)
    {
        var objects = new List<string>(links);
        for (var i = 0; i < links; i++)
        {
            objects.Add(i + 1 < links ? $"{7 + i} 0 R" : "2 0 R");
        }
        return Pdf(pagesReference: "6 0 R", objects: objects);
    }

    /// <summary>Arrays inside dictionaries inside arrays, <paramref name="depth"/> deep, in the page dictionary.</summary>
    public static byte[] PdfNesting(int depth)
    {
        var nested = new StringBuilder(depth * 8);
        for (var i = 0; i < depth; i++)
        {
            nested.Append(i % 2 == 0 ? "[" : "<</A ");
        }
        for (var i = depth - 1; i >= 0; i--)
        {
            nested.Append(i % 2 == 0 ? "]" : ">>");
        }
        return Pdf(pageExtra: " /Annots " + nested);
    }

    /// <summary>A page tree of <paramref name="depth"/> levels, each node the only kid of the one above.</summary>
    public static byte[] PdfPageTreeDepth(int depth)
    {
        var objects = new List<string>(depth);
        for (var i = 0; i < depth; i++)
        {
            var self = 6 + i;
            var parent = i == 0 ? 2 : self - 1;
            var kid = i + 1 < depth ? self + 1 : 3;
            objects.Add($"<< /Type /Pages /Parent {parent} 0 R /Kids [{kid} 0 R] /Count 1 >>");
        }
        return Pdf(kids: "[6 0 R]", objects: objects);
    }

    /// <summary>
    /// The same deep page tree with its levels compressed in an object stream (PDF 1.5), found through a
    /// cross-reference stream: invisible to a scan of the file's bytes alone.
    /// </summary>
    public static byte[] PdfPageTreeDepthInObjectStream(int depth)
    {
        var streamNumber = 6 + depth;
        var header = new StringBuilder();
        var body = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            var self = 6 + i;
            header.Append(CultureInfo.InvariantCulture, $"{self} {body.Length} ");
            var kid = i + 1 < depth ? self + 1 : 3;
            body.Append(CultureInfo.InvariantCulture, $"<< /Type /Pages /Kids [{kid} 0 R] /Count 1 >>\n");
        }
        var packed = Zlib(Encoding.ASCII.GetBytes(header.ToString() + body));
        var file = new MemoryStream();
        file.Write("%PDF-1.7\n"u8);
        var offsets = new List<long>();
        void Object(int number, byte[] content)
        {
            offsets.Add(file.Length);
            file.Write(Ascii($"{number} 0 obj\n"));
            file.Write(content);
            file.Write("\nendobj\n"u8);
        }
        var one = Pdf(kids: "[6 0 R]");
        var text = Encoding.Latin1.GetString(one);
        for (var n = 1; n <= 5; n++)
        {
            var start = text.IndexOf($"{n} 0 obj\n", StringComparison.Ordinal) + $"{n} 0 obj\n".Length;
            Object(n, one[start..text.IndexOf("\nendobj", start, StringComparison.Ordinal)]);
        }
        Object(streamNumber, [.. Ascii($"<< /Type /ObjStm /N {depth} /First {header.Length} /Length {packed.Length} /Filter /FlateDecode >>\nstream\n"), .. packed, .. "\nendstream"u8]);
        // The cross-reference stream: type 1 (offset) for the objects in the file, 2 (stream, index) for the packed ones.
        var size = streamNumber + 2;
        var entries = new byte[size * 9];
        void Entry(int number, byte type, long field2, long field3)
        {
            entries[number * 9] = type;
            BinaryPrimitives.WriteUInt32BigEndian(entries.AsSpan(number * 9 + 1), (uint)field2);
            BinaryPrimitives.WriteUInt32BigEndian(entries.AsSpan(number * 9 + 5), (uint)field3);
        }
        for (var n = 1; n <= 5; n++)
        {
            Entry(n, 1, offsets[n - 1], 0);
        }
        for (var i = 0; i < depth; i++)
        {
            Entry(6 + i, 2, streamNumber, i);
        }
        Entry(streamNumber, 1, offsets[5], 0);
        var xref = file.Length;
        Entry(streamNumber + 1, 1, xref, 0);
        Object(streamNumber + 1, [.. Ascii($"<< /Type /XRef /Size {size} /W [1 4 4] /Root 1 0 R /Length {entries.Length} >>\nstream\n"), .. entries, .. "\nendstream"u8]);
        file.Write(Ascii($"startxref\n{xref}\n%%EOF\n"));
        return file.ToArray();
    }

    /// <summary>
    /// A standard security handler whose user password is not empty: no reader opens it without the password.
    /// </summary>
    public static byte[] PdfEncrypted()
    {
        var key = new string('7', 64);
        return Pdf(trailerExtra: $" /Encrypt << /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O <{key}> /U <{key}> >> /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>]");
    }

    /// <summary>One page object listed <paramref name="pages"/> times in the page tree.</summary>
    public static byte[] PdfPageBomb(int pages)
    {
        var kids = new StringBuilder(pages * 6 + 2).Append('[');
        for (var i = 0; i < pages; i++)
        {
            kids.Append("3 0 R ");
        }
        return Pdf(kids: kids.Append(']').ToString(), count: pages);
    }

    /// <summary>One page whose content stream (deflated, so the file is small) shows <paramref name="glyphs"/> glyphs.</summary>
    public static byte[] PdfGlyphBomb(int glyphs)
    {
        var content = new StringBuilder("BT /F1 1 Tf 0 0 Td ", glyphs * 2);
        for (var i = 0; i < glyphs / 10; i++)
        {
            content.Append("(0123456789) Tj ");
        }
        return Pdf(content: content.Append("ET").ToString(), deflate: true);
    }

    /// <summary><paramref name="pages"/> pages (one page object listed again and again), each showing <paramref name="glyphs"/> digits.</summary>
    public static byte[] PdfPages(int pages, int glyphs)
    {
        var content = new StringBuilder("BT /F1 6 Tf 20 800 Td ");
        for (var shown = 0; shown < glyphs; shown += 70)
        {
            content.Append("(0123456789012345678901234567890123456789012345678901234567890123456789) Tj 0 -8 Td ");
        }
        var kids = string.Concat(Enumerable.Repeat("3 0 R ", pages));
        return Pdf(kids: $"[{kids}]", count: pages, content: content.Append("ET").ToString());
    }

    /// <summary>
    /// A page drawing form X, which draws form Y, which draws X (PdfPig notices only a form drawing
    /// itself); with <paramref name="cycle"/> false, Y draws nothing.
    /// </summary>
    public static byte[] PdfFormsDrawingEachOther(bool cycle = true, bool throughPageResources = false)
    {
        string Form(string name, string? draws, int target, int y)
        {
            var content = $"BT /F1 12 Tf 72 {y} Td (form {name}) Tj ET" + (draws is null ? "" : $" /{draws} Do");
            var xobjects = draws is null ? "" : $" /XObject << /{draws} {target} 0 R >>";
            // Without resources of its own a form draws through its page's (PdfPig keeps the page's in scope).
            var resources = throughPageResources ? "" : $" /Resources << /Font << /F1 5 0 R >>{xobjects} >>";
            return $"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842]{resources} /Length {content.Length} >>\nstream\n{content}\nendstream";
        }
        return Pdf(content: "BT /F1 12 Tf 72 720 Td (2023 annual report) Tj ET /X Do", objects: [Form("X", "Y", 7, 700), Form("Y", cycle ? "X" : null, 6, 680)],
            resources: throughPageResources ? "<< /Font << /F1 5 0 R >> /XObject << /X 6 0 R /Y 7 0 R >> >>" : "<< /Font << /F1 5 0 R >> /XObject << /X 6 0 R >> >>");
    }

    /// <summary>
    /// A page drawing one form (of ten glyphs, unless <paramref name="form"/> says otherwise)
    /// <paramref name="times"/> times: each stream small, the drawing not. With
    /// <paramref name="inheritedResources"/> the page has no resources and takes its parent's in the page tree.
    /// <paramref name="beforeDrawing"/> goes between the page's line and the drawing.
    /// </summary>
    public static byte[] PdfFormDrawnManyTimes(int times, bool inheritedResources = false, string form = "BT /F1 1 Tf 0 0 Td (0123456789) Tj ET",
        string beforeDrawing = "")
    {
        var page = new StringBuilder("BT /F1 12 Tf 72 720 Td (2023 annual report) Tj ET\n" + beforeDrawing, times * 8 + 64);
        for (var i = 0; i < times; i++)
        {
            page.Append("/Fm1 Do\n");
        }
        const string Resources = "<< /Font << /F1 5 0 R >> /XObject << /Fm1 6 0 R >> >>";
        return Pdf(content: page.ToString(), deflate: true, resources: inheritedResources ? "" : Resources, pagesExtra: inheritedResources ? " /Resources " + Resources : "",
            objects: [$"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Length {form.Length} >>\nstream\n{form}\nendstream"]);
    }

    /// <summary>
    /// Forms each drawing the next <paramref name="fanOut"/> times, <paramref name="depth"/> levels deep,
    /// the last drawing a line: fanOut^depth lines from a page that draws the first form once.
    /// </summary>
    public static byte[] PdfFormsFanningOut(int fanOut, int depth)
    {
        var forms = new List<string>();
        for (var level = 0; level <= depth; level++)
        {
            var content = level == depth ? "0 0 m 1 1 l S" : string.Concat(Enumerable.Repeat("/F Do ", fanOut));
            var xobjects = level == depth ? "" : $" /XObject << /F {7 + level} 0 R >>";
            forms.Add($"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >>{xobjects} >> /Length {content.Length} >>\nstream\n{content}\nendstream");
        }
        return Pdf(content: "BT /F1 12 Tf 72 720 Td (2023 annual report) Tj ET /F Do", objects: forms,
            resources: "<< /Font << /F1 5 0 R >> /XObject << /F 6 0 R >> >>");
    }

    /// <summary>
    /// A page whose content stream is LZW (optionally carried in ASCIIHex) decoding to the report's line
    /// and then <paramref name="spaces"/> spaces: strings of spaces one longer each code, the table
    /// cleared before it fills, about 2,000:1.
    /// </summary>
    public static byte[] PdfLzwBomb(long spaces, bool inAsciiHex = false)
    {
        var lzw = Lzw(Encoding.ASCII.GetBytes("BT /F1 12 Tf 72 720 Td (2023 annual report) Tj ET"), spaces);
        return inAsciiHex
            ? Pdf(encoded: ([.. Ascii(Convert.ToHexString(lzw)), (byte)'>'], "[/ASCIIHexDecode /LZWDecode]"))
            : Pdf(encoded: (lzw, "/LZWDecode"));
    }

    /// <summary>A page whose content stream is RunLength: the report's line, then runs of 128 spaces (64:1).</summary>
    public static byte[] PdfRunLengthBomb(long spaces)
    {
        var text = Encoding.ASCII.GetBytes("BT /F1 12 Tf 72 720 Td (2023 annual report) Tj ET");
        var data = new byte[1 + text.Length + spaces / 128 * 2 + 1];
        data[0] = (byte)(text.Length - 1);
        text.CopyTo(data, 1);
        for (var at = 1 + text.Length; at + 1 < data.Length; at += 2)
        {
            (data[at], data[at + 1]) = (129, (byte)' '); // 257 − 129 = 128 copies
        }
        data[^1] = 128; // end of data
        return Pdf(encoded: (data, "/RunLengthDecode"));
    }

    /// <summary>A one-page PDF whose content stream is LZW: <paramref name="content"/> and nothing more.</summary>
    public static byte[] PdfLzwPage(string content) => Pdf(encoded: (Lzw(Encoding.ASCII.GetBytes(content), 0), "/LZWDecode"));

    /// <summary>
    /// PDF's LZW (EarlyChange 1) of <paramref name="text"/> (greedy, longest known string a code, the
    /// table cleared before it fills), then <paramref name="spaces"/> spaces, each code one space longer
    /// than the last (the code being defined, PDF 7.4.4.2).
    /// </summary>
    private static byte[] Lzw(byte[] text, long spaces)
    {
        var codes = new LzwCodes();
        codes.Write(256);
        var table = new Dictionary<(int Prefix, byte Next), int>();
        var known = -1;
        foreach (var b in text)
        {
            if (known < 0)
            {
                known = b;
            }
            else if (table.TryGetValue((known, b), out var longer))
            {
                known = longer;
            }
            else
            {
                codes.Write(known);
                table[(known, b)] = 258 + table.Count;
                known = b;
                if (table.Count >= 3_800)
                {
                    codes.Write(known);
                    codes.Write(256);
                    table.Clear();
                    known = -1;
                }
            }
        }
        if (known >= 0)
        {
            codes.Write(known);
        }
        codes.Write(256);
        for (long left = spaces; left > 0;)
        {
            codes.Write(' ');
            left--;
            for (var length = 2; left >= length && codes.Next < 4000; length++)
            {
                codes.Write(codes.Next);
                left -= length;
            }
            codes.Write(256);
        }
        codes.Write(257);
        return codes.ToArray();
    }

    /// <summary>Codes written most significant bit first, as wide as the decoder will read them.</summary>
    private sealed class LzwCodes
    {
        private readonly MemoryStream _bytes = new();
        private int _bits;
        private int _bitCount;
        private bool _first = true;

        /// <summary>The entry the decoder defines on reading the next code.</summary>
        public int Next { get; private set; } = 258;

        public void Write(int code)
        {
            var width = Next + 1 < 512 ? 9 : Next + 1 < 1024 ? 10 : Next + 1 < 2048 ? 11 : 12;
            _bits = (_bits << width) | code;
            _bitCount += width;
            while (_bitCount >= 8)
            {
                _bitCount -= 8;
                _bytes.WriteByte((byte)(_bits >> _bitCount));
            }
            _bits &= (1 << _bitCount) - 1;
            if (code == 256)
            {
                (Next, _first) = (258, true);
            }
            else if (_first)
            {
                _first = false; // the first code after a clear defines nothing
            }
            else
            {
                Next++;
            }
        }

        public byte[] ToArray()
        {
            if (_bitCount > 0)
            {
                _bytes.WriteByte((byte)(_bits << (8 - _bitCount)));
            }
            return _bytes.ToArray();
        }
    }

    /// <summary>One page drawing <paramref name="paths"/> line segments (deflated, so the file is small).</summary>
    public static byte[] PdfPathBomb(int paths)
    {
        var content = new StringBuilder("BT /F1 12 Tf 72 720 Td (2023 annual report) Tj ET\n", paths * 16);
        for (var i = 0; i < paths; i++)
        {
            content.Append("0 0 m 1 1 l S\n");
        }
        return Pdf(content: content.ToString(), deflate: true);
    }

    /// <summary>
    /// One page showing the report's line, then <paramref name="times"/> inline images
    /// (<c>BI dictionary ID data EI</c>), <paramref name="after"/> following each EI; without
    /// <paramref name="endImage"/> the last image's data runs to the end of the stream. The content is
    /// deflated, so the file is small.
    /// </summary>
    public static byte[] PdfInlineImages(string dictionary, byte[] data, int times = 1, string after = "", bool endImage = true)
    {
        using var content = new MemoryStream();
        content.Write("BT /F1 12 Tf 72 720 Td (2023 annual report) Tj ET\n"u8);
        var head = Ascii($"BI {dictionary} ID ");
        var tail = Ascii(" EI" + after + "\n");
        for (var i = 0; i < times; i++)
        {
            content.Write(head);
            content.Write(data);
            if (endImage || i + 1 < times)
            {
                content.Write(tail);
            }
        }
        return Pdf(encoded: (Zlib(content.ToArray()), "/FlateDecode"));
    }

    /// <summary>A one-pixel image mask: the smallest inline image PdfPig reads.</summary>
    public const string OnePixelMask = "/W 1/H 1/IM true";

    /// <summary>
    /// An inline image followed by <paramref name="ends"/> EI operators that end no image (each after an
    /// operator PdfPig does not know, when asked): PdfPig takes each for the image's real end and joins
    /// the bytes since back onto its data.
    /// </summary>
    public static byte[] PdfInlineImageWithStrayEnds(int ends, bool afterUnknownOperators = false) =>
        PdfInlineImages(OnePixelMask, [0x80], after: string.Concat(Enumerable.Repeat(afterUnknownOperators ? " zz EI" : " EI", ends)));

    /// <summary>A page of two content streams, the first ending inside an inline image's data (no EI).</summary>
    public static byte[] PdfInlineImageRunningIntoTheNextStream()
    {
        const string Unended = "BI /W 1/H 1/IM true ID x (";
        return Pdf(contents: "[6 0 R 4 0 R]", objects: [$"<< /Length {Unended.Length} >>\nstream\n{Unended}\nendstream"]);
    }

    /// <summary>Seeded random bytes with no 'E' in them, so no "EI" can end the image they are the data of.</summary>
    public static byte[] BinaryWithoutEnd(int length)
    {
        var data = new byte[length];
        new Random(9).NextBytes(data);
        data.AsSpan().Replace((byte)'E', (byte)'F');
        return data;
    }

    /// <summary>Deflate of <paramref name="zeros"/> zero bytes (about 1,000:1), for an inline image's data.</summary>
    public static byte[] DeflatedZeros(long zeros)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.SmallestSize))
        {
            Repeat(zlib, new byte[1], zeros);
        }
        return output.ToArray();
    }

    /// <summary>LZW of <paramref name="spaces"/> spaces (about 2,000:1), for an inline image's data.</summary>
    public static byte[] LzwSpaces(long spaces) => Lzw([], spaces);

    // ---------------------------------------------------------------- DOCX and zip

    private const string WordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    private const string ContentTypes =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
        + "<Override PartName=\"/word/footnotes.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml\"/></Types>";
    private const string PackageRelationships =
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" "
        + "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";
    private const string DocumentRelationships =
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" "
        + "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes\" Target=\"footnotes.xml\"/></Relationships>";
    private const string Paragraph = "<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>";

    /// <summary>A Word package: the given body in document.xml, and footnotes (plain, or the given ones).</summary>
    public static byte[] Docx(Action<Stream> writeBody, Action<Stream>? writeFootnotes = null)
    {
        return Zip(zip =>
        {
            Entry(zip, "[Content_Types].xml", s => s.Write(Encoding.UTF8.GetBytes(ContentTypes)));
            Entry(zip, "_rels/.rels", s => s.Write(Encoding.UTF8.GetBytes(PackageRelationships)));
            Entry(zip, "word/_rels/document.xml.rels", s => s.Write(Encoding.UTF8.GetBytes(DocumentRelationships)));
            Entry(zip, "word/document.xml", s =>
            {
                s.Write(Encoding.UTF8.GetBytes($"<w:document xmlns:w=\"{WordNamespace}\"><w:body>"));
                writeBody(s);
                s.Write(Encoding.UTF8.GetBytes("</w:body></w:document>"));
            });
            Entry(zip, "word/footnotes.xml", s =>
            {
                s.Write(Encoding.UTF8.GetBytes($"<w:footnotes xmlns:w=\"{WordNamespace}\"><w:footnote w:id=\"1\">"));
                (writeFootnotes ?? (f => f.Write(Encoding.UTF8.GetBytes(Paragraph))))(s);
                s.Write(Encoding.UTF8.GetBytes("</w:footnote></w:footnotes>"));
            });
        });
    }

    /// <summary><paramref name="depth"/> nested content-control blocks around one paragraph.</summary>
    public static byte[] DocxNesting(int depth, bool inFootnotes = false)
    {
        void Nested(Stream s)
        {
            Repeat(s, "<w:customXml w:element=\"x\">"u8, depth);
            s.Write(Encoding.UTF8.GetBytes(Paragraph));
            Repeat(s, "</w:customXml>"u8, depth);
        }
        return inFootnotes ? Docx(s => s.Write(Encoding.UTF8.GetBytes(Paragraph)), Nested) : Docx(Nested);
    }

    /// <summary><paramref name="count"/> empty paragraphs side by side.</summary>
    public static byte[] DocxManyElements(int count) => Docx(s => Repeat(s, "<w:p/>"u8, count));

    /// <summary>A document part of <paramref name="bytes"/> bytes of spaces, its size declared honestly.</summary>
    public static byte[] ZipBomb(long bytes) =>
        Docx(s => Repeat(s, "                                                                "u8, bytes / 64));

    /// <summary>
    /// A Word package whose document part inflates to <paramref name="bytes"/> bytes while both its
    /// local and central headers say 1,000.
    /// </summary>
    public static byte[] ZipWithLyingSizes(long bytes)
    {
        var honest = ZipBomb(bytes);
        var lying = honest.ToArray();
        var name = "word/document.xml"u8;
        // Local file headers (PK\3\4) keep the uncompressed size at offset 22, central ones (PK\1\2) at 24.
        for (var at = 0; at + 46 < lying.Length; at++)
        {
            if (lying[at] != 0x50 || lying[at + 1] != 0x4B)
            {
                continue;
            }
            if (lying[at + 2] == 3 && lying[at + 3] == 4 && lying.AsSpan(at + 30).StartsWith(name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(lying.AsSpan(at + 22), 1000);
            }
            else if (lying[at + 2] == 1 && lying[at + 3] == 2 && lying.AsSpan(at + 46).StartsWith(name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(lying.AsSpan(at + 24), 1000);
            }
        }
        return lying;
    }

    /// <summary>A zip of <paramref name="entries"/> empty entries besides a Word document.</summary>
    public static byte[] ZipWithEntries(int entries) => Zip(zip =>
    {
        Entry(zip, "word/document.xml", s => s.Write(Encoding.UTF8.GetBytes($"<w:document xmlns:w=\"{WordNamespace}\"><w:body>{Paragraph}</w:body></w:document>")));
        for (var i = 0; i < entries; i++)
        {
            Entry(zip, i.ToString("x", CultureInfo.InvariantCulture), _ => { }, CompressionLevel.NoCompression);
        }
    });

    private static byte[] Zip(Action<ZipArchive> fill)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            fill(zip);
        }
        return stream.ToArray();
    }

    private static readonly DateTime FixedTime = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Local);

    private static void Entry(ZipArchive zip, string name, Action<Stream> write, CompressionLevel level = CompressionLevel.SmallestSize)
    {
        var entry = zip.CreateEntry(name, level);
        entry.LastWriteTime = FixedTime; // the same bytes every run
        using var stream = entry.Open();
        write(stream);
    }

    private static void Repeat(Stream stream, ReadOnlySpan<byte> unit, long times)
    {
        var chunk = new byte[unit.Length * 4096];
        for (var i = 0; i < 4096; i++)
        {
            unit.CopyTo(chunk.AsSpan(i * unit.Length));
        }
        for (var left = times; left > 0; left -= 4096)
        {
            stream.Write(chunk, 0, (int)Math.Min(left, 4096) * unit.Length);
        }
    }

    private static byte[] Zlib(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.SmallestSize))
        {
            zlib.Write(data);
        }
        return output.ToArray();
    }

    // ---------------------------------------------------------------- HTML and text

    public static string HtmlNesting(int depth) =>
        "<html><body>" + string.Concat(Enumerable.Repeat("<div>", depth)) + "深" + string.Concat(Enumerable.Repeat("</div>", depth)) + "</body></html>";

    /// <summary><paramref name="spans"/> closed spans side by side: no depth, only breadth.</summary>
    public static string HtmlSpanBomb(int spans) =>
        "<html><body><p>一、总体情况</p><p>" + string.Concat(Enumerable.Repeat("<span>1</span>", spans)) + "</p></body></html>";

    public static string PipesOnALine(int pipes) =>
        ReportHead + "二、主动公开政府信息情况\n" + string.Join('|', Enumerable.Repeat("1", pipes)) + "\n" + new string('|', pipes) + "\n";

    public static string LongNumbers(int digits)
    {
        var number = new string('9', digits);
        return ReportHead + "三、收到和处理政府信息公开申请情况\n| 一、本年新收政府信息公开申请数量 | " + number + " | " + number + " | 0 | 0 | 0 | 0 | " + number + " |\n"
            + "本年共收到申请" + number + "件。\n";
    }

    public static byte[] NulBytes()
    {
        var bytes = Encoding.UTF8.GetBytes(ReportHead).ToList();
        bytes.AddRange(new byte[4096]);
        bytes.AddRange(Encoding.UTF8.GetBytes("二、主动公开政府信息情况\n"));
        return [.. bytes];
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
