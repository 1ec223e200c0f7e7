using Optimistic.Query.Mvvm.Tests.Support;

namespace Optimistic.Query.Mvvm.Tests;

/// <summary>
/// A <see cref="MutationCommand{TVariables, TData, TContext}"/> executed on a single-threaded UI context, with the server
/// answering on the thread pool.
/// </summary>
public sealed class MutationCommandTests : IDisposable
{
    private readonly UiThread _ui = new();
    private readonly QueryClient _client = new();
    private readonly ControlledServer _server = new();

    public void Dispose()
    {
        Assert.Empty(_ui.Context.UnhandledExceptions);
        _ui.Dispose();
    }

    [Fact]
    public async Task Executing_raises_pending_at_once_then_success_on_the_ui_thread_and_the_command_is_disabled_meanwhile()
    {
        var command = await _ui.RunAsync(() => new MutationCommand<int, string, Unit>(_server.CreateMutation(_client)));
        var canExecuteChanges = new List<(int ThreadId, bool CanExecute)>();
        using var log = await _ui.RunAsync(() =>
        {
            command.CanExecuteChanged += (_, _) => canExecuteChanges.Add((Environment.CurrentManagedThreadId, command.CanExecute(7)));
            return new PropertyLog<MutationCommand<int, string, Unit>, MutationStatus>(command, c => c.State.Status);
        });

        var (pendingRightAway, canExecuteRightAway, execution) = await _ui.RunAsync(() =>
        {
            var task = command.ExecuteAsync(7);
            return (command.IsPending, command.CanExecute(7), task);
        });
        Assert.True(pendingRightAway);
        Assert.False(canExecuteRightAway);
        Assert.False(execution.IsCompleted);

        await _server.RespondAsync(7, "ok");
        await execution.WaitAsync(UiThread.Timeout);

        Assert.Equal((MutationStatus.Success, false, (Exception?)null, 7), await _ui.RunAsync(() => (command.State.Status, command.IsPending, command.Error, command.State.Variables)));
        Assert.All(log.Entries, e => Assert.Equal(_ui.ThreadId, e.ThreadId));
        Assert.Equal([true, false], log.ValuesOf(nameof(command.IsPending)).Select(s => s == MutationStatus.Pending));
        Assert.Equal([(_ui.ThreadId, false), (_ui.ThreadId, true)], canExecuteChanges);
        await _ui.RunAsync(command.Dispose);
    }

    [Fact]
    public async Task A_failed_run_is_rolled_back_by_its_own_callbacks_and_shows_as_error_without_throwing_at_the_ui()
    {
        var command = await _ui.RunAsync(() => new MutationCommand<int, string, Unit>(_server.CreateMutation(_client)));

        var execution = await _ui.RunAsync<Task>(() => command.ExecuteAsync(3));
        await _server.FailAsync(3, new HttpRequestException("503"));
        await execution.WaitAsync(UiThread.Timeout); // completes, never faults

        Assert.Equal(TaskStatus.RanToCompletion, execution.Status);
        Assert.Equal(["mutate 3", "error 3: 503", "settled 3"], _server.Callbacks);
        Assert.Equal((true, "503", false), await _ui.RunAsync(() => (command.IsError, command.Error?.Message, command.IsPending)));
        Assert.True(await _ui.RunAsync(() => command.CanExecute(3)));

        await _ui.RunAsync(command.Reset);
        await Condition.WaitAsync(_ui, command, () => command.Error is null, "Reset dismissed the error");
        Assert.Equal(MutationStatus.Idle, await _ui.RunAsync(() => command.State.Status));
        await _ui.RunAsync(command.Dispose);
    }

