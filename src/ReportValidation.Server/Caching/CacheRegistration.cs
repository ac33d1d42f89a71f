using ReportValidation.Server.Hosting;

namespace ReportValidation.Server.Caching;

public static class CacheRegistration
{
    /// <summary>The response cache: in memory always, Redis when <c>Redis:Configuration</c> is set.</summary>
    public static IServiceCollection AddReportCache(this IServiceCollection services)
    {
        services.AddCheckedSettings<CacheOptions>(CacheOptions.Section);
        services.AddCheckedSettings<RedisOptions>(RedisOptions.Section);
        services.AddSingleton<SharedCache>();
        services.AddSingleton<ResponseCache>();
        return services;
    }
}
