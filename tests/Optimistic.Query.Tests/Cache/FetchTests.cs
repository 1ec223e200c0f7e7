using Optimistic.Query.Tests.Support;

namespace Optimistic.Query.Tests.Cache;

public class FetchTests
{
    private static readonly QueryKey Key = QueryKey.Create("todos");

    private static (QueryClient Client, FakeTimeProvider Time) NewClient(TimeSpan? staleTime = null)
    {
        var time = new FakeTimeProvider();
        var client = new QueryClient(new QueryClientOptions
        {
            TimeProvider = time,
            StaleTime = staleTime ?? TimeSpan.Zero,
            RetryDelay = (attempt, _) => TimeSpan.FromSeconds(attempt),
        });
        return (client, time);
    }

    [Fact]
    public async Task A_fetch_writes_its_result_and_returns_it()
    {
        var (client, time) = NewClient();
        using var _ = client;

        var data = await client.FetchQueryAsync(Key, _ => Task.FromResult(42));

        Assert.Equal(42, data);
        var state = client.GetQueryState<int>(Key)!;
        Assert.Equal(QueryStatus.Success, state.Status);
        Assert.Equal(FetchStatus.Idle, state.FetchStatus);
        Assert.Equal(time.GetUtcNow(), state.DataUpdatedAt);
    }

    [Fact]
    public async Task Concurrent_fetches_of_one_key_share_one_fetcher_call()
    {
        var (client, _) = NewClient();
        using var __ = client;
        var fetcher = new TestFetcher<int>();
        using var start = new Barrier(16);

        int started = 0;

        var callers = Enumerable.Range(0, 16).Select(_ => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            var fetch = client.FetchQueryAsync(Key, fetcher.FetchAsync);
            Interlocked.Increment(ref started);
            return fetch;
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap()).ToArray();
        Eventually.True(() => Volatile.Read(ref started) == 16, "every caller to start or join");
        fetcher.Complete(0, 7);
        var results = await Task.WhenAll(callers);

        Assert.Equal(1, fetcher.Calls);
        Assert.All(results, r => Assert.Equal(7, r));
    }

