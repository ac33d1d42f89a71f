using System.Collections.Concurrent;

namespace ReportValidation.Server.Validation;

/// <summary>
/// The threads the engine runs on, one per allowed concurrent run. The engine is synchronous and
/// CPU-bound. Run on thread-pool threads, as many runs as processors leave no pool thread for timers,
/// deadlines and socket completions: measured on 2 cores, a <c>CancelAfter(1)</c> fired 2.5 s late with
/// two busy pool threads, so call time limits did not bite and hits queued behind misses. On their own
/// threads, runs leave the pool to the I/O, and the queue in front of them bounds how many run at once.
/// </summary>
public sealed class EngineThreads : IDisposable
{
    private readonly BlockingCollection<Run> _queue = new();
    private readonly Thread[] _threads;

    public EngineThreads(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _threads = new Thread[count];
        for (var i = 0; i < count; i++)
        {
            _threads[i] = new Thread(Work) { IsBackground = true, Name = $"engine-{i}" };
            _threads[i].Start();
        }
    }

    public int Count => _threads.Length;

    /// <summary>
    /// Runs <paramref name="engine"/> on an engine thread with the caller's execution context (so spans
    /// nest under the call's). A caller that is cancelled stops waiting at once; its run is skipped if it
    /// has not started, and otherwise stops at the engine's next check of the token.
    /// </summary>
    public Task<T> RunAsync<T>(Func<T> engine, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }
        var run = new Run<T>(engine, ExecutionContext.Capture(), cancellationToken);
        _queue.Add(run, CancellationToken.None);
        return run.Completion.Task.WaitAsync(cancellationToken);
    }

    private void Work()
    {
        foreach (var run in _queue.GetConsumingEnumerable())
        {
            run.Execute();
        }
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        foreach (var thread in _threads)
        {
            thread.Join(TimeSpan.FromSeconds(5));
        }
        _queue.Dispose();
    }

    private abstract class Run
    {
        public abstract void Execute();
    }

    private sealed class Run<T>(Func<T> engine, ExecutionContext? context, CancellationToken cancellationToken) : Run
    {
        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Execute()
        {
            if (cancellationToken.IsCancellationRequested)
            {
                Completion.TrySetCanceled(cancellationToken);
                return;
            }
            if (context is null)
            {
                Complete();
            }
            else
            {
                ExecutionContext.Run(context, static state => ((Run<T>)state!).Complete(), this);
            }
        }

        private void Complete()
        {
            try
            {
                Completion.TrySetResult(engine());
            }
            catch (OperationCanceledException exception) when (exception.CancellationToken == cancellationToken)
            {
                Completion.TrySetCanceled(cancellationToken);
            }
            catch (Exception exception)
            {
                Completion.TrySetException(exception);
            }
        }
    }
}
