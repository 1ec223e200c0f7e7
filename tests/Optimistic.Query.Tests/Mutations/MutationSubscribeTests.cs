using Optimistic.Query.Tests.Cache;

namespace Optimistic.Query.Tests.Mutations;

/// <summary>Subscribe hands the current state first, through the same serialized delivery as every change.</summary>
public class MutationSubscribeTests
{
    [Fact]
    public void Subscribing_during_a_run_gets_the_pending_state_with_its_variables_at_once()
    {
        using var client = new QueryClient();
        var server = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var mutation = client.CreateMutation(new MutationOptions<string, string, string> { MutationFn = (_, _) => server.Task });
        mutation.Mutate("v");
        var seen = new List<MutationState<string, string>>();

        using var subscription = mutation.Subscribe(s => { lock (seen) seen.Add(s); });

        Assert.Equal(MutationStatus.Pending, Assert.Single(seen).Status);
        Assert.Equal("v", seen[0].Variables);
        server.SetResult("done");
        Eventually.True(() => { lock (seen) return seen.Count == 2; }, "the success");
        Assert.Equal(MutationStatus.Success, seen[1].Status);
    }

    [Fact]
    public async Task A_listener_subscribed_while_another_thread_delivers_is_called_after_that_call_never_alongside_it_and_gets_the_newest_state_once()
    {
        using var client = new QueryClient();
        var servers = new Dictionary<string, TaskCompletionSource<string>>
        {
            ["v"] = new(TaskCreationOptions.RunContinuationsAsynchronously),
            ["w"] = new(TaskCreationOptions.RunContinuationsAsynchronously),
        };
        var mutation = client.CreateMutation(new MutationOptions<string, string, string> { MutationFn = (v, _) => servers[v].Task });
        using var inSuccess = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        int inListeners = 0, overlaps = 0;
        var first = new List<string>();
        var second = new List<string>();
        void Enter() { if (Interlocked.Increment(ref inListeners) > 1) Interlocked.Increment(ref overlaps); }
        void Leave() => Interlocked.Decrement(ref inListeners);
        using var s1 = mutation.Subscribe(s =>
        {
            Enter();
            lock (first) first.Add($"{s.Status} {s.Variables}");
            if (s.IsSuccess)
            {
                inSuccess.Set();
                release.Wait(TimeSpan.FromSeconds(10)); // the deliverer (the thread that completed the run) is busy here
            }
            Leave();
        });
        mutation.Mutate("v");

        servers["v"].SetResult("done"); // the run completes on a pool thread, which delivers Success
        Assert.True(inSuccess.Wait(TimeSpan.FromSeconds(10)));
        var subscribe = Task.Run(() => mutation.Subscribe(s => { Enter(); lock (second) second.Add($"{s.Status} {s.Variables}"); Leave(); }));
        using var s2 = await subscribe.WaitAsync(TimeSpan.FromSeconds(10)); // Subscribe must not wait for another thread's delivery
        await Task.Run(() => mutation.Mutate("w")).WaitAsync(TimeSpan.FromSeconds(10)); // a newer change, handed to the busy deliverer
        lock (second) Assert.Empty(second); // nothing while the deliverer is inside the first listener

        release.Set();
        Eventually.True(() => { lock (second) return second.Count > 0; }, "the new listener's first call");
        Eventually.True(() => { lock (first) return first.Count == 4; }, "the first listener's newer state");

        Assert.Equal(0, overlaps);
        Assert.Equal(new[] { "Idle ", "Pending v", "Success v", "Pending w" }, first);
        Assert.Equal(new[] { "Pending w" }, second); // the current state when its turn came, once
    }

    [Fact]
    public async Task A_run_settling_while_Subscribe_runs_is_never_seen_out_of_order_or_twice()
    {
        for (int round = 0; round < 500; round++)
        {
            using var client = new QueryClient();
            var server = new TaskCompletionSource<int>();
            var mutation = client.CreateMutation(new MutationOptions<int, int, int> { MutationFn = (_, _) => server.Task });
            mutation.Mutate(round);
            var seen = new List<MutationState<int, int>>();
            using var barrier = new Barrier(2);

            var settle = Task.Run(() => { barrier.SignalAndWait(); server.SetResult(round); });
            barrier.SignalAndWait();
            using var subscription = mutation.Subscribe(s => { lock (seen) seen.Add(s); });
            await settle;
            Eventually.True(() => { lock (seen) return seen.Count > 0 && seen[^1].IsSuccess; }, "the success to be delivered");

            lock (seen)
            {
                var statuses = seen.Select(s => s.Status).ToArray();
                Assert.True(
                    statuses.SequenceEqual(new[] { MutationStatus.Pending, MutationStatus.Success }) || statuses.SequenceEqual(new[] { MutationStatus.Success }),
                    $"round {round}: {string.Join(", ", statuses)}");
            }
        }
    }

    [Fact]
    public async Task A_run_started_from_inside_a_listener_is_delivered_after_the_current_call_in_order()
    {
        using var client = new QueryClient();
        Mutation<int, int, int>? mutation = null;
        mutation = client.CreateMutation(new MutationOptions<int, int, int> { MutationFn = (v, _) => Task.FromResult(v) });
        var first = new List<(MutationStatus, int)>();
        var second = new List<(MutationStatus, int)>();
        bool restarted = false;
        using var s1 = mutation.Subscribe(s =>
        {
            first.Add((s.Status, s.Variables));
            if (s.IsSuccess && !restarted)
            {
                restarted = true;
                mutation!.Mutate(2); // re-entrant: its states are delivered after this call returns
            }
        });
        using var s2 = mutation.Subscribe(s => second.Add((s.Status, s.Variables)));

        await mutation.MutateAsync(1);

        // The second run settled synchronously inside the first listener's call, so its Pending and Success are
        // coalesced into Success(2), delivered once that call returned; the second listener still gets Success(1) first.
        var expected = new[] { (MutationStatus.Idle, 0), (MutationStatus.Pending, 1), (MutationStatus.Success, 1), (MutationStatus.Success, 2) };
        Assert.Equal(expected, first);
        Assert.Equal(expected, second);
    }
}
