namespace Optimistic.Query.Tests.Mutations;

public class MutationValidationTests
{
    private static readonly Func<int, CancellationToken, Task<string>> Fn = (v, _) => Task.FromResult($"d{v}");

    [Fact]
    public void Null_options_throw_ArgumentNullException()
    {
        using var client = new QueryClient();
        var ex = Assert.Throws<ArgumentNullException>(() => client.CreateMutation<int, string, string>(null!));
        Assert.Equal("options", ex.ParamName);
    }

    [Fact]
    public void Missing_MutationFn_throws_ArgumentException_naming_it()
    {
        using var client = new QueryClient();
        var ex = Assert.Throws<ArgumentException>(() => client.CreateMutation(new MutationOptions<int, string, string>()));
        Assert.Contains("MutationFn", ex.Message, StringComparison.Ordinal);
        Assert.Equal("options", ex.ParamName);
    }

    public static TheoryData<string, string, MutationOptions<int, string, string>> BothTwins => new()
    {
        { "OnMutate", "OnMutateAsync", new() { MutationFn = Fn, OnMutate = _ => "c", OnMutateAsync = _ => Task.FromResult("c") } },
        { "OnSuccess", "OnSuccessAsync", new() { MutationFn = Fn, OnSuccess = (_, _, _) => { }, OnSuccessAsync = (_, _, _) => Task.CompletedTask } },
        { "OnError", "OnErrorAsync", new() { MutationFn = Fn, OnError = (_, _, _) => { }, OnErrorAsync = (_, _, _) => Task.CompletedTask } },
        { "OnSettled", "OnSettledAsync", new() { MutationFn = Fn, OnSettled = (_, _, _, _) => { }, OnSettledAsync = (_, _, _, _) => Task.CompletedTask } },
    };

    [Theory]
    [MemberData(nameof(BothTwins))]
    public void Both_twins_of_a_phase_throw_ArgumentException_naming_both(string sync, string async, MutationOptions<int, string, string> options)
    {
        using var client = new QueryClient();
        var ex = Assert.Throws<ArgumentException>(() => client.CreateMutation(options));
        Assert.Contains(sync + " ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(async, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void One_twin_per_phase_mixing_sync_and_async_is_accepted()
    {
        using var client = new QueryClient();
        var mutation = client.CreateMutation(new MutationOptions<int, string, string>
        {
            MutationFn = Fn,
            OnMutateAsync = _ => Task.FromResult("c"),
            OnSuccess = (_, _, _) => { },
            OnErrorAsync = (_, _, _) => Task.CompletedTask,
            OnSettled = (_, _, _, _) => { },
        });
        Assert.Equal(MutationStatus.Idle, mutation.State.Status);
    }

    [Fact]
    public async Task Only_MutationFn_set_runs_and_returns_its_result()
    {
        using var client = new QueryClient();
        var mutation = client.CreateMutation(new MutationOptions<int, string, string> { MutationFn = Fn });
        Assert.Equal("d7", await mutation.MutateAsync(7));
    }
}
