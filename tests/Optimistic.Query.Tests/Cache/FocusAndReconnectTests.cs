using Optimistic.Query.Tests.Mutations;
using Optimistic.Query.Tests.Support;

namespace Optimistic.Query.Tests.Cache;

/// <summary>
/// SetFocused / SetOnline (TanStack's focusManager and onlineManager): regaining focus or coming back online refetches
/// the stale queries of enabled observers that ask for it, once per query, without ever throwing at the caller.
/// </summary>
public class FocusAndReconnectTests
{
    private static readonly QueryKey Key = QueryKey.Create("todos");
    private static readonly FetchOptions FreshForAMinute = new() { StaleTime = TimeSpan.FromMinutes(1), Retry = 0 };

    private readonly FakeTimeProvider _time = new();

    public enum Signal
    {
        Focus,
        Reconnect,
    }

    private QueryClient NewClient(RefetchMode defaultMode = RefetchMode.IfStale, ListLogger? logger = null) => new(new QueryClientOptions
    {
        TimeProvider = _time,
        RefetchOnFocus = defaultMode,
        RefetchOnReconnect = defaultMode,
        Logger = logger,
    });

    /// <summary>The app loses focus (goes offline), then regains it (comes back online).</summary>
    private static void LoseAndRegain(QueryClient client, Signal signal)
    {
        if (signal == Signal.Focus)
        {
            client.SetFocused(false);
            client.SetFocused(true);
        }
        else
        {
            client.SetOnline(false);
            client.SetOnline(true);
        }
    }

    /// <summary>Observer options that set only <paramref name="signal"/>'s refetch mode.</summary>
    private static QueryObserverOptions ModeFor(Signal signal, RefetchMode? mode) =>
        signal == Signal.Focus ? new QueryObserverOptions { RefetchOnFocus = mode } : new QueryObserverOptions { RefetchOnReconnect = mode };

    /// <summary>Observes <see cref="Key"/> and lands its first fetch ("first"), fresh for a minute.</summary>
    private static QueryObserver<string> ObserveLoaded(QueryClient client, TestFetcher<string> fetcher, QueryObserverOptions? observerOptions = null)
    {
        var observer = client.Observe(Key, fetcher.FetchAsync, FreshForAMinute, observerOptions);
        fetcher.Complete(0, "first");
        Eventually.True(() => observer.State is { Data: "first", FetchStatus: FetchStatus.Idle }, "the first fetch to land");
        return observer;
    }

    [Theory]
    [InlineData(Signal.Focus)]
    [InlineData(Signal.Reconnect)]
    public void Regaining_refetches_a_stale_observed_query_once(Signal signal)
    {
        using var client = NewClient();
        var fetcher = new TestFetcher<string>();
        using var observer = ObserveLoaded(client, fetcher);
        _time.Advance(TimeSpan.FromMinutes(2));

        if (signal == Signal.Focus) client.SetFocused(false);
        else client.SetOnline(false);
        Assert.Equal(1, fetcher.Calls); // losing focus or the network fetches nothing
        Assert.False(signal == Signal.Focus ? client.IsFocused : client.IsOnline);

        if (signal == Signal.Focus) client.SetFocused(true);
        else client.SetOnline(true);

        Assert.True(client.IsFocused && client.IsOnline);
        Assert.Equal(2, fetcher.Calls);
        Assert.Equal(FetchStatus.Fetching, observer.State.FetchStatus);
        fetcher.Complete(1, "second");
        Eventually.True(() => observer.State.Data == "second", "the refetch to land");
    }

    [Theory]
    [InlineData(Signal.Focus)]
    [InlineData(Signal.Reconnect)]
    public void A_query_fresh_by_the_observers_stale_time_is_not_refetched(Signal signal)
    {
        using var client = NewClient();
        var fetcher = new TestFetcher<string>();
        using var observer = ObserveLoaded(client, fetcher);
        _time.Advance(TimeSpan.FromSeconds(30));

        LoseAndRegain(client, signal);

        Assert.Equal(1, fetcher.Calls);
    }

    [Theory]
    [InlineData(Signal.Focus)]
    [InlineData(Signal.Reconnect)]
    public void Always_refetches_even_fresh_data(Signal signal)
    {
        using var client = NewClient();
        var fetcher = new TestFetcher<string>();
        using var observer = ObserveLoaded(client, fetcher, ModeFor(signal, RefetchMode.Always));

        LoseAndRegain(client, signal);

        Assert.Equal(2, fetcher.Calls);
    }

