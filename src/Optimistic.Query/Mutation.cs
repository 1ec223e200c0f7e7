using System;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Optimistic.Query.Mutations;

namespace Optimistic.Query;

/// <summary>A mutation created by <see cref="QueryClient.CreateMutation{TVariables, TData, TContext}"/>.</summary>
/// <typeparam name="TVariables">What the caller passes to each run.</typeparam>
/// <typeparam name="TData">What the server returns.</typeparam>
/// <typeparam name="TContext">What OnMutate returns.</typeparam>
/// <remarks>
/// <para>
/// A run follows TanStack Query: <c>OnMutate → MutationFn → OnSuccess → OnSettled</c>; if any of these throws,
/// <c>OnError → OnSettled</c> run with that exception, and it then reaches the caller with its original stack.
/// So an exception from OnSuccess or from the success path's OnSettled also runs OnError and OnSettled (which
/// then runs a second time, with the error). The context is <c>default</c> when OnMutate did not complete.
/// </para>
/// <para>
/// If OnError or OnSettled throws while handling an error, the original exception still reaches the caller;
/// the secondary one is logged through <see cref="QueryClientOptions.Logger"/> (dropped when there is none),
/// and OnSettled runs even when OnError threw, so the reconciling invalidation is never skipped.
/// </para>
/// <para>
/// Callbacks run on the caller's synchronization context, as code after an <c>await</c> in the caller would.
/// One mutation may run several times at once; <see cref="State"/> follows the latest started run.
/// <see cref="Mutate(TVariables)"/> starts a run without an awaitable and never throws; <see cref="MutateAsync"/> returns the result
/// and throws the failure.
/// </para>
/// </remarks>
public sealed class Mutation<TVariables, TData, TContext>
{
    private readonly MutationCallbacks<TVariables, TData, TContext> _callbacks;
    private readonly string? _scope;
    private readonly MutationScopeGate _scopes;
    private readonly ILogger? _logger;
    private readonly TimeProvider _time;
    private readonly MutationStatePublisher<TVariables, TData> _state;

    internal Mutation(MutationOptions<TVariables, TData, TContext> options, MutationScopeGate scopes, QueryClientOptions clientOptions)
    {
        _callbacks = new MutationCallbacks<TVariables, TData, TContext>(options);
        _scope = options.Scope;
        _scopes = scopes;
        _logger = clientOptions.Logger;
        _time = clientOptions.TimeProvider;
        _state = new MutationStatePublisher<TVariables, TData>(clientOptions);
    }

    /// <summary>
    /// The state of the latest started run (<see cref="MutationState{TVariables, TData}.Idle"/> before the first, and
    /// after <see cref="Reset"/>).
    /// </summary>
    /// <remarks>
    /// A run is <see cref="MutationStatus.Pending"/> from the call on, waiting for its scope included, with its
    /// <see cref="MutationState{TVariables, TData}.Variables"/> and <see cref="MutationState{TVariables, TData}.SubmittedAt"/>
    /// set; it turns <see cref="MutationStatus.Success"/> or <see cref="MutationStatus.Error"/> once its last callback
    /// returned (after OnSettled, as in TanStack: return the invalidation's task from <c>OnSettledAsync</c> to stay
    /// pending until the refetch lands). A run cancelled while waiting for its scope ends in
    /// <see cref="MutationStatus.Error"/> with the <see cref="OperationCanceledException"/>.
    /// </remarks>
    public MutationState<TVariables, TData> State => _state.State;

    /// <summary>
    /// Starts a run, as <see cref="MutateAsync"/> does, and returns at once; never throws. The outcome is in
    /// <see cref="State"/>, the listeners and the callbacks (TanStack's <c>mutate</c>).
    /// </summary>
    /// <param name="variables">The run's input.</param>
    /// <remarks>
    /// Same callbacks, scope and ordering as <see cref="MutateAsync"/>; where that would throw (OnMutate, MutationFn or a
    /// callback threw), the exception ends up in <see cref="MutationState{TVariables, TData}.Error"/> instead, after OnError
    /// and OnSettled ran. Use it from event handlers (a click), where an exception would escape to the UI framework; handle
    /// failures in OnError or from <see cref="State"/>. It binds to an <see cref="Action{T}"/> (a command's execute).
    /// </remarks>
    public void Mutate(TVariables variables) => Mutate(variables, CancellationToken.None);

    /// <summary>
    /// Starts a run, as <see cref="MutateAsync"/> does, and returns at once; never throws. The outcome is in
    /// <see cref="State"/>, the listeners and the callbacks (TanStack's <c>mutate</c>).
    /// </summary>
    /// <param name="variables">The run's input.</param>
    /// <param name="cancellationToken">
    /// As for <see cref="MutateAsync"/>: passed to MutationFn, and stops waiting for the scope. A run cancelled before
    /// OnMutate started ends in <see cref="MutationStatus.Error"/> with the <see cref="OperationCanceledException"/> and
    /// runs no callback; once OnMutate started, a cancellation is a failure like any other (OnError, OnSettled).
    /// </param>
    /// <remarks>
    /// Same callbacks, scope and ordering as <see cref="MutateAsync"/>; where that would throw, the exception ends up in
    /// <see cref="MutationState{TVariables, TData}.Error"/> instead, after the callbacks that would have run.
    /// </remarks>
    public void Mutate(TVariables variables, CancellationToken cancellationToken) =>
        _ = MutateQuietlyAsync(variables, cancellationToken);

