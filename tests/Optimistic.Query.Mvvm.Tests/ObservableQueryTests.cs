using Optimistic.Query.Mvvm.Tests.Support;

namespace Optimistic.Query.Mvvm.Tests;

/// <summary>
/// An <see cref="ObservableQuery{T}"/> created on a single-threaded UI context, with every cache change made on the thread
/// pool: what a view bound to it sees.
/// </summary>
public sealed class ObservableQueryTests : IDisposable
{
    private static readonly QueryKey Key = QueryKey.Create("counter");

    private static QueryKey PageKey(int page) => QueryKey.Create("items", new { page });
    private readonly UiThread _ui = new();
    private readonly QueryClient _client = new();

    public void Dispose()
    {
        Assert.Empty(_ui.Context.UnhandledExceptions);
        _ui.Dispose();
    }

    [Fact]
    public async Task Changes_made_on_pool_threads_are_raised_on_the_ui_thread_in_order()
    {
        _client.SetQueryData(Key, 0);
        var query = await _ui.RunAsync(() => new ObservableQuery<int>(_client, Key, _ => Task.FromResult(-1), new FetchOptions { StaleTime = TimeSpan.FromHours(1) }));
        using var log = await _ui.RunAsync(() => new PropertyLog<ObservableQuery<int>, int>(query, q => q.Data));

        await Task.Run(() =>
        {
            for (int value = 1; value <= 200; value++) _client.SetQueryData(Key, value);
        });
        await Condition.WaitAsync(_ui, query, () => query.Data == 200, "the last write raised");

        var data = log.ValuesOf(nameof(query.Data)).ToList();
        Assert.All(log.Entries, e => Assert.Equal(_ui.ThreadId, e.ThreadId));
        Assert.NotEmpty(data);
        Assert.Equal(data.Order().Distinct(), data); // a burst may be coalesced, never reordered nor repeated
        Assert.Equal(200, data[^1]);
        await _ui.RunAsync(query.Dispose);
    }

    [Fact]
    public async Task The_first_load_goes_from_pending_and_fetching_to_success_with_data()
    {
        var server = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var query = await _ui.RunAsync(() => new ObservableQuery<string>(_client, Key, _ => server.Task));
        await Condition.WaitAsync(_ui, query, () => query.IsFetching, "the first fetch started");
        Assert.Equal((QueryStatus.Pending, (string?)null), await _ui.RunAsync(() => (query.Status, query.Data)));

        await Task.Run(() => server.SetResult("loaded"));
        await Condition.WaitAsync(_ui, query, () => !query.IsFetching, "the first fetch settled");

        Assert.Equal((QueryStatus.Success, "loaded", (Exception?)null), await _ui.RunAsync(() => (query.Status, query.Data, query.Error)));
        await _ui.RunAsync(query.Dispose);
    }

    [Fact]
    public async Task A_failed_fetch_is_raised_as_error_and_status_and_nothing_is_thrown_on_the_ui_thread()
    {
        var query = await _ui.RunAsync(() => new ObservableQuery<string>(_client, Key,
            async _ =>
            {
                await Task.Yield(); // fails on the thread pool, as a real request does
                throw new HttpRequestException("503");
            }, new FetchOptions { Retry = 0 }));

        await Condition.WaitAsync(_ui, query, () => query.Status == QueryStatus.Error && !query.IsFetching, "the fetch failed");

        Assert.Equal("503", (await _ui.RunAsync(() => query.Error))?.Message);
        await _ui.RunAsync(query.Dispose);
        // UnhandledExceptions is checked empty in Dispose.
    }

    [Fact]
    public async Task RefetchCommand_fetches_again_and_raises_fetching_around_it()
    {
        int calls = 0;
        var query = await _ui.RunAsync(() => new ObservableQuery<int>(_client, Key, _ => Task.Run(() => Interlocked.Increment(ref calls))));
        await Condition.WaitAsync(_ui, query, () => query.Data == 1 && !query.IsFetching, "the first fetch");
        using var log = await _ui.RunAsync(() => new PropertyLog<ObservableQuery<int>, bool>(query, q => q.IsFetching));

        await _ui.RunAsync(() => query.RefetchCommand.ExecuteAsync(null));
        await Condition.WaitAsync(_ui, query, () => query.Data == 2 && !query.IsFetching, "the refetch");

        Assert.Equal([true, false], log.ValuesOf(nameof(query.IsFetching)));
        await _ui.RunAsync(query.Dispose);
    }

