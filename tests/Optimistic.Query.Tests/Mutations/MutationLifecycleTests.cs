using System.Runtime.CompilerServices;

namespace Optimistic.Query.Tests.Mutations;

public class MutationLifecycleTests
{
    [Fact]
    public async Task Success_runs_OnMutate_MutationFn_OnSuccess_OnSettled_with_the_context_from_OnMutate()
    {
        var probe = new LifecycleProbe();
        using var client = new QueryClient();

        var data = await client.CreateMutation(probe.Options()).MutateAsync("v1");

        Assert.Equal("data:v1", data);
        Assert.Equal(
            new[]
            {
                "OnMutate(v1)",
                "MutationFn(v1)",
                "OnSuccess(data:v1, v1, ctx:v1)",
                "OnSettled(data:v1, null, v1, ctx:v1)",
            },
            probe.Log.Calls);
    }

    [Fact]
    public async Task MutationFn_failure_runs_OnError_and_OnSettled_with_the_context_then_rethrows_the_same_exception()
    {
        var boom = new InvalidOperationException("server said no");
        var probe = new LifecycleProbe { MutationFnThrows = boom };
        using var client = new QueryClient();

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => client.CreateMutation(probe.Options()).MutateAsync("v1"));

        Assert.Same(boom, thrown);
        Assert.Equal(
            new[]
            {
                "OnMutate(v1)",
                "MutationFn(v1)",
                "OnError(InvalidOperationException:server said no, v1, ctx:v1)",
                "OnSettled(null, InvalidOperationException:server said no, v1, ctx:v1)",
            },
            probe.Log.Calls);
    }

    [Fact]
    public async Task OnMutate_failure_skips_MutationFn_and_gives_OnError_and_OnSettled_the_default_context()
    {
        var boom = new InvalidOperationException("patch failed");
        var probe = new LifecycleProbe { OnMutateThrows = boom };
        using var client = new QueryClient();

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => client.CreateMutation(probe.Options()).MutateAsync("v1"));

        Assert.Same(boom, thrown);
        Assert.Equal(
            new[]
            {
                "OnMutate(v1)",
                "OnError(InvalidOperationException:patch failed, v1, null)",
                "OnSettled(null, InvalidOperationException:patch failed, v1, null)",
            },
            probe.Log.Calls);
    }

    [Fact]
    public async Task OnSuccess_failure_runs_OnError_and_OnSettled_with_that_exception_then_rethrows_it()
    {
        var boom = new InvalidOperationException("render failed");
        var probe = new LifecycleProbe { OnSuccessThrows = boom };
        using var client = new QueryClient();

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => client.CreateMutation(probe.Options()).MutateAsync("v1"));

        Assert.Same(boom, thrown);
        Assert.Equal(
            new[]
            {
                "OnMutate(v1)",
                "MutationFn(v1)",
                "OnSuccess(data:v1, v1, ctx:v1)",
                "OnError(InvalidOperationException:render failed, v1, ctx:v1)",
                "OnSettled(null, InvalidOperationException:render failed, v1, ctx:v1)",
            },
            probe.Log.Calls);
    }

    [Fact]
    public async Task OnSettled_failure_after_success_runs_OnError_and_OnSettled_again_with_that_exception()
    {
        var boom = new InvalidOperationException("invalidate failed");
        var probe = new LifecycleProbe { OnSettledThrows = boom, OnSettledThrowsOnlyOnSuccess = true };
        using var client = new QueryClient();

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => client.CreateMutation(probe.Options()).MutateAsync("v1"));

        Assert.Same(boom, thrown);
        Assert.Equal(
            new[]
            {
                "OnMutate(v1)",
                "MutationFn(v1)",
                "OnSuccess(data:v1, v1, ctx:v1)",
                "OnSettled(data:v1, null, v1, ctx:v1)",
                "OnError(InvalidOperationException:invalidate failed, v1, ctx:v1)",
                "OnSettled(null, InvalidOperationException:invalidate failed, v1, ctx:v1)",
            },
            probe.Log.Calls);
    }

    [Fact]
    public async Task OnError_failure_still_runs_OnSettled_rethrows_the_original_and_logs_the_secondary()
    {
        var original = new InvalidOperationException("server said no");
        var secondary = new FormatException("rollback failed");
        var probe = new LifecycleProbe { MutationFnThrows = original, OnErrorThrows = secondary };
        var logger = new ListLogger();
        using var client = new QueryClient(new QueryClientOptions { Logger = logger });

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => client.CreateMutation(probe.Options()).MutateAsync("v1"));

        Assert.Same(original, thrown);
        Assert.Equal("OnSettled(null, InvalidOperationException:server said no, v1, ctx:v1)", probe.Log.Calls[^1]);
        var entry = Assert.Single(logger.Entries);
        Assert.Same(secondary, entry.Exception);
        Assert.Contains("OnError", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnSettled_failure_on_the_error_path_rethrows_the_original_and_logs_the_secondary()
    {
        var original = new InvalidOperationException("server said no");
        var secondary = new FormatException("invalidate failed");
        var probe = new LifecycleProbe { MutationFnThrows = original, OnSettledThrows = secondary };
        var logger = new ListLogger();
        using var client = new QueryClient(new QueryClientOptions { Logger = logger });

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => client.CreateMutation(probe.Options()).MutateAsync("v1"));

        Assert.Same(original, thrown);
        var entry = Assert.Single(logger.Entries);
        Assert.Same(secondary, entry.Exception);
        Assert.Contains("OnSettled", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secondary_failures_without_a_logger_do_not_replace_the_original()
    {
        var original = new InvalidOperationException("server said no");
        var probe = new LifecycleProbe { MutationFnThrows = original, OnErrorThrows = new FormatException(), OnSettledThrows = new FormatException() };
        using var client = new QueryClient();

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => client.CreateMutation(probe.Options()).MutateAsync("v1"));

        Assert.Same(original, thrown);
    }

    [Fact]
    public async Task The_rethrown_exception_keeps_the_stack_of_the_code_that_threw_it()
    {
        using var client = new QueryClient();
        var mutation = client.CreateMutation(new MutationOptions<string, string, string>
        {
            MutationFn = (_, _) => ThrowFromAMarkedMethod(),
            OnError = (_, _, _) => { },
        });

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => mutation.MutateAsync("v1"));

        Assert.Contains(nameof(ThrowFromAMarkedMethod), thrown.StackTrace, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_MutationFn_returning_a_null_task_fails_the_run_with_a_clear_message()
    {
        var log = new CallLog();
        using var client = new QueryClient();
        var mutation = client.CreateMutation(new MutationOptions<string, string, string>
        {
            MutationFn = (_, _) => null!,
            OnError = (e, _, _) => log.Add(CallLog.Show(e)),
        });

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => mutation.MutateAsync("v1"));

        Assert.Contains("MutationFn returned null", thrown.Message, StringComparison.Ordinal);
        Assert.Equal(new[] { CallLog.Show(thrown) }, log.Calls);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Task<string> ThrowFromAMarkedMethod() => throw new InvalidOperationException("from a marked method");
}
