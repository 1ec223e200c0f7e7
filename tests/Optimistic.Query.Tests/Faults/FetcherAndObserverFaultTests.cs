using Optimistic.Query.Tests.Mutations;
using Optimistic.Query.Tests.Support;

namespace Optimistic.Query.Tests.Faults;

/// <summary>Fetchers that throw, hang or ignore cancellation, and observers that throw: the rest of the cache carries on.</summary>
public class FetcherAndObserverFaultTests
{
    private static readonly QueryKey Key = QueryKey.Create("faulty");
    private static readonly QueryKey Other = QueryKey.Create("healthy");

    private static QueryClient NewClient(ListLogger? logger = null, FakeTimeProvider? time = null) =>
        new(new QueryClientOptions { TimeProvider = time ?? new FakeTimeProvider(), Logger = logger, ObserverRetry = 0 });

    [Fact]
    public async Task A_throwing_fetcher_fails_its_own_query_only()
    {
        using var client = NewClient();
        client.SetQueryData(Other, 1);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            client.FetchQueryAsync<int>(Key, _ => throw new InvalidOperationException("sync throw")));
        Assert.Equal("sync throw", error.Message);
        await Assert.ThrowsAsync<TimeoutException>(() =>
            client.FetchQueryAsync<int>(QueryKey.Create("async"), async _ => { await Task.Yield(); throw new TimeoutException(); }));

        var state = client.GetQueryState<int>(Key)!;
        Assert.Equal(QueryStatus.Error, state.Status);
        Assert.Equal(FetchStatus.Idle, state.FetchStatus);
        Assert.Equal(1, client.GetQueryData<int>(Other));
        Assert.Equal(5, await client.FetchQueryAsync(Key, _ => Task.FromResult(5))); // the key recovers
    }

    [Fact]
    public async Task A_hanging_fetcher_is_cancelled_and_its_waiters_released()
    {
        using var client = NewClient();
        client.SetQueryData(Key, 1);
        client.RemoveQueries(Key);
        var hang = client.FetchQueryAsync<int>(Key, ct => Task.Delay(Timeout.Infinite, ct).ContinueWith(_ => 0, TaskScheduler.Default));
        Assert.False(hang.IsCompleted);

        await client.CancelQueriesAsync(Key).WaitAsync(TimeSpan.FromSeconds(10));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => hang.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(FetchStatus.Idle, client.GetQueryState<int>(Key)!.FetchStatus);
        client.SetQueryData(Other, 2);
        Assert.Equal(2, client.GetQueryData<int>(Other));
    }

    [Fact]
    public async Task A_fetcher_that_ignores_cancellation_never_writes_its_late_result()
    {
        using var client = NewClient();
        client.SetQueryData(Key, 1);
        var late = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = client.InvalidateQueriesAsync(Key, refetch: RefetchType.None);
        var fetch = client.FetchQueryAsync<int>(Key, _ => late.Task); // ignores its token

        await client.CancelQueriesAsync(Key);
        client.SetQueryData(Key, 2); // a manual write while the cancelled fetch is still running
        late.SetResult(99);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fetch);
        await Task.Delay(50);
        Assert.Equal(2, client.GetQueryData<int>(Key));
    }

    [Fact]
    public async Task A_throwing_observer_listener_is_logged_and_other_listeners_and_observers_still_run()
    {
        var logger = new ListLogger();
        using var client = NewClient(logger);
        var pending = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var first = client.Observe<int>(Key, _ => pending.Task);
        using var second = client.Observe<int>(Key, _ => pending.Task);
        var seen = new List<int>();
        using var a = first.Subscribe(_ => throw new InvalidOperationException("listener bug"));
        using var b = first.Subscribe(s => { lock (seen) seen.Add(s.Data); });
        using var c = second.Subscribe(_ => throw new InvalidOperationException("listener bug 2"));
        using var d = second.Subscribe(s => { lock (seen) seen.Add(s.Data); });

        Assert.Equal(new[] { 0, 0 }, seen); // each listener got the current state (pending, no data) when it subscribed
        Assert.Equal(2, logger.Entries.Count(e => e.Exception is InvalidOperationException));

        client.SetQueryData(Key, 7);
        Assert.Equal(new[] { 0, 0, 7, 7 }, seen);
        Assert.Equal(4, logger.Entries.Count(e => e.Exception is InvalidOperationException));
        Assert.Equal(7, client.GetQueryData<int>(Key));
        client.SetQueryData(Other, 8);
        Assert.Equal(8, client.GetQueryData<int>(Other));

        pending.SetResult(9);
        await client.FetchQueryAsync<int>(Key, _ => pending.Task).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(9, client.GetQueryData<int>(Key));
    }

    [Fact]
    public async Task A_throwing_updater_or_recipe_leaves_the_entry_unchanged()
    {
        using var client = NewClient();
        client.SetQueryData(Key, 1);
        Assert.Throws<InvalidOperationException>(() => client.SetQueryData<int>(Key, _ => throw new InvalidOperationException()));
        Assert.Throws<InvalidOperationException>(() => client.UpdateQueryData<int>(Key, _ => throw new InvalidOperationException()));
        Assert.Equal(1, client.GetQueryData<int>(Key));
        Assert.Equal(2, client.SetQueryData<int>(Key, n => n + 1));
        await client.InvalidateQueriesAsync(Key);
    }
}