    [Theory]
    [InlineData(Signal.Focus)]
    [InlineData(Signal.Reconnect)]
    public void An_invalidated_query_is_stale_whatever_its_age(Signal signal)
    {
        using var client = NewClient();
        var fetcher = new TestFetcher<string>();
        using var observer = ObserveLoaded(client, fetcher);
        _ = client.InvalidateQueriesAsync(Key, refetch: RefetchType.None);

        LoseAndRegain(client, signal);

        Assert.Equal(2, fetcher.Calls);
    }

    [Theory]
    [InlineData(Signal.Focus, RefetchMode.IfStale, RefetchMode.Never, false)]   // the observer turns it off
    [InlineData(Signal.Focus, RefetchMode.Never, null, false)]                  // the client's default is off
    [InlineData(Signal.Focus, RefetchMode.Never, RefetchMode.IfStale, true)]    // the observer turns it back on
    [InlineData(Signal.Reconnect, RefetchMode.IfStale, RefetchMode.Never, false)]
    [InlineData(Signal.Reconnect, RefetchMode.Never, null, false)]
    [InlineData(Signal.Reconnect, RefetchMode.Never, RefetchMode.IfStale, true)]
    public void The_observers_mode_else_the_clients_default_decides(Signal signal, RefetchMode clientDefault, RefetchMode? observerMode, bool refetches)
    {
        using var client = NewClient(clientDefault);
        var fetcher = new TestFetcher<string>();
        using var observer = ObserveLoaded(client, fetcher, ModeFor(signal, observerMode));
        _time.Advance(TimeSpan.FromMinutes(2));

        LoseAndRegain(client, signal);

        Assert.Equal(refetches ? 2 : 1, fetcher.Calls);
    }

    [Fact]
    public void Each_event_follows_its_own_option()
    {
        using var client = NewClient();
        var fetcher = new TestFetcher<string>();
        using var observer = ObserveLoaded(client, fetcher, new QueryObserverOptions { RefetchOnFocus = RefetchMode.Never });
        _time.Advance(TimeSpan.FromMinutes(2));

        LoseAndRegain(client, Signal.Focus);
        Assert.Equal(1, fetcher.Calls);

        LoseAndRegain(client, Signal.Reconnect);
        Assert.Equal(2, fetcher.Calls);
    }

    [Theory]
    [InlineData(Signal.Focus)]
    [InlineData(Signal.Reconnect)]
    public void A_disabled_observer_does_not_refetch_even_with_Always(Signal signal)
    {
        using var client = NewClient(RefetchMode.Always);
        client.SetQueryData(Key, "cached");
        var fetcher = new TestFetcher<string>();
        using var observer = client.Observe(Key, fetcher.FetchAsync, FreshForAMinute, new QueryObserverOptions { Enabled = false });
        _time.Advance(TimeSpan.FromMinutes(2));

        LoseAndRegain(client, signal);

        Assert.Equal(0, fetcher.Calls);
        Assert.Equal("cached", observer.State.Data);
    }

    [Theory]
    [InlineData(Signal.Focus)]
    [InlineData(Signal.Reconnect)]
    public void Two_observers_of_one_key_make_one_fetch(Signal signal)
    {
        using var client = NewClient();
        var fetcher = new TestFetcher<string>();
        using var first = ObserveLoaded(client, fetcher);
        using var second = client.Observe(Key, fetcher.FetchAsync, FreshForAMinute); // fresh: joins without fetching
        Assert.Equal(1, fetcher.Calls);
        _time.Advance(TimeSpan.FromMinutes(2));

        LoseAndRegain(client, signal);

        Assert.Equal(2, fetcher.Calls);
        fetcher.Complete(1, "second");
        Eventually.True(() => first.State.Data == "second" && second.State.Data == "second", "both observers to see the refetch");
    }

    [Theory]
    [InlineData(Signal.Focus)]
    [InlineData(Signal.Reconnect)]
    public void A_fetch_in_flight_is_joined_not_restarted(Signal signal)
    {
        using var client = NewClient();
        var fetcher = new TestFetcher<string>();
        using var observer = ObserveLoaded(client, fetcher);
        _time.Advance(TimeSpan.FromMinutes(2));
        _ = observer.RefetchAsync(); // fetch #2, in flight

        LoseAndRegain(client, signal);

        Assert.Equal(2, fetcher.Calls);
        Assert.False(fetcher.Token(1).IsCancellationRequested);
    }

