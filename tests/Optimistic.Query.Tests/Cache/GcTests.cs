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
}