    [Fact]
    public async Task Fresh_data_is_returned_without_fetching_and_stale_data_refetches()
    {
        var (client, time) = NewClient(staleTime: TimeSpan.FromSeconds(10));
        using var _ = client;
        int calls = 0;
        Task<int> Fetch(CancellationToken ct) => Task.FromResult(++calls);

        Assert.Equal(1, await client.FetchQueryAsync(Key, Fetch));
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(1, await client.FetchQueryAsync(Key, Fetch));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, await client.FetchQueryAsync(Key, Fetch));
        Assert.Equal(3, await client.FetchQueryAsync(Key, Fetch, new FetchOptions { StaleTime = TimeSpan.Zero }));
    }

    [Fact]
    public async Task Default_stale_time_zero_always_fetches_and_invalidated_data_is_stale()
    {
        var (client, _) = NewClient();
        using var __ = client;
        int calls = 0;
        Task<int> Fetch(CancellationToken ct) => Task.FromResult(++calls);

        await client.FetchQueryAsync(Key, Fetch);
        await client.FetchQueryAsync(Key, Fetch);
        Assert.Equal(2, calls);

        var forever = new FetchOptions { StaleTime = Timeout.InfiniteTimeSpan };
        Assert.Equal(2, await client.FetchQueryAsync(Key, Fetch, forever));
        await client.InvalidateQueriesAsync(Key, refetch: RefetchType.None);
        Assert.Equal(3, await client.FetchQueryAsync(Key, Fetch, forever));
    }

    [Fact]
    public async Task Ensure_returns_any_cached_data_and_fetches_only_on_a_miss()
    {
        var (client, _) = NewClient();
        using var __ = client;
        int calls = 0;
        Task<string> Fetch(CancellationToken ct) => Task.FromResult($"v{++calls}");

        Assert.Equal("v1", await client.EnsureQueryDataAsync(Key, Fetch));
        await client.InvalidateQueriesAsync(Key, refetch: RefetchType.None);
        Assert.Equal("v1", await client.EnsureQueryDataAsync(Key, Fetch));
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task A_failed_fetch_without_data_sets_error_status_and_throws_to_callers()
    {
        var (client, time) = NewClient();
        using var _ = client;
        var boom = new InvalidOperationException("boom");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => client.FetchQueryAsync<int>(Key, _ => throw boom));

        Assert.Same(boom, thrown);
        var state = client.GetQueryState<int>(Key)!;
        Assert.Equal(QueryStatus.Error, state.Status);
        Assert.Same(boom, state.Error);
        Assert.Equal(time.GetUtcNow(), state.ErrorUpdatedAt);
        Assert.Equal(FetchStatus.Idle, state.FetchStatus);
    }

    [Fact]
    public async Task A_failed_fetch_keeps_existing_data_and_success_status()
    {
        var (client, _) = NewClient();
        using var __ = client;
        client.SetQueryData(Key, 1);

        await Assert.ThrowsAsync<TimeoutException>(() => client.FetchQueryAsync<int>(Key, _ => Task.FromException<int>(new TimeoutException())));

        var state = client.GetQueryState<int>(Key)!;
        Assert.Equal(1, state.Data);
        Assert.Equal(QueryStatus.Success, state.Status);
        Assert.IsType<TimeoutException>(state.Error);
    }

    [Fact]
    public async Task Imperative_fetches_do_not_retry_by_default()
    {
        var (client, _) = NewClient();
        using var __ = client;
        int calls = 0;
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            client.FetchQueryAsync<int>(Key, _ => { calls++; throw new InvalidOperationException(); }));
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task Retries_wait_the_backoff_on_the_clock_then_succeed()
    {
        var (client, time) = NewClient();
        using var _ = client;
        var fetcher = new TestFetcher<int>();

        var fetch = client.FetchQueryAsync(Key, fetcher.FetchAsync, new FetchOptions { Retry = 2 });
        int gcTimers = time.ArmedTimers; // the unobserved entry's gc countdown
        fetcher.Fail(0, new InvalidOperationException("first"));
        Eventually.True(() => time.ArmedTimers > gcTimers, "the first backoff timer");
        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(1, fetcher.Calls); // delay(1) = 1 s
        time.Advance(TimeSpan.FromMilliseconds(1));
        Eventually.True(() => fetcher.Calls == 2, "the first retry");

        fetcher.Fail(1, new InvalidOperationException("second"));
        Eventually.True(() => time.ArmedTimers > gcTimers, "the second backoff timer");
        time.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.Equal(2, fetcher.Calls); // delay(2) = 2 s
        time.Advance(TimeSpan.FromMilliseconds(1));
        Eventually.True(() => fetcher.Calls == 3, "the second retry");
        Assert.Equal(FetchStatus.Fetching, client.GetQueryState<int>(Key)!.FetchStatus);

        fetcher.Complete(2, 5);
        Assert.Equal(5, await fetch);
        Assert.Null(client.GetQueryState<int>(Key)!.Error);
    }

    [Fact]
    public async Task The_last_retry_failure_reaches_the_caller_and_uses_the_per_query_delay()
    {
        var (client, time) = NewClient();
        using var _ = client;
        int calls = 0;
        var attempts = new List<int>();
        var options = new FetchOptions
        {
            Retry = 1,
            RetryDelay = (attempt, _) => { attempts.Add(attempt); return TimeSpan.FromMinutes(1); },
        };

        var fetch = client.FetchQueryAsync<int>(Key, _ => throw new InvalidOperationException($"call {++calls}"), options);
        Eventually.True(() => calls == 1 && time.ArmedTimers == 2, "the backoff timer (next to the gc timer)");
        time.Advance(TimeSpan.FromMinutes(1));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => fetch);
        Assert.Equal("call 2", error.Message);
        Assert.Equal(new[] { 1 }, attempts);
    }

    [Fact]
    public async Task A_callers_token_stops_only_its_wait()
    {
        var (client, _) = NewClient();
        using var __ = client;
        var fetcher = new TestFetcher<int>();
        using var cts = new CancellationTokenSource();

        var impatient = client.FetchQueryAsync(Key, fetcher.FetchAsync, cancellationToken: cts.Token);
        var patient = client.FetchQueryAsync(Key, fetcher.FetchAsync);
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient);
        Assert.False(fetcher.Token(0).IsCancellationRequested);
        fetcher.Complete(0, 9);
        Assert.Equal(9, await patient);
        Assert.Equal(9, client.GetQueryData<int>(Key));
    }

    [Fact]
    public async Task Joining_a_fetch_of_another_type_throws_a_cast_error()
    {
        var (client, _) = NewClient();
        using var __ = client;
        var fetcher = new TestFetcher<int>();
        var first = client.FetchQueryAsync(Key, fetcher.FetchAsync);
        var second = client.FetchQueryAsync(Key, _ => Task.FromResult("text"));
        fetcher.Complete(0, 1);

        Assert.Equal(1, await first);
        await Assert.ThrowsAsync<InvalidCastException>(() => second);
    }

    [Fact]
    public async Task A_fetcher_returning_a_null_task_fails_the_fetch()
    {
        var (client, _) = NewClient();
        using var __ = client;
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.FetchQueryAsync<int>(Key, _ => null!));
        Assert.Contains("null Task", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_cancels_in_flight_fetches()
    {
        var (client, _) = NewClient();
        var fetcher = new TestFetcher<int>();
        var fetch = client.FetchQueryAsync(Key, fetcher.FetchAsync);

        client.Dispose();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fetch);
        Assert.True(fetcher.Token(0).IsCancellationRequested);
        Assert.Throws<ObjectDisposedException>(() => { _ = client.FetchQueryAsync(Key, fetcher.FetchAsync); });
    }
}
