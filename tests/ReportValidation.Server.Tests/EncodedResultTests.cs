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
        var read = ValidateDocumentResponse.Parser.ParseFrom(Marshalling.Write(ValidatorBinding.ValidateDocument.ResponseMarshaller, response));

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
        Assert.Equal(result, ValidateDocumentResponse.Parser.ParseFrom(Marshalling.Write(ValidatorBinding.ValidateDocument.ResponseMarshaller, binary)).Result);
    }

    [Fact]
    public void A_batch_answer_carrying_the_encoding_reads_back_as_its_result_case()
    {
        var result = ReportEngine.Default.Validate(InputDocument.FromText(Documents.Seed("004")));
        var response = new ValidateBatchResponse { RequestId = "r" };

        new EncodedResult(result, result.ToByteArray()).SetOn(response, binary: true);
        var read = ValidateBatchResponse.Parser.ParseFrom(Marshalling.Write(ValidatorBinding.ValidateBatch.ResponseMarshaller, response));

        Assert.Equal(ValidateBatchResponse.OutcomeOneofCase.Result, read.OutcomeCase);
        Assert.Equal(result, read.Result);
        Assert.Equal("r", read.RequestId);
    }

    [Fact]
    public void A_computed_result_is_encoded_once_into_the_value_the_cache_stores_and_answers_both_kinds()
    {
        var result = ReportEngine.Default.Validate(InputDocument.FromText(Documents.Seed("004")));
        var key = ContentHash.FromBytes(new byte[ContentHash.Length]);

        var encoded = EncodedResult.Encode(result);
        var stored = StoredResult.Seal(key, encoded.Stored!);

        Assert.Same(encoded.Stored, stored);
        Assert.True(StoredResult.TryRead(stored, key, out var read));
        Assert.Equal(result.ToByteArray(), read.ToArray());
        Assert.Same(encoded, encoded.WithoutMessage()); // nothing but the bytes is kept
        var json = new ValidateDocumentResponse();
        encoded.SetOn(json, binary: false);
        Assert.Equal(result, json.Result);
        var binary = new ValidateDocumentResponse();
        encoded.FindingsOnly.SetOn(binary, binary: true);
        var findings = ValidateDocumentResponse.Parser.ParseFrom(Marshalling.Write(ValidatorBinding.ValidateDocument.ResponseMarshaller, binary)).Result;
        Assert.Null(findings.Report);
        Assert.Equal(result.Findings, findings.Findings);
    }

    [Theory]
    [InlineData("000")]
    [InlineData("001")]
    [InlineData("002")]
    [InlineData("003")]
    [InlineData("004")]
    public void A_seed_is_encoded_to_the_bytes_of_ToByteArray_and_its_findings_view_to_those_of_the_result_without_its_report(string seed)
    {
        var result = ReportEngine.Default.Validate(InputDocument.FromText(Documents.Seed(seed)));
        var withoutReport = new ValidationResult(result) { Report = null };

        var encoded = EncodedResult.Encode(result);

        Assert.Equal(StoredResult.HeaderLength + encoded.Encoding.Length, encoded.Stored!.Length);
        Assert.Equal(result.ToByteArray(), encoded.Encoding.ToArray());
        Assert.Equal(withoutReport.ToByteArray(), encoded.FindingsOnly.Encoding.ToArray());
    }
}