    /// <summary>Returns <see cref="State"/> to <see cref="MutationState{TVariables, TData}.Idle"/> (TanStack's <c>reset</c>), to dismiss an error or a result.</summary>
    /// <remarks>
    /// Runs under way go on (their callbacks run and <see cref="MutateAsync"/> completes), but their outcomes no longer
    /// reach <see cref="State"/>: only a run started after the reset does.
    /// </remarks>
    public void Reset() => _state.Reset();

    /// <summary>Runs the mutation: <c>OnMutate → MutationFn → OnSuccess | OnError → OnSettled</c>.</summary>
    /// <param name="variables">The run's input.</param>
    /// <param name="cancellationToken">
    /// Passed to MutationFn; also stops waiting for the scope. Cancelled before OnMutate started (while queued, or
    /// already on the call): <see cref="OperationCanceledException"/> and no callback runs. Once OnMutate started,
    /// a cancellation is a failure like any other: OnError and OnSettled run (so the optimistic write rolls back).
    /// </param>
    /// <returns>The server's result.</returns>
    /// <exception cref="Exception">Whatever OnMutate, MutationFn, OnSuccess or OnSettled threw, after OnError and OnSettled ran.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before OnMutate started.</exception>
    public async Task<TData> MutateAsync(TVariables variables, CancellationToken cancellationToken = default)
    {
        var submittedAt = _time.GetUtcNow();
        long run = _state.Start(variables, submittedAt);
        using var turn = await WaitForTurnAsync(run, variables, submittedAt, cancellationToken);
        return await RunAsync(run, variables, submittedAt, cancellationToken);
    }

    /// <summary>
    /// Calls <paramref name="listener"/> with the current state at once, then with every later change, until the
    /// returned handle is disposed.
    /// </summary>
    /// <param name="listener">
    /// Receives the current state, then each new state, one call at a time and in order: never an older state after a
    /// newer one, never the same state twice; changes in quick succession may be coalesced into the newest. Keep it
    /// short. The call usually runs on the thread that made the change (or, for the current state, in
    /// <see cref="Subscribe"/>); while another thread is delivering, that thread makes the call right after its current
    /// one. If it throws, the exception goes to <see cref="QueryClientOptions.OnListenerError"/> and
    /// <see cref="QueryClientOptions.Logger"/>, and the mutation and the other listeners go on.
    /// </param>
    /// <returns>
    /// The subscription; dispose it to stop listening (the listener is not called after that, except for a call another
    /// thread had already started).
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="listener"/> is null.</exception>
    public IDisposable Subscribe(Action<MutationState<TVariables, TData>> listener) => _state.Subscribe(listener);

    private async Task MutateQuietlyAsync(TVariables variables, CancellationToken cancellationToken)
    {
        try
        {
            await MutateAsync(variables, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Mutate never throws: the failure is in State and went through OnError and OnSettled, as for MutateAsync.
        }
    }

    private async Task<IDisposable> WaitForTurnAsync(long run, TVariables variables, DateTimeOffset submittedAt, CancellationToken cancellationToken)
    {
        try
        {
            var turn = await _scopes.EnterAsync(_scope, cancellationToken);
            if (cancellationToken.IsCancellationRequested)
            {
                // Cancelled just as the turn came (or before the call): nothing ran yet, so nothing runs.
                turn.Dispose();
                cancellationToken.ThrowIfCancellationRequested();
            }
            return turn;
        }
        catch (OperationCanceledException canceled)
        {
            _state.Complete(run, new MutationState<TVariables, TData>(MutationStatus.Error, default, canceled, variables, submittedAt));
            throw;
        }
    }

    private async Task<TData> RunAsync(long run, TVariables variables, DateTimeOffset submittedAt, CancellationToken cancellationToken)
    {
        TContext? context = default;
        TData data;
        try
        {
            context = await _callbacks.MutateAsync(variables);
            data = await _callbacks.MutationFnAsync(variables, cancellationToken);
            await _callbacks.SuccessAsync(data, variables, context);
            await _callbacks.SettledAsync(data, null, variables, context);
        }
        catch (Exception error)
        {
            await RunErrorCallbacksAsync(error, variables, context);
            _state.Complete(run, new MutationState<TVariables, TData>(MutationStatus.Error, default, error, variables, submittedAt));
            ExceptionDispatchInfo.Throw(error);
            throw; // Not reached: Throw above rethrows with the original stack.
        }

        _state.Complete(run, new MutationState<TVariables, TData>(MutationStatus.Success, data, null, variables, submittedAt));
        return data;
    }

    private async Task RunErrorCallbacksAsync(Exception error, TVariables variables, TContext? context)
    {
        try
        {
            await _callbacks.ErrorAsync(error, variables, context);
        }
        catch (Exception secondary)
        {
            MutationLog.CallbackFailedOnErrorPath(_logger, "OnError", secondary);
        }

        try
        {
            await _callbacks.SettledAsync(default, error, variables, context);
        }
        catch (Exception secondary)
        {
            MutationLog.CallbackFailedOnErrorPath(_logger, "OnSettled", secondary);
        }
    }
}
