using Google.Protobuf;
using ReportValidation.Server.Tests.Infrastructure;
using ReportValidation.Server.Validation;
using ReportValidation.V1;

namespace ReportValidation.Server.Tests;

/// <summary>The digest a gRPC request gets from its wire bytes is the one its message would get (JSON's).</summary>
public sealed class RequestDigestTests
{
    public static TheoryData<string> Shapes() => ["text", "content", "text with previous and options", "content with file name and request id"];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_request_read_from_the_wire_has_the_digest_its_message_has(string shape)
    {
        var request = Shaped(shape);

        var read = Marshalling.Read(ValidatorBinding.ValidateDocument.RequestMarshaller, request.ToByteArray());

        Assert.NotNull(read.WireDigest);
        Assert.Equal(RequestHash.DocumentDigest(request), read.WireDigest);
        Assert.Equal(request, read);
    }

    [Fact]
    public void Text_and_the_same_bytes_as_utf8_content_share_a_digest()
    {
        var text = Documents.Seed("004");
        var asText = new ValidateDocumentRequest { Document = new Document { Text = text } };
        var asContent = new ValidateDocumentRequest
        {
            Document = new Document { Content = ByteString.CopyFromUtf8(text), ContentType = "text/plain; charset=utf-8" },
        };

        Assert.Equal(RequestHash.DocumentDigest(asText.ToByteArray()), RequestHash.DocumentDigest(asContent.ToByteArray()));
    }

    [Fact]
    public void A_request_id_changes_no_digest_and_a_file_name_does()
    {
        var plain = Shaped("content");
        var withId = Shaped("content");
        withId.RequestId = "r-1";
        var named = Shaped("content");
        named.Document.FileName = "report.txt";

        Assert.Equal(RequestHash.DocumentDigest(plain.ToByteArray()), RequestHash.DocumentDigest(withId.ToByteArray()));
        Assert.NotEqual(RequestHash.DocumentDigest(plain.ToByteArray()), RequestHash.DocumentDigest(named.ToByteArray()));
    }

    [Fact]
    public void A_view_shapes_the_answer_only_so_it_changes_no_digest()
    {
        var full = Shaped("text");
        var findings = Shaped("text");
        findings.View = ResultView.Findings;

        var read = Marshalling.Read(ValidatorBinding.ValidateDocument.RequestMarshaller, findings.ToByteArray());

        Assert.Equal(ResultView.Findings, read.View);
        Assert.Equal(RequestHash.DocumentDigest(full.ToByteArray()), read.WireDigest);
    }

    [Fact]
    public void A_document_sent_twice_on_the_wire_is_left_to_the_parsed_message()
    {
        // Protobuf merges a repeated message field; the wire reader does not try to, so it declines.
        var wire = Shaped("text").ToByteArray().Concat(new ValidateDocumentRequest { Document = new Document { FileName = "b" } }.ToByteArray()).ToArray();

        var read = Marshalling.Read(ValidatorBinding.ValidateDocument.RequestMarshaller, wire);

        Assert.Null(RequestHash.DocumentDigest(wire));
        Assert.Null(read.WireDigest);
        Assert.Equal("b", read.Document.FileName);
    }

    private static ValidateDocumentRequest Shaped(string shape) => shape switch
    {
        "text" => new ValidateDocumentRequest { Document = new Document { Text = Documents.Seed("004") } },
        "content" => new ValidateDocumentRequest { Document = new Document { Content = ByteString.CopyFromUtf8(Documents.Seed("001")) } },
        "text with previous and options" => new ValidateDocumentRequest
        {
            Document = new Document { Text = Documents.Seed("004"), ContentType = "text/plain; charset=gb18030" },
            PreviousDocument = new Document { Text = Documents.Seed("003") },
            Options = new ValidationOptions { Profile = Profile.Submission, LocalDeadline = "2022-01-28" },
        },
        _ => new ValidateDocumentRequest
        {
            Document = new Document { Content = ByteString.CopyFromUtf8(Documents.Seed("002")), FileName = "二〇二一.txt", ContentType = "text/plain" },
            RequestId = "batch-7",
        },
    };
}
