using Optimistic.Query.Tests.Cache;
using Optimistic.Query.Tests.Mutations;
using Optimistic.Query.Tests.Support;

namespace Optimistic.Query.Tests.Layers;

public class LayerSemanticsTests
{
    private static readonly QueryKey Key = QueryKey.Create("todos");

    private static QueryClient NewClient(FakeTimeProvider? time = null, ListLogger? logger = null) =>
        new(new QueryClientOptions { TimeProvider = time ?? new FakeTimeProvider(), Logger = logger });

    [Fact]
    public void A_layer_shows_over_the_base_and_rollback_restores_the_base()
    {
        using var client = NewClient();
        client.SetQueryData(Key, "000");
        var layer = client.AddOptimisticLayer<string>(Key, s => Bits.Toggle(s, 0));

        Assert.Equal("100", client.GetQueryData<string>(Key));
        Assert.Equal("100", client.GetQueryState<string>(Key)!.Data);
        Assert.Equal(OptimisticLayerStatus.Pending, layer.Status);
        Assert.True(layer.IsPending);
        Assert.Equal(Key, layer.Key);

        layer.Rollback();
        Assert.Equal("000", client.GetQueryData<string>(Key));
        Assert.Equal(OptimisticLayerStatus.RolledBack, layer.Status);
    }

    [Fact]
    public void Rolling_back_an_older_layer_keeps_the_newer_ones_replayed_over_the_base()
    {
        using var client = NewClient();
        client.SetQueryData(Key, "000");
        var first = client.AddOptimisticLayer<string>(Key, s => Bits.Toggle(s, 0));
        var second = client.AddOptimisticLayer<string>(Key, s => Bits.Toggle(s, 1));
        var third = client.AddOptimisticLayer<string>(Key, s => Bits.Toggle(s, 2));
        Assert.Equal("111", client.GetQueryData<string>(Key));

        first.Rollback();
        Assert.Equal("011", client.GetQueryData<string>(Key));
        third.Rollback();
        Assert.Equal("010", client.GetQueryData<string>(Key));
        Assert.True(second.IsPending);
    }

    [Fact]
    public void Layers_apply_in_creation_order()
    {
        using var client = NewClient();
        client.SetQueryData(Key, "a");
        var first = client.AddOptimisticLayer<string>(Key, s => s + "1");
        client.AddOptimisticLayer<string>(Key, s => s + "2");
        client.AddOptimisticLayer<string>(Key, s => s + "3");
        Assert.Equal("a123", client.GetQueryData<string>(Key));

        client.SetQueryData(Key, "b"); // a base write: every layer replays over it, in order
        Assert.Equal("b123", client.GetQueryData<string>(Key));
        first.Rollback();
        Assert.Equal("b23", client.GetQueryData<string>(Key));
    }

    [Fact]
    public void Commit_folds_the_layer_into_the_base()
    {
        using var client = NewClient();
        client.SetQueryData(Key, "a");
        var first = client.AddOptimisticLayer<string>(Key, s => s + "1");
        var second = client.AddOptimisticLayer<string>(Key, s => s + "2");

        second.Commit(); // a newer layer folds into the base; the older one replays over it
        Assert.Equal("a21", client.GetQueryData<string>(Key));
        Assert.Equal(OptimisticLayerStatus.Committed, second.Status);
        first.Rollback();
        Assert.Equal("a2", client.GetQueryData<string>(Key)); // the committed change stays in the base
    }

    [Fact]
    public void Committing_the_oldest_layer_runs_no_recipe_and_changes_nothing_visible()
    {
        using var client = NewClient();
        client.SetQueryData(Key, "a");
        int calls = 0;
        var first = client.AddOptimisticLayer<string>(Key, s => { calls++; return s + "1"; });
        client.AddOptimisticLayer<string>(Key, s => s + "2");
        var before = client.GetQueryData<string>(Key);
        int versionCalls = calls;

        first.Commit();
        Assert.Same(before, client.GetQueryData<string>(Key));
        Assert.Equal(versionCalls, calls);
        client.SetQueryData(Key, "b"); // base write: the committed layer is in no replay any more
        Assert.Equal("b2", client.GetQueryData<string>(Key));
        Assert.Equal(versionCalls, calls);
    }

