using Optimistic.Query.Persistence;
using Optimistic.Query.Tests.Support;

namespace Optimistic.Query.Tests.Persistence;

/// <summary>
/// Hydration and dehydration deal in server truth: hydration writes the base under pending optimistic layers, dehydration
/// persists the base without them; and a time stamp from the future is brought back to the client's clock.
/// </summary>
public class HydrationLayersAndClockTests
{
    private static readonly QueryKey Key = QueryKey.Create("todos", 1);

    private static QueryClient NewClient(FakeTimeProvider time) => new(new QueryClientOptions { TimeProvider = time });

    private static DehydratedState Snapshot(FakeTimeProvider time, params (QueryKey Key, string Value)[] values)
    {
        using var source = NewClient(time);
        foreach (var (key, value) in values) source.SetQueryData(key, value);
        return source.Dehydrate();
    }

    [Fact]
    public void Hydrate_writes_the_base_under_a_pending_layer_and_rollback_keeps_the_hydrated_data()
    {
        var time = new FakeTimeProvider();
        using var client = NewClient(time);
        client.SetQueryData(Key, "A");
        var layer = client.AddOptimisticLayer<string>(Key, s => s + "+L");
        Assert.Equal("A+L", client.GetQueryData<string>(Key));

        time.Advance(TimeSpan.FromSeconds(1));
        client.Hydrate(Snapshot(time, (Key, "B"))); // newer than "A"

        Assert.Equal("B+L", client.GetQueryData<string>(Key));
        layer.Rollback();
        Assert.Equal("B", client.GetQueryData<string>(Key));
        Assert.Equal(time.GetUtcNow(), client.GetQueryState<string>(Key)!.DataUpdatedAt);
    }

    [Fact]
    public void Hydrate_under_a_layer_then_commit_folds_the_layer_into_the_hydrated_base()
    {
        var time = new FakeTimeProvider();
        using var client = NewClient(time);
        client.SetQueryData(Key, "A");
        var layer = client.AddOptimisticLayer<string>(Key, s => s + "+L");
        time.Advance(TimeSpan.FromSeconds(1));
        client.Hydrate(Snapshot(time, (Key, "B")));

        layer.Commit();
        Assert.Equal("B+L", client.GetQueryData<string>(Key));
        Assert.Equal("B+L", client.SetQueryData<string>(Key, s => s)); // the base itself
    }

    [Fact]
    public void Hydrate_does_not_replace_a_newer_base_under_a_layer()
    {
        var time = new FakeTimeProvider();
        var older = Snapshot(time, (Key, "B"));
        time.Advance(TimeSpan.FromSeconds(1));
        using var client = NewClient(time);
        client.SetQueryData(Key, "A");
        var layer = client.AddOptimisticLayer<string>(Key, s => s + "+L");

        client.Hydrate(older);
        Assert.Equal("A+L", client.GetQueryData<string>(Key));
        layer.Rollback();
        Assert.Equal("A", client.GetQueryData<string>(Key));
    }

    [Fact]
    public void Dehydrate_writes_the_base_not_the_pending_layers()
    {
        var time = new FakeTimeProvider();
        using var client = NewClient(time);
        client.SetQueryData(Key, "server");
        var layer = client.AddOptimisticLayer<string>(Key, s => s + "+L");
        Assert.Equal("server+L", client.GetQueryData<string>(Key));

        var query = Assert.Single(client.Dehydrate().Queries);
        Assert.Equal("server", query.Data.GetString());

        // A filter sees what is persisted: the base.
        string? seen = null;
        client.Dehydrate(new DehydrateOptions { ShouldDehydrate = (_, s) => { seen = s.Data as string; return true; } });
        Assert.Equal("server", seen);
        GC.KeepAlive(layer);
    }

    [Fact]
    public void Dehydrate_writes_a_restored_base_under_a_layer_as_it_was_restored()
    {
        var time = new FakeTimeProvider();
        using var client = NewClient(time);
        client.Hydrate(Snapshot(time, (Key, "restored")));
        _ = client.AddOptimisticLayer<string>(Key, s => s + "+L");
        Assert.Equal("restored+L", client.GetQueryData<string>(Key));
        Assert.Equal("restored", Assert.Single(client.Dehydrate().Queries).Data.GetString());
    }

    [Fact]
    public async Task A_restart_before_the_rollback_restores_server_truth_through_the_persister()
    {
        var time = new FakeTimeProvider();
        var storage = new MemoryStorage();
        using (var client = NewClient(time))
        using (var persister = new QueryPersister(client, new QueryPersisterOptions { Storage = storage }))
        {
            client.SetQueryData(Key, "server");
            _ = client.AddOptimisticLayer<string>(Key, s => s + "+L");
            await persister.FlushAsync(); // the app stops here, before the mutation settles
        }

        using var restarted = NewClient(time);
        using var reader = new QueryPersister(restarted, new QueryPersisterOptions { Storage = storage });
        Assert.True(await reader.RestoreAsync());
        Assert.Equal("server", restarted.GetQueryData<string>(Key));
    }

    [Fact]
    public async Task A_data_time_from_the_future_is_brought_back_to_now_so_the_entry_goes_stale()
    {
        var time = new FakeTimeProvider();
        var future = new FakeTimeProvider(time.GetUtcNow().AddDays(30));
        using var client = NewClient(time);
        client.Hydrate(Snapshot(future, (Key, "restored")));

        Assert.Equal(time.GetUtcNow(), client.GetQueryState<string>(Key)!.DataUpdatedAt);
        time.Advance(TimeSpan.FromMinutes(2));
        int calls = 0;
        var data = await client.FetchQueryAsync(Key, _ => { calls++; return Task.FromResult("fresh"); },
            new FetchOptions { StaleTime = TimeSpan.FromMinutes(1) });
        Assert.Equal("fresh", data);
        Assert.Equal(1, calls);
    }

    [Fact]
    public void A_future_time_never_beats_live_data_written_now()
    {
        var time = new FakeTimeProvider();
        var future = new FakeTimeProvider(time.GetUtcNow().AddDays(30));
        using var client = NewClient(time);
        client.SetQueryData(Key, "live");
        client.Hydrate(Snapshot(future, (Key, "from the future")));
        Assert.Equal("live", client.GetQueryData<string>(Key));
    }

    [Fact]
    public void An_error_time_from_the_future_is_brought_back_to_now()
    {
        var time = new FakeTimeProvider();
        var future = new FakeTimeProvider(time.GetUtcNow().AddDays(30));
        using var source = NewClient(future);
        _ = source.FetchQueryAsync<int>(Key, _ => Task.FromException<int>(new InvalidOperationException("boom")));
        var state = source.Dehydrate(new DehydrateOptions { ShouldDehydrate = (_, _) => true });
        Assert.Equal(future.GetUtcNow(), Assert.Single(state.Queries).ErrorUpdatedAt);

        using var client = NewClient(time);
        client.Hydrate(state);
        var restored = client.GetQueryState<int>(Key)!;
        Assert.Equal(QueryStatus.Error, restored.Status);
        Assert.Equal(time.GetUtcNow(), restored.ErrorUpdatedAt);
    }
}
