using Grpc.AspNetCore.Web;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;
using ReportValidation.Reading;
using ReportValidation.Server.Contract;
using ReportValidation.Server.Hosting;
using ReportValidation.Server.Telemetry;

namespace ReportValidation.Server.Validation;

public static class ServiceRegistration
{
    public const string CorsPolicy = "browsers";
    public const string ReadingSection = "Reading";

    /// <summary>
    /// The validator over gRPC, gRPC-Web and JSON transcoding, with reflection, limits
    /// and the engine built with the configured reading limits.
    /// </summary>
    public static IServiceCollection AddValidationService(this IServiceCollection services)
    {
        services.AddGrpc(grpc => grpc.EnableDetailedErrors = false)
            .AddJsonTranscoding(json => json.TypeRegistry = RequestErrors.DetailTypes)
            // Admission and size limits are CallGate's (middleware), since gRPC reads a unary message before
            // any interceptor runs.
            .AddServiceOptions<ReportValidatorService>(service => service.Interceptors.Add<CallTelemetryInterceptor>());
        services.AddOptions<Grpc.AspNetCore.Server.GrpcServiceOptions>().Configure<IOptions<LimitOptions>>((grpc, limits) =>
        {
            grpc.MaxReceiveMessageSize = limits.Value.MaxMessageBytes;
            grpc.MaxSendMessageSize = null;
        });
        services.AddAnswerCompression();
        services.AddGrpcReflection();
        services.AddSingleton<CallAdmission>();
        services.AddSingleton<RequestSizeLimit>();
        // The engine's reading limits (section Reading); the document size is Limits:MaxDocumentBytes, which
        // the transport's limits are sized by.
        services.AddCheckedSettings<ReadingLimits>(ReadingSection);
        services.AddSingleton(provider =>
        {
            var limits = provider.GetRequiredService<IOptions<LimitOptions>>().Value;
            var reading = provider.GetRequiredService<IOptions<ReadingLimits>>().Value;
            return new ReportEngine(ReportEngine.Default.Rules, reading with { MaxDocumentBytes = limits.MaxDocumentBytes });
        });
        services.AddSingleton(provider =>
        {
            var limits = provider.GetRequiredService<IOptions<LimitOptions>>().Value;
            return new EngineThreads(limits.MaxConcurrentValidations > 0 ? limits.MaxConcurrentValidations : Environment.ProcessorCount);
        });
        services.AddHostedService<Caching.EncodingPlans>();
        services.AddSingleton<CachedValidation>();
        services.AddSingleton<CallValidation>();
        services.AddSingleton<BatchValidation>();

        services.AddCheckedSettings<BrowserAccessOptions>(BrowserAccessOptions.Section);
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<BrowserAccessOptions>>((cors, browsers) =>
            cors.AddPolicy(CorsPolicy, policy =>
            {
                var origins = browsers.Value.AllowedOrigins;
                if (origins.Contains("*"))
                {
                    policy.AllowAnyOrigin();
                }
                else
                {
                    policy.WithOrigins(origins);
                }
                policy.AllowAnyHeader().AllowAnyMethod()
                    .WithExposedHeaders("Grpc-Status", "Grpc-Message", "Grpc-Encoding", "Grpc-Accept-Encoding", "Grpc-Status-Details-Bin");
            }));
        return services;
    }

    /// <summary>
    /// The page (static files, index.html at /), 405 for a wrong verb, CORS, the gate every validator call
    /// passes (size limit, then admission, before the message is read), strict JSON bodies, gRPC-Web, the
    /// gRPC endpoints and their OpenAPI.
    /// </summary>
    public static WebApplication MapValidationService(this WebApplication app)
    {
        app.UseGrpcAcceptEncoding();
        // Native gRPC calls (most calls) pass by what serves browsers, the page and JSON: HTTP response
        // compression (never of application/grpc), the page's files, strict JSON and gRPC-Web, each of
        // which would only look at the call and pass it on (README, "Service performance").
        app.UseWhen(IsNotNativeGrpc, page => page.UseAnswerCompression().UseDefaultFiles().UseStaticFiles());
        app.UseRouting();
        app.UseMiddleware<MethodNotAllowed>();
        app.UseCors();
        app.UseMiddleware<CallGate>(); // ahead of gRPC-Web, so it reads the frame header as it arrived
        app.UseWhen(IsNotNativeGrpc, browsers => browsers
            .UseMiddleware<StrictJsonRequests>() // behind the gate: the body is within the limit and admitted
            .UseGrpcWeb(new GrpcWebOptions { DefaultEnabled = true }));
        app.MapGrpcService<ReportValidatorService>().RequireCors(CorsPolicy);
        app.MapGet("/openapi.json", () => Results.Text(OpenApiDocument.Text, "application/json")).RequireCors(CorsPolicy);
        app.MapGrpcReflectionService();
        return app;
    }

    private static bool IsNotNativeGrpc(HttpContext context) => !CallProtocol.IsNativeGrpc(context.Request);
}