    [Fact]
    public async Task A_fetch_result_lands_in_the_base_under_the_pending_layers()
    {
        using var client = NewClient();
        var fetcher = new TestFetcher<string>();
        client.SetQueryData(Key, "000");
        var layer = client.AddOptimisticLayer<string>(Key, s => Bits.Toggle(s, 0));
        var fetch = client.FetchQueryAsync(Key, fetcher.FetchAsync);

        fetcher.Complete(0, "001"); // another client changed item 2 meanwhile
        Assert.Equal("001", await fetch); // the fetch returns the server's answer
        Eventually.True(() => client.GetQueryData<string>(Key) == "101", "the replay over the fetched base");
        layer.Rollback();
        Assert.Equal("001", client.GetQueryData<string>(Key)); // never older than the server's answer
    }

    [Fact]
    public void Settling_is_idempotent_and_only_the_first_call_counts()
    {
        using var client = NewClient();
        client.SetQueryData(Key, "00");
        var rolledBack = client.AddOptimisticLayer<string>(Key, s => Bits.Toggle(s, 0));
        var committed = client.AddOptimisticLayer<string>(Key, s => Bits.Toggle(s, 1));

        rolledBack.Rollback();
        rolledBack.Rollback();
        rolledBack.Commit();
        Assert.Equal(OptimisticLayerStatus.RolledBack, rolledBack.Status);
        Assert.Equal("01", client.GetQueryData<string>(Key));

        committed.Commit();
        committed.Commit();
        committed.Rollback();
        Assert.Equal(OptimisticLayerStatus.Committed, committed.Status);
        Assert.Equal("01", client.GetQueryData<string>(Key));
        client.SetQueryData(Key, "00");
        Assert.Equal("00", client.GetQueryData<string>(Key)); // nothing pending any more
    }

    [Fact]
    public void On_a_miss_the_layer_stays_pending_unapplied_and_applies_once_data_arrives()
    {
        using var client = NewClient();
        int calls = 0;
        var layer = client.AddOptimisticLayer<string>(Key, s => { calls++; return Bits.Toggle(s, 0); });

        Assert.Equal(0, calls);
        Assert.Null(client.GetQueryData<string>(Key));
        Assert.True(layer.IsPending);
        Assert.False(client.GetQueryState<string>(Key)!.Status == QueryStatus.Success);

        client.SetQueryData(Key, "00");
        Assert.Equal("10", client.GetQueryData<string>(Key));
        Assert.Equal(QueryStatus.Success, client.GetQueryState<string>(Key)!.Status);
        layer.Rollback();
        Assert.Equal("00", client.GetQueryData<string>(Key));
    }

    [Fact]
    public void Committing_a_layer_over_a_miss_drops_it()
    {
        using var client = NewClient();
        var layer = client.AddOptimisticLayer<string>(Key, s => Bits.Toggle(s, 0));
        layer.Commit();
        Assert.Null(client.GetQueryData<string>(Key));
        client.SetQueryData(Key, "00");
        Assert.Equal("00", client.GetQueryData<string>(Key));
        Assert.Equal(OptimisticLayerStatus.Committed, layer.Status);
    }

    [Fact]
    public async Task Observers_are_notified_once_per_visible_change()
    {
        using var client = NewClient();
        var fetcher = new TestFetcher<string>();
        client.SetQueryData(Key, "000");
        using var observer = client.Observe(Key, fetcher.FetchAsync, new FetchOptions { StaleTime = TimeSpan.MaxValue });
        var seen = new List<string?>();
        using var subscription = observer.Subscribe(s => { lock (seen) seen.Add(s.Data); });

        var first = client.AddOptimisticLayer<string>(Key, s => Bits.Toggle(s, 0));
        var second = client.AddOptimisticLayer<string>(Key, s => Bits.Toggle(s, 1));
        Assert.Equal(new[] { "000", "100", "110" }, seen); // "000": the current state, handed over by Subscribe

        var refetch = observer.RefetchAsync(); // fetching: one notification for the status
        fetcher.Complete(0, "001");
        await refetch;
        Eventually.True(() => { lock (seen) return seen.Count == 5; }, "the fetch's notification");
        Assert.Equal("111", seen[4]); // one notification for a base write, however many layers it replayed

        first.Commit(); // the oldest: nothing visible changes, nobody is notified
        Assert.Equal(5, seen.Count);
        second.Rollback();
        Assert.Equal(new[] { "000", "100", "110", "110", "111", "101" }, seen);
    }

    [Fact]
    public void A_recipe_that_throws_when_added_propagates_and_adds_no_layer()
    {
        using var client = NewClient();
        client.SetQueryData(Key, "0");
        Assert.Throws<InvalidOperationException>(() => client.AddOptimisticLayer<string>(Key, _ => throw new InvalidOperationException()));
        Assert.Equal("0", client.GetQueryData<string>(Key));
        client.SetQueryData(Key, "1");
        Assert.Equal("1", client.GetQueryData<string>(Key));
    }