    [Fact]
    public async Task Dispose_stops_notifications_and_the_observer()
    {
        int calls = 0;
        _client.SetQueryData(Key, 0);
        var query = await _ui.RunAsync(() => new ObservableQuery<int>(_client, Key, _ => Task.Run(() => Interlocked.Increment(ref calls)),
            new FetchOptions { StaleTime = TimeSpan.FromHours(1) }));
        await Task.Run(() => _client.SetQueryData(Key, 1));
        await Condition.WaitAsync(_ui, query, () => query.Data == 1, "a change before dispose is raised");
        using var log = await _ui.RunAsync(() => new PropertyLog<ObservableQuery<int>, int>(query, q => q.Data));

        await _ui.RunAsync(query.Dispose);
        await Task.Run(() => _client.SetQueryData(Key, 2));
        await _client.InvalidateQueriesAsync(Key); // an observed query would refetch; a disposed observer does not observe
        await _ui.DrainAsync();

        Assert.Empty(log.Entries);
        Assert.Equal(1, await _ui.RunAsync(() => query.Data));
        Assert.Equal(0, Volatile.Read(ref calls));
    }

    [Fact]
    public async Task Switching_pages_with_keep_previous_data_shows_the_previous_page_as_placeholder_until_the_new_one_arrives()
    {
        var pages = new PagedServer<string>();
        var keepPrevious = new QueryObserverOptions { KeepPreviousData = true };
        var query = await _ui.RunAsync(() => new ObservableQuery<string>(_client, PageKey(1), pages.Fetcher(1), observerOptions: keepPrevious));
        await pages.AnswerAsync(1, "page 1");
        await Condition.WaitAsync(_ui, query, () => query.Data == "page 1", "the first page");
        using var log = await _ui.RunAsync(() => new PropertyLog<ObservableQuery<string>, (string?, bool)>(query, q => (q.Data, q.IsPlaceholderData)));

        await _ui.RunAsync(() => query.SetOptions(PageKey(2), pages.Fetcher(2), observerOptions: keepPrevious));
        Assert.Equal((PageKey(2), "page 1", true, true), await _ui.RunAsync(() => (query.Key, query.Data, query.IsPlaceholderData, query.IsFetching)));

        await pages.AnswerAsync(2, "page 2");
        await Condition.WaitAsync(_ui, query, () => query.Data == "page 2", "the second page");

        Assert.False(await _ui.RunAsync(() => query.IsPlaceholderData));
        Assert.All(log.Entries, e => Assert.Equal(_ui.ThreadId, e.ThreadId));
        Assert.Equal([true, false], log.ValuesOf(nameof(query.IsPlaceholderData)).Select(v => v.Item2));
        Assert.Contains(log.Entries, e => e.Name == nameof(query.Key));
        await _ui.RunAsync(query.Dispose);
    }

    [Fact]
    public async Task A_disabled_query_fetches_nothing_until_enabled_and_its_refetch_command_still_fetches()
    {
        var pages = new PagedServer<string>();
        var query = await _ui.RunAsync(() => new ObservableQuery<string>(_client, PageKey(1), pages.Fetcher(1),
            observerOptions: new QueryObserverOptions { Enabled = false }));
        Assert.Equal((0, QueryStatus.Pending, false), await _ui.RunAsync(() => (pages.Calls, query.Status, query.IsFetching)));

        await _ui.RunAsync(() => query.SetOptions(PageKey(1), pages.Fetcher(1)));
        await pages.AnswerAsync(1, "page 1");
        await Condition.WaitAsync(_ui, query, () => query.Data == "page 1", "enabling fetched");

        await _ui.RunAsync(() => query.SetOptions(PageKey(1), pages.Fetcher(1), observerOptions: new QueryObserverOptions { Enabled = false }));
        var refetch = await _ui.RunAsync<Task>(() => query.RefetchCommand.ExecuteAsync(null));
        await pages.AnswerAsync(1, "page 1 again");
        await refetch.WaitAsync(UiThread.Timeout);
        await Condition.WaitAsync(_ui, query, () => query.Data == "page 1 again", "the refetch of a disabled query");
        Assert.Equal(2, pages.Calls);
        await _ui.RunAsync(query.Dispose);
    }
}
