namespace Optimistic.Query.Tests.Cache;

/// <summary>Observer Subscribe hands the current state first, through the observer's one serialized delivery.</summary>
public class ObserverSubscribeTests
{
    private static readonly QueryKey Key = QueryKey.Create("subscribe");

    [Fact]
    public void A_fetch_that_completed_before_Subscribe_reaches_the_listener()
    {
        using var client = new QueryClient();
        using var observer = client.Observe(Key, _ => Task.FromResult(5));
        Eventually.True(() => observer.State.Data == 5, "the fetch the observer started when created");
        var seen = new List<QueryState<int>>();

        using var subscription = observer.Subscribe(seen.Add);

        var state = Assert.Single(seen);
        Assert.Equal(5, state.Data);
        Assert.Equal(QueryStatus.Success, state.Status);
    }

    [Fact]
    public void Observe_fetches_when_created_without_waiting_for_a_listener()
    {
        using var client = new QueryClient();
        var fetcher = new TestFetcher<int>();

        using var observer = client.Observe(Key, fetcher.FetchAsync);

        Assert.Equal(1, fetcher.Calls);
        Assert.Equal(FetchStatus.Fetching, observer.State.FetchStatus);
    }

    [Fact]
    public void A_listener_subscribed_while_another_thread_delivers_waits_for_that_call_and_gets_the_newest_state_once()
    {
        using var client = new QueryClient();
        client.SetQueryData(Key, 1);
        using var observer = client.Observe(Key, _ => Task.FromResult(0), new FetchOptions { StaleTime = Timeout.InfiniteTimeSpan });
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        int inListeners = 0, overlaps = 0;
        var first = new List<int>();
        var second = new List<int>();
        void Enter() { if (Interlocked.Increment(ref inListeners) > 1) Interlocked.Increment(ref overlaps); }
        void Leave() => Interlocked.Decrement(ref inListeners);
        using var s1 = observer.Subscribe(s =>
        {
            Enter();
            lock (first) first.Add(s.Data);
            if (s.Data == 2)
            {
                entered.Set();
                release.Wait(TimeSpan.FromSeconds(10)); // the writer's thread is busy delivering here
            }
            Leave();
        });
        var writer = Task.Run(() => client.SetQueryData(Key, 2));
        Assert.True(entered.Wait(TimeSpan.FromSeconds(10)));

        var subscribe = Task.Run(() => observer.Subscribe(s => { Enter(); lock (second) second.Add(s.Data); Leave(); }));
        Assert.True(subscribe.Wait(TimeSpan.FromSeconds(10)), "Subscribe must not wait for another thread's delivery");
        Task.Run(() => client.SetQueryData(Key, 3)).Wait(TimeSpan.FromSeconds(10)); // handed to the busy deliverer
        lock (second) Assert.Empty(second); // nothing alongside the call under way

        release.Set();
        Assert.True(writer.Wait(TimeSpan.FromSeconds(10)));
        using var s2 = subscribe.Result;

        Assert.Equal(0, overlaps);
        Assert.Equal(new[] { 1, 2, 3 }, first);
        Assert.Equal(new[] { 3 }, second); // the current state when its turn came, once
    }

    [Fact]
    public void A_fetch_completing_while_Subscribe_runs_is_never_seen_out_of_order_or_twice()
    {
        for (int round = 0; round < 500; round++)
        {
            using var client = new QueryClient();
            var server = new TaskCompletionSource<int>();
            using var observer = client.Observe(Key, _ => server.Task);
            var seen = new List<QueryState<int>>();
            using var barrier = new Barrier(2);

            var complete = Task.Run(() => { barrier.SignalAndWait(); server.SetResult(round + 1); });
            barrier.SignalAndWait();
            using var subscription = observer.Subscribe(s => { lock (seen) seen.Add(s); });
            complete.Wait();
            Eventually.True(() => { lock (seen) return seen.Count > 0 && seen[^1].Data == round + 1; }, "the result to be delivered");

            lock (seen)
            {
                var shown = seen.Select(s => (s.Status, s.FetchStatus, s.Data)).ToArray();
                var loading = (QueryStatus.Pending, FetchStatus.Fetching, 0);
                var loaded = (QueryStatus.Success, FetchStatus.Idle, round + 1);
                Assert.True(
                    shown.SequenceEqual(new[] { loading, loaded }) || shown.SequenceEqual(new[] { loaded }),
                    $"round {round}: {string.Join(", ", shown)}");
            }
        }
    }

    [Fact]
    public void A_listener_subscribed_from_inside_a_listener_gets_the_current_state_after_that_call()
    {
        using var client = new QueryClient();
        client.SetQueryData(Key, 1);
        using var observer = client.Observe(Key, _ => Task.FromResult(0), new FetchOptions { StaleTime = Timeout.InfiniteTimeSpan });
        var log = new List<string>();
        IDisposable? inner = null;
        using var outer = observer.Subscribe(s =>
        {
            log.Add($"outer {s.Data}");
            if (s.Data == 2 && inner is null)
            {
                inner = observer.Subscribe(t => log.Add($"inner {t.Data}"));
                log.Add("subscribed");
            }
        });

        client.SetQueryData(Key, 2);
        client.SetQueryData(Key, 3);
        inner!.Dispose();

        Assert.Equal(new[] { "outer 1", "outer 2", "subscribed", "inner 2", "outer 3", "inner 3" }, log);
    }
}
