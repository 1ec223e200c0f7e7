using System;
using System.Threading;
using System.Threading.Tasks;

namespace Optimistic.Query.Cache;

/// <summary>
/// One in-flight fetch of an entry, shared by every caller that joined it. Its identity is the write permit: a run
/// writes its result only while the entry still points at it (<see cref="QueryEntry.Fetch"/>), so detaching it under
/// the entry's lock (cancel, supersede, remove) guarantees it never writes, even if its fetcher ignores the token.
/// </summary>
internal sealed class FetchRun
{
    public FetchRun(QueryEntry entry, QueryFetcher fetcher, Exception? errorBefore, QueryStatus statusBefore, long dataVersionAtStart)
    {
        Entry = entry;
        Fetcher = fetcher;
        ErrorBefore = errorBefore;
        StatusBefore = statusBefore;
        DataVersionAtStart = dataVersionAtStart;
    }

    public QueryEntry Entry { get; }

    public QueryFetcher Fetcher { get; }

    /// <summary>The error the entry held before the fetch began, restored when the fetch is cancelled.</summary>
    public Exception? ErrorBefore { get; }

    /// <summary>The status the entry held before the fetch began, restored when the fetch is cancelled.</summary>
    public QueryStatus StatusBefore { get; }

    /// <summary>The entry's data version when the fetch began: a manual write since then wins over the revert.</summary>
    public long DataVersionAtStart { get; }

    public CancellationTokenSource Cancellation { get; } = new();

    /// <summary>Completes with the fetched data; continuations run asynchronously so no waiter runs inside the cache.</summary>
    public TaskCompletionSource<object?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<object?> Task => Completion.Task;

    public void Fail(Exception error)
    {
        Completion.TrySetException(error);
        _ = Completion.Task.Exception; // observed: a fetch nobody awaits must not raise UnobservedTaskException
    }

    /// <summary>Completes this (superseded) run with the outcome of <paramref name="successor"/>.</summary>
    public void ForwardTo(FetchRun successor) =>
        successor.Task.ContinueWith(static (task, state) =>
        {
            var run = (FetchRun)state!;
            if (task.IsCanceled) run.Completion.TrySetCanceled();
            else if (task.Exception is { } error) run.Fail(error.InnerException ?? error);
            else run.Completion.TrySetResult(task.Result);
        }, this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
