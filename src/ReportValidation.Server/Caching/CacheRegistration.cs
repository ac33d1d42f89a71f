namespace ReportValidation.Server.Caching;

public static class CacheRegistration
{
    /// <summary>The response cache: in memory always, Redis when <c>Redis:Configuration</c> is set.</summary>
    public static IServiceCollection AddReportCache(this IServiceCollection services)
    {
        services.AddOptions<CacheOptions>().BindConfiguration(CacheOptions.Section);
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.Section);
        services.AddSingleton<SharedCache>();
        services.AddSingleton<ResponseCache>();
        return services;
    }
}
