using Optimistic.Query.Persistence;
using Optimistic.Query.Tests.Support;

namespace Optimistic.Query.Tests.Persistence;

/// <summary>
/// A restored entry is kept until MaxAge has passed since its data was written (its gc countdown is the longer of
/// gcTime and that), so a user who opens the app and waits does not lose the restored cache at the next persist.
/// </summary>
public class RestoredRetentionTests
{
    private static readonly QueryKey Key = QueryKey.Create("todos");
    private static readonly TimeSpan MaxAge = TimeSpan.FromHours(24);

    private static byte[] StoreWritten(FakeTimeProvider time, string value)
    {
        using var client = new QueryClient(new QueryClientOptions { TimeProvider = time });
        client.SetQueryData(Key, value);
        return client.Dehydrate().ToUtf8Json();
    }

    private static (QueryClient Client, QueryPersister Persister) Open(MemoryStorage storage, FakeTimeProvider time)
    {
        var client = new QueryClient(new QueryClientOptions { TimeProvider = time }); // default gcTime: 5 minutes
        var persister = new QueryPersister(client, new QueryPersisterOptions { Storage = storage, MaxAge = MaxAge });
        return (client, persister);
    }

    [Fact]
    public async Task A_restored_entry_outlives_gc_time_and_is_persisted_again()
    {
        var time = new FakeTimeProvider();
        var storage = new MemoryStorage(StoreWritten(time, "restored"));
        var (client, persister) = Open(storage, time);
        using (client)
        using (persister)
        {
            Assert.True(await persister.StartAsync());
            time.Advance(TimeSpan.FromMinutes(6)); // past the default 5-minute gcTime
            Assert.Equal("restored", client.GetQueryData<string>(Key));
            client.SetQueryData(QueryKey.Create("other"), 1); // a change: the persister writes
            time.Advance(TimeSpan.FromSeconds(1));
            await persister.PendingWrite;
            Assert.Equal(1, storage.Writes);
        }

        var (next, nextPersister) = Open(new MemoryStorage(storage.Content), time);
        using (next)
        using (nextPersister)
        {
            Assert.True(await nextPersister.RestoreAsync());
            Assert.Equal("restored", next.GetQueryData<string>(Key));
        }
    }

    [Fact]
    public async Task A_restored_entry_is_collected_once_max_age_has_passed_since_its_data_was_written()
    {
        var time = new FakeTimeProvider();
        var storage = new MemoryStorage(StoreWritten(time, "restored"));
        time.Advance(TimeSpan.FromHours(20)); // the data is 20 hours old when the app opens
        var (client, persister) = Open(storage, time);
        using (client)
        using (persister)
        {
            Assert.True(await persister.RestoreAsync());
            time.Advance(TimeSpan.FromHours(4) - TimeSpan.FromSeconds(1));
            Assert.Equal("restored", client.GetQueryData<string>(Key));
            time.Advance(TimeSpan.FromMinutes(2)); // MaxAge passed (countdowns end on whole minutes)
            Assert.Equal(0, client.Count);
        }
    }

    [Fact]
    public async Task Gc_time_still_wins_when_it_is_the_longer_countdown()
    {
        var time = new FakeTimeProvider();
        var storage = new MemoryStorage(StoreWritten(time, "restored"));
        time.Advance(MaxAge - TimeSpan.FromMinutes(1)); // one minute of MaxAge left, five of gcTime
        var (client, persister) = Open(storage, time);
        using (client)
        using (persister)
        {
            Assert.True(await persister.RestoreAsync());
            time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
            Assert.Equal("restored", client.GetQueryData<string>(Key));
            time.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(0, client.Count);
        }
    }

    [Fact]
    public async Task A_retained_entry_is_still_removed_on_request()
    {
        var time = new FakeTimeProvider();
        var storage = new MemoryStorage(StoreWritten(time, "restored"));
        var (client, persister) = Open(storage, time);
        using (client)
        using (persister)
        {
            Assert.True(await persister.RestoreAsync());
            client.RemoveQueries(Key);
            Assert.Equal(0, client.Count);
        }
    }

    [Fact]
    public async Task Once_the_retention_is_over_a_later_countdown_is_gc_time_again()
    {
        var time = new FakeTimeProvider();
        var storage = new MemoryStorage(StoreWritten(time, "restored"));
        time.Advance(TimeSpan.FromHours(23)); // one hour of MaxAge left
        var (client, persister) = Open(storage, time);
        using (client)
        using (persister)
        {
            Assert.True(await persister.RestoreAsync());
            var observer = client.Observe(Key, _ => Task.FromResult("fresh"), new FetchOptions { StaleTime = TimeSpan.MaxValue });
            time.Advance(TimeSpan.FromHours(2)); // observed past the retention's end
            observer.Dispose();
            time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
            Assert.Equal(1, client.Count);
            time.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(0, client.Count);
        }
    }

    [Fact]
    public async Task With_max_age_disabled_restored_entries_are_kept_until_removed()
    {
        var time = new FakeTimeProvider();
        var storage = new MemoryStorage(StoreWritten(time, "restored"));
        using var client = new QueryClient(new QueryClientOptions { TimeProvider = time });
        using var persister = new QueryPersister(client, new QueryPersisterOptions { Storage = storage, MaxAge = null });
        Assert.True(await persister.RestoreAsync());
        time.Advance(TimeSpan.FromDays(30));
        Assert.Equal("restored", client.GetQueryData<string>(Key));
        client.RemoveQueries(Key);
        Assert.Equal(0, client.Count);
    }

    [Fact]
    public void Plain_hydrate_keeps_the_gc_time_countdown()
    {
        var time = new FakeTimeProvider();
        using var source = new QueryClient(new QueryClientOptions { TimeProvider = time });
        source.SetQueryData(Key, "x");
        using var client = new QueryClient(new QueryClientOptions { TimeProvider = time });
        client.Hydrate(source.Dehydrate());
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, client.Count);
    }
}
