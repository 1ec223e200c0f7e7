using Microsoft.Extensions.Logging;
using Optimistic.Query.Tests.Mutations;
using Optimistic.Query.Tests.Support;

namespace Optimistic.Query.Tests;

/// <summary>Every exception a listener throws reaches <see cref="QueryClientOptions.OnListenerError"/> and the logger.</summary>
public class ListenerErrorTests
{
    private static readonly QueryKey Key = QueryKey.Create("todos");

    [Fact]
    public async Task A_mutation_listener_exception_goes_to_the_hook_and_the_logger()
    {
        var logger = new ListLogger();
        var reported = new List<Exception>();
        using var client = new QueryClient(new QueryClientOptions { Logger = logger, OnListenerError = e => { lock (reported) reported.Add(e); } });
        var mutation = client.CreateMutation(new MutationOptions<int, int, int> { MutationFn = (v, _) => Task.FromResult(v) });
        var boom = new InvalidOperationException("render bug");
        using var subscription = mutation.Subscribe(s => { if (s.IsSuccess) throw boom; });

        await mutation.MutateAsync(1);

        Assert.Same(boom, Assert.Single(reported));
        Assert.Same(boom, Assert.Single(logger.Entries).Exception);
    }

    [Fact]
    public void An_observer_listener_exception_goes_to_the_hook_and_the_logger()
    {
        var logger = new ListLogger();
        var reported = new List<Exception>();
        using var client = new QueryClient(new QueryClientOptions { Logger = logger, OnListenerError = e => { lock (reported) reported.Add(e); } });
        client.SetQueryData(Key, 1);
        using var observer = client.Observe(Key, _ => Task.FromResult(1), new FetchOptions { StaleTime = TimeSpan.FromHours(1) });
        var boom = new InvalidOperationException("render bug");
        using var subscription = observer.Subscribe(s => { if (s.Data == 2) throw boom; });

        client.SetQueryData(Key, 2);

        Assert.Same(boom, Assert.Single(reported));
        Assert.Same(boom, Assert.Single(logger.Entries).Exception);
    }

    [Fact]
    public void Without_a_logger_the_hook_still_gets_the_exception()
    {
        var reported = new List<Exception>();
        using var client = new QueryClient(new QueryClientOptions { OnListenerError = e => { lock (reported) reported.Add(e); } });
        client.SetQueryData(Key, 1);
        using var observer = client.Observe(Key, _ => Task.FromResult(1), new FetchOptions { StaleTime = TimeSpan.FromHours(1) });
        var boom = new InvalidOperationException("render bug");
        using var subscription = observer.Subscribe(s => { if (s.Data == 2) throw boom; });

        client.SetQueryData(Key, 2);

        Assert.Same(boom, Assert.Single(reported));
    }

    [Fact]
    public void An_observer_state_of_the_wrong_type_goes_to_the_hook()
    {
        var reported = new List<Exception>();
        using var client = new QueryClient(new QueryClientOptions { OnListenerError = e => { lock (reported) reported.Add(e); } });
        client.SetQueryData(Key, 1);
        using var observer = client.Observe(Key, _ => Task.FromResult(1), new FetchOptions { StaleTime = TimeSpan.FromHours(1) });
        using var subscription = observer.Subscribe(_ => { });

        client.SetQueryData(Key, "not an int");

        Assert.IsType<InvalidCastException>(Assert.Single(reported));
    }

    [Fact]
    public async Task A_throwing_hook_is_logged_and_ignored_and_the_other_listeners_still_run()
    {
        var logger = new ListLogger();
        var hookBug = new InvalidOperationException("hook bug");
        using var client = new QueryClient(new QueryClientOptions { Logger = logger, OnListenerError = _ => throw hookBug });
        var mutation = client.CreateMutation(new MutationOptions<int, int, int> { MutationFn = (v, _) => Task.FromResult(v) });
        var listenerBug = new InvalidOperationException("listener bug");
        var after = new List<MutationStatus>();
        using var bad = mutation.Subscribe(s => { if (s.IsSuccess) throw listenerBug; });
        using var good = mutation.Subscribe(s => after.Add(s.Status));

        Assert.Equal(1, await mutation.MutateAsync(1));

        Assert.Equal(new[] { MutationStatus.Idle, MutationStatus.Pending, MutationStatus.Success }, after);
        Assert.Equal(new[] { (object)listenerBug, hookBug }, logger.Entries.Select(e => (object?)e.Exception));
        Assert.Equal("OnListenerErrorFailed", logger.Entries[1].EventId.Name);
        Assert.Equal(LogLevel.Error, logger.Entries[1].Level);
    }
}
