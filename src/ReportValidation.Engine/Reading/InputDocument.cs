using System.ComponentModel.DataAnnotations;

namespace ReportValidation.Reading;

/// <summary>A document as submitted: its bytes, and what the caller says it is.</summary>
public sealed record InputDocument(ReadOnlyMemory<byte> Content, string? ContentType = null, string? FileName = null)
{
    public static InputDocument FromText(string text, string? fileName = null) =>
        new(System.Text.Encoding.UTF8.GetBytes(text), "text/plain; charset=utf-8", fileName);
}

/// <summary>
/// Limits that protect the engine from hostile or accidental input. Each is checked before the library
/// that would exceed it runs (the recursive ones before anything recurses); a document over one is
/// refused with <see cref="DocumentErrorKind.LimitExceeded"/> naming it. The server binds them from its
/// <c>Reading</c> settings section (README, "Reading limits").
/// </summary>
public sealed record ReadingLimits
{
    public static ReadingLimits Default { get; } = new();

    /// <summary>Largest document accepted, in bytes.</summary>
    [Range(1, int.MaxValue)]
    public int MaxDocumentBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Largest total size a compressed document (DOCX parts, PDF streams) may expand to.</summary>
    [Range(1L, long.MaxValue)]
    public long MaxDecompressedBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Most entries a DOCX zip may hold.</summary>
    [Range(1, int.MaxValue)]
    public int MaxArchiveEntries { get; init; } = 2_000;

    /// <summary>Deepest element nesting in any XML part of a DOCX (OpenXml loads a part recursively).</summary>
    [Range(1, int.MaxValue)]
    public int MaxXmlDepth { get; init; } = 256;

    /// <summary>
    /// Most XML elements in all parts of a DOCX together: OpenXml keeps each as an object and loads a
    /// part in one call that no token stops (about 0.3 s for this many; a 30-page report has ~50,000).
    /// </summary>
    [Range(1, int.MaxValue)]
    public int MaxXmlElements { get; init; } = 150_000;

    /// <summary>Most pages read from a PDF.</summary>
    [Range(1, int.MaxValue)]
    public int MaxPdfPages { get; init; } = 200;

    /// <summary>Deepest nesting of arrays and dictionaries in a PDF object.</summary>
    [Range(1, int.MaxValue)]
    public int MaxPdfNestingDepth { get; init; } = 100;

    /// <summary>
    /// Longest chain of indirect references a PDF reader would follow: objects that are a reference to
    /// another, and page-tree levels (PdfPig walks both recursively).
    /// </summary>
    [Range(1, int.MaxValue)]
    public int MaxPdfReferenceDepth { get; init; } = 100;

    /// <summary>
    /// Most glyphs a PDF's page contents may show, counted as the bytes of their text strings (an
    /// upper bound): PdfPig keeps an object of about 400 bytes per glyph of a page.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int MaxPdfGlyphs { get; init; } = 300_000;

    /// <summary>
    /// Largest total size of a PDF's page contents (content streams and forms, expanded): PdfPig reads
    /// a page's in one call that cannot be cancelled, about 0.25 s and 30 MB per MiB of line drawing.
    /// </summary>
    [Range(1L, long.MaxValue)]
    public long MaxPdfContentBytes { get; init; } = 8L * 1024 * 1024;

    /// <summary>
    /// Most inline images (<c>BI … ID … EI</c>) a PDF's page contents may draw: PdfPig keeps an object of
    /// about 1.8 KB for each, so 250,000 tiny ones within the content limit took 490 MB.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int MaxPdfInlineImages { get; init; } = 20_000;

    /// <summary>Deepest HTML element nesting read.</summary>
    [Range(1, int.MaxValue)]
    public int MaxHtmlDepth { get; init; } = 256;

    /// <summary>Most HTML elements in a page (AngleSharp keeps each as an object).</summary>
    [Range(1, int.MaxValue)]
    public int MaxHtmlElements { get; init; } = 100_000;
}

