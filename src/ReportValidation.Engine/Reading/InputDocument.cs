namespace ReportValidation.Reading;

/// <summary>A document as submitted: its bytes, and what the caller says it is.</summary>
public sealed record InputDocument(ReadOnlyMemory<byte> Content, string? ContentType = null, string? FileName = null)
{
    public static InputDocument FromText(string text, string? fileName = null) =>
        new(System.Text.Encoding.UTF8.GetBytes(text), "text/plain; charset=utf-8", fileName);
}

/// <summary>Limits that protect the engine from hostile or accidental input.</summary>
public sealed record ReadingLimits
{
    public static ReadingLimits Default { get; } = new();

    /// <summary>Largest document accepted, in bytes.</summary>
    public int MaxDocumentBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Largest total size a compressed document (DOCX parts, PDF streams) may expand to.</summary>
    public long MaxDecompressedBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Most entries a DOCX zip may hold.</summary>
    public int MaxArchiveEntries { get; init; } = 2_000;

    /// <summary>Most pages read from a PDF.</summary>
    public int MaxPdfPages { get; init; } = 200;

    /// <summary>Deepest HTML element nesting read.</summary>
    public int MaxHtmlDepth { get; init; } = 256;
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
public sealed class DocumentReadException(DocumentErrorKind kind, string messageZh, string messageEn)
    : Exception(messageEn)
{
    public DocumentErrorKind Kind { get; } = kind;
    public string MessageZh { get; } = messageZh;

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

    public static DocumentReadException LimitExceeded(string whatZh, string whatEn, long value, long limit) =>
        new(DocumentErrorKind.LimitExceeded, $"{whatZh}为 {value}，超过上限 {limit}。",
            $"The document's {whatEn} is {value}, over the limit of {limit}.");

    public static DocumentReadException Binary() =>
        new(DocumentErrorKind.Binary, "文档不是可识别的文本、HTML、Word 或 PDF 格式。",
            "The document is not text, HTML, Word or PDF.");
}