    [Fact]
    public void A_recipe_that_throws_in_a_replay_is_skipped_and_logged()
    {
        var logger = new ListLogger();
        using var client = NewClient(logger: logger);
        client.SetQueryData(Key, "00");
        client.AddOptimisticLayer<string>(Key, s => s == "11" ? throw new InvalidOperationException("boom") : Bits.Toggle(s, 0));
        client.AddOptimisticLayer<string>(Key, s => Bits.Toggle(s, 1));
        Assert.Equal("11", client.GetQueryData<string>(Key));

        client.SetQueryData(Key, "11");
        Assert.Equal("10", client.GetQueryData<string>(Key)); // the first layer skipped, the second applied
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(20, entry.EventId.Id);
        Assert.IsType<InvalidOperationException>(entry.Exception);
    }

    [Fact]
    public void A_recipe_returning_null_changes_nothing()
    {
        using var client = NewClient();
        client.SetQueryData(Key, "0");
        var layer = client.AddOptimisticLayer<string>(Key, _ => null!);
        Assert.Equal("0", client.GetQueryData<string>(Key));
        Assert.True(layer.IsPending);
    }

    [Fact]
    public void A_layer_of_another_type_throws_InvalidCastException()
    {
        using var client = NewClient();
        client.SetQueryData(Key, 1);
        var error = Assert.Throws<InvalidCastException>(() => client.AddOptimisticLayer<string>(Key, s => s));
        Assert.Contains("todos", error.Message);
    }

    [Fact]
    public void Null_arguments_throw()
    {
        using var client = NewClient();
        Assert.Throws<ArgumentNullException>(() => client.AddOptimisticLayer<string>(null!, s => s));
        Assert.Throws<ArgumentNullException>(() => client.AddOptimisticLayer<string>(Key, null!));
    }

    [Fact]
    public async Task Layer_changes_touch_only_the_data()
    {
        var time = new FakeTimeProvider();
        using var client = NewClient(time);
        client.SetQueryData(Key, "0");
        var updatedAt = client.GetQueryState<string>(Key)!.DataUpdatedAt;
        await client.InvalidateQueriesAsync(Key);
        time.Advance(TimeSpan.FromSeconds(5));

        var layer = client.AddOptimisticLayer<string>(Key, s => Bits.Toggle(s, 0));
        layer.Rollback();
        var state = client.GetQueryState<string>(Key)!;
        Assert.True(state.IsInvalidated);
        Assert.Equal(updatedAt, state.DataUpdatedAt);
    }

