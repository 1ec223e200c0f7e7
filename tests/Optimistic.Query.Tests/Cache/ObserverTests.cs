using Microsoft.Extensions.Logging;
using Optimistic.Query.Tests.Support;

namespace Optimistic.Query.Tests.Cache;

public class ObserverTests
{
    private static readonly QueryKey Key = QueryKey.Create("todos");

    private sealed class ListLogger : ILogger
    {
        public List<(LogLevel Level, Exception? Error)> Entries { get; } = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Entries) Entries.Add((logLevel, exception));
        }
    }

    private static QueryClient NewClient(ILogger? logger = null, FakeTimeProvider? time = null) =>
        new(new QueryClientOptions { TimeProvider = time ?? new FakeTimeProvider(), Logger = logger, RetryDelay = (_, _) => TimeSpan.FromSeconds(1) });

    [Fact]
    public void Observing_an_empty_key_fetches_and_notifies_once_per_change()
    {
        using var client = NewClient();
        var fetcher = new TestFetcher<int>();
        using var observer = client.Observe(Key, fetcher.FetchAsync);
        var seen = new List<QueryState<int>>();
        using var subscription = observer.Subscribe(s => { lock (seen) seen.Add(s); });

        Assert.Equal(1, fetcher.Calls);
        Assert.Equal(FetchStatus.Fetching, observer.State.FetchStatus);
        Assert.Equal(QueryStatus.Pending, observer.State.Status);

        lock (seen) Assert.Equal(new[] { (QueryStatus.Pending, FetchStatus.Fetching) }, seen.Select(s => (s.Status, s.FetchStatus))); // the current state

        fetcher.Complete(0, 5);
        Eventually.True(() => { lock (seen) return seen.Count == 2; }, "the success notification");
        client.SetQueryData(Key, 6);
        client.SetQueryData<int>(Key, _ => default); // int default 0 is not null: a write
        Assert.Equal(4, seen.Count);
        Assert.Equal(new[] { 5, 6, 0 }, seen.Skip(1).Select(s => s.Data));
        Assert.Equal(QueryStatus.Success, seen[1].Status);
        Assert.Equal(FetchStatus.Idle, seen[1].FetchStatus);
        Assert.Equal(0, observer.State.Data);
    }

    [Fact]
    public void A_no_op_write_does_not_notify()
    {
        using var client = NewClient();
        client.SetQueryData(Key, "a");
        using var observer = client.Observe(Key, _ => Task.FromResult("b"), new FetchOptions { StaleTime = TimeSpan.FromHours(1) });
        int calls = 0;
        using var _ = observer.Subscribe(_ => calls++);

        Assert.Equal(1, calls); // the current state
        client.SetQueryData<string>(Key, (string?)null);
        client.SetQueryData<string>(Key, _ => null);
        Assert.Equal(1, calls);
        Assert.Equal("a", observer.State.Data); // fresh: no fetch
    }

    [Fact]
    public void A_throwing_listener_neither_breaks_other_listeners_nor_the_writer()
    {
        var logger = new ListLogger();
        using var client = NewClient(logger);
        client.SetQueryData(Key, 1);
        using var observer = client.Observe(Key, _ => Task.FromResult(1), new FetchOptions { StaleTime = TimeSpan.FromHours(1) });
        var seen = new List<int>();
        using var bad = observer.Subscribe(s => { if (s.Data == 2) throw new InvalidOperationException("listener bug"); });
        using var good = observer.Subscribe(s => seen.Add(s.Data));

        client.SetQueryData(Key, 2);

        Assert.Equal(new[] { 1, 2 }, seen); // 1: the current state when it subscribed
        Assert.Equal(2, client.GetQueryData<int>(Key));
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.IsType<InvalidOperationException>(entry.Error);
    }

    [Fact]
    public void Unsubscribed_and_disposed_observers_are_not_notified()
    {
        using var client = NewClient();
        client.SetQueryData(Key, 1);
        var observer = client.Observe(Key, _ => Task.FromResult(1), new FetchOptions { StaleTime = TimeSpan.FromHours(1) });
        int first = 0, second = 0;
        var subscription = observer.Subscribe(_ => first++);
        observer.Subscribe(_ => second++);

        Assert.Equal((1, 1), (first, second)); // the current state
        subscription.Dispose();
        subscription.Dispose();
        client.SetQueryData(Key, 2);
        observer.Dispose();
        client.SetQueryData(Key, 3);

        Assert.Equal(1, first);
        Assert.Equal(2, second);
        Assert.Throws<ObjectDisposedException>(() => observer.Subscribe(_ => { }));
    }

    [Fact]
    public void Fresh_data_is_not_refetched_by_a_new_observer_and_stale_data_is()
    {
        using var client = NewClient();
        client.SetQueryData(Key, 1);
        int calls = 0;
        Task<int> Fetch(CancellationToken ct) => Task.FromResult(++calls + 100);

        using (client.Observe(Key, Fetch, new FetchOptions { StaleTime = TimeSpan.FromMinutes(1) })) { }
        Assert.Equal(0, calls);
        using (client.Observe(Key, Fetch)) { }
        Assert.Equal(1, calls);
        Assert.Equal(101, client.GetQueryData<int>(Key));
    }

    [Fact]
    public void Observer_fetches_retry_by_default_and_errors_land_in_the_state()
    {
        var time = new FakeTimeProvider();
        using var client = NewClient(time: time);
        int calls = 0;
        using var observer = client.Observe<int>(Key, _ => { calls++; throw new InvalidOperationException($"#{calls}"); });

        for (int retry = 1; retry <= 3; retry++)
        {
            Eventually.True(() => time.ArmedTimers > 0, "a backoff timer");
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Eventually.True(() => observer.State.FetchStatus == FetchStatus.Idle, "the fetch to give up");
        Assert.Equal(4, calls); // 1 + ObserverRetry (3)
        Assert.Equal(QueryStatus.Error, observer.State.Status);
        Assert.Equal("#4", observer.State.Error!.Message);
    }

    [Fact]
    public async Task RefetchAsync_reports_fetch_errors_through_the_state_not_by_throwing()
    {
        using var client = NewClient();
        int calls = 0;
        using var observer = client.Observe<int>(Key, _ => throw new InvalidOperationException($"#{++calls}"), new FetchOptions { Retry = 0 });

        await observer.RefetchAsync();

        Assert.Equal(2, calls);
        Assert.Equal("#2", observer.State.Error!.Message);
        Assert.Equal(QueryStatus.Error, observer.State.Status);
    }

    [Fact]
    public async Task RefetchAsync_fetches_even_fresh_data_and_completes_when_written()
    {
        using var client = NewClient();
        int calls = 0;
        using var observer = client.Observe(Key, _ => Task.FromResult(++calls), new FetchOptions { StaleTime = TimeSpan.FromHours(1) });
        Assert.Equal(1, observer.State.Data);

        await observer.RefetchAsync();

        Assert.Equal(2, observer.State.Data);
    }

    [Fact]
    public async Task An_observer_survives_removal_of_its_entry_and_recreates_it_on_refetch()
    {
        using var client = NewClient();
        int calls = 0;
        using var observer = client.Observe(Key, _ => Task.FromResult(++calls));
        client.Clear();
        Assert.Equal(0, client.Count);

        await observer.RefetchAsync();

        Assert.Equal(2, client.GetQueryData<int>(Key));
        Assert.Equal(2, observer.State.Data);
    }

    [Fact]
    public void A_state_of_another_type_is_logged_not_thrown_at_the_writer()
    {
        var logger = new ListLogger();
        using var client = NewClient(logger);
        client.SetQueryData(Key, 1);
        using var observer = client.Observe(Key, _ => Task.FromResult(1), new FetchOptions { StaleTime = TimeSpan.FromHours(1) });
        using var _ = observer.Subscribe(_ => { });

        client.SetQueryData(Key, "text");

        Assert.Single(logger.Entries);
        Assert.Throws<InvalidCastException>(() => observer.State);
    }

    [Fact]
    public async Task Listeners_have_seen_the_fetched_data_when_an_awaited_RefetchAsync_returns()
    {
        using var client = NewClient();
        var fetcher = new TestFetcher<int>();
        using var observer = client.Observe(Key, fetcher.FetchAsync, new FetchOptions { Retry = 0 });
        fetcher.Complete(0, 1);
        Eventually.True(() => observer.State.Data == 1, "the first fetch");
        int seenData = 0;
        using var subscription = observer.Subscribe(s =>
        {
            if (s.FetchStatus != FetchStatus.Idle) return;
            Thread.Sleep(200); // a slow render: the awaiting caller must not move on before it is done
            Volatile.Write(ref seenData, s.Data);
        });

        var refetch = observer.RefetchAsync();
        fetcher.Complete(1, 2);
        await refetch;

        Assert.Equal(2, Volatile.Read(ref seenData));
    }

    [Fact]
    public async Task Listeners_have_seen_the_fetched_data_when_an_awaited_FetchQueryAsync_returns()
    {
        using var client = NewClient();
        using var observer = client.Observe(Key, _ => Task.FromResult(1), new FetchOptions { StaleTime = Timeout.InfiniteTimeSpan });
        Eventually.True(() => observer.State.Data == 1, "the first fetch");
        int seenData = 0;
        using var subscription = observer.Subscribe(s =>
        {
            if (s.FetchStatus != FetchStatus.Idle) return;
            Thread.Sleep(200);
            Volatile.Write(ref seenData, s.Data);
        });
        await client.InvalidateQueriesAsync(Key, exact: true, RefetchType.None);
        var fetcher = new TestFetcher<int>();

        var fetch = client.FetchQueryAsync(Key, fetcher.FetchAsync);
        fetcher.Complete(0, 3);
        Assert.Equal(3, await fetch);

        Assert.Equal(3, Volatile.Read(ref seenData));
    }

    [Fact]
    public async Task Listeners_have_seen_the_error_when_an_awaited_failing_fetch_returns()
    {
        using var client = NewClient();
        using var observer = client.Observe(Key, _ => Task.FromResult(1), new FetchOptions { StaleTime = Timeout.InfiniteTimeSpan });
        Eventually.True(() => observer.State.Data == 1, "the first fetch");
        Exception? seenError = null;
        using var subscription = observer.Subscribe(s =>
        {
            if (s.FetchStatus != FetchStatus.Idle || s.Error is null) return;
            Thread.Sleep(200);
            Volatile.Write(ref seenError, s.Error);
        });
        await client.InvalidateQueriesAsync(Key, exact: true, RefetchType.None);
        var fetcher = new TestFetcher<int>();

        var fetch = client.FetchQueryAsync(Key, fetcher.FetchAsync);
        fetcher.Fail(0, new InvalidOperationException("boom"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => fetch);

        Assert.Equal("boom", Volatile.Read(ref seenError)?.Message);
    }
}
