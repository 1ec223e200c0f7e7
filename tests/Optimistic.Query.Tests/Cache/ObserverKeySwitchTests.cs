using Optimistic.Query.Tests.Support;

namespace Optimistic.Query.Tests.Cache;

/// <summary>SetOptions: an observer switches keys (TanStack's setOptions), keeping the previous data when asked.</summary>
public class ObserverKeySwitchTests
{
    private static QueryKey Page(int page) => QueryKey.Create("notifications", new { page });

    private static QueryClient NewClient() => new(new QueryClientOptions { TimeProvider = new FakeTimeProvider() });

    private static readonly QueryObserverOptions KeepPrevious = new() { KeepPreviousData = true };

    [Fact]
    public void Switching_keys_observes_and_fetches_the_new_key_and_leaves_the_old_one()
    {
        using var client = NewClient();
        var pages = new TestFetcher<string>();
        using var observer = client.Observe(Page(1), pages.FetchAsync);
        pages.Complete(0, "p1");
        Eventually.True(() => observer.State.Data == "p1", "page 1");
        var seen = new List<QueryState<string>>();
        using var subscription = observer.Subscribe(s => { lock (seen) seen.Add(s); });

        observer.SetOptions(Page(2), pages.FetchAsync);

        Assert.Equal(Page(2), observer.Key);
        Assert.Equal(2, pages.Calls); // page 2 had no data: fetched
        Assert.Equal((QueryStatus.Pending, FetchStatus.Fetching, (string?)null, false),
            (observer.State.Status, observer.State.FetchStatus, observer.State.Data, observer.State.IsPlaceholderData));
        lock (seen) Assert.Equal(new[] { "p1", null }, seen.Select(s => s.Data)); // without KeepPreviousData: loading
        pages.Complete(1, "p2");
        Eventually.True(() => { lock (seen) return seen[^1].Data == "p2"; }, "page 2 delivered");

        _ = client.InvalidateQueriesAsync(Page(1), exact: true);
        Assert.Equal(2, pages.Calls); // page 1 is no longer observed: not refetched
    }

    [Fact]
    public void With_KeepPreviousData_the_previous_keys_data_shows_as_placeholder_until_the_new_key_has_data()
    {
        using var client = NewClient();
        var pages = new TestFetcher<string>();
        using var observer = client.Observe(Page(1), pages.FetchAsync, observerOptions: KeepPrevious);
        pages.Complete(0, "p1");
        Eventually.True(() => observer.State.Data == "p1", "page 1");
        var seen = new List<QueryState<string>>();
        using var subscription = observer.Subscribe(s => { lock (seen) seen.Add(s); });

        observer.SetOptions(Page(2), pages.FetchAsync, observerOptions: KeepPrevious);

        var shown = observer.State;
        Assert.Equal(("p1", true, QueryStatus.Success, FetchStatus.Fetching), (shown.Data, shown.IsPlaceholderData, shown.Status, shown.FetchStatus));
        Assert.Null(shown.DataUpdatedAt); // the other fields are page 2's
        pages.Complete(1, "p2");
        Eventually.True(() => { lock (seen) return seen[^1].Data == "p2"; }, "page 2 delivered");

        lock (seen)
        {
            Assert.Equal(new[] { ("p1", false), ("p1", true), ("p2", false) }, seen.Select(s => (s.Data!, s.IsPlaceholderData)));
            Assert.DoesNotContain(seen, s => s.Data is null); // never a "Loading" flash
        }
        Assert.False(observer.State.IsPlaceholderData);
    }

    [Fact]
    public void Switching_back_to_a_key_with_cached_data_shows_it_not_a_placeholder()
    {
        using var client = NewClient();
        var pages = new TestFetcher<string>();
        using var observer = client.Observe(Page(1), pages.FetchAsync, observerOptions: KeepPrevious);
        pages.Complete(0, "p1");
        observer.SetOptions(Page(2), pages.FetchAsync, observerOptions: KeepPrevious);
        pages.Complete(1, "p2");
        Eventually.True(() => observer.State.Data == "p2", "page 2");

        observer.SetOptions(Page(1), pages.FetchAsync, observerOptions: KeepPrevious);

        Assert.Equal(("p1", false, FetchStatus.Fetching), (observer.State.Data, observer.State.IsPlaceholderData, observer.State.FetchStatus));
        Assert.Equal(3, pages.Calls); // stale (stale time zero): refetched in the background
    }

    [Fact]
    public void A_late_result_of_the_old_key_never_shows_after_the_switch()
    {
        using var client = NewClient();
        var pages = new TestFetcher<string>();
        using var observer = client.Observe(Page(1), pages.FetchAsync, observerOptions: KeepPrevious);
        pages.Complete(0, "p1");
        Eventually.True(() => observer.State.Data == "p1", "page 1");
        var refetch = observer.RefetchAsync(); // page 1 refetching when the user moves on
        var seen = new List<string?>();
        using var subscription = observer.Subscribe(s => { lock (seen) seen.Add(s.Data); });

        observer.SetOptions(Page(2), pages.FetchAsync, observerOptions: KeepPrevious);
        pages.Complete(1, "p1 late");
        Eventually.True(() => client.GetQueryData<string>(Page(1)) == "p1 late", "the old key's fetch to land in its entry");
        Assert.True(refetch.Wait(TimeSpan.FromSeconds(10)));

        Assert.Equal(("p1", true), (observer.State.Data, observer.State.IsPlaceholderData)); // still the placeholder
        pages.Complete(2, "p2");
        Eventually.True(() => observer.State.Data == "p2", "page 2");
        lock (seen) Assert.Equal(new[] { "p1", "p1", "p2" }, seen);
    }

