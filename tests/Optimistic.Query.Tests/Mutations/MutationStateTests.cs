using Optimistic.Query.Tests.Support;

namespace Optimistic.Query.Tests.Mutations;

public class MutationStateTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static QueryClient NewClient(ListLogger? logger = null) =>
        new(new QueryClientOptions { TimeProvider = new FakeTimeProvider(Start), Logger = logger });

    private static MutationState<string, string> Pending(string variables) => new(MutationStatus.Pending, null, null, variables, Start);

    [Fact]
    public void A_new_mutation_is_idle()
    {
        using var client = new QueryClient();
        var mutation = client.CreateMutation(new MutationOptions<int, int, int> { MutationFn = (v, _) => Task.FromResult(v) });

        Assert.Same(MutationState<int, int>.Idle, mutation.State);
        Assert.True(mutation.State.IsIdle);
    }

    [Fact]
    public async Task A_successful_run_goes_Pending_then_Success_once_each_and_is_Pending_inside_the_callbacks()
    {
        using var client = NewClient();
        var seen = new List<MutationState<string, string>>();
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
            new[]
            {
                MutationState<string, string>.Idle, // the current state, handed over by Subscribe
                Pending("v"),
                new MutationState<string, string>(MutationStatus.Success, "data:v", null, "v", Start),
            },
            seen);
        Assert.Equal(seen[^1], mutation.State);
        Assert.True(mutation.State.IsSuccess);
    }

    [Fact]
    public async Task A_failed_run_goes_Pending_then_Error_with_the_exception()
    {
        using var client = NewClient();
        var boom = new InvalidOperationException("no");
        var seen = new List<MutationState<string, string>>();
        var mutation = client.CreateMutation(new MutationOptions<string, string, string> { MutationFn = (_, _) => Task.FromException<string>(boom) });
        using var subscription = mutation.Subscribe(seen.Add);

        await Assert.ThrowsAsync<InvalidOperationException>(() => mutation.MutateAsync("v"));

        Assert.Equal(
            new[]
            {
                MutationState<string, string>.Idle,
                Pending("v"),
                new MutationState<string, string>(MutationStatus.Error, null, boom, "v", Start),
            },
            seen);
        Assert.True(mutation.State.IsError);
    }

    [Fact]
    public async Task A_second_run_resets_to_Pending_and_drops_the_previous_data()
    {
        using var client = NewClient();
        var server = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        int call = 0;
        var mutation = client.CreateMutation(new MutationOptions<string, string, string>
        {
            MutationFn = (v, _) => Interlocked.Increment(ref call) == 1 ? Task.FromResult(v) : server.Task,
        });
        await mutation.MutateAsync("first");

        var second = mutation.MutateAsync("second");

        Assert.Equal(Pending("second"), mutation.State);
        server.SetResult("second");
        await second;
        Assert.Equal(new MutationState<string, string>(MutationStatus.Success, "second", null, "second", Start), mutation.State);
    }

    [Fact]
    public async Task Disposing_the_subscription_stops_the_calls_and_is_idempotent()
    {
        using var client = NewClient();
        var mutation = client.CreateMutation(new MutationOptions<int, int, int> { MutationFn = (v, _) => Task.FromResult(v) });
        int calls = 0;
        var subscription = mutation.Subscribe(_ => calls++);
        await mutation.MutateAsync(1);
        Assert.Equal(3, calls); // Idle (current), Pending, Success

        subscription.Dispose();
        subscription.Dispose();
        await mutation.MutateAsync(2);

        Assert.Equal(3, calls);
        Assert.Equal(2, mutation.State.Data);
    }

    [Fact]
    public async Task The_same_listener_subscribed_twice_is_called_twice_until_each_subscription_is_disposed()
    {
        using var client = NewClient();
        var mutation = client.CreateMutation(new MutationOptions<int, int, int> { MutationFn = (v, _) => Task.FromResult(v) });
        int calls = 0;
        Action<MutationState<int, int>> listener = _ => calls++;
        using var first = mutation.Subscribe(listener);
        var second = mutation.Subscribe(listener);
        Assert.Equal(2, calls); // each subscription got the current state

        await mutation.MutateAsync(1);
        Assert.Equal(6, calls);

        second.Dispose();
        await mutation.MutateAsync(2);
        Assert.Equal(8, calls);
    }

    [Fact]
    public async Task A_throwing_listener_does_not_break_the_mutation_or_the_other_listeners_and_is_logged()
    {
        var logger = new ListLogger();
        using var client = NewClient(logger);
        var mutation = client.CreateMutation(new MutationOptions<int, int, int> { MutationFn = (v, _) => Task.FromResult(v * 2) });
        var boom = new InvalidOperationException("listener bug");
        var before = new List<MutationStatus>();
        var after = new List<MutationStatus>();
        using var s1 = mutation.Subscribe(s => before.Add(s.Status));
        using var s2 = mutation.Subscribe(s => { if (!s.IsIdle) throw boom; });
        using var s3 = mutation.Subscribe(s => after.Add(s.Status));

        Assert.Equal(42, await mutation.MutateAsync(21));

        Assert.Equal(new[] { MutationStatus.Idle, MutationStatus.Pending, MutationStatus.Success }, before);
        Assert.Equal(new[] { MutationStatus.Idle, MutationStatus.Pending, MutationStatus.Success }, after);
        Assert.Equal(2, logger.Entries.Count);
        Assert.All(logger.Entries, e => Assert.Same(boom, e.Exception));
    }

    [Fact]
    public async Task With_concurrent_runs_the_state_follows_the_latest_started_run()
    {
        using var client = NewClient();
        var servers = new Dictionary<string, TaskCompletionSource<string>>
        {
            ["old"] = new(TaskCreationOptions.RunContinuationsAsynchronously),
            ["new"] = new(TaskCreationOptions.RunContinuationsAsynchronously),
        };
        var mutation = client.CreateMutation(new MutationOptions<string, string, string> { MutationFn = (v, _) => servers[v].Task });
        var seen = new List<MutationState<string, string>>();
        using var subscription = mutation.Subscribe(seen.Add);

        var oldRun = mutation.MutateAsync("old");
        var newRun = mutation.MutateAsync("new");
        servers["new"].SetResult("new data");
        await newRun;
        servers["old"].SetResult("old data");
        Assert.Equal("old data", await oldRun);

        Assert.Equal(new MutationState<string, string>(MutationStatus.Success, "new data", null, "new", Start), mutation.State);
        // The second run's Pending carries its variables; the older run's late outcome is not published.
        Assert.Equal(
            new[]
            {
                MutationState<string, string>.Idle,
                Pending("old"),
                Pending("new"),
                new MutationState<string, string>(MutationStatus.Success, "new data", null, "new", Start),
            },
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
