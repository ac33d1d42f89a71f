using System.Diagnostics;
using ReportValidation.Server.Validation;

namespace ReportValidation.Server.Tests;

// Alone: other test classes start and stop servers synchronously, and a pool thread they block
// would delay the timer this class measures for reasons of the test process, not of EngineThreads.
[CollectionDefinition(nameof(EngineThreadsTests), DisableParallelization = true)]
public sealed class EngineThreadsCollection;

[Collection(nameof(EngineThreadsTests))]
public sealed class EngineThreadsTests
{
    [Fact]
    public async Task Time_limits_fire_while_every_engine_thread_is_busy()
    {
        // As many busy runs as processors: on pool threads this starved the timer behind CancelAfter
        // for seconds. The queued call's limit must still end its wait while the engine is busy.
        using var threads = new EngineThreads(Environment.ProcessorCount);
        using var release = new ManualResetEventSlim();
        var busy = Enumerable.Range(0, threads.Count).Select(_ => threads.RunAsync(() => Spin(release), CancellationToken.None)).ToArray();
        try
        {
            using var limit = new CancellationTokenSource();
            var watch = Stopwatch.StartNew();
            limit.CancelAfter(TimeSpan.FromMilliseconds(20));

            var queued = threads.RunAsync(() => 1, limit.Token);

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
            Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(400), $"the limit fired after {watch.ElapsedMilliseconds} ms");
            Assert.All(busy, run => Assert.False(run.IsCompleted));
        }
        finally
        {
            release.Set();
        }
        Assert.Equal(Enumerable.Repeat(true, busy.Length), await Task.WhenAll(busy));
    }

    [Fact]
    public async Task Run_whose_caller_gave_up_before_it_started_never_runs()
    {
        using var threads = new EngineThreads(1);
        using var release = new ManualResetEventSlim();
        var busy = threads.RunAsync(() => Spin(release), CancellationToken.None);
        using var caller = new CancellationTokenSource();
        var ran = false;

        var queued = threads.RunAsync(() => ran = true, caller.Token);
        await caller.CancelAsync();
        release.Set();
        await busy;
        await threads.RunAsync(() => 0, CancellationToken.None); // the queue has moved past the cancelled run

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        Assert.False(ran);
    }

    [Fact]
    public async Task Engine_errors_reach_the_caller()
    {
        using var threads = new EngineThreads(1);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => threads.RunAsync<int>(() => throw new InvalidDataException("bad"), CancellationToken.None));

        Assert.Equal("bad", error.Message);
    }

    [Fact]
    public async Task Runs_see_the_callers_activity()
    {
        using var source = new ActivitySource("engine-threads-test");
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s == source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
        };
        ActivitySource.AddActivityListener(listener);
        using var threads = new EngineThreads(1);
        using var call = source.StartActivity("call");

        var seen = await threads.RunAsync(() => (Activity.Current?.Id, Environment.CurrentManagedThreadId), CancellationToken.None);

        Assert.Equal(call!.Id, seen.Id);
        Assert.NotEqual(Environment.CurrentManagedThreadId, seen.CurrentManagedThreadId);
    }

    private static bool Spin(ManualResetEventSlim release)
    {
        while (!release.IsSet)
        {
            Thread.SpinWait(1000);
        }
        return true;
    }
}
