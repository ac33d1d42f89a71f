using ReportValidation.Contract;
using ReportValidation.V1;

namespace ReportValidation.Server.Caching;

/// <summary>
/// Compiles <see cref="MessageEncoder"/>'s plans for results while the server starts, before it reports
/// ready, so the first miss does not pay for them (1.1 s on the loaded shared machine).
/// </summary>
internal sealed class EncodingPlans : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        MessageEncoder.Prepare<ValidationResult>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
