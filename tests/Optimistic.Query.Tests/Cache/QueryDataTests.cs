using Optimistic.Query.Tests.Support;

namespace Optimistic.Query.Tests.Cache;

public class QueryDataTests
{
    private sealed record Page(int Count);

    private static readonly QueryKey Key = QueryKey.Create("todos", new { page = 1 });

    [Fact]
    public void A_miss_reads_default_and_creates_nothing()
    {
        using var client = new QueryClient();
        Assert.Null(client.GetQueryData<Page>(Key));
        Assert.Equal(0, client.GetQueryData<int>(Key));
        Assert.Equal(0, client.Count);
        Assert.Null(client.GetQueryState<Page>(Key));
    }

    [Fact]
    public void A_write_is_read_back_by_an_equal_key_with_success_state()
    {
        var time = new FakeTimeProvider();
        using var client = new QueryClient(new QueryClientOptions { TimeProvider = time });
        var page = new Page(3);

        Assert.Same(page, client.SetQueryData(Key, page));

        Assert.Same(page, client.GetQueryData<Page>(QueryKey.Create("todos", new { page = 1 })));
        var state = client.GetQueryState<Page>(Key)!;
        Assert.Equal(QueryStatus.Success, state.Status);
        Assert.Equal(FetchStatus.Idle, state.FetchStatus);
        Assert.Equal(time.GetUtcNow(), state.DataUpdatedAt);
        Assert.False(state.IsInvalidated);
        Assert.Equal(1, client.Count);
    }

