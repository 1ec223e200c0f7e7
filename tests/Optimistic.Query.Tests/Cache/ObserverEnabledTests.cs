using Optimistic.Query.Tests.Support;

namespace Optimistic.Query.Tests.Cache;

/// <summary>Enabled = false: the observer attaches and listens but never fetches on its own; RefetchAsync still does.</summary>
public class ObserverEnabledTests
{
    private static readonly QueryKey Key = QueryKey.Create("search", new { text = "" });
    private static readonly QueryObserverOptions Disabled = new() { Enabled = false };

    private static QueryClient NewClient() => new(new QueryClientOptions { TimeProvider = new FakeTimeProvider() });

    [Fact]
    public void A_disabled_observer_does_not_fetch_when_created_and_reports_an_idle_pending_state()
    {
        using var client = NewClient();
        var fetcher = new TestFetcher<string>();

        using var observer = client.Observe(Key, fetcher.FetchAsync, observerOptions: Disabled);
        var seen = new List<QueryState<string>>();
        using var subscription = observer.Subscribe(seen.Add);

        Assert.Equal(0, fetcher.Calls);
        var state = Assert.Single(seen);
        Assert.Equal((QueryStatus.Pending, FetchStatus.Idle), (state.Status, state.FetchStatus));
        client.SetQueryData(Key, "written");
        Assert.Equal("written", seen[^1].Data); // it still hears every change
    }

    [Theory]
    [InlineData(RefetchType.Active)]
    [InlineData(RefetchType.Inactive)]
    [InlineData(RefetchType.All)]
    public async Task Invalidation_does_not_refetch_a_query_observed_only_by_disabled_observers(RefetchType refetch)
    {
        using var client = NewClient();
        client.SetQueryData(Key, "cached");
        var fetcher = new TestFetcher<string>();
        using var observer = client.Observe(Key, fetcher.FetchAsync, observerOptions: Disabled);

        await client.InvalidateQueriesAsync(Key, refetch: refetch);

        Assert.Equal(0, fetcher.Calls);
        Assert.True(observer.State.IsInvalidated);
    }

    [Fact]
    public async Task An_enabled_observer_of_the_same_key_still_makes_invalidation_refetch()
    {
        using var client = NewClient();
        client.SetQueryData(Key, "cached");
        var fetcher = new TestFetcher<string>();
        using var disabled = client.Observe(Key, fetcher.FetchAsync, new FetchOptions { StaleTime = Timeout.InfiniteTimeSpan }, Disabled);
        using var enabled = client.Observe(Key, fetcher.FetchAsync, new FetchOptions { StaleTime = Timeout.InfiniteTimeSpan });
        Assert.Equal(0, fetcher.Calls);

        var invalidation = client.InvalidateQueriesAsync(Key);
        fetcher.Complete(0, "fresh");
        await invalidation;

        Assert.Equal("fresh", disabled.State.Data);
    }

    [Fact]
    public void A_switch_to_another_key_while_disabled_does_not_fetch()
    {
        using var client = NewClient();
        var fetcher = new TestFetcher<string>();
        using var observer = client.Observe(Key, fetcher.FetchAsync, observerOptions: Disabled);

        observer.SetOptions(QueryKey.Create("search", new { text = "milk" }), fetcher.FetchAsync, observerOptions: Disabled);

        Assert.Equal(0, fetcher.Calls);
        Assert.Equal(FetchStatus.Idle, observer.State.FetchStatus);
    }

    [Fact]
    public async Task RefetchAsync_fetches_even_when_disabled()
    {
        using var client = NewClient();
        var fetcher = new TestFetcher<string>();
        using var observer = client.Observe(Key, fetcher.FetchAsync, observerOptions: Disabled);

        var refetch = observer.RefetchAsync();
        fetcher.Complete(0, "on demand");
        await refetch;

        Assert.Equal("on demand", observer.State.Data);
    }

    [Fact]
    public void Enabling_it_fetches_when_the_data_is_stale()
    {
        using var client = NewClient();
        var fetcher = new TestFetcher<string>();
        using var observer = client.Observe(Key, fetcher.FetchAsync, observerOptions: Disabled);

        observer.SetOptions(Key, fetcher.FetchAsync);

        Assert.Equal(1, fetcher.Calls);
        Assert.Equal(FetchStatus.Fetching, observer.State.FetchStatus);
    }
}
