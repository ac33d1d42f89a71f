using Google.Protobuf;
using ReportValidation.V1;

namespace ReportValidation.Server.Tests.Infrastructure;

public static class Documents
{
    public static string SeedPath(string prefix) =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "seeds"), prefix + "*.txt").Single();

    public static string Seed(string prefix) => File.ReadAllText(SeedPath(prefix));

    /// <summary>A seed report made unique, so no earlier test has cached it.</summary>
    public static string Unique(string prefix = "004") => Seed(prefix) + $"\n<!-- {Guid.NewGuid():N} -->\n";

    public static ValidateDocumentRequest Request(string text, string requestId = "") =>
        new() { Document = new Document { Text = text }, RequestId = requestId };

    public static ValidateBatchRequest BatchRequest(string text, string requestId = "") =>
        new() { Document = new Document { Text = text }, RequestId = requestId };

    public static ValidateDocumentRequest Bytes(byte[] content, string contentType = "") =>
        new() { Document = new Document { Content = ByteString.CopyFrom(content), ContentType = contentType } };
}