    [Fact]
    public void Reading_a_value_as_another_type_throws_naming_the_key_and_both_types()
    {
        using var client = new QueryClient();
        client.SetQueryData(Key, new Page(1));

        var error = Assert.Throws<InvalidCastException>(() => client.GetQueryData<List<string>>(Key));

        Assert.Contains(Key.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains(typeof(Page).FullName!, error.Message, StringComparison.Ordinal);
        Assert.Contains("System.Collections.Generic.List<System.String>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_can_be_read_as_a_base_type_or_object()
    {
        using var client = new QueryClient();
        client.SetQueryData(Key, new Page(1));
        Assert.IsType<Page>(client.GetQueryData<object>(Key));
    }

    [Fact]
    public void Setting_null_or_an_updater_returning_null_changes_nothing()
    {
        using var client = new QueryClient();
        Assert.Null(client.SetQueryData<Page>(Key, (Page?)null));
        Assert.Null(client.SetQueryData<Page>(Key, _ => null));
        Assert.Equal(0, client.Count);

        var page = new Page(1);
        client.SetQueryData(Key, page);
        var before = client.GetQueryState<Page>(Key);
        Assert.Same(page, client.SetQueryData<Page>(Key, (Page?)null));
        Assert.Same(page, client.SetQueryData<Page>(Key, _ => null));
        Assert.Same(before, before); // the state object is a snapshot
        Assert.Equal(before, client.GetQueryState<Page>(Key));
    }

    [Fact]
    public void An_updater_sees_default_on_a_miss_and_the_current_value_on_a_hit()
    {
        using var client = new QueryClient();
        Assert.Equal(1, client.SetQueryData<int>(Key, n => n + 1));
        Assert.Equal(2, client.SetQueryData<int>(Key, n => n + 1));
        Assert.Equal(2, client.GetQueryData<int>(Key));
    }

    [Fact]
    public void A_write_clears_the_invalidation_and_the_error()
    {
        using var client = new QueryClient();
        client.SetQueryData(Key, new Page(1));
        client.InvalidateQueriesAsync(Key, refetch: RefetchType.None);
        Assert.True(client.GetQueryState<Page>(Key)!.IsInvalidated);

        client.SetQueryData(Key, new Page(2));

        Assert.False(client.GetQueryState<Page>(Key)!.IsInvalidated);
    }

    [Fact]
    public async Task Concurrent_updaters_lose_no_increment()
    {
        using var client = new QueryClient();
        const int threads = 8;
        const int perThread = 2_000;
        using var start = new Barrier(threads);

        var workers = Enumerable.Range(0, threads).Select(_ => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            for (int i = 0; i < perThread; i++)
            {
                client.SetQueryData<int>(Key, n => n + 1);
                _ = client.GetQueryData<int>(Key);
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        await Task.WhenAll(workers);

        Assert.Equal(threads * perThread, client.GetQueryData<int>(Key));
    }

    [Fact]
    public void A_patch_on_a_miss_does_not_call_the_recipe()
    {
        using var client = new QueryClient();
        bool called = false;

        var patch = client.UpdateQueryData<Page>(Key, p => { called = true; return p; });

        Assert.False(patch.Applied);
        Assert.False(called);
        patch.Undo(); // does nothing
        Assert.Equal(0, client.Count);
    }

    [Fact]
    public void A_patch_applies_and_undo_restores_the_replaced_value_once()
    {
        using var client = new QueryClient();
        var original = new Page(1);
        client.SetQueryData(Key, original);

        var patch = client.UpdateQueryData<Page>(Key, p => p with { Count = p.Count + 10 });

        Assert.True(patch.Applied);
        Assert.Equal(11, client.GetQueryData<Page>(Key)!.Count);
        patch.Undo();
        Assert.Same(original, client.GetQueryData<Page>(Key));

        client.SetQueryData(Key, new Page(5));
        patch.Undo(); // twice: nothing
        Assert.Equal(5, client.GetQueryData<Page>(Key)!.Count);
    }

    [Fact]
    public void Undo_after_a_later_write_does_nothing()
    {
        using var client = new QueryClient();
        client.SetQueryData(Key, new Page(1));
        var patch = client.UpdateQueryData<Page>(Key, p => p with { Count = 2 });
        var later = new Page(3);
        client.SetQueryData(Key, later);

        patch.Undo();

        Assert.Same(later, client.GetQueryData<Page>(Key));
    }

    [Fact]
    public void Undo_after_a_second_patch_does_nothing_but_the_second_undo_works()
    {
        using var client = new QueryClient();
        client.SetQueryData(Key, new Page(1));
        var first = client.UpdateQueryData<Page>(Key, p => p with { Count = 2 });
        var second = client.UpdateQueryData<Page>(Key, p => p with { Count = 3 });

        first.Undo();
        Assert.Equal(3, client.GetQueryData<Page>(Key)!.Count);
        second.Undo();
        Assert.Equal(2, client.GetQueryData<Page>(Key)!.Count);
    }

    [Fact]
    public void A_patch_of_a_value_of_another_type_throws()
    {
        using var client = new QueryClient();
        client.SetQueryData(Key, "text");
        Assert.Throws<InvalidCastException>(() => client.UpdateQueryData<Page>(Key, p => p));
    }

    [Fact]
    public void Undo_after_the_entry_was_removed_does_not_recreate_it()
    {
        using var client = new QueryClient();
        client.SetQueryData(Key, new Page(1));
        var patch = client.UpdateQueryData<Page>(Key, p => p with { Count = 2 });
        client.RemoveQueries(Key);

        patch.Undo();

        Assert.Equal(0, client.Count);
    }

    [Fact]
    public void Remove_clear_count_and_keys()
    {
        using var client = new QueryClient();
        client.SetQueryData(QueryKey.Create("a", 1), 1);
        client.SetQueryData(QueryKey.Create("a", 2), 2);
        client.SetQueryData(QueryKey.Create("b"), 3);

        Assert.Equal(3, client.Count);
        Assert.Equal(2, client.GetQueryKeys(QueryKey.Create("a")).Count);
        client.RemoveQueries(QueryKey.Create("a"), exact: true); // no such exact key
        Assert.Equal(3, client.Count);
        client.RemoveQueries(QueryKey.Create("a"));
        Assert.Equal(new[] { QueryKey.Create("b") }, client.GetQueryKeys());
        client.Clear();
        Assert.Equal(0, client.Count);
        Assert.Empty(client.GetQueryKeys());
        Assert.Equal(0, client.GetQueryData<int>(QueryKey.Create("b")));
    }
}
