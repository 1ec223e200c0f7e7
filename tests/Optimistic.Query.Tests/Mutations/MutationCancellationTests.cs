namespace Optimistic.Query.Tests.Mutations;

public class MutationCancellationTests
{
    [Fact]
    public async Task Cancelling_while_queued_for_the_scope_throws_without_any_callback_and_passes_the_turn_on()
    {
        var log = new CallLog();
        using var client = new QueryClient();
        var holderServer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var holder = client.CreateMutation(new MutationOptions<string, string, string>
        {
            Scope = "s",
            MutationFn = (_, _) => holderServer.Task,
        });
        var queued = client.CreateMutation(Recording(log, "queued", "s"));
        var next = client.CreateMutation(Recording(log, "next", "s"));
        using var cts = new CancellationTokenSource();

        var holderRun = holder.MutateAsync("h");
        var queuedRun = queued.MutateAsync("q", cts.Token);
        var nextRun = next.MutateAsync("n");
        cts.Cancel();

        var canceled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queuedRun);
        Assert.Equal(cts.Token, canceled.CancellationToken);
        Assert.Empty(log.Calls);
        Assert.Equal(MutationStatus.Error, queued.State.Status);
        Assert.IsAssignableFrom<OperationCanceledException>(queued.State.Error);

        holderServer.SetResult("h");
        await holderRun;
        Assert.Equal("n", await nextRun);
        Assert.Equal(new[] { "next.OnMutate", "next.MutationFn", "next.OnSettled" }, log.Calls);
        Assert.Equal(0, client.MutationScopes.BusyScopeCount);
    }

    [Fact]
    public async Task Cancelling_the_last_waiter_of_a_scope_leaves_no_scope_behind()
    {
        using var client = new QueryClient();
        var holderServer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var holder = client.CreateMutation(new MutationOptions<string, string, string> { Scope = "s", MutationFn = (_, _) => holderServer.Task });
        var queued = client.CreateMutation(new MutationOptions<string, string, string> { Scope = "s", MutationFn = (v, _) => Task.FromResult(v) });
        using var cts = new CancellationTokenSource();

        var holderRun = holder.MutateAsync("h");
        var queuedRun = queued.MutateAsync("q", cts.Token);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queuedRun);
        holderServer.SetResult("h");
        await holderRun;

        Assert.Equal(0, client.MutationScopes.BusyScopeCount);
    }

    [Theory]
    [InlineData("s")]
    [InlineData(null)]
    public async Task An_already_cancelled_token_runs_no_callback(string? scope)
    {
        var log = new CallLog();
        using var client = new QueryClient();
        var mutation = client.CreateMutation(Recording(log, "m", scope));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => mutation.MutateAsync("v", new CancellationToken(canceled: true)));

        Assert.Empty(log.Calls);
        Assert.Equal(0, client.MutationScopes.BusyScopeCount);
    }

    [Fact]
    public async Task The_token_reaches_MutationFn_and_its_cancellation_runs_OnError_and_OnSettled()
    {
        var log = new CallLog();
        using var client = new QueryClient();
        var inFlight = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var mutation = client.CreateMutation(new MutationOptions<string, string, string>
        {
            OnMutate = v => "ctx",
            MutationFn = async (_, ct) =>
            {
                inFlight.SetResult();
                await Task.Delay(Timeout.Infinite, ct);
                return "never";
            },
            OnError = (e, _, c) => log.Add($"OnError({e.GetType().Name}, {c})"),
            OnSettled = (_, e, _, c) => log.Add($"OnSettled({e?.GetType().Name}, {c})"),
        });
        using var cts = new CancellationTokenSource();

        var run = mutation.MutateAsync("v", cts.Token);
        await inFlight.Task;
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal(new[] { "OnError(TaskCanceledException, ctx)", "OnSettled(TaskCanceledException, ctx)" }, log.Calls);
    }

    private static MutationOptions<string, string, string> Recording(CallLog log, string name, string? scope) => new()
    {
        Scope = scope,
        OnMutate = v => { log.Add($"{name}.OnMutate"); return v; },
        MutationFn = (v, _) => { log.Add($"{name}.MutationFn"); return Task.FromResult(v); },
        OnError = (_, _, _) => log.Add($"{name}.OnError"),
        OnSettled = (_, _, _, _) => log.Add($"{name}.OnSettled"),
    };
}
