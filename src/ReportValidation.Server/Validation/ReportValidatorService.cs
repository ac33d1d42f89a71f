using Grpc.Core;
using ReportValidation.V1;

namespace ReportValidation.Server.Validation;

/// <summary>
/// The gRPC adapter: reads what validation needs off the call (<see cref="Caller"/>), hands the request
/// to <see cref="CallValidation"/> or <see cref="BatchValidation"/>, and gives their answer back.
/// </summary>
[BindServiceMethod(typeof(ValidatorBinding), nameof(ValidatorBinding.BindService))]
public sealed class ReportValidatorService(CallValidation calls, BatchValidation batches, CachedValidation validation)
    : ReportValidator.ReportValidatorBase
{
    public override Task<ValidateDocumentResponse> ValidateDocument(ValidateDocumentRequest request, ServerCallContext context) =>
        WithJsonStatus(calls.ValidateDocument(request, new ValidateDocumentResponse { RequestId = request.RequestId }, Caller(context)),
            context);

    public override Task<ValidateReportResponse> ValidateReport(ValidateReportRequest request, ServerCallContext context) =>
        WithJsonStatus(calls.ValidateReport(request, Caller(context)), context);

    public override Task ValidateBatch(IAsyncStreamReader<ValidateBatchRequest> requestStream,
        IServerStreamWriter<ValidateBatchResponse> responseStream, ServerCallContext context) =>
        batches.ValidateAsync(requestStream, responseStream, Caller(context));

    public override Task<ListRulesResponse> ListRules(ListRulesRequest request, ServerCallContext context)
    {
        var response = new ListRulesResponse { RuleCatalogVersion = validation.CatalogVersion };
        response.Rules.AddRange(validation.Rules);
        return Task.FromResult(response);
    }

    public override Task<NationalTemplate> GetTemplate(GetTemplateRequest request, ServerCallContext context) =>
        Task.FromResult(validation.Template);

    private static Caller Caller(ServerCallContext context) =>
        new(IsProtobuf(context), context.CancellationToken, context.Deadline);

    // gRPC and gRPC-Web carry protobuf; JSON transcoding is the rest.
    private static bool IsProtobuf(ServerCallContext context) =>
        CallProtocol.IsGrpc(context.GetHttpContext().Request);

    /// <summary>
    /// The HTTP status of a JSON error when it is not the one transcoding would pick (413 for a document
    /// over a size limit, where transcoding says 429); set as the response starts, after transcoding's.
    /// </summary>
    private static Task<T> WithJsonStatus<T>(Task<T> call, ServerCallContext context) =>
        call.IsCompletedSuccessfully || IsProtobuf(context) ? call : AnsweredAsJson(call, context);

    private static async Task<T> AnsweredAsJson<T>(Task<T> call, ServerCallContext context)
    {
        try
        {
            return await call;
        }
        catch (RpcException exception) when (RequestErrors.HttpStatus(exception) == StatusCodes.Status413PayloadTooLarge)
        {
            var response = context.GetHttpContext().Response;
            response.OnStarting(() =>
            {
                response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return Task.CompletedTask;
            });
            throw;
        }
    }
}
