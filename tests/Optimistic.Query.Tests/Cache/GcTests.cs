using Optimistic.Query.Tests.Support;

namespace Optimistic.Query.Tests.Cache;

public class GcTests
{
    private static readonly TimeSpan GcTime = TimeSpan.FromMinutes(5);
    private static readonly QueryKey Key = QueryKey.Create(new[] { "router5", "getList" }, new { input = new { limit = 20 } });

    private static (QueryClient, FakeTimeProvider) NewClient()
    {
        var time = new FakeTimeProvider();
        return (new QueryClient(new QueryClientOptions { TimeProvider = time, GcTime = GcTime }), time);
    }

    [Fact]
    public void An_entry_written_and_never_observed_is_collected_after_gc_time()
    {
        var (client, time) = NewClient();
        using var _ = client;
        client.SetQueryData(Key, 1);

        time.Advance(GcTime - TimeSpan.FromTicks(1));
        Assert.Equal(1, client.GetQueryData<int>(Key));
        time.Advance(TimeSpan.FromTicks(1));

        Assert.Equal(0, client.Count);
        Assert.Equal(0, client.GetQueryData<int>(Key));
        Assert.Empty(client.GetQueryKeys(QueryKey.Create((object)new[] { "router5" })));
    }

    [Fact]
    public void An_observed_entry_is_not_collected_until_gc_time_after_the_last_observer_left()
    {
        var (client, time) = NewClient();
        using var _ = client;
        client.SetQueryData(Key, 1);
        var first = client.Observe(Key, _ => Task.FromResult(2));
        var second = client.Observe(Key, _ => Task.FromResult(3));

        time.Advance(GcTime * 3);
        Assert.Equal(1, client.Count);
        first.Dispose();
        time.Advance(GcTime * 3);
        Assert.Equal(1, client.Count);

        second.Dispose();
        time.Advance(GcTime - TimeSpan.FromSeconds(1));
        Assert.Equal(1, client.Count);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, client.Count);
    }

    [Fact]
    public async Task An_entry_with_a_fetch_in_flight_is_not_collected_and_its_countdown_restarts_after()
    {
        var (client, time) = NewClient();
        using var _ = client;
        var fetcher = new TestFetcher<int>();
        var fetch = client.FetchQueryAsync(Key, fetcher.FetchAsync);

        time.Advance(GcTime * 2);
        Assert.Equal(1, client.Count);
        fetcher.Complete(0, 4);
        Assert.Equal(4, await fetch);
        time.Advance(GcTime - TimeSpan.FromSeconds(1));
        Assert.Equal(4, client.GetQueryData<int>(Key));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, client.Count);
    }

    [Fact]
    public async Task The_longest_gc_time_asked_for_wins_and_infinite_never_collects()
    {
        var (client, time) = NewClient();
        using var _ = client;
        await client.FetchQueryAsync(Key, _ => Task.FromResult(1), new FetchOptions { GcTime = Timeout.InfiniteTimeSpan });
        await client.FetchQueryAsync(Key, _ => Task.FromResult(2), new FetchOptions { GcTime = TimeSpan.FromSeconds(1) });

        time.Advance(TimeSpan.FromDays(365));

        Assert.Equal(2, client.GetQueryData<int>(Key));
    }

    [Fact]
    public void A_collected_key_can_be_written_again()
    {
        var (client, time) = NewClient();
        using var _ = client;
        client.SetQueryData(Key, 1);
        time.Advance(GcTime);
        client.SetQueryData(Key, 2);

        Assert.Equal(2, client.GetQueryData<int>(Key));
        Assert.Single(client.GetQueryKeys(QueryKey.Create((object)new[] { "router5" })));
    }

    [Fact]
    public void Dispose_stops_the_gc_timers()
    {
        var (client, time) = NewClient();
        client.SetQueryData(Key, 1);
        Assert.Equal(1, time.ArmedTimers);

        client.Dispose();

        Assert.Equal(0, time.ArmedTimers);
        time.Advance(GcTime);
        Assert.Equal(1, client.Count);
    }

    [Fact]
    public void Many_entries_share_one_timer_and_each_is_collected_at_its_own_due_time()
    {
        var (client, time) = NewClient();
        using var _ = client;
        var keys = Enumerable.Range(0, 200).Select(i => QueryKey.Create("many", i)).ToArray();
        for (int i = 0; i < keys.Length; i++)
        {
            client.SetQueryData(keys[i], i);
            time.Advance(TimeSpan.FromSeconds(1)); // entry i is due at GcTime + i s
        }
        Assert.Equal(1, time.ArmedTimers);

        time.Advance(GcTime - TimeSpan.FromSeconds(keys.Length)); // the first entry is due now
        Assert.Equal(keys.Length - 1, client.Count);
        Assert.Equal(0, client.GetQueryData<int>(keys[0]));
        time.Advance(TimeSpan.FromSeconds(99) + TimeSpan.FromMilliseconds(500));
        Assert.Equal(keys.Length - 100, client.Count);
        Assert.Equal(0, client.GetQueryData<int>(keys[99]));
        Assert.Equal(100, client.GetQueryData<int>(keys[100]));
        time.Advance(TimeSpan.FromSeconds(100));
        Assert.Equal(0, client.Count);
        Assert.Equal(0, time.ArmedTimers);
    }

    [Fact]
    public void Writes_to_an_existing_entry_arm_no_timer_and_do_not_restart_its_countdown()
    {
        var (client, time) = NewClient();
        using var _ = client;
        client.SetQueryData(Key, 1);
        for (int i = 0; i < 100; i++)
        {
            client.SetQueryData<int>(Key, v => v + 1);
            time.Advance(TimeSpan.FromSeconds(1));
        }
        Assert.Equal(1, time.ArmedTimers);

        time.Advance(GcTime - TimeSpan.FromSeconds(100));
        Assert.Equal(0, client.Count); // as before: gcTime counts from when the entry became idle
    }

    [Fact]
    public void An_entry_observed_again_before_its_due_time_is_kept_and_its_countdown_restarts_when_left()
    {
        var (client, time) = NewClient();
        using var _ = client;
        client.SetQueryData(Key, 1);
        time.Advance(GcTime - TimeSpan.FromSeconds(10));
        var observer = client.Observe(Key, _ => Task.FromResult(2), new FetchOptions { StaleTime = Timeout.InfiniteTimeSpan });
        Assert.Equal(0, time.ArmedTimers); // nothing left to collect: the timer is disarmed

        time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(1, client.Count);
        observer.Dispose();
        time.Advance(GcTime - TimeSpan.FromTicks(1));
        Assert.Equal(1, client.GetQueryData<int>(Key));
        time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(0, client.Count);
    }

    [Fact]
    public void Detaching_and_reattaching_many_times_keeps_one_queued_item()
    {
        var (client, time) = NewClient();
        using var _ = client;
        client.SetQueryData(Key, 1);
        for (int i = 0; i < 50; i++)
        {
            client.Observe(Key, _ => Task.FromResult(1), new FetchOptions { StaleTime = Timeout.InfiniteTimeSpan }).Dispose();
            time.Advance(TimeSpan.FromSeconds(1));
        }
        Assert.Equal(1, time.ArmedTimers);
        time.Advance(GcTime - TimeSpan.FromSeconds(2));
        Assert.Equal(1, client.Count); // the last detach was 1 s ago... plus GcTime - 2 s
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, client.Count);
    }

    [Fact]
    public async Task A_longer_gc_time_asked_for_after_the_countdown_started_delays_collection()
    {
        var (client, time) = NewClient();
        using var _ = client;
        await client.FetchQueryAsync(Key, _ => Task.FromResult(1), new FetchOptions { GcTime = TimeSpan.FromMinutes(1) });
        time.Advance(TimeSpan.FromSeconds(30));
        // Fresh data: no fetch, but the longer gcTime becomes the entry's; its countdown still runs from the first fetch.
        await client.FetchQueryAsync(Key, _ => Task.FromResult(2), new FetchOptions { GcTime = TimeSpan.FromMinutes(10), StaleTime = Timeout.InfiniteTimeSpan });

        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, client.GetQueryData<int>(Key));
        time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(30) - TimeSpan.FromTicks(1));
        Assert.Equal(1, client.Count);
        time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(0, client.Count);
        Assert.Equal(0, time.ArmedTimers);
    }

    [Fact]
    public void Removed_entries_leave_the_gc_queue()
    {
        var (client, time) = NewClient();
        using var _ = client;
        for (int i = 0; i < 100; i++) client.SetQueryData(QueryKey.Create("gone", i), i);
        client.RemoveQueries(QueryKey.Create("gone"));
        Assert.Equal(0, client.Count);
        Assert.Equal(0, time.ArmedTimers);
        client.SetQueryData(QueryKey.Create("gone", 1), 5);
        time.Advance(GcTime);
        Assert.Equal(0, client.Count);
    }

    [Fact]
    public void Dispose_stops_the_one_timer_of_many_entries()
    {
        var (client, time) = NewClient();
        for (int i = 0; i < 100; i++) client.SetQueryData(QueryKey.Create("disposed", i), i);
        Assert.Equal(1, time.ArmedTimers);

        client.Dispose();

        Assert.Equal(0, time.ArmedTimers);
        time.Advance(GcTime * 2);
        Assert.Equal(100, client.Count);
    }

    [Fact]
    public void The_system_clock_collects_through_the_shared_timer()
    {
        using var client = new QueryClient(new QueryClientOptions { GcTime = TimeSpan.FromMilliseconds(30) });
        for (int i = 0; i < 50; i++) client.SetQueryData(QueryKey.Create("real", i), i);
        using var observer = client.Observe(QueryKey.Create("real", 0), _ => Task.FromResult(0), new FetchOptions { StaleTime = Timeout.InfiniteTimeSpan });

        Eventually.True(() => client.Count == 1, "the unobserved entries to be collected");
        Assert.Equal(0, client.GetQueryData<int>(QueryKey.Create("real", 0)));
    }
}
