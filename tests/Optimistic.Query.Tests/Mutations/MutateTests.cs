using System.Runtime.CompilerServices;
using Optimistic.Query.Tests.Cache;
using Optimistic.Query.Tests.Support;

namespace Optimistic.Query.Tests.Mutations;

/// <summary><c>Mutate</c>: starts a run and returns at once, never throws; the outcome is in State and the callbacks.</summary>
public class MutateTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Mutate_returns_before_the_server_answers_with_the_run_pending_and_its_variables_and_submit_time_set()
    {
        var time = new FakeTimeProvider(Start);
        using var client = new QueryClient(new QueryClientOptions { TimeProvider = time });
        var server = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new CallLog();
        var mutation = client.CreateMutation(new MutationOptions<string, string, string>
        {
            MutationFn = (v, _) => { log.Add($"MutationFn({v})"); return server.Task; },
            OnSuccess = (d, v, c) => log.Add($"OnSuccess({d})"),
            OnSettled = (d, e, v, c) => log.Add($"OnSettled({d})"),
        });
        time.Advance(TimeSpan.FromMinutes(3));

        mutation.Mutate("row 7");

        Assert.Equal(new MutationState<string, string>(MutationStatus.Pending, null, null, "row 7", Start.AddMinutes(3)), mutation.State);
        Assert.True(mutation.State.IsPending);
        Assert.Equal(new[] { "MutationFn(row 7)" }, log.Calls);

        time.Advance(TimeSpan.FromMinutes(1)); // the submit time is the start's, not the settle's
        server.SetResult("ok");
        Eventually.True(() => mutation.State.IsSuccess, "the run to settle");
        Assert.Equal(new MutationState<string, string>(MutationStatus.Success, "ok", null, "row 7", Start.AddMinutes(3)), mutation.State);
        Assert.Equal(new[] { "MutationFn(row 7)", "OnSuccess(ok)", "OnSettled(ok)" }, log.Calls);
    }

    [Fact]
    public void Mutate_does_not_throw_when_OnMutate_throws_synchronously_and_the_failure_goes_through_OnError_and_OnSettled_into_State()
    {
        using var client = new QueryClient();
        var boom = new InvalidOperationException("OnMutate bug");
        var log = new CallLog();
        var mutation = client.CreateMutation(new MutationOptions<string, string, string>
        {
            MutationFn = (v, _) => { log.Add("MutationFn"); return Task.FromResult(v); },
            OnMutate = _ => throw boom,
            OnError = (e, v, c) => log.Add($"OnError({CallLog.Show(e)}, {v}, {CallLog.Show(c)})"),
            OnSettled = (d, e, v, c) => log.Add($"OnSettled({CallLog.Show(d)}, {CallLog.Show(e)}, {v}, {CallLog.Show(c)})"),
        });

        var call = Record.Exception(() => mutation.Mutate("v"));

        Assert.Null(call);
        Eventually.True(() => mutation.State.IsError, "the run to settle");
        Assert.Same(boom, mutation.State.Error);
        Assert.Equal("v", mutation.State.Variables);
        Assert.Equal(
            new[] { "OnError(InvalidOperationException:OnMutate bug, v, null)", "OnSettled(null, InvalidOperationException:OnMutate bug, v, null)" },
            log.Calls);
    }

    [Fact]
    public async Task Mutate_does_not_throw_when_its_scope_wait_is_cancelled_and_the_cancellation_is_in_State_with_no_callback()
    {
        using var client = new QueryClient();
        var holderServer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var holder = client.CreateMutation(new MutationOptions<string, string, string> { Scope = "s", MutationFn = (_, _) => holderServer.Task });
        var log = new CallLog();
        var queued = client.CreateMutation(new MutationOptions<string, string, string>
        {
            Scope = "s",
            MutationFn = (v, _) => { log.Add("MutationFn"); return Task.FromResult(v); },
            OnMutate = v => { log.Add("OnMutate"); return v; },
            OnError = (_, _, _) => log.Add("OnError"),
            OnSettled = (_, _, _, _) => log.Add("OnSettled"),
        });
        using var cts = new CancellationTokenSource();
        var holderRun = holder.MutateAsync("h");

        queued.Mutate("q", cts.Token);
        Assert.True(queued.State.IsPending); // waiting for the scope
        var call = Record.Exception(cts.Cancel);

        Assert.Null(call);
        Eventually.True(() => queued.State.IsError, "the cancelled wait to settle");
        Assert.IsAssignableFrom<OperationCanceledException>(queued.State.Error);
        Assert.Empty(log.Calls); // as MutateAsync: cancelled before OnMutate started, nothing runs
        holderServer.SetResult("h");
        await holderRun;
        Assert.Equal(0, client.MutationScopes.BusyScopeCount);
    }

    [Fact]
    public async Task A_failed_Mutate_leaves_no_unobserved_task_exception()
    {
        var boom = new InvalidOperationException("server said no " + Guid.NewGuid());
        var unobserved = new List<Exception>();
        EventHandler<UnobservedTaskExceptionEventArgs> handler = (_, e) =>
        {
            lock (unobserved) unobserved.AddRange(e.Exception.Flatten().InnerExceptions);
        };
        TaskScheduler.UnobservedTaskException += handler;
        try
        {
            using var client = new QueryClient();
            var settled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var mutation = client.CreateMutation(new MutationOptions<int, int, int>
            {
                MutationFn = async (_, _) => { await Task.Yield(); throw boom; },
                OnSettled = (_, _, _, _) => settled.TrySetResult(),
            });

            StartAndForget(mutation, 10);
            await settled.Task;
            Eventually.True(() => mutation.State.IsError, "the error to be published");

            // A faulted task nobody awaited reports its exception when it is finalized.
            for (int i = 0; i < 3; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= handler;
        }

        lock (unobserved) Assert.DoesNotContain(boom, unobserved);
    }

    [MethodImpl(MethodImplOptions.NoInlining)] // no local of this frame keeps the run's tasks alive
    private static void StartAndForget(Mutation<int, int, int> mutation, int variables) => mutation.Mutate(variables);

    [Fact]
    public void With_Mutate_the_latest_started_run_wins()
    {
        using var client = new QueryClient();
        var servers = new Dictionary<string, TaskCompletionSource<string>>
        {
            ["old"] = new(TaskCreationOptions.RunContinuationsAsynchronously),
            ["new"] = new(TaskCreationOptions.RunContinuationsAsynchronously),
        };
        var settled = new CountdownEvent(2);
        var mutation = client.CreateMutation(new MutationOptions<string, string, string>
        {
            MutationFn = (v, _) => servers[v].Task,
            OnSettled = (_, _, _, _) => settled.Signal(),
        });

        mutation.Mutate("old");
        mutation.Mutate("new");
        Assert.Equal("new", mutation.State.Variables);
        servers["new"].SetResult("new data");
        Eventually.True(() => mutation.State.IsSuccess, "the newer run to settle");
        servers["old"].SetException(new InvalidOperationException("late failure of the older run"));
        Assert.True(settled.Wait(TimeSpan.FromSeconds(10)));

        Assert.Equal("new data", mutation.State.Data);
        Assert.Equal("new", mutation.State.Variables);
        Assert.Null(mutation.State.Error);
    }

    [Fact]
    public async Task The_state_stays_pending_until_the_task_OnSettledAsync_returns_completes()
    {
        using var client = new QueryClient();
        var refetch = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var mutation = client.CreateMutation(new MutationOptions<int, int, int>
        {
            MutationFn = (v, _) => Task.FromResult(v),
            OnSettledAsync = (_, _, _, _) => refetch.Task, // as returning client.InvalidateQueriesAsync(key)
        });

        var run = mutation.MutateAsync(1);

        Assert.True(mutation.State.IsPending);
        refetch.SetResult();
        await run;
        Assert.True(mutation.State.IsSuccess);
    }

    [Fact]
    public void Mutate_binds_to_an_Action_as_a_commands_execute_does()
    {
        using var client = new QueryClient();
        var mutation = client.CreateMutation(new MutationOptions<string, string, string> { MutationFn = (v, _) => Task.FromResult("ok:" + v) });

        Action<string> execute = mutation.Mutate; // a method group: the overload without a token
        execute("v");

        Eventually.True(() => mutation.State.IsSuccess, "the run to settle");
        Assert.Equal("ok:v", mutation.State.Data);
    }
}
