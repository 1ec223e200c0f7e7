using Optimistic.Query.Tests.Support;

namespace Optimistic.Query.Tests.Cache;

public class CancelTests
{
    private static readonly QueryKey Notifications = QueryKey.Create(new[] { "notification", "getNotifications" },
        new { input = new { limit = 20, offset = 0, unreadOnly = false }, type = "query" });

    private static QueryClient NewClient() => new(new QueryClientOptions { TimeProvider = new FakeTimeProvider() });

    [Fact]
    public async Task A_fetch_completing_after_cancel_does_not_overwrite_an_optimistic_write()
    {
        using var client = NewClient();
        client.SetQueryData(Notifications, "server v1");
        var fetcher = new TestFetcher<string>(); // ignores its token
        var refetch = client.FetchQueryAsync(Notifications, fetcher.FetchAsync);

        // The optimistic-update contract: cancel, snapshot, write.
        await client.CancelQueriesAsync(Notifications);
        var previous = client.GetQueryData<string>(Notifications);
        client.SetQueryData(Notifications, "optimistic");

        fetcher.Complete(0, "server v1 (stale)");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => refetch);

        Assert.Equal("server v1", previous);
        Assert.Equal("optimistic", client.GetQueryData<string>(Notifications));
        Assert.Equal(FetchStatus.Idle, client.GetQueryState<string>(Notifications)!.FetchStatus);
    }

    [Fact]
    public async Task A_fetch_failing_after_cancel_records_no_error()
    {
        using var client = NewClient();
        client.SetQueryData(Notifications, "v1");
        var fetcher = new TestFetcher<string>();
        var refetch = client.FetchQueryAsync(Notifications, fetcher.FetchAsync);

        await client.CancelQueriesAsync(Notifications);
        fetcher.Fail(0, new InvalidOperationException("late failure"));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => refetch);

        var state = client.GetQueryState<string>(Notifications)!;
        Assert.Null(state.Error);
        Assert.Equal("v1", state.Data);
    }

    [Fact]
    public async Task Cancel_reverts_fetch_status_and_error_and_keeps_data()
    {
        using var client = NewClient();
        var oldError = new InvalidOperationException("old");
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.FetchQueryAsync<string>(Notifications, _ => throw oldError));
        var failed = client.GetQueryState<string>(Notifications)!;

        var fetcher = new TestFetcher<string>();
        _ = client.FetchQueryAsync(Notifications, fetcher.FetchAsync);
        var fetching = client.GetQueryState<string>(Notifications)!;
        Assert.Equal(FetchStatus.Fetching, fetching.FetchStatus);
        Assert.Equal(QueryStatus.Pending, fetching.Status); // without data, a fetch starts from pending (TanStack)
        Assert.Null(fetching.Error);

        await client.CancelQueriesAsync(Notifications);

        Assert.Equal(failed, client.GetQueryState<string>(Notifications));
        Assert.True(fetcher.Token(0).IsCancellationRequested);
    }

    [Fact]
    public async Task Cancel_keeps_a_manual_write_made_during_the_fetch()
    {
        using var client = NewClient();
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            client.FetchQueryAsync<string>(Notifications, _ => throw new InvalidOperationException()));
        var fetcher = new TestFetcher<string>();
        _ = client.FetchQueryAsync(Notifications, fetcher.FetchAsync);
        client.SetQueryData(Notifications, "manual");

        await client.CancelQueriesAsync(Notifications);

        var state = client.GetQueryState<string>(Notifications)!;
        Assert.Equal("manual", state.Data);
        Assert.Equal(QueryStatus.Success, state.Status);
        Assert.Null(state.Error);
        Assert.Equal(FetchStatus.Idle, state.FetchStatus);
    }

    [Fact]
    public async Task Prefix_cancel_reaches_every_match_and_exact_cancel_only_the_key()
    {
        using var client = NewClient();
        var list = QueryKey.Create("todos", "list");
        var detail = QueryKey.Create("todos", "detail", 1);
        var other = QueryKey.Create("users");
        var fetchers = new[] { new TestFetcher<int>(), new TestFetcher<int>(), new TestFetcher<int>() };
        var keys = new[] { list, detail, other };
        var fetches = keys.Select((k, i) => client.FetchQueryAsync(k, fetchers[i].FetchAsync)).ToArray();

        await client.CancelQueriesAsync(QueryKey.Create("todos"), exact: true); // no entry has exactly this key
        Assert.All(keys, k => Assert.Equal(FetchStatus.Fetching, client.GetQueryState<int>(k)!.FetchStatus));

        await client.CancelQueriesAsync(QueryKey.Create("todos"));
        Assert.Equal(FetchStatus.Idle, client.GetQueryState<int>(list)!.FetchStatus);
        Assert.Equal(FetchStatus.Idle, client.GetQueryState<int>(detail)!.FetchStatus);
        Assert.Equal(FetchStatus.Fetching, client.GetQueryState<int>(other)!.FetchStatus);

        await client.CancelQueriesAsync(other, exact: true);
        Assert.Equal(FetchStatus.Idle, client.GetQueryState<int>(other)!.FetchStatus);
        foreach (var fetch in fetches) await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fetch);
    }

    [Fact]
    public async Task A_new_fetch_after_cancel_writes_normally()
    {
        using var client = NewClient();
        var fetcher = new TestFetcher<int>();
        var first = client.FetchQueryAsync(Notifications, fetcher.FetchAsync);
        await client.CancelQueriesAsync(Notifications);
        var second = client.FetchQueryAsync(Notifications, fetcher.FetchAsync);

        fetcher.Complete(1, 2);
        fetcher.Complete(0, 1);

        Assert.Equal(2, await second);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.Equal(2, client.GetQueryData<int>(Notifications));
    }

    [Fact]
    public async Task Cancel_during_a_retry_backoff_stops_the_retries()
    {
        var time = new FakeTimeProvider();
        using var client = new QueryClient(new QueryClientOptions { TimeProvider = time });
        int calls = 0;
        var fetch = client.FetchQueryAsync<int>(Notifications, _ => { calls++; throw new InvalidOperationException(); },
            new FetchOptions { Retry = 3, RetryDelay = (_, _) => TimeSpan.FromSeconds(1) });

        await client.CancelQueriesAsync(Notifications);
        time.Advance(TimeSpan.FromSeconds(10));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fetch);
        Assert.Equal(1, calls);
        Assert.Null(client.GetQueryState<int>(Notifications)!.Error);
    }
}
