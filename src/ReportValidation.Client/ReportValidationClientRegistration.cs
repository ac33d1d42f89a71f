using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client.Balancer;
using Grpc.Net.Client.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ReportValidation.Client;
using ReportValidation.V1;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registration of <see cref="ReportValidator.ReportValidatorClient"/> with the deployment's defaults.</summary>
public static class ReportValidationClientRegistration
{
    /// <summary>
    /// Registers <see cref="ReportValidator.ReportValidatorClient"/> with Grpc.Net.ClientFactory: round robin over
    /// every address a <c>dns:///</c> address resolves to (re-resolved every <see cref="ReportValidationClientOptions.DnsRefreshInterval"/>),
    /// retries on UNAVAILABLE (validation is a pure function of the request, so a retry is always safe) and a
    /// default deadline on unary calls. Returns the client's builder for further configuration.
    /// </summary>
    public static IHttpClientBuilder AddReportValidationClient(this IServiceCollection services, Action<ReportValidationClientOptions>? configure = null)
    {
        var options = new ReportValidationClientOptions();
        configure?.Invoke(options);
        Validate(options);
        services.TryAddSingleton<ResolverFactory>(new DnsResolverFactory(options.DnsRefreshInterval));
        return services
            .AddGrpcClient<ReportValidator.ReportValidatorClient>(factory => factory.Address = options.Address)
            .ConfigureChannel(channel =>
            {
                channel.Credentials = options.UseTls ? ChannelCredentials.SecureSsl : ChannelCredentials.Insecure;
                channel.ServiceConfig = ServiceConfig(options);
            })
            .AddInterceptor(() => new DefaultDeadline(options.Deadline));
    }

    private static ServiceConfig ServiceConfig(ReportValidationClientOptions options)
    {
        var config = new ServiceConfig { LoadBalancingConfigs = { new RoundRobinConfig() } };
        if (options.MaxAttempts > 1)
        {
            config.MethodConfigs.Add(new MethodConfig
            {
                Names = { MethodName.Default },
                RetryPolicy = new RetryPolicy
                {
                    MaxAttempts = options.MaxAttempts,
                    InitialBackoff = options.InitialBackoff,
                    MaxBackoff = TimeSpan.FromSeconds(2),
                    BackoffMultiplier = 2,
                    RetryableStatusCodes = { StatusCode.Unavailable },
                },
            });
        }
        return config;
    }

    private static void Validate(ReportValidationClientOptions options)
    {
        if (options.Deadline <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Deadline, "ReportValidationClientOptions.Deadline must be positive.");
        }
        if (options.MaxAttempts is < 1 or > 5)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxAttempts, "ReportValidationClientOptions.MaxAttempts must be 1 to 5 (gRPC's limit).");
        }
    }

    /// <summary>A deadline for unary calls that have none; streams keep theirs (a batch may run for minutes).</summary>
    private sealed class DefaultDeadline(TimeSpan deadline) : Interceptor
    {
        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request,
            ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation) =>
            continuation(request, WithDeadline(context));

        public override TResponse BlockingUnaryCall<TRequest, TResponse>(TRequest request,
            ClientInterceptorContext<TRequest, TResponse> context, BlockingUnaryCallContinuation<TRequest, TResponse> continuation) =>
            continuation(request, WithDeadline(context));

        private ClientInterceptorContext<TRequest, TResponse> WithDeadline<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context)
            where TRequest : class where TResponse : class =>
            context.Options.Deadline is not null
                ? context
                : new(context.Method, context.Host, context.Options.WithDeadline(DateTime.UtcNow + deadline));
    }
}
