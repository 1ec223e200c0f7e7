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
/// </para>
/// </remarks>
public sealed class Mutation<TVariables, TData, TContext>
{
    private readonly MutationCallbacks<TVariables, TData, TContext> _callbacks;
    private readonly string? _scope;
    private readonly MutationScopeGate _scopes;
    private readonly ILogger? _logger;
    private readonly MutationStatePublisher<TData> _state;

    internal Mutation(MutationOptions<TVariables, TData, TContext> options, MutationScopeGate scopes, ILogger? logger)
    {
        _callbacks = new MutationCallbacks<TVariables, TData, TContext>(options);
        _scope = options.Scope;
        _scopes = scopes;
        _logger = logger;
        _state = new MutationStatePublisher<TData>(logger);
    }

    /// <summary>The state of the latest started run (<see cref="MutationState{TData}.Idle"/> before the first).</summary>
    /// <remarks>
    /// A run is <see cref="MutationStatus.Pending"/> from the call on, waiting for its scope included; it turns
    /// <see cref="MutationStatus.Success"/> or <see cref="MutationStatus.Error"/> once its last callback returned.
    /// A run cancelled while waiting for its scope ends in <see cref="MutationStatus.Error"/> with the
    /// <see cref="OperationCanceledException"/>.
    /// </remarks>
    public MutationState<TData> State => _state.State;

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
        long run = _state.Start();
        using var turn = await WaitForTurnAsync(run, cancellationToken);
        return await RunAsync(run, variables, cancellationToken);
    }

    /// <summary>Calls <paramref name="listener"/> on every state change until the returned handle is disposed.</summary>
    /// <param name="listener">
    /// Receives each new state, synchronously and in order; keep it short. If it throws, the exception is logged
    /// through <see cref="QueryClientOptions.Logger"/> and the mutation and the other listeners go on.
    /// </param>
    /// <returns>The subscription; dispose it to stop listening (once disposed, the listener is not called again).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="listener"/> is null.</exception>
    public IDisposable Subscribe(Action<MutationState<TData>> listener) => _state.Subscribe(listener);

    private async Task<IDisposable> WaitForTurnAsync(long run, CancellationToken cancellationToken)
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
            _state.Complete(run, new MutationState<TData>(MutationStatus.Error, default, canceled));
            throw;
        }
    }

    private async Task<TData> RunAsync(long run, TVariables variables, CancellationToken cancellationToken)
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
            _state.Complete(run, new MutationState<TData>(MutationStatus.Error, default, error));
            ExceptionDispatchInfo.Throw(error);
            throw; // Not reached: Throw above rethrows with the original stack.
        }

        _state.Complete(run, new MutationState<TData>(MutationStatus.Success, data, null));
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