public class ObserverOrderingTests
{
    internal sealed record Counter(long Value);

    [Fact]
    public async Task A_listener_never_sees_an_older_state_after_a_newer_one_under_concurrent_writers()
    {
        var key = QueryKey.Create("ordered");
        using var client = new QueryClient();
        using var observer = client.Observe<Counter>(key, ct => Task.Delay(Timeout.Infinite, ct).ContinueWith(_ => new Counter(0), TaskScheduler.Default));
        long last = 0, reorders = 0;
        using var subscription = observer.Subscribe(s =>
        {
            long value = s.Data?.Value ?? 0;
            long before = Interlocked.Exchange(ref last, Math.Max(value, Interlocked.Read(ref last)));
            if (value < before) Interlocked.Increment(ref reorders);
        });
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (int i = 0; i < 20_000; i++) client.SetQueryData<Counter>(key, c => new Counter((c?.Value ?? 0) + 1));
        })));
        Assert.Equal(0, Interlocked.Read(ref reorders));
        Assert.Equal(8 * 20_000, Interlocked.Read(ref last)); // the newest state was delivered before the writers returned
    }

    [Fact]
    public async Task A_listener_is_never_called_concurrently_with_itself()
    {
        var key = QueryKey.Create("serial");
        using var client = new QueryClient();
        using var observer = client.Observe<Counter>(key, ct => Task.Delay(Timeout.Infinite, ct).ContinueWith(_ => new Counter(0), TaskScheduler.Default));
        int inside = 0, overlaps = 0;
        using var subscription = observer.Subscribe(_ =>
        {
            if (Interlocked.Increment(ref inside) > 1) Interlocked.Increment(ref overlaps);
            Thread.SpinWait(50);
            Interlocked.Decrement(ref inside);
        });
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (int i = 0; i < 5_000; i++) client.SetQueryData<Counter>(key, c => new Counter((c?.Value ?? 0) + 1));
        })));
        Assert.Equal(0, overlaps);
    }

    [Fact]
    public async Task A_listener_that_writes_the_same_key_neither_deadlocks_nor_reorders_other_listeners()
    {
        var key = QueryKey.Create("reentrant");
        using var client = new QueryClient();
        using var observer = client.Observe<Counter>(key, ct => Task.Delay(Timeout.Infinite, ct).ContinueWith(_ => new Counter(0), TaskScheduler.Default));
        var writerSaw = new List<long>();
        var readerSaw = new List<long>();
        // The first listener bumps the counter up to 5 from inside its own notification; the second only records.
        using var writer = observer.Subscribe(s =>
        {
            long value = s.Data?.Value ?? 0;
            writerSaw.Add(value);
            if (value is > 0 and < 5) client.SetQueryData<Counter>(key, c => new Counter(c!.Value + 1));
        });
        using var reader = observer.Subscribe(s => readerSaw.Add(s.Data?.Value ?? 0));

        var run = Task.Run(() => client.SetQueryData(key, new Counter(1)));
        Assert.True(run == await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(10))), "deadlock: a listener writing its own key");

        // 0: the current state (no data yet), handed to each listener when it subscribed.
        Assert.Equal(new long[] { 0, 1, 2, 3, 4, 5 }, writerSaw);
        Assert.Equal(new long[] { 0, 1, 2, 3, 4, 5 }, readerSaw);
        Assert.Equal(5, client.GetQueryData<Counter>(key)!.Value);
    }

    [Fact]
    public async Task Listeners_that_write_each_others_keys_from_two_threads_do_not_deadlock()
    {
        var left = QueryKey.Create("left");
        var right = QueryKey.Create("right");
        using var client = new QueryClient();
        Task<Counter> Never(CancellationToken ct) => Task.Delay(Timeout.Infinite, ct).ContinueWith(_ => new Counter(0), TaskScheduler.Default);
        using var leftObserver = client.Observe<Counter>(left, Never);
        using var rightObserver = client.Observe<Counter>(right, Never);
        using var a = leftObserver.Subscribe(s => { if (s.Data is { Value: < 2_000 } c) client.SetQueryData(right, new Counter(c.Value + 1)); });
        using var b = rightObserver.Subscribe(s => { if (s.Data is { Value: < 2_000 } c) client.SetQueryData(left, new Counter(c.Value + 1)); });

        var both = Task.WhenAll(
            Task.Run(() => { for (int i = 0; i < 200; i++) client.SetQueryData(left, new Counter(i)); }),
            Task.Run(() => { for (int i = 0; i < 200; i++) client.SetQueryData(right, new Counter(i)); }));
        Assert.Same(both, await Task.WhenAny(both, Task.Delay(TimeSpan.FromSeconds(30))));
        await both;
    }
}
