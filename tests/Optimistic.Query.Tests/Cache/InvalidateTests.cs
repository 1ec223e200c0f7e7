using Optimistic.Query.Tests.Support;

namespace Optimistic.Query.Tests.Cache;

public class InvalidateTests
{
    private static QueryClient NewClient() =>
        new(new QueryClientOptions { TimeProvider = new FakeTimeProvider(), RetryDelay = (_, _) => TimeSpan.Zero });

    private sealed class Counter
    {
        public int Calls;

        public Task<int> FetchAsync(CancellationToken token) => Task.FromResult(Interlocked.Increment(ref Calls));
    }

    [Fact]
    public async Task Invalidation_marks_matches_and_refetches_only_observed_ones_by_default()
    {
        using var client = NewClient();
        var observedKey = QueryKey.Create("todos", 1);
        var unobservedKey = QueryKey.Create("todos", 2);
        var observed = new Counter();
        var unobserved = new Counter();
        using var observer = client.Observe(observedKey, observed.FetchAsync);
        Eventually.True(() => client.GetQueryState<int>(observedKey)!.FetchStatus == FetchStatus.Idle, "the observer's first fetch");
        await client.FetchQueryAsync(unobservedKey, unobserved.FetchAsync);

        await client.InvalidateQueriesAsync(QueryKey.Create("todos"));

        Assert.Equal(2, observed.Calls);
        Assert.Equal(1, unobserved.Calls);
        Assert.Equal(2, client.GetQueryData<int>(observedKey));
        Assert.False(client.GetQueryState<int>(observedKey)!.IsInvalidated);
        Assert.True(client.GetQueryState<int>(unobservedKey)!.IsInvalidated);
    }

    [Theory]
    [InlineData(RefetchType.None, 1, 1)]
    [InlineData(RefetchType.Active, 2, 1)]
    [InlineData(RefetchType.Inactive, 1, 2)]
    [InlineData(RefetchType.All, 2, 2)]
    public async Task Refetch_type_selects_what_refetches(RefetchType refetch, int observedCalls, int unobservedCalls)
    {
        using var client = NewClient();
        var observedKey = QueryKey.Create("a");
        var unobservedKey = QueryKey.Create("b");
        var observed = new Counter();
        var unobserved = new Counter();
        using var observer = client.Observe(observedKey, observed.FetchAsync);
        Eventually.True(() => observed.Calls == 1 && client.GetQueryState<int>(observedKey)!.FetchStatus == FetchStatus.Idle, "first fetch");
        await client.FetchQueryAsync(unobservedKey, unobserved.FetchAsync);
        client.SetQueryData(QueryKey.Create("c"), 0); // no fetcher: never refetched

        await client.InvalidateQueriesAsync(QueryKey.Create(), refetch: refetch);

        Assert.Equal(observedCalls, observed.Calls);
        Assert.Equal(unobservedCalls, unobserved.Calls);
        Assert.True(client.GetQueryState<int>(QueryKey.Create("c"))!.IsInvalidated);
    }

    [Fact]
    public async Task Exact_invalidation_touches_only_the_key()
    {
        using var client = NewClient();
        client.SetQueryData(QueryKey.Create("todos"), 1);
        client.SetQueryData(QueryKey.Create("todos", 1), 1);

        await client.InvalidateQueriesAsync(QueryKey.Create("todos"), exact: true);

        Assert.True(client.GetQueryState<int>(QueryKey.Create("todos"))!.IsInvalidated);
        Assert.False(client.GetQueryState<int>(QueryKey.Create("todos", 1))!.IsInvalidated);
    }

    [Fact]
    public async Task Invalidation_waits_for_the_refetch_and_swallows_its_error()
    {
        using var client = NewClient();
        var key = QueryKey.Create("k");
        var fetcher = new TestFetcher<int>();
        using var observer = client.Observe(key, fetcher.FetchAsync, new FetchOptions { Retry = 0 });
        fetcher.Complete(0, 1);
        Eventually.True(() => client.GetQueryState<int>(key)!.FetchStatus == FetchStatus.Idle, "first fetch");

        var invalidation = client.InvalidateQueriesAsync(key);
        Assert.False(invalidation.IsCompleted);
        fetcher.Fail(1, new InvalidOperationException("refetch failed"));
        await invalidation;

        var state = client.GetQueryState<int>(key)!;
        Assert.Equal(1, state.Data);
        Assert.IsType<InvalidOperationException>(state.Error);
    }

