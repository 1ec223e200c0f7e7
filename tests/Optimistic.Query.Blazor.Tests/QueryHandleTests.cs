namespace Optimistic.Query.Blazor.Tests;

public sealed class QueryHandleTests : IDisposable
{
    private static readonly QueryKey Key = QueryKey.Create("todos");
    private readonly QueryClient _client = new();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Requests_a_render_per_change_and_none_once_disposed()
    {
        int renders = 0;
        var handle = new QueryHandle<string>(_client, () =>
        {
            Interlocked.Increment(ref renders);
            return Task.CompletedTask;
        });
        var server = new FakeServer<string>();
        var first = handle.ObserveAsync(Key, server.FetchAsync);
        Assert.False(first.IsCompleted);

        server.Answer("milk");
        await first;
        Assert.Equal("milk", handle.Data);
        int afterFetch = Volatile.Read(ref renders);
        Assert.True(afterFetch >= 1);

        _client.SetQueryData(Key, "bread");
        await Eventually.HoldsAsync(() => Volatile.Read(ref renders) > afterFetch, "a render after the write");
        int beforeDispose = Volatile.Read(ref renders);

        handle.Dispose();
        _client.SetQueryData(Key, "eggs");
        Assert.Equal(beforeDispose, Volatile.Read(ref renders));
    }

    [Fact]
    public async Task A_failing_render_goes_to_the_logger_and_the_listener_error_hook_and_the_cache_carries_on()
    {
        var logger = new ListLogger();
        var hooked = new List<Exception>();
        using var client = new QueryClient(new QueryClientOptions { Logger = logger, OnListenerError = error => { lock (hooked) hooked.Add(error); } });
        using var handle = new QueryHandle<string>(client, () => Task.FromException(new InvalidOperationException("render threw")));
        var server = new FakeServer<string>();
        var first = handle.ObserveAsync(Key, server.FetchAsync);

        server.Answer("milk");
        await first;
        client.SetQueryData(Key, "bread");

        Assert.Equal("bread", handle.Data);
        await Eventually.HoldsAsync(() => logger.Entries.Any(e => e.Id.Id == 200 && e.Error?.Message == "render threw"), "the render failure logged");
        lock (hooked) Assert.Contains(hooked, e => e.Message == "render threw");
        Assert.DoesNotContain(logger.Entries, e => e.Id.Name == "QueryListenerFailed");
    }

    [Fact]
    public async Task Its_first_result_task_completes_when_it_is_disposed_before_the_answer()
    {
        var handle = new QueryHandle<string>(_client, () => Task.CompletedTask);
        var first = handle.ObserveAsync(Key, new FakeServer<string>().FetchAsync);

        handle.Dispose();

        await first.WaitAsync(TimeSpan.FromSeconds(10)); // a TimeoutException here: the page's await would hang
        Assert.True(first.IsCompletedSuccessfully);
    }
}
