using System;
using System.Threading;
using System.Threading.Tasks;
using CommunityToolkit.Mvvm.ComponentModel;
using CommunityToolkit.Mvvm.Input;

namespace Optimistic.Query.Mvvm;

/// <summary>
/// A mutation as a bindable command (<see cref="IAsyncRelayCommand{T}"/>): executing it runs
/// <see cref="Mutation{TVariables, TData, TContext}.Mutate(TVariables)"/> with the command parameter as the variables, and the
/// mutation's state is raised as <see cref="IsPending"/>, <see cref="Error"/> and <see cref="State"/> on the UI thread.
/// </summary>
/// <typeparam name="TVariables">The mutation's input: the command parameter (a <see cref="Unit"/> mutation takes none).</typeparam>
/// <typeparam name="TData">What the server returns.</typeparam>
/// <typeparam name="TContext">What OnMutate returns.</typeparam>
/// <remarks>
/// <para>
/// Nothing is ever thrown at the UI thread: a failure is handled by the mutation's own callbacks (OnError rolls back and
/// toasts) and shows in <see cref="Error"/> until the next run or <see cref="Reset"/>. The command has no error handling
/// of its own; everything goes through the mutation's states.
/// </para>
/// <para>
/// While a run is pending the command cannot execute (a double click sends one mutation), unless
/// <see cref="MutationCommandOptions{TVariables}.AllowConcurrentExecutions"/>. Create it on the UI thread; it raises its
/// changes there (see <see cref="ObservableQuery{T}"/>). Dispose it with the view model.
/// </para>
/// </remarks>
public sealed class MutationCommand<TVariables, TData, TContext> : ObservableObject, IAsyncRelayCommand<TVariables>, IDisposable
{
    private readonly Mutation<TVariables, TData, TContext> _mutation;
    private readonly IUiDispatcher _dispatcher;
    private readonly bool _allowConcurrentExecutions;
    private readonly Func<TVariables?, bool>? _canExecute;
    private readonly UiStateRelay<MutationState<TVariables, TData>> _relay;
    private readonly IDisposable _subscription;
    private MutationState<TVariables, TData> _state = MutationState<TVariables, TData>.Idle;
    private TaskCompletionSource? _settled; // the executions waiting for the state to leave Pending (UI thread only)
    private bool _disposed;

