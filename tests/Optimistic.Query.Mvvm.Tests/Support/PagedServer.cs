using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Optimistic.Query.Mvvm.Tests.Support;

/// <summary>A paged list whose pages the test answers, on the thread pool, call by call.</summary>
internal sealed class PagedServer
{
    private readonly ConcurrentDictionary<int, Channel<TaskCompletionSource<string>>> _calls = new();
    private int _count;

    public int Calls => Volatile.Read(ref _count);

    public static QueryKey Key(int page) => QueryKey.Create("items", new { page });

    public Func<CancellationToken, Task<string>> Fetcher(int page) => _ =>
    {
        Interlocked.Increment(ref _count);
        var call = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        CallsOf(page).Writer.TryWrite(call);
        return call.Task;
    };

    /// <summary>Answers the oldest open call for <paramref name="page"/> from a pool thread (waiting for it, bounded).</summary>
    public async Task AnswerAsync(int page, string? answer = null)
    {
        var call = await CallsOf(page).Reader.ReadAsync().AsTask().WaitAsync(UiThread.Timeout);
        await Task.Run(() => call.SetResult(answer ?? $"page {page}"));
    }

    private Channel<TaskCompletionSource<string>> CallsOf(int page) =>
        _calls.GetOrAdd(page, _ => Channel.CreateUnbounded<TaskCompletionSource<string>>());
}
