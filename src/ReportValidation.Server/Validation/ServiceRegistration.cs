using Microsoft.Extensions.Diagnostics.HealthChecks;
using Google.Protobuf.Reflection;
using Google.Rpc;
using Grpc.AspNetCore.Web;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;
using ReportValidation.Server.Hosting;
using ReportValidation.Server.Telemetry;

namespace ReportValidation.Server.Validation;

public static class ServiceRegistration
{
    public const string CorsPolicy = "browsers";

    /// <summary>
    /// The validator over gRPC, gRPC-Web and JSON transcoding, with reflection, grpc.health.v1, limits
    /// and the engine built with the configured reading limits.
    /// </summary>
    public static IServiceCollection AddValidationService(this IServiceCollection services)
    {
        services.AddGrpc(grpc => grpc.EnableDetailedErrors = false)
            // Error details travel as google.protobuf.Any; JSON needs their descriptors to print them.
            .AddJsonTranscoding(json => json.TypeRegistry = TypeRegistry.FromMessages(
                BadRequest.Descriptor, ErrorInfo.Descriptor, LocalizedMessage.Descriptor))
            // Admission and size limits are CallGate's (middleware), since gRPC reads a unary message before
            // any interceptor runs.
            .AddServiceOptions<ReportValidatorService>(service => service.Interceptors.Add<CallTelemetryInterceptor>());
        services.AddOptions<Grpc.AspNetCore.Server.GrpcServiceOptions>().Configure<IOptions<LimitOptions>>((grpc, limits) =>
        {
            grpc.MaxReceiveMessageSize = limits.Value.MaxMessageBytes;
            grpc.MaxSendMessageSize = null;
        });
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks(health =>
            {
                health.Services.Map("", _ => true);
                health.Services.Map("reportvalidation.v1.ReportValidator", _ => true);
            })
            .AddCheck<LifecycleHealthCheck>("lifecycle");
        // Watch streams get results from the publisher: first soon after start, then every few seconds.
        // (Shutdown needs no publish: Watch calls end with NOT_SERVING as soon as stopping begins.)
        services.Configure<HealthCheckPublisherOptions>(publisher =>
        {
            publisher.Delay = TimeSpan.FromMilliseconds(500);
            publisher.Period = TimeSpan.FromSeconds(5);
        });
        services.AddSingleton<CallAdmission>();
        services.AddSingleton<RequestSizeLimit>();
        services.AddSingleton(provider =>
        {
            var limits = provider.GetRequiredService<IOptions<LimitOptions>>().Value;
            var engine = ReportEngine.Default;
            return new ReportEngine(engine.Rules, engine.Limits with { MaxDocumentBytes = limits.MaxDocumentBytes });
        });
        services.AddSingleton(provider =>
        {
            var limits = provider.GetRequiredService<IOptions<LimitOptions>>().Value;
            return new EngineThreads(limits.MaxConcurrentValidations > 0 ? limits.MaxConcurrentValidations : Environment.ProcessorCount);
        });
        services.AddSingleton<CachedValidation>();

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
    /// The page (static files, index.html at /), CORS, the gate every validator call passes (size
    /// limit, then admission, before the message is read), gRPC-Web and the gRPC endpoints.
    /// </summary>
    public static WebApplication MapValidationService(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseCors();
        app.UseMiddleware<CallGate>(); // ahead of gRPC-Web, so it reads the frame header as it arrived
        app.UseGrpcWeb(new GrpcWebOptions { DefaultEnabled = true });
        app.MapGrpcService<ReportValidatorService>().RequireCors(CorsPolicy);
        app.MapGrpcReflectionService();
        app.MapGrpcHealthChecksService();
        return app;
    }
}