    [Fact]
    public void A_second_switch_before_data_arrives_keeps_the_same_placeholder()
    {
        using var client = NewClient();
        var pages = new TestFetcher<string>();
        using var observer = client.Observe(Page(1), pages.FetchAsync, observerOptions: KeepPrevious);
        pages.Complete(0, "p1");
        Eventually.True(() => observer.State.Data == "p1", "page 1");

        observer.SetOptions(Page(2), pages.FetchAsync, observerOptions: KeepPrevious);
        observer.SetOptions(Page(3), pages.FetchAsync, observerOptions: KeepPrevious);

        Assert.Equal(("p1", true, Page(3)), (observer.State.Data, observer.State.IsPlaceholderData, observer.Key));
    }

    [Fact]
    public void When_the_new_key_fails_the_placeholder_gives_way_to_the_error()
    {
        using var client = NewClient();
        var pages = new TestFetcher<string>();
        using var observer = client.Observe(Page(1), pages.FetchAsync, new FetchOptions { Retry = 0 }, KeepPrevious);
        pages.Complete(0, "p1");
        Eventually.True(() => observer.State.Data == "p1", "page 1");

        observer.SetOptions(Page(2), pages.FetchAsync, new FetchOptions { Retry = 0 }, KeepPrevious);
        pages.Fail(1, new InvalidOperationException("page 2 is gone"));
        Eventually.True(() => observer.State.Status == QueryStatus.Error, "the failure");

        Assert.Equal(((string?)null, false, "page 2 is gone"), (observer.State.Data, observer.State.IsPlaceholderData, observer.State.Error!.Message));
    }

    [Fact]
    public async Task The_same_key_with_new_settings_keeps_the_entry_and_refetches_with_the_new_fetcher()
    {
        using var client = NewClient();
        using var observer = client.Observe(Page(1), _ => Task.FromResult("old fetcher"));
        Eventually.True(() => observer.State.Data == "old fetcher", "the first fetch");
        int calls = 0;

        observer.SetOptions(Page(1), _ => { calls++; return Task.FromResult("new fetcher"); });
        Assert.Equal(0, calls); // same key, still enabled: no fetch of its own
        await observer.RefetchAsync();

        Assert.Equal("new fetcher", observer.State.Data);
        await client.InvalidateQueriesAsync(Page(1));
        Assert.Equal(2, calls);
    }

    [Fact]
    public void SetOptions_rejects_bad_arguments_and_a_disposed_observer()
    {
        using var client = NewClient();
        var observer = client.Observe(Page(1), _ => Task.FromResult("p1"));

        Assert.Equal("key", Assert.Throws<ArgumentNullException>(() => observer.SetOptions(null!, _ => Task.FromResult("x"))).ParamName);
        Assert.Equal("fetcher", Assert.Throws<ArgumentNullException>(() => observer.SetOptions(Page(2), null!)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => observer.SetOptions(Page(2), _ => Task.FromResult("x"), new FetchOptions { Retry = -1 }));
        Assert.Equal(Page(1), observer.Key);
        observer.Dispose();
        Assert.Throws<ObjectDisposedException>(() => observer.SetOptions(Page(2), _ => Task.FromResult("x")));
    }

    [Fact]
    public void Switching_away_and_back_while_another_thread_delivers_does_not_deliver_the_same_state_twice()
    {
        using var client = NewClient();
        client.SetQueryData(Page(1), "p1");
        client.SetQueryData(Page(2), "p2");
        var fresh = new FetchOptions { StaleTime = Timeout.InfiniteTimeSpan };
        using var observer = client.Observe(Page(1), _ => Task.FromResult("x"), fresh);
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var seen = new List<string?>();
        using var subscription = observer.Subscribe(s =>
        {
            lock (seen) seen.Add(s.Data);
            if (s.Data == "p1 again")
            {
                entered.Set();
                release.Wait(TimeSpan.FromSeconds(10));
            }
        });
        var writer = Task.Run(() => client.SetQueryData(Page(1), "p1 again")); // its thread delivers, and blocks
        Assert.True(entered.Wait(TimeSpan.FromSeconds(10)));

        observer.SetOptions(Page(2), _ => Task.FromResult("x"), fresh); // handed to the busy deliverer...
        observer.SetOptions(Page(1), _ => Task.FromResult("x"), fresh); // ...and back before it got to it
        release.Set();
        Assert.True(writer.Wait(TimeSpan.FromSeconds(10)));

        lock (seen) Assert.Equal(new[] { "p1", "p1 again" }, seen);
    }
}