    [Fact]
    public async Task Invalidation_replaces_an_in_flight_fetch_and_its_waiters_get_the_new_result()
    {
        using var client = NewClient();
        var key = QueryKey.Create("k");
        client.SetQueryData(key, 0);
        var fetcher = new TestFetcher<int>();
        using var observer = client.Observe(key, fetcher.FetchAsync); // stale data: fetch #0 starts

        var invalidation = client.InvalidateQueriesAsync(key); // fetch #1 replaces #0
        Assert.True(fetcher.Token(0).IsCancellationRequested);
        fetcher.Complete(0, 100); // pre-mutation data: never written
        fetcher.Complete(1, 200);
        await invalidation;

        Assert.Equal(2, fetcher.Calls);
        Assert.Equal(200, client.GetQueryData<int>(key));
    }

    [Fact]
    public async Task A_tag_without_id_invalidates_every_provider_of_its_type()
    {
        using var client = NewClient();
        var all = QueryKey.Create("posts");
        var one = QueryKey.Create("post", 1);
        var user = QueryKey.Create("user", 1);
        await client.FetchQueryAsync(all, _ => Task.FromResult(0), new FetchOptions { Tags = new QueryTag[] { "Post" } });
        await client.FetchQueryAsync(one, _ => Task.FromResult(0), new FetchOptions { Tags = new[] { QueryTag.Of("Post", 1) } });
        await client.FetchQueryAsync(user, _ => Task.FromResult(0), new FetchOptions { Tags = new[] { new QueryTag("User", "1") } });

        await client.InvalidateTagsAsync("Post");

        Assert.True(client.GetQueryState<int>(all)!.IsInvalidated);
        Assert.True(client.GetQueryState<int>(one)!.IsInvalidated);
        Assert.False(client.GetQueryState<int>(user)!.IsInvalidated);
    }

    [Fact]
    public async Task A_tag_with_id_invalidates_only_exact_providers()
    {
        using var client = NewClient();
        var all = QueryKey.Create("posts");
        var one = QueryKey.Create("post", 1);
        var two = QueryKey.Create("post", 2);
        await client.FetchQueryAsync(all, _ => Task.FromResult(0), new FetchOptions { Tags = new QueryTag[] { "Post" } });
        await client.FetchQueryAsync(one, _ => Task.FromResult(0), new FetchOptions { Tags = new[] { QueryTag.Of("Post", 1) } });
        await client.FetchQueryAsync(two, _ => Task.FromResult(0), new FetchOptions { Tags = new[] { QueryTag.Of("Post", 2) } });

        await client.InvalidateTagsAsync(QueryTag.Of("Post", 1));

        Assert.False(client.GetQueryState<int>(all)!.IsInvalidated);
        Assert.True(client.GetQueryState<int>(one)!.IsInvalidated);
        Assert.False(client.GetQueryState<int>(two)!.IsInvalidated);
    }

    [Fact]
    public async Task Tag_invalidation_refetches_observed_providers_and_follows_tag_changes()
    {
        using var client = NewClient();
        var key = QueryKey.Create("post", 1);
        var counter = new Counter();
        using var observer = client.Observe(key, counter.FetchAsync, new FetchOptions { Tags = new[] { QueryTag.Of("Post", 1) } });
        Eventually.True(() => client.GetQueryState<int>(key)!.FetchStatus == FetchStatus.Idle, "first fetch");

        await client.InvalidateTagsAsync(QueryTag.Of("Post", 1));
        Assert.Equal(2, counter.Calls);

        await client.FetchQueryAsync(key, counter.FetchAsync, new FetchOptions { Tags = new[] { QueryTag.Of("Post", 9) } });
        Assert.Equal(3, counter.Calls);
        await client.InvalidateTagsAsync(QueryTag.Of("Post", 1)); // the entry no longer provides it
        Assert.Equal(3, counter.Calls);
        Assert.False(client.GetQueryState<int>(key)!.IsInvalidated);
    }

    [Fact]
    public async Task Removed_entries_leave_the_tag_index()
    {
        using var client = NewClient();
        var key = QueryKey.Create("post", 1);
        await client.FetchQueryAsync(key, _ => Task.FromResult(1), new FetchOptions { Tags = new QueryTag[] { "Post" } });
        client.RemoveQueries(key);
        client.SetQueryData(key, 2); // a new entry that provides no tag

        await client.InvalidateTagsAsync("Post");

        Assert.False(client.GetQueryState<int>(key)!.IsInvalidated);
    }
}