    [Theory]
    [InlineData(Signal.Focus)]
    [InlineData(Signal.Reconnect)]
    public void Only_a_change_back_refetches_repeated_true_does_nothing(Signal signal)
    {
        using var client = NewClient();
        var fetcher = new TestFetcher<string>();
        using var observer = ObserveLoaded(client, fetcher);
        _time.Advance(TimeSpan.FromMinutes(2));

        // Focused and online by default: telling it so again is no change.
        if (signal == Signal.Focus) client.SetFocused(true);
        else client.SetOnline(true);
        Assert.Equal(1, fetcher.Calls);

        LoseAndRegain(client, signal);
        Assert.Equal(2, fetcher.Calls);
        fetcher.Complete(1, "second");
        Eventually.True(() => observer.State is { Data: "second", FetchStatus: FetchStatus.Idle }, "the refetch to land");
        _time.Advance(TimeSpan.FromMinutes(2)); // stale again

        if (signal == Signal.Focus) client.SetFocused(true);
        else client.SetOnline(true);

        Assert.Equal(2, fetcher.Calls);
    }

    [Theory]
    [InlineData(Signal.Focus)]
    [InlineData(Signal.Reconnect)]
    public void A_failing_refetch_lands_as_an_error_and_is_logged_never_thrown(Signal signal)
    {
        var logger = new ListLogger();
        using var client = NewClient(logger: logger);
        var fetcher = new TestFetcher<string>();
        using var observer = ObserveLoaded(client, fetcher);
        _time.Advance(TimeSpan.FromMinutes(2));
        var error = new HttpRequestException("server down");

        LoseAndRegain(client, signal);
        fetcher.Fail(1, error);

        Eventually.True(() => observer.State.FetchStatus == FetchStatus.Idle, "the refetch to fail");
        Assert.Same(error, observer.State.Error);
        Assert.Equal(("first", QueryStatus.Success), (observer.State.Data, observer.State.Status)); // the data is kept
        Eventually.True(() => logger.Entries.Any(e => e.EventId.Name == "QueryAppEventRefetchFailed"), "the failure to be logged");
        var logged = logger.Entries.Single(e => e.EventId.Name == "QueryAppEventRefetchFailed");
        Assert.Same(error, logged.Exception);
        Assert.Contains(Key.ToString(), logged.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Signal.Focus)]
    [InlineData(Signal.Reconnect)]
    public void A_fetcher_that_throws_synchronously_lands_as_an_error_not_at_the_caller(Signal signal)
    {
        using var client = NewClient();
        int calls = 0;
        var error = new InvalidOperationException("thrown before any await");
        Task<string> Fetch(CancellationToken token) => Interlocked.Increment(ref calls) == 1 ? Task.FromResult("first") : throw error;
        using var observer = client.Observe(Key, Fetch, FreshForAMinute);
        Eventually.True(() => observer.State.Data == "first", "the first fetch to land");
        _time.Advance(TimeSpan.FromMinutes(2));

        LoseAndRegain(client, signal);

        Assert.Equal(2, Volatile.Read(ref calls));
        Eventually.True(() => observer.State.Error is not null, "the refetch to fail");
        Assert.Same(error, observer.State.Error);
    }

    [Theory]
    [InlineData(Signal.Focus)]
    [InlineData(Signal.Reconnect)]
    public void A_disposed_observer_is_not_refetched(Signal signal)
    {
        using var client = NewClient();
        var fetcher = new TestFetcher<string>();
        var observer = ObserveLoaded(client, fetcher);
        observer.Dispose();
        _time.Advance(TimeSpan.FromMinutes(2));

        LoseAndRegain(client, signal);

        Assert.Equal(1, fetcher.Calls);
    }

    [Theory]
    [InlineData(Signal.Focus)]
    [InlineData(Signal.Reconnect)]
    public async Task A_query_without_observers_is_not_refetched(Signal signal)
    {
        using var client = NewClient();
        var fetcher = new TestFetcher<string>();
        var fetch = client.FetchQueryAsync(Key, fetcher.FetchAsync, FreshForAMinute);
        fetcher.Complete(0, "first");
        await fetch;
        _time.Advance(TimeSpan.FromMinutes(2));

        LoseAndRegain(client, signal);

        Assert.Equal(1, fetcher.Calls);
    }