    [Fact]
    public void An_entry_with_pending_layers_is_not_collected()
    {
        var time = new FakeTimeProvider();
        using var client = NewClient(time);
        client.SetQueryData(Key, "0");
        var layer = client.AddOptimisticLayer<string>(Key, s => Bits.Toggle(s, 0));

        time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal("1", client.GetQueryData<string>(Key));
        layer.Commit();
        time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, client.Count);
    }

    [Fact]
    public void Removing_the_entry_drops_its_layers_and_settling_then_only_records_the_status()
    {
        using var client = NewClient();
        client.SetQueryData(Key, "0");
        var layer = client.AddOptimisticLayer<string>(Key, s => Bits.Toggle(s, 0));
        client.RemoveQueries(Key);

        layer.Rollback();
        Assert.Equal(OptimisticLayerStatus.RolledBack, layer.Status);
        Assert.Null(client.GetQueryData<string>(Key));
        client.SetQueryData(Key, "0");
        Assert.Equal("0", client.GetQueryData<string>(Key));
    }

    [Fact]
    public async Task A_mutation_rolls_its_layer_back_on_error_and_commits_it_on_success()
    {
        using var client = NewClient();
        client.SetQueryData(Key, "00");
        var gate = new TaskCompletionSource<Unit>(TaskCreationOptions.RunContinuationsAsynchronously);
        var fail = new TaskCompletionSource<Unit>(TaskCreationOptions.RunContinuationsAsynchronously);

        Mutation<int, Unit, OptimisticLayer<string>> Toggle(Func<Task<Unit>> server) =>
            client.CreateMutation(new MutationOptions<int, Unit, OptimisticLayer<string>>
            {
                MutationFn = (index, ct) => server(),
                OnMutateAsync = async index =>
                {
                    await client.CancelQueriesAsync(Key);
                    return client.AddOptimisticLayer<string>(Key, s => Bits.Toggle(s, index));
                },
                OnError = (error, index, layer) => layer?.Rollback(),
                OnSuccess = (data, index, layer) => layer?.Commit(),
                OnSettledAsync = (data, error, index, layer) => client.InvalidateQueriesAsync(Key),
            });

        var succeeding = Toggle(() => gate.Task).MutateAsync(0);
        var failing = Toggle(() => fail.Task).MutateAsync(1);
        Assert.Equal("11", client.GetQueryData<string>(Key));

        fail.SetException(new InvalidOperationException("server said no"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal("10", client.GetQueryData<string>(Key)); // the failed toggle goes; the pending one stays

        gate.SetResult(Unit.Value);
        await succeeding;
        Assert.Equal("10", client.GetQueryData<string>(Key));
        client.SetQueryData(Key, "10"); // the server's answer, written to the base: no layer left over it
        Assert.Equal("10", client.GetQueryData<string>(Key));
    }

    [Fact]
    public void An_updater_under_a_pending_layer_computes_from_the_base_and_the_layer_replays_over_it()
    {
        using var client = NewClient();
        client.SetQueryData(Key, "base");
        var layer = client.AddOptimisticLayer<string>(Key, s => s + "X");
        Assert.Equal("baseX", client.GetQueryData<string>(Key));

        string? received = null;
        var written = client.SetQueryData<string>(Key, s => { received = s; return s + "Y"; });

        Assert.Equal("base", received); // the base, not the visible value
        Assert.Equal("baseY", written);
        Assert.Equal("baseYX", client.GetQueryData<string>(Key)); // not baseXYX: the layer is not baked into the base
        layer.Rollback();
        Assert.Equal("baseY", client.GetQueryData<string>(Key));
    }

    [Fact]
    public void An_updater_under_a_pending_layer_then_a_commit_applies_the_layer_once()
    {
        using var client = NewClient();
        client.SetQueryData(Key, "base");
        var layer = client.AddOptimisticLayer<string>(Key, s => s + "X");
        client.SetQueryData<string>(Key, s => s + "Y");

        layer.Commit();

        Assert.Equal("baseYX", client.GetQueryData<string>(Key));
    }

    [Fact]
    public void A_patch_under_a_pending_layer_computes_from_the_base_and_undo_restores_the_base()
    {
        using var client = NewClient();
        client.SetQueryData(Key, "base");
        var layer = client.AddOptimisticLayer<string>(Key, s => s + "X");

        string? received = null;
        var patch = client.UpdateQueryData<string>(Key, s => { received = s; return s + "P"; });

        Assert.True(patch.Applied);
        Assert.Equal("base", received);
        Assert.Equal("basePX", client.GetQueryData<string>(Key));
        patch.Undo(); // the replayed layer does not count as a later write
        Assert.Equal("baseX", client.GetQueryData<string>(Key));
        layer.Rollback();
        Assert.Equal("base", client.GetQueryData<string>(Key));
    }

    [Fact]
    public void Undo_of_a_patch_made_under_a_layer_works_after_the_layer_rolled_back()
    {
        using var client = NewClient();
        client.SetQueryData(Key, "base");
        var layer = client.AddOptimisticLayer<string>(Key, s => s + "X");
        var patch = client.UpdateQueryData<string>(Key, s => s + "P");
        layer.Rollback();
        Assert.Equal("baseP", client.GetQueryData<string>(Key));

        patch.Undo();

        Assert.Equal("base", client.GetQueryData<string>(Key));
    }

    [Fact]
    public void Undo_of_a_patch_under_a_layer_does_nothing_after_a_later_base_write_or_a_commit()
    {
        using var client = NewClient();
        client.SetQueryData(Key, "base");
        var layer = client.AddOptimisticLayer<string>(Key, s => s + "X");
        var patch = client.UpdateQueryData<string>(Key, s => s + "P");
        client.SetQueryData(Key, "server");
        patch.Undo();
        Assert.Equal("serverX", client.GetQueryData<string>(Key));

        var second = client.UpdateQueryData<string>(Key, s => s + "Q");
        layer.Commit(); // folds X into the base: a base write
        second.Undo();
        Assert.Equal("serverQX", client.GetQueryData<string>(Key));
    }

    [Fact]
    public void A_patch_under_a_layer_pending_over_no_data_is_a_miss()
    {
        using var client = NewClient();
        var layer = client.AddOptimisticLayer<string>(Key, s => s + "X");
        bool called = false;

        var patch = client.UpdateQueryData<string>(Key, s => { called = true; return s; });

        Assert.False(patch.Applied);
        Assert.False(called);
        Assert.True(layer.IsPending);
    }
}
