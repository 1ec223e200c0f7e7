using Optimistic.Query.Tests.Mutations;
using Optimistic.Query.Tests.Support;

namespace Optimistic.Query.Tests.Cache;

/// <summary>
/// The fetch methods answer with server truth on the cached path too (never a pending optimistic layer), and a
/// fetcher's own <see cref="OperationCanceledException"/> (an HttpClient timeout) is a failure, not our cancel.
/// </summary>
public class FetchServerTruthAndFetcherCancellationTests
{
    private static readonly QueryKey Key = QueryKey.Create("todos");
    private static readonly FetchOptions Fresh = new() { StaleTime = TimeSpan.MaxValue };

    private static Task<string> NotCalled(CancellationToken _) => throw new InvalidOperationException("the fetcher was called");

    /// <summary>What HttpClient throws when its own Timeout elapses: a cancellation that is not the caller's.</summary>
    private static TaskCanceledException HttpTimeout() =>
        new("The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.", new TimeoutException());

    [Fact]
    public async Task Fetch_and_ensure_return_the_base_from_cache_while_a_layer_is_pending()
    {
        using var client = new QueryClient(new QueryClientOptions { TimeProvider = new FakeTimeProvider() });
        Assert.Equal("server", await client.FetchQueryAsync(Key, _ => Task.FromResult("server"), Fresh));
        var layer = client.AddOptimisticLayer<string>(Key, s => s + "+L");
        Assert.Equal("server+L", client.GetQueryData<string>(Key));

        Assert.Equal("server", await client.FetchQueryAsync(Key, NotCalled, Fresh));
        Assert.Equal("server", await client.EnsureQueryDataAsync(Key, NotCalled));
        Assert.Equal("server+L", client.GetQueryData<string>(Key)); // readers still see the layer
        layer.Rollback();
    }

    [Fact]
    public async Task Ensure_with_a_layer_over_a_restored_base_returns_the_restored_base_typed()
    {
        var time = new FakeTimeProvider();
        using var source = new QueryClient(new QueryClientOptions { TimeProvider = time });
        source.SetQueryData(Key, new[] { 1, 2 });
        using var client = new QueryClient(new QueryClientOptions { TimeProvider = time });
        client.Hydrate(source.Dehydrate());
        _ = client.AddOptimisticLayer<int[]>(Key, a => [.. a, 3]);

        Assert.Equal(new[] { 1, 2, 3 }, client.GetQueryData<int[]>(Key));
        Assert.Equal(new[] { 1, 2 }, await client.EnsureQueryDataAsync(Key, _ => Task.FromResult(new[] { 9 })));
    }

    [Fact]
    public async Task Ensure_fetches_when_layers_are_pending_over_a_miss()
    {
        using var client = new QueryClient(new QueryClientOptions { TimeProvider = new FakeTimeProvider() });
        var layer = client.AddOptimisticLayer<string>(Key, s => s + "+L"); // invisible: nothing to apply to yet
        Assert.Null(client.GetQueryData<string>(Key));

        Assert.Equal("server", await client.EnsureQueryDataAsync(Key, _ => Task.FromResult("server")));
        Assert.Equal("server+L", client.GetQueryData<string>(Key)); // the fetch landed in the base, under the layer
        Assert.Equal("server", await client.EnsureQueryDataAsync(Key, NotCalled));
        layer.Rollback();
    }

    [Fact]
    public async Task A_fetchers_own_cancellation_is_retried_recorded_and_faults_the_fetch_with_that_exception()
    {
        using var client = new QueryClient(new QueryClientOptions { TimeProvider = new FakeTimeProvider() });
        var timeout = HttpTimeout();
        int calls = 0;
        var fetch = client.FetchQueryAsync<string>(Key, _ => { calls++; return Task.FromException<string>(timeout); },
            new FetchOptions { Retry = 2, RetryDelay = (_, _) => TimeSpan.Zero });

        var thrown = await Assert.ThrowsAsync<TaskCanceledException>(() => fetch);
        Assert.Same(timeout, thrown);
        Assert.True(fetch.IsFaulted, "a fetcher's own cancellation faults the fetch; only our cancel cancels it");
        Assert.Equal(3, calls); // retried per Retry
        var state = client.GetQueryState<string>(Key)!;
        Assert.Same(timeout, state.Error);
        Assert.Equal(QueryStatus.Error, state.Status);
        Assert.Equal(FetchStatus.Idle, state.FetchStatus);
    }

    [Fact]
    public async Task A_fetcher_that_throws_its_own_cancellation_synchronously_is_a_failure_too()
    {
        using var client = new QueryClient(new QueryClientOptions { TimeProvider = new FakeTimeProvider() });
        using var own = new CancellationTokenSource();
        own.Cancel();
        var fetch = client.FetchQueryAsync<string>(Key, _ => { own.Token.ThrowIfCancellationRequested(); return Task.FromResult("never"); });
        var thrown = await Assert.ThrowsAsync<OperationCanceledException>(() => fetch);
        Assert.Equal(own.Token, thrown.CancellationToken);
        Assert.True(fetch.IsFaulted);
        Assert.IsType<OperationCanceledException>(client.GetQueryState<string>(Key)!.Error);
    }

    [Fact]
    public async Task A_refetch_failing_with_the_fetchers_own_cancellation_is_logged()
    {
        var logger = new ListLogger();
        using var client = new QueryClient(new QueryClientOptions { TimeProvider = new FakeTimeProvider(), Logger = logger });
        var timeout = HttpTimeout();
        int calls = 0;
        await client.FetchQueryAsync(Key, _ => ++calls == 1 ? Task.FromResult("first") : Task.FromException<string>(timeout));

        await client.InvalidateQueriesAsync(Key, refetch: RefetchType.All);

        Assert.Equal(2, calls);
        var logged = Assert.Single(logger.Entries, l => l.EventId.Id == 2);
        Assert.Same(timeout, logged.Exception);
        Assert.Same(timeout, client.GetQueryState<string>(Key)!.Error);
        Assert.Equal("first", client.GetQueryData<string>(Key));
    }

    [Fact]
    public async Task Our_cancel_still_cancels_and_records_no_error()
    {
        var logger = new ListLogger();
        using var client = new QueryClient(new QueryClientOptions { TimeProvider = new FakeTimeProvider(), Logger = logger });
        var fetch = client.FetchQueryAsync<string>(Key, async token =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return "never";
        });
        await client.CancelQueriesAsync(Key);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fetch);
        Assert.True(fetch.IsCanceled);
        Assert.Null(client.GetQueryState<string>(Key)!.Error);

        // A refetch we cancel is not a failure either: nothing logged.
        client.SetQueryData(Key, "data");
        var refetch = client.InvalidateQueriesAsync(Key, refetch: RefetchType.All);
        await client.CancelQueriesAsync(Key);
        await refetch;
        Assert.DoesNotContain(logger.Entries, l => l.EventId.Id == 2);
    }

    [Fact]
    public async Task The_callers_own_token_still_cancels_only_the_callers_wait()
    {
        using var client = new QueryClient(new QueryClientOptions { TimeProvider = new FakeTimeProvider() });
        var gate = new TaskCompletionSource<string>();
        using var stop = new CancellationTokenSource();
        var waiting = client.FetchQueryAsync<string>(Key, _ => gate.Task, cancellationToken: stop.Token);
        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.True(waiting.IsCanceled);

        gate.SetResult("done");
        Assert.Equal("done", await client.FetchQueryAsync<string>(Key, _ => gate.Task));
    }
}
