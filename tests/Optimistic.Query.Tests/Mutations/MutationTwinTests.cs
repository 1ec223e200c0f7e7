namespace Optimistic.Query.Tests.Mutations;

/// <summary>
/// Every phase works the same whichever twin is set: the sync one is called, the async one awaited
/// (the probe's async twins yield first, so a twin that was not awaited would record out of order).
/// </summary>
public class MutationTwinTests
{
    public static TheoryData<bool, bool, bool, bool> AllTwinCombinations()
    {
        var data = new TheoryData<bool, bool, bool, bool>();
        for (int mask = 0; mask < 16; mask++) data.Add((mask & 1) != 0, (mask & 2) != 0, (mask & 4) != 0, (mask & 8) != 0);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllTwinCombinations))]
    public async Task Success_path_is_the_same_for_every_twin(bool asyncMutate, bool asyncSuccess, bool asyncError, bool asyncSettled)
    {
        var probe = new LifecycleProbe();
        using var client = new QueryClient();

        var data = await client.CreateMutation(probe.Options(asyncMutate, asyncSuccess, asyncError, asyncSettled)).MutateAsync("v");

        Assert.Equal("data:v", data);
        Assert.Equal(
            new[] { "OnMutate(v)", "MutationFn(v)", "OnSuccess(data:v, v, ctx:v)", "OnSettled(data:v, null, v, ctx:v)" },
            probe.Log.Calls);
    }

    [Theory]
    [MemberData(nameof(AllTwinCombinations))]
    public async Task Error_path_is_the_same_for_every_twin(bool asyncMutate, bool asyncSuccess, bool asyncError, bool asyncSettled)
    {
        var probe = new LifecycleProbe { MutationFnThrows = new TimeoutException("slow") };
        using var client = new QueryClient();

        await Assert.ThrowsAsync<TimeoutException>(
            () => client.CreateMutation(probe.Options(asyncMutate, asyncSuccess, asyncError, asyncSettled)).MutateAsync("v"));

        Assert.Equal(
            new[] { "OnMutate(v)", "MutationFn(v)", "OnError(TimeoutException:slow, v, ctx:v)", "OnSettled(null, TimeoutException:slow, v, ctx:v)" },
            probe.Log.Calls);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_throwing_OnMutate_of_either_twin_skips_MutationFn(bool asyncMutate)
    {
        var probe = new LifecycleProbe { OnMutateThrows = new InvalidOperationException("no") };
        using var client = new QueryClient();

        await Assert.ThrowsAsync<InvalidOperationException>(() => client.CreateMutation(probe.Options(asyncMutate)).MutateAsync("v"));

        Assert.DoesNotContain("MutationFn(v)", probe.Log.Calls);
        Assert.Equal("OnError(InvalidOperationException:no, v, null)", probe.Log.Calls[1]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_throwing_OnSuccess_of_either_twin_reaches_OnError(bool asyncSuccess)
    {
        var probe = new LifecycleProbe { OnSuccessThrows = new InvalidOperationException("no") };
        using var client = new QueryClient();

        await Assert.ThrowsAsync<InvalidOperationException>(() => client.CreateMutation(probe.Options(asyncSuccess: asyncSuccess)).MutateAsync("v"));

        Assert.Contains("OnError(InvalidOperationException:no, v, ctx:v)", probe.Log.Calls);
    }
}
