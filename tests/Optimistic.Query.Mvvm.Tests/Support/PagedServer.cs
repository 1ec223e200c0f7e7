using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Optimistic.Query.Mvvm.Tests.Support;

/// <summary>A paged list whose pages the test answers, on the thread pool, call by call.</summary>
/// <typeparam name="T">A page.</typeparam>
internal sealed class PagedServer<T>
{
    private readonly ConcurrentDictionary<int, Channel<TaskCompletionSource<T>>> _calls = new();
    private int _count;

    public int Calls => Volatile.Read(ref _count);

    public Task<T> FetchAsync(int page)
    {
        Interlocked.Increment(ref _count);
        var call = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        CallsOf(page).Writer.TryWrite(call);
        return call.Task;
    }

    public Func<CancellationToken, Task<T>> Fetcher(int page) => _ => FetchAsync(page);

    /// <summary>Answers the oldest open call for <paramref name="page"/> from a pool thread (waiting for it, bounded).</summary>
    public async Task AnswerAsync(int page, T answer)
    {
        var call = await CallsOf(page).Reader.ReadAsync().AsTask().WaitAsync(UiThread.Timeout);
        await Task.Run(() => call.SetResult(answer));
    }

    private Channel<TaskCompletionSource<T>> CallsOf(int page) =>
        _calls.GetOrAdd(page, _ => Channel.CreateUnbounded<TaskCompletionSource<T>>());
}
