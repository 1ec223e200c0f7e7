namespace Optimistic.Query.Tests.Cache;

/// <summary>
/// Regression: a fetch result handed to another thread that was busy delivering to the observer (its listener still
/// running) released the fetch's awaiters before any listener saw the result.
/// </summary>
public class ObserverHandOffTests
{
    private static readonly QueryKey Key = QueryKey.Create("hand-off");

    [Fact]
    public async Task An_awaited_RefetchAsync_waits_for_a_delivery_running_on_another_thread()
    {
        using var client = new QueryClient();
        var fetcher = new TestFetcher<int>();
        using var observer = client.Observe(Key, fetcher.FetchAsync, new FetchOptions { Retry = 0 });
        fetcher.Complete(0, 1);
        Eventually.True(() => observer.State.Data == 1, "the first fetch");
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        int blocked = 0, seenData = 0;
        bool current = true;
        using var subscription = observer.Subscribe(s =>
        {
            if (current)
            {
                current = false; // the current state, handed over by Subscribe on this thread: not the delivery to block
                return;
            }
            if (s.FetchStatus != FetchStatus.Idle) return;
            if (Interlocked.Exchange(ref blocked, 1) == 0)
            {
                entered.Set();
                release.Wait(); // a listener busy on another thread while the refetch lands
            }
            Volatile.Write(ref seenData, s.Data);
        });
        // A change made on a pool thread, whose delivery blocks there (unless the first fetch's own delivery does).
        var invalidation = Task.Run(() => client.InvalidateQueriesAsync(Key, exact: true, RefetchType.None));
        Eventually.True(() => entered.IsSet, "a delivery to block in the listener");

        var refetch = observer.RefetchAsync();
        fetcher.Complete(1, 2);
        Eventually.True(() => observer.State is { Data: 2, FetchStatus: FetchStatus.Idle }, "the refetch to land");
        Assert.False(refetch.IsCompleted, "released before the busy deliverer passed the result on");
        release.Set();
        await refetch;

        Assert.Equal(2, Volatile.Read(ref seenData));
        await invalidation;
    }
}
