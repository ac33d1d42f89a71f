using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace ReportValidation.Server.Hosting;

public static class SettingsValidation
{
    /// <summary>Exit code of a start refused for bad settings: sysexits' EX_CONFIG (the configuration, not the code, is wrong).</summary>
    public const int InvalidSettingsExitCode = 78;

    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to its configuration section and checks it (ranges by data
    /// annotations, combinations in <see cref="IValidatableObject"/>): before the host is built when
    /// started by <see cref="RunCheckedAsync"/>, and by <c>ValidateOnStart</c> for any other host.
    /// </summary>
    public static OptionsBuilder<TOptions> AddCheckedSettings<TOptions>(this IServiceCollection services, string section)
        where TOptions : class, new()
    {
        var validator = new SettingsValidator<TOptions>(section);
        CheckedSettings.In(services).Add(configuration => validator.Check(configuration));
        services.AddSingleton<IValidateOptions<TOptions>>(validator);
        return services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
    }

    /// <summary>
    /// Checks every setting, then builds and runs the host. Bad settings end the process before it
    /// listens (so before any health check says SERVING), with every bad setting named on stderr.
    /// </summary>
    public static async Task<int> RunCheckedAsync(this WebApplicationBuilder builder, Action<WebApplication> map)
    {
        var failures = CheckedSettings.In(builder.Services).Failures(builder.Configuration);
        if (failures.Count > 0)
        {
            await Console.Error.WriteLineAsync("reportvalidation: invalid settings, not started:");
            foreach (var failure in failures)
            {
                await Console.Error.WriteLineAsync($"  {failure}");
            }
            return InvalidSettingsExitCode;
        }
        var app = builder.Build();
        map(app);
        await app.RunAsync();
        return 0;
    }
}

/// <summary>
/// The checks of every options class, run over the configuration before the host is built: building
/// it already reads some settings (Kestrel's), one class at a time, and an operator wants them all.
/// </summary>
internal sealed class CheckedSettings
{
    private readonly List<Func<IConfiguration, IEnumerable<string>>> _checks = [];

    public static CheckedSettings In(IServiceCollection services)
    {
        var registered = services.Select(service => service.ImplementationInstance).OfType<CheckedSettings>().FirstOrDefault();
        if (registered is null)
        {
            registered = new CheckedSettings();
            services.AddSingleton(registered);
        }
        return registered;
    }

    public void Add(Func<IConfiguration, IEnumerable<string>> check) => _checks.Add(check);

    public List<string> Failures(IConfiguration configuration) => [.. _checks.SelectMany(check => check(configuration))];
}

/// <summary>Data annotations of an options class, each failure named by its configuration key (Section:Key).</summary>
internal sealed class SettingsValidator<TOptions>(string section) : IValidateOptions<TOptions> where TOptions : class, new()
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var failures = Failures(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public IEnumerable<string> Check(IConfiguration configuration)
    {
        try
        {
            return Failures(configuration.GetSection(section).Get<TOptions>() ?? new TOptions());
        }
        catch (InvalidOperationException e) when (e.InnerException is ArgumentException)
        {
            // A value of the wrong type ("abc" for a port); the binder's message names the key.
            return [e.Message];
        }
    }

    private List<string> Failures(TOptions options)
    {
        var context = new ValidationContext(options);
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, context, results, validateAllProperties: true) && options is IValidatableObject combinations)
        {
            // The validator skips the combinations once a range fails; an operator wants every problem at once.
            results.AddRange(combinations.Validate(context));
        }
        return [.. results.DistinctBy(result => (string.Join(',', result.MemberNames), result.ErrorMessage)).Select(result =>
            $"{string.Join(", ", result.MemberNames.Select(member => $"{section}:{member}"))}: {result.ErrorMessage} "
            + $"(environment: {string.Join(", ", result.MemberNames.Select(member => $"{section}__{member}"))})")];
    }
}