    [Fact]
    public async Task With_concurrent_executions_allowed_the_command_stays_executable_while_pending()
    {
        var command = await _ui.RunAsync(() => new MutationCommand<int, string, Unit>(_server.CreateMutation(_client),
            new MutationCommandOptions<int> { AllowConcurrentExecutions = true }));

        var canExecuteWhilePending = await _ui.RunAsync(() =>
        {
            _ = command.ExecuteAsync(1);
            return (command.IsPending, command.CanExecute(2));
        });
        Assert.Equal((true, true), canExecuteWhilePending);

        var second = await _ui.RunAsync<Task>(() => command.ExecuteAsync(2));
        await _server.RespondAsync(1, "one");
        await _server.RespondAsync(2, "two");
        await second.WaitAsync(UiThread.Timeout);

        Assert.Equal(["mutate 1", "mutate 2", "settled 1", "settled 2"], _server.Callbacks.Where(c => !c.StartsWith("success", StringComparison.Ordinal)));
        await _ui.RunAsync(command.Dispose);
    }

    [Fact]
    public async Task A_condition_of_the_caller_also_decides_CanExecute_and_execute_does_nothing_when_it_fails()
    {
        var command = await _ui.RunAsync(() => new MutationCommand<int, string, Unit>(_server.CreateMutation(_client),
            new MutationCommandOptions<int> { CanExecute = id => id > 0 }));

        Assert.Equal((false, true), await _ui.RunAsync(() => (command.CanExecute(0), command.CanExecute(1))));
        await _ui.RunAsync<Task>(() => command.ExecuteAsync(0));

        Assert.Empty(_server.Callbacks);
        Assert.Equal(MutationStatus.Idle, await _ui.RunAsync(() => command.State.Status));
        await _ui.RunAsync(command.Dispose);
    }

    [Fact]
    public async Task A_command_parameter_of_another_type_cannot_execute_and_executing_it_names_the_expected_type()
    {
        var command = await _ui.RunAsync(() => new MutationCommand<int, string, Unit>(_server.CreateMutation(_client)));

        Assert.False(await _ui.RunAsync(() => command.CanExecute((object)"7")));
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _ui.RunAsync(() => command.ExecuteAsync((object)"7")));
        Assert.Contains("Int32", error.Message, StringComparison.Ordinal);
        await _ui.RunAsync(command.Dispose);
    }

    [Fact]
    public async Task A_mutation_without_input_binds_without_a_command_parameter()
    {
        int runs = 0;
        var mutation = _client.CreateMutation(new MutationOptions<Unit, Unit, Unit>
        {
            MutationFn = (_, _) => Task.Run(() =>
            {
                Interlocked.Increment(ref runs);
                return Unit.Value;
            }),
        });
        var command = await _ui.RunAsync(() => mutation.ToCommand());

        Assert.True(await _ui.RunAsync(() => command.CanExecute((object?)null)));
        await (await _ui.RunAsync<Task>(() => command.ExecuteAsync((object?)null))).WaitAsync(UiThread.Timeout);

        Assert.Equal(1, Volatile.Read(ref runs));
        Assert.Equal(MutationStatus.Success, await _ui.RunAsync(() => command.State.Status));
        await _ui.RunAsync(command.Dispose);
    }

    [Fact]
    public async Task After_dispose_nothing_is_raised_and_the_command_cannot_execute()
    {
        var command = await _ui.RunAsync(() => new MutationCommand<int, string, Unit>(_server.CreateMutation(_client)));
        await _ui.RunAsync<Task>(() => command.ExecuteAsync(5));
        using var log = await _ui.RunAsync(() => new PropertyLog<MutationCommand<int, string, Unit>, MutationStatus>(command, c => c.State.Status));

        await _ui.RunAsync(command.Dispose);
        await _server.RespondAsync(5, "late");
        await _ui.DrainAsync();

        Assert.Empty(log.Entries);
        Assert.Contains("settled 5", _server.Callbacks); // the run itself went on to its callbacks
        Assert.False(await _ui.RunAsync(() => command.CanExecute(6)));
    }

    [Fact]
    public async Task Execute_called_off_the_ui_thread_runs_there()
    {
        var command = await _ui.RunAsync(() => new MutationCommand<int, string, Unit>(_server.CreateMutation(_client)));

        var execution = await Task.Run<Task>(() => command.ExecuteAsync(9));
        await _server.RespondAsync(9, "ok");
        await execution.WaitAsync(UiThread.Timeout);

        Assert.Equal([_ui.ThreadId], _server.MutateThreads);
        await _ui.RunAsync(command.Dispose);
    }
}
