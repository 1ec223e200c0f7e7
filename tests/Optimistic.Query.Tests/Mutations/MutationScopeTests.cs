namespace Optimistic.Query.Tests.Mutations;

public class MutationScopeTests
{
    /// <summary>A mutation whose MutationFn waits for the test to release it, recording each phase.</summary>
    private sealed class GatedMutation
    {
        private readonly TaskCompletionSource<string> _server = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public GatedMutation(QueryClient client, CallLog log, string name, string? scope)
        {
            Mutation = client.CreateMutation(new MutationOptions<string, string, string>
            {
                Scope = scope,
                OnMutate = v =>
                {
                    log.Add($"{name}.OnMutate");
                    MutateStarted.TrySetResult();
                    return v;
                },
                MutationFn = (_, _) => _server.Task,
                OnSettled = (_, _, _, _) => log.Add($"{name}.OnSettled"),
            });
        }

        public Mutation<string, string, string> Mutation { get; }

        public TaskCompletionSource MutateStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Respond(string data) => _server.SetResult(data);

        public void Fail(Exception error) => _server.SetException(error);
    }

    [Fact]
    public async Task Same_scope_runs_the_second_OnMutate_only_after_the_first_settled()
    {
        var log = new CallLog();
        using var client = new QueryClient();
        var first = new GatedMutation(client, log, "first", "todos");
        var second = new GatedMutation(client, log, "second", "todos");

        var firstRun = first.Mutation.MutateAsync("1");
        await first.MutateStarted.Task;
        var secondRun = second.Mutation.MutateAsync("2");

        Assert.False(second.MutateStarted.Task.IsCompleted);
        Assert.Equal(MutationStatus.Pending, second.Mutation.State.Status);

        second.Respond("two");
        first.Respond("one");
        Assert.Equal("one", await firstRun);
        Assert.Equal("two", await secondRun);
        Assert.Equal(new[] { "first.OnMutate", "first.OnSettled", "second.OnMutate", "second.OnSettled" }, log.Calls);
        Assert.Equal(0, client.MutationScopes.BusyScopeCount);
    }

    [Fact]
    public async Task Same_scope_holds_while_OnMutate_itself_is_still_running()
    {
        var log = new CallLog();
        using var client = new QueryClient();
        var release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var slowMutate = client.CreateMutation(new MutationOptions<string, string, string>
        {
            Scope = "s",
            OnMutateAsync = async _ => { log.Add("slow.OnMutate.start"); var c = await release.Task; log.Add("slow.OnMutate.end"); return c; },
            MutationFn = (v, _) => Task.FromResult(v),
        });
        var other = new GatedMutation(client, log, "other", "s");

        var slowRun = slowMutate.MutateAsync("a");
        var otherRun = other.Mutation.MutateAsync("b");
        Assert.False(other.MutateStarted.Task.IsCompleted);

        release.SetResult("ctx");
        await slowRun;
        await other.MutateStarted.Task;
        other.Respond("b");
        await otherRun;
        Assert.Equal(new[] { "slow.OnMutate.start", "slow.OnMutate.end", "other.OnMutate", "other.OnSettled" }, log.Calls);
    }

    [Fact]
    public async Task Same_scope_runs_in_call_order_and_a_failure_passes_the_turn_on()
    {
        var log = new CallLog();
        using var client = new QueryClient();
        var runs = Enumerable.Range(0, 5).Select(i => new GatedMutation(client, log, $"m{i}", "s")).ToArray();

        var tasks = runs.Select(r => r.Mutation.MutateAsync("v")).ToArray();
        runs[0].Fail(new InvalidOperationException("first fails"));
        for (int i = 1; i < runs.Length; i++) runs[i].Respond($"r{i}");

        await Assert.ThrowsAsync<InvalidOperationException>(() => tasks[0]);
        await Task.WhenAll(tasks.Skip(1));
        Assert.Equal(
            Enumerable.Range(0, 5).SelectMany(i => new[] { $"m{i}.OnMutate", $"m{i}.OnSettled" }),
            log.Calls);
        Assert.Equal(0, client.MutationScopes.BusyScopeCount);
    }

    [Fact]
    public async Task Different_scopes_and_no_scope_run_concurrently()
    {
        var log = new CallLog();
        using var client = new QueryClient();
        var a = new GatedMutation(client, log, "a", "scope-a");
        var b = new GatedMutation(client, log, "b", "scope-b");
        var none1 = new GatedMutation(client, log, "none1", null);
        var none2 = new GatedMutation(client, log, "none2", null);

        var runs = new[] { a, b, none1, none2 }.Select(m => m.Mutation.MutateAsync("v")).ToArray();

        // All four are in flight together: none waits for another to settle.
        await Task.WhenAll(a.MutateStarted.Task, b.MutateStarted.Task, none1.MutateStarted.Task, none2.MutateStarted.Task);
        Assert.DoesNotContain(log.Calls, c => c.EndsWith("OnSettled", StringComparison.Ordinal));

        foreach (var m in new[] { none2, none1, b, a }) m.Respond("ok");
        await Task.WhenAll(runs);
        Assert.Equal(0, client.MutationScopes.BusyScopeCount);
    }

    [Fact]
    public async Task Scopes_are_per_client()
    {
        var log = new CallLog();
        using var client1 = new QueryClient();
        using var client2 = new QueryClient();
        var first = new GatedMutation(client1, log, "first", "s");
        var second = new GatedMutation(client2, log, "second", "s");

        var runs = new[] { first.Mutation.MutateAsync("1"), second.Mutation.MutateAsync("2") };

        // Both OnMutates run at once: the same scope name on another client does not queue behind the first.
        var bothStarted = Task.WhenAll(first.MutateStarted.Task, second.MutateStarted.Task);
        var finished = await Task.WhenAny(bothStarted, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.Same(bothStarted, finished);
        first.Respond("1");
        second.Respond("2");
        Assert.Equal(new[] { "1", "2" }, await Task.WhenAll(runs));
    }

    [Fact]
    public async Task Same_scope_never_runs_two_at_once_under_contention()
    {
        using var client = new QueryClient();
        int running = 0, maxRunning = 0;
        var mutation = client.CreateMutation(new MutationOptions<int, int, int>
        {
            Scope = "hot",
            OnMutate = v =>
            {
                int now = Interlocked.Increment(ref running);
                InterlockedMax(ref maxRunning, now);
                return v;
            },
            MutationFn = async (v, _) => { await Task.Yield(); return v; },
            OnSettled = (_, _, _, _) => Interlocked.Decrement(ref running),
        });

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => mutation.MutateAsync(i))));

        Assert.Equal(Enumerable.Range(0, 200), results);
        Assert.Equal(1, maxRunning);
        Assert.Equal(0, client.MutationScopes.BusyScopeCount);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
