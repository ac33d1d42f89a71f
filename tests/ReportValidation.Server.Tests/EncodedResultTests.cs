using Google.Protobuf;
using ReportValidation.Reading;
using ReportValidation.Server.Caching;
using ReportValidation.Server.Validation;
using ReportValidation.Server.Tests.Infrastructure;
using ReportValidation.V1;

namespace ReportValidation.Server.Tests;

public sealed class EncodedResultTests
{
    [Fact]
    public void Response_carrying_the_encoding_reads_back_as_the_typed_result()
    {
        var result = ReportEngine.Default.Validate(InputDocument.FromText(Documents.Seed("004")));
        var encoded = new EncodedResult(result, result.ToByteArray());
        var response = new ValidateDocumentResponse { Cached = true, ContentHash = "abc", RequestId = "r" };

        encoded.SetOn(response, binary: true);
        var read = ValidateDocumentResponse.Parser.ParseFrom(Marshalled(response));

        // The response carries the stored bytes, not a message to encode again.
        Assert.Null(response.Result);
        Assert.Equal(result, read.Result);
        Assert.Equal("r", read.RequestId);
        Assert.True(read.Cached);
    }

    [Fact]
    public void Json_responses_get_the_typed_result()
    {
        var result = new ValidationResult { RuleCatalogVersion = "v" };
        var response = new ValidateReportResponse();

        new EncodedResult(result, result.ToByteArray()).SetOn(response, binary: false);

        Assert.Same(result, response.Result);
    }

    [Fact]
    public void A_remembered_entry_keeps_only_the_encoding_and_still_answers_both_kinds()
    {
        var result = ReportEngine.Default.Validate(InputDocument.FromText(Documents.Seed("004")));
        var remembered = new EncodedResult(result, result.ToByteArray()).WithoutMessage();

        var json = new ValidateDocumentResponse();
        remembered.SetOn(json, binary: false);
        var binary = new ValidateDocumentResponse();
        remembered.SetOn(binary, binary: true);

        Assert.NotSame(result, json.Result);
        Assert.Equal(result, json.Result);
        Assert.Equal(result, ValidateDocumentResponse.Parser.ParseFrom(Marshalled(binary)).Result);
    }

    // What the service's marshaller writes on the wire for a response.
    private static byte[] Marshalled(ValidateDocumentResponse response) =>
        Marshalling.Write(ValidatorBinding.ValidateDocument.ResponseMarshaller, response);
}