/// <summary>Why a document could not be read at all.</summary>
public enum DocumentErrorKind
{
    Empty,
    TooLarge,
    Binary,
    UnsupportedFormat,
    Corrupt,
    Encrypted,
    LimitExceeded,
}

/// <summary>
/// The document could not be read. Carries a stable kind for programs and a Chinese and English
/// message for people; the CLI maps it to exit code 2 and the server to a gRPC status.
/// </summary>
public sealed class DocumentReadException(DocumentErrorKind kind, string messageZh, string messageEn, string? limit = null)
    : Exception(messageEn)
{
    public DocumentErrorKind Kind { get; } = kind;
    public string MessageZh { get; } = messageZh;

    /// <summary>The <see cref="ReadingLimits"/> setting a document went over, for <see cref="DocumentErrorKind.LimitExceeded"/>.</summary>
    public string? Limit { get; } = limit;

    /// <summary>The stable English id of the error, as the server's ErrorInfo reason gives it.</summary>
    public string Code => CodeOf(Kind);

    public static string CodeOf(DocumentErrorKind kind) => kind switch
    {
        DocumentErrorKind.Empty => "document.empty",
        DocumentErrorKind.TooLarge => "document.too_large",
        DocumentErrorKind.Binary => "document.binary",
        DocumentErrorKind.UnsupportedFormat => "document.unsupported_format",
        DocumentErrorKind.Corrupt => "document.corrupt",
        DocumentErrorKind.Encrypted => "document.encrypted",
        DocumentErrorKind.LimitExceeded => "document.limit_exceeded",
        _ => "document.unreadable",
    };

    public static DocumentReadException Empty() =>
        new(DocumentErrorKind.Empty, "文档为空。", "The document is empty.");

    public static DocumentReadException TooLarge(long size, long limit) =>
        new(DocumentErrorKind.TooLarge, $"文档大小 {size} 字节，超过上限 {limit} 字节。",
            $"The document is {size} bytes, over the limit of {limit} bytes.");

    public static DocumentReadException UnsupportedFormat(string what) =>
        new(DocumentErrorKind.UnsupportedFormat, $"不支持的文档格式：{what}。请提交文本、HTML、Word（.docx）或 PDF 文件。",
            $"Unsupported document format: {what}. Submit text, HTML, Word (.docx) or PDF.");

    public static DocumentReadException Corrupt(string format, string detail) =>
        new(DocumentErrorKind.Corrupt, $"{format} 文件已损坏或不完整，无法读取（{detail}）。",
            $"The {format} file is corrupt or truncated and cannot be read ({detail}).");

    public static DocumentReadException Encrypted(string format) =>
        new(DocumentErrorKind.Encrypted, $"{format} 文件已加密或设置了打开密码，请提交未加密的文件。",
            $"The {format} file is encrypted or password protected; submit an unencrypted file.");

    /// <summary>Over a limit: <paramref name="setting"/> is the <see cref="ReadingLimits"/> property, named in the English message.</summary>
    public static DocumentReadException LimitExceeded(string whatZh, string whatEn, long value, long limit, string setting) =>
        new(DocumentErrorKind.LimitExceeded, $"{whatZh}为 {value}，超过上限 {limit}。",
            $"The document's {whatEn} is {value}, over the limit of {limit} ({setting}).", setting);

    /// <summary>Over a limit that is found while counting: the count is where reading stopped, not the total.</summary>
    public static DocumentReadException LimitExceeded(string whatZh, string whatEn, long limit, string setting) =>
        new(DocumentErrorKind.LimitExceeded, $"{whatZh}超过上限 {limit}。",
            $"The document's {whatEn} is over the limit of {limit} ({setting}).", setting);

    public static DocumentReadException Binary() =>
        new(DocumentErrorKind.Binary, "文档不是可识别的文本、HTML、Word 或 PDF 格式。",
            "The document is not text, HTML, Word or PDF.");
}
