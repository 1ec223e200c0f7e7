namespace Optimistic.Query.Tests.Mutations;

public class MutationStateTests
{
    [Fact]
    public void A_new_mutation_is_idle()
    {
        using var client = new QueryClient();
        var mutation = client.CreateMutation(new MutationOptions<int, int, int> { MutationFn = (v, _) => Task.FromResult(v) });

        Assert.Same(MutationState<int>.Idle, mutation.State);
    }

    [Fact]
    public async Task A_successful_run_goes_Pending_then_Success_once_each_and_is_Pending_inside_the_callbacks()
    {
        using var client = new QueryClient();
        var seen = new List<MutationState<string>>();
        Mutation<string, string, string>? mutation = null;
        MutationStatus? statusInOnSettled = null;
        mutation = client.CreateMutation(new MutationOptions<string, string, string>
        {
            MutationFn = (v, _) => Task.FromResult("data:" + v),
            OnSettled = (_, _, _, _) => statusInOnSettled = mutation!.State.Status,
        });
        using var subscription = mutation.Subscribe(seen.Add);

        await mutation.MutateAsync("v");

        Assert.Equal(MutationStatus.Pending, statusInOnSettled);
        Assert.Equal(
            new[] { new MutationState<string>(MutationStatus.Pending, null, null), new MutationState<string>(MutationStatus.Success, "data:v", null) },
            seen);
        Assert.Equal(seen[^1], mutation.State);
    }

    [Fact]
    public async Task A_failed_run_goes_Pending_then_Error_with_the_exception()
    {
        using var client = new QueryClient();
        var boom = new InvalidOperationException("no");
        var seen = new List<MutationState<string>>();
        var mutation = client.CreateMutation(new MutationOptions<string, string, string> { MutationFn = (_, _) => Task.FromException<string>(boom) });
        using var subscription = mutation.Subscribe(seen.Add);

        await Assert.ThrowsAsync<InvalidOperationException>(() => mutation.MutateAsync("v"));

        Assert.Equal(
            new[] { new MutationState<string>(MutationStatus.Pending, null, null), new MutationState<string>(MutationStatus.Error, null, boom) },
            seen);
    }

    [Fact]
    public async Task A_second_run_resets_to_Pending_and_drops_the_previous_data()
    {
        using var client = new QueryClient();
        var server = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        int call = 0;
        var mutation = client.CreateMutation(new MutationOptions<string, string, string>
        {
            MutationFn = (v, _) => Interlocked.Increment(ref call) == 1 ? Task.FromResult(v) : server.Task,
        });
        await mutation.MutateAsync("first");

        var second = mutation.MutateAsync("second");

        Assert.Equal(new MutationState<string>(MutationStatus.Pending, null, null), mutation.State);
        server.SetResult("second");
        await second;
        Assert.Equal(new MutationState<string>(MutationStatus.Success, "second", null), mutation.State);
    }

    [Fact]
    public async Task Disposing_the_subscription_stops_the_calls_and_is_idempotent()
    {
        using var client = new QueryClient();
        var mutation = client.CreateMutation(new MutationOptions<int, int, int> { MutationFn = (v, _) => Task.FromResult(v) });
        int calls = 0;
        var subscription = mutation.Subscribe(_ => calls++);
        await mutation.MutateAsync(1);
        Assert.Equal(2, calls);

        subscription.Dispose();
        subscription.Dispose();
        await mutation.MutateAsync(2);

        Assert.Equal(2, calls);
        Assert.Equal(2, mutation.State.Data);
    }

    [Fact]
    public async Task The_same_listener_subscribed_twice_is_called_twice_until_each_subscription_is_disposed()
    {
        using var client = new QueryClient();
        var mutation = client.CreateMutation(new MutationOptions<int, int, int> { MutationFn = (v, _) => Task.FromResult(v) });
        int calls = 0;
        Action<MutationState<int>> listener = _ => calls++;
        using var first = mutation.Subscribe(listener);
        var second = mutation.Subscribe(listener);

        await mutation.MutateAsync(1);
        Assert.Equal(4, calls);

        second.Dispose();
        await mutation.MutateAsync(2);
        Assert.Equal(6, calls);
    }

    [Fact]
    public async Task A_throwing_listener_does_not_break_the_mutation_or_the_other_listeners_and_is_logged()
    {
        var logger = new ListLogger();
        using var client = new QueryClient(new QueryClientOptions { Logger = logger });
        var mutation = client.CreateMutation(new MutationOptions<int, int, int> { MutationFn = (v, _) => Task.FromResult(v * 2) });
        var boom = new InvalidOperationException("listener bug");
        var before = new List<MutationStatus>();
        var after = new List<MutationStatus>();
        using var s1 = mutation.Subscribe(s => before.Add(s.Status));
        using var s2 = mutation.Subscribe(_ => throw boom);
        using var s3 = mutation.Subscribe(s => after.Add(s.Status));

        Assert.Equal(42, await mutation.MutateAsync(21));

        Assert.Equal(new[] { MutationStatus.Pending, MutationStatus.Success }, before);
        Assert.Equal(new[] { MutationStatus.Pending, MutationStatus.Success }, after);
        Assert.Equal(2, logger.Entries.Count);
        Assert.All(logger.Entries, e => Assert.Same(boom, e.Exception));
    }

    [Fact]
    public async Task With_concurrent_runs_the_state_follows_the_latest_started_run()
    {
        using var client = new QueryClient();
        var servers = new Dictionary<string, TaskCompletionSource<string>>
        {
            ["old"] = new(TaskCreationOptions.RunContinuationsAsynchronously),
            ["new"] = new(TaskCreationOptions.RunContinuationsAsynchronously),
        };
        var mutation = client.CreateMutation(new MutationOptions<string, string, string> { MutationFn = (v, _) => servers[v].Task });
        var seen = new List<MutationState<string>>();
        using var subscription = mutation.Subscribe(seen.Add);

        var oldRun = mutation.MutateAsync("old");
        var newRun = mutation.MutateAsync("new");
        servers["new"].SetResult("new data");
        await newRun;
        servers["old"].SetResult("old data");
        Assert.Equal("old data", await oldRun);

        Assert.Equal(new MutationState<string>(MutationStatus.Success, "new data", null), mutation.State);
        // The second Pending is no change, and the older run's late outcome is not published.
        Assert.Equal(
            new[] { new MutationState<string>(MutationStatus.Pending, null, null), new MutationState<string>(MutationStatus.Success, "new data", null) },
            seen);
    }

    [Fact]
    public void Subscribe_rejects_a_null_listener()
    {
        using var client = new QueryClient();
        var mutation = client.CreateMutation(new MutationOptions<int, int, int> { MutationFn = (v, _) => Task.FromResult(v) });

        Assert.Throws<ArgumentNullException>(() => mutation.Subscribe(null!));
    }
}
