namespace ReportValidation.Server.Validation;

/// <summary>What validation needs to know of a call's caller, as the service read it off the call.</summary>
/// <param name="Binary">
/// The answer goes back as protobuf (gRPC, gRPC-Web), so it may reuse a result's encoding; JSON
/// transcoding formats the message itself.
/// </param>
/// <param name="Cancellation">Cancelled when the caller cancels, goes away or runs out of its deadline.</param>
/// <param name="Deadline">The caller's deadline (<see cref="DateTime.MaxValue"/> when it set none).</param>
public readonly record struct Caller(bool Binary, CancellationToken Cancellation, DateTime Deadline);
