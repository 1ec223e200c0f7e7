namespace Optimistic.Query.Tests.Mutations;

public class MutationResetTests
{
    [Fact]
    public async Task Reset_returns_an_error_to_Idle_and_tells_the_listeners()
    {
        using var client = new QueryClient();
        var mutation = client.CreateMutation(new MutationOptions<int, int, int>
        {
            MutationFn = (_, _) => Task.FromException<int>(new InvalidOperationException("no")),
        });
        await Assert.ThrowsAsync<InvalidOperationException>(() => mutation.MutateAsync(1));
        var seen = new List<MutationState<int, int>>();
        using var subscription = mutation.Subscribe(seen.Add);

        mutation.Reset();

        Assert.Same(MutationState<int, int>.Idle, mutation.State);
        Assert.Equal(new[] { MutationStatus.Error, MutationStatus.Idle }, seen.Select(s => s.Status));
        Assert.Equal(MutationState<int, int>.Idle, seen[^1]); // variables and submit time cleared too
    }

    [Fact]
    public async Task A_run_in_flight_at_the_reset_settles_without_touching_the_state_and_a_later_run_does()
    {
        using var client = new QueryClient();
        var servers = new Queue<TaskCompletionSource<int>>();
        servers.Enqueue(new(TaskCreationOptions.RunContinuationsAsynchronously));
        servers.Enqueue(new(TaskCreationOptions.RunContinuationsAsynchronously));
        var pending = servers.ToArray();
        int settled = 0;
        var mutation = client.CreateMutation(new MutationOptions<int, int, int>
        {
            MutationFn = (_, _) => servers.Dequeue().Task,
            OnSettled = (_, _, _, _) => settled++,
        });

        var inFlight = mutation.MutateAsync(1);
        mutation.Reset();
        pending[0].SetResult(10);

        Assert.Equal(10, await inFlight); // the run itself completes as usual
        Assert.Equal(1, settled);
        Assert.True(mutation.State.IsIdle);

        var later = mutation.MutateAsync(2);
        pending[1].SetResult(20);
        await later;
        Assert.Equal(20, mutation.State.Data);
    }

    [Fact]
    public void Reset_of_an_idle_mutation_is_no_change()
    {
        using var client = new QueryClient();
        var mutation = client.CreateMutation(new MutationOptions<int, int, int> { MutationFn = (v, _) => Task.FromResult(v) });
        int calls = 0;
        using var subscription = mutation.Subscribe(_ => calls++);

        mutation.Reset();

        Assert.Equal(1, calls); // the current state at subscription, nothing for the reset
    }
}