    [Theory]
    [InlineData(Signal.Focus)]
    [InlineData(Signal.Reconnect)]
    public void After_a_key_switch_only_the_new_key_is_refetched(Signal signal)
    {
        using var client = NewClient();
        var oldKeyFetcher = new TestFetcher<string>();
        var newKeyFetcher = new TestFetcher<string>();
        using var observer = ObserveLoaded(client, oldKeyFetcher);
        observer.SetOptions(QueryKey.Create("todos", 2), newKeyFetcher.FetchAsync, FreshForAMinute);
        newKeyFetcher.Complete(0, "page two");
        Eventually.True(() => observer.State is { Data: "page two", FetchStatus: FetchStatus.Idle }, "the new key's fetch to land");
        _time.Advance(TimeSpan.FromMinutes(2));

        LoseAndRegain(client, signal);

        Assert.Equal(1, oldKeyFetcher.Calls);
        Assert.Equal(2, newKeyFetcher.Calls);
    }

    [Theory]
    [InlineData(Signal.Focus)]
    [InlineData(Signal.Reconnect)]
    public async Task A_query_removed_from_the_cache_is_not_refetched_until_its_observer_brings_it_back(Signal signal)
    {
        using var client = NewClient();
        var fetcher = new TestFetcher<string>();
        using var observer = ObserveLoaded(client, fetcher);
        client.RemoveQueries(Key);

        LoseAndRegain(client, signal);
        Assert.Equal(1, fetcher.Calls);
        Assert.Equal(0, client.Count);

        var refetch = observer.RefetchAsync(); // observes the key's new entry
        fetcher.Complete(1, "second");
        await refetch;
        _time.Advance(TimeSpan.FromMinutes(2));
        LoseAndRegain(client, signal);

        Assert.Equal(3, fetcher.Calls);
    }

    [Fact]
    public void Regaining_focus_while_offline_refetches_nothing_until_the_network_is_back()
    {
        using var client = NewClient();
        var fetcher = new TestFetcher<string>();
        using var observer = ObserveLoaded(client, fetcher);
        _time.Advance(TimeSpan.FromMinutes(2));
        client.SetOnline(false);

        LoseAndRegain(client, Signal.Focus);
        Assert.Equal(1, fetcher.Calls);

        client.SetOnline(true);
        Assert.Equal(2, fetcher.Calls);
    }

    [Fact]
    public void A_disposed_client_records_the_change_and_fetches_nothing()
    {
        var client = NewClient();
        var fetcher = new TestFetcher<string>();
        using var observer = ObserveLoaded(client, fetcher);
        _time.Advance(TimeSpan.FromMinutes(2));
        client.Dispose();

        LoseAndRegain(client, Signal.Focus);
        LoseAndRegain(client, Signal.Reconnect);

        Assert.Equal(1, fetcher.Calls);
        Assert.True(client.IsFocused && client.IsOnline);
    }

    [Fact]
    public void An_undefined_mode_is_rejected_with_the_setting_named()
    {
        var clientError = Assert.Throws<ArgumentOutOfRangeException>(() => new QueryClient(new QueryClientOptions { RefetchOnReconnect = (RefetchMode)42 }));
        Assert.Contains("QueryClientOptions.RefetchOnReconnect", clientError.Message, StringComparison.Ordinal);

        using var client = NewClient();
        var observeError = Assert.Throws<ArgumentOutOfRangeException>(
            () => client.Observe(Key, _ => Task.FromResult("x"), observerOptions: new QueryObserverOptions { RefetchOnFocus = (RefetchMode)42 }));
        Assert.Contains("QueryObserverOptions.RefetchOnFocus", observeError.Message, StringComparison.Ordinal);
        Assert.Equal(0, client.Count); // rejected before anything was observed

        using var observer = client.Observe(Key, _ => Task.FromResult("x"));
        var switchError = Assert.Throws<ArgumentOutOfRangeException>(
            () => observer.SetOptions(Key, _ => Task.FromResult("x"), observerOptions: new QueryObserverOptions { RefetchOnReconnect = (RefetchMode)(-1) }));
        Assert.Contains("QueryObserverOptions.RefetchOnReconnect", switchError.Message, StringComparison.Ordinal);
    }
}