    /// <summary>Wraps <paramref name="mutation"/> as a command.</summary>
    /// <param name="mutation">The mutation, with its optimistic callbacks.</param>
    /// <param name="options">Concurrency, an extra CanExecute condition, the dispatcher; null for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="mutation"/> is null.</exception>
    public MutationCommand(Mutation<TVariables, TData, TContext> mutation, MutationCommandOptions<TVariables>? options = null)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        _mutation = mutation;
        _dispatcher = options?.Dispatcher ?? UiDispatcher.FromCurrentThread();
        _allowConcurrentExecutions = options?.AllowConcurrentExecutions ?? false;
        _canExecute = options?.CanExecute;
        _relay = new UiStateRelay<MutationState<TVariables, TData>>(_dispatcher, Apply);
        _subscription = mutation.Subscribe(_relay.Push); // hands over the current state first
    }

    /// <inheritdoc />
    public event EventHandler? CanExecuteChanged;

    /// <summary>The mutation's state, as last raised on the UI thread.</summary>
    public MutationState<TVariables, TData> State => _state;

    /// <summary>Whether a run is in flight (its optimistic write is showing); bind a spinner or a disabled look to it.</summary>
    public bool IsPending => _state.IsPending;

    /// <summary>The last run's error (already rolled back and toasted by the mutation's OnError), or null.</summary>
    public Exception? Error => _state.Error;

    /// <summary>Whether the last run failed.</summary>
    public bool IsError => _state.IsError;

    /// <inheritdoc />
    public Task? ExecutionTask => _settled?.Task;

    /// <inheritdoc />
    public bool IsRunning => _state.IsPending;

    /// <summary>False: a mutation is not cancelled from the UI once sent (its OnError would roll back a write the server may have made).</summary>
    public bool CanBeCanceled => false;

    /// <summary>Always false (see <see cref="CanBeCanceled"/>).</summary>
    public bool IsCancellationRequested => false;

    /// <summary>Does nothing (see <see cref="CanBeCanceled"/>).</summary>
    public void Cancel()
    {
    }

    /// <summary>Returns the state to idle (TanStack's <c>reset</c>): dismisses <see cref="Error"/>.</summary>
    public void Reset() => _mutation.Reset();

    /// <inheritdoc />
    public void NotifyCanExecuteChanged() => CanExecuteChanged?.Invoke(this, EventArgs.Empty);

    /// <inheritdoc />
    /// <remarks>
    /// Pending is read from the raised state and from the mutation itself: a run started while another thread was
    /// delivering the mutation's previous change is raised a moment later, and must not let a second click through.
    /// </remarks>
    public bool CanExecute(TVariables? parameter) =>
        !_disposed
        && (_allowConcurrentExecutions || !(_state.IsPending || _mutation.State.IsPending))
        && (_canExecute?.Invoke(parameter) ?? true);

    /// <inheritdoc />
    public bool CanExecute(object? parameter) => TryGetVariables(parameter, out var variables) && CanExecute(variables);

    /// <inheritdoc />
    public void Execute(TVariables? parameter) => _ = ExecuteAsync(parameter);

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="parameter"/> is not a <typeparamref name="TVariables"/>.</exception>
    public void Execute(object? parameter) => _ = ExecuteAsync(parameter);

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="parameter"/> is not a <typeparamref name="TVariables"/>.</exception>
    public Task ExecuteAsync(object? parameter) =>
        TryGetVariables(parameter, out var variables)
            ? ExecuteAsync(variables)
            : throw new ArgumentException(
                $"The command parameter must be a {typeof(TVariables).Name}; it was {(parameter is null ? "null" : parameter.GetType().Name)}.",
                nameof(parameter));

    /// <summary>Runs the mutation with <paramref name="parameter"/> as its variables.</summary>
    /// <param name="parameter">The variables.</param>
    /// <returns>
    /// A task that completes once the mutation is no longer pending and its final state was raised; it never faults (the
    /// outcome is in <see cref="State"/>). Completed at once when the command cannot execute.
    /// </returns>
    public Task ExecuteAsync(TVariables? parameter)
    {
        if (!_dispatcher.CheckAccess())
        {
            // Commands run on the UI thread, where the pending state is raised before Execute returns (so a second
            // click finds the command disabled); a call from elsewhere is moved there.
            var moved = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _dispatcher.Post(() => ExecuteAsync(parameter).ContinueWith(_ => moved.TrySetResult(), TaskScheduler.Default));
            return moved.Task;
        }
        if (!CanExecute(parameter)) return Task.CompletedTask;

        var settled = _settled ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        OnPropertyChanged(nameof(ExecutionTask));
        _mutation.Mutate(parameter!);
        // The run's Pending state is usually raised inline above (the publisher delivers on the calling thread); when
        // another thread was delivering, it arrives through the dispatcher, and so does the outcome that completes this.
        return settled.Task;
    }

    /// <summary>Stops raising changes; the command can no longer execute. A run in flight goes on to its callbacks.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _relay.Stop();
        _subscription.Dispose();
        Interlocked.Exchange(ref _settled, null)?.TrySetResult();
        NotifyCanExecuteChanged();
    }

    private void Apply(MutationState<TVariables, TData> state)
    {
        var previous = _state;
        _state = state;
        OnPropertyChanged(nameof(State));
        if (previous.IsPending != state.IsPending)
        {
            OnPropertyChanged(nameof(IsPending));
            OnPropertyChanged(nameof(IsRunning));
            NotifyCanExecuteChanged();
        }
        if (!ReferenceEquals(previous.Error, state.Error)) OnPropertyChanged(nameof(Error));
        if (previous.IsError != state.IsError) OnPropertyChanged(nameof(IsError));
        // The live state too: a stale outcome applied just after a new run started must not end that run's wait.
        if (!state.IsPending && !_mutation.State.IsPending && _settled is { } settled)
        {
            _settled = null;
            settled.TrySetResult();
        }
    }

    private static bool TryGetVariables(object? parameter, out TVariables? variables)
    {
        switch (parameter)
        {
            case TVariables typed:
                variables = typed;
                return true;
            case null when typeof(TVariables) == typeof(Unit):
                variables = default; // Unit has one value, its default: a parameterless mutation binds without a CommandParameter
                return true;
            case null when default(TVariables) is null:
                variables = default;
                return true;
            default:
                variables = default;
                return false;
        }
    }
}
