using System;
using System.Threading;
using System.Threading.Tasks;
using Optimistic.Query.Annotations;

namespace Optimistic.Query;

/// <summary>
/// Defines a mutation: the function that sends it to the server and the lifecycle callbacks
/// <c>OnMutate → MutationFn → OnSuccess | OnError → OnSettled</c>.
/// </summary>
/// <typeparam name="TVariables">What the caller passes to <see cref="Mutation{TVariables, TData, TContext}.MutateAsync"/>.</typeparam>
/// <typeparam name="TData">What the server returns.</typeparam>
/// <typeparam name="TContext">What OnMutate returns (usually a <see cref="Snapshot{T}"/>) and the later callbacks receive.</typeparam>
/// <remarks>
/// Each phase has a synchronous property and an <c>…Async</c> twin; set at most one of the two
/// (<see cref="QueryClient.CreateMutation{TVariables, TData, TContext}"/> throws <see cref="ArgumentException"/> otherwise).
/// The context is <c>default</c> in OnError and OnSettled when OnMutate did not complete.
/// </remarks>
[MutationOptions]
public sealed class MutationOptions<TVariables, TData, TContext>
{
    /// <summary>Sends the mutation to the server. Required.</summary>
    [MutationFunction]
    public Func<TVariables, CancellationToken, Task<TData>>? MutationFn { get; init; }

    /// <summary>Runs first: cancel, snapshot, optimistic write; returns the context.</summary>
    [MutationCallback(MutationPhase.Mutate)]
    public Func<TVariables, TContext>? OnMutate { get; init; }

    /// <summary>The asynchronous twin of <see cref="OnMutate"/> (needed to await the cancel).</summary>
    [MutationCallback(MutationPhase.Mutate)]
    public Func<TVariables, Task<TContext>>? OnMutateAsync { get; init; }

    /// <summary>Runs after <see cref="MutationFn"/> succeeded.</summary>
    [MutationCallback(MutationPhase.Success)]
    public Action<TData, TVariables, TContext?>? OnSuccess { get; init; }

    /// <summary>The asynchronous twin of <see cref="OnSuccess"/>.</summary>
    [MutationCallback(MutationPhase.Success)]
    public Func<TData, TVariables, TContext?, Task>? OnSuccessAsync { get; init; }

    /// <summary>Runs after OnMutate or <see cref="MutationFn"/> failed: roll back here.</summary>
    [MutationCallback(MutationPhase.Error)]
    public Action<Exception, TVariables, TContext?>? OnError { get; init; }

    /// <summary>The asynchronous twin of <see cref="OnError"/>.</summary>
    [MutationCallback(MutationPhase.Error)]
    public Func<Exception, TVariables, TContext?, Task>? OnErrorAsync { get; init; }

    /// <summary>Runs last, after success or error: invalidate here to reconcile with server truth.</summary>
    [MutationCallback(MutationPhase.Settled)]
    public Action<TData?, Exception?, TVariables, TContext?>? OnSettled { get; init; }

    /// <summary>The asynchronous twin of <see cref="OnSettled"/>.</summary>
    [MutationCallback(MutationPhase.Settled)]
    public Func<TData?, Exception?, TVariables, TContext?, Task>? OnSettledAsync { get; init; }

    /// <summary>What the mutation does to server data; optimistic creates and deletes are flagged (OPT005).</summary>
    public MutationKind Kind { get; init; }

    /// <summary>Mutations of the same scope run one at a time, in call order, OnMutate included. Null: no scope.</summary>
    public string? Scope { get; init; }
}
