using System;
using System.Threading;
using System.Threading.Tasks;
using Optimistic.Query.Blazor.Internal;

namespace Optimistic.Query.Blazor;

/// <summary>
/// A component's mutation (TanStack's <c>useMutation</c> result): <see cref="Mutate"/> never throws, the outcome is in
/// <see cref="IsPending"/>, <see cref="IsError"/>, <see cref="Error"/> and <see cref="Data"/>, and the component
/// re-renders after each callback (OnMutate, OnSuccess, OnError, OnSettled) and on each state change. Made by
/// <see cref="QueryComponentBase.UseMutation{TVariables, TData, TContext}"/> or by hand.
/// </summary>
/// <typeparam name="TVariables">The mutation's input.</typeparam>
/// <typeparam name="TData">The server's result.</typeparam>
/// <typeparam name="TContext">What OnMutate returns (the snapshot or the layer).</typeparam>
/// <remarks>
/// The re-render after each callback matters: an error toast or a message raised in OnError shows at once, not only
/// once OnSettled's refetch has landed and the mutation's state turns to Error.
/// </remarks>
public sealed class MutationHandle<TVariables, TData, TContext> : IDisposable
{
    private readonly QueryClient _client;
    private readonly Func<Task> _requestRender;
    private readonly Mutation<TVariables, TData, TContext> _mutation;
    private readonly IDisposable _subscription;
    private volatile bool _disposed;

    /// <summary>Creates the mutation on <paramref name="client"/>.</summary>
    /// <param name="client">The cache.</param>
    /// <param name="options">The mutation's function and callbacks.</param>
    /// <param name="requestRender">
    /// Re-renders the component on its dispatcher; in a component, <c>() =&gt; InvokeAsync(StateHasChanged)</c>.
    /// </param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> sets both twins of a callback, or no MutationFn.</exception>
    public MutationHandle(QueryClient client, MutationOptions<TVariables, TData, TContext> options, Func<Task> requestRender)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(requestRender);
        _client = client;
        _requestRender = requestRender;
        _mutation = client.CreateMutation(RenderingAfterEachCallback.Wrap(options, Render));
        _subscription = _mutation.Subscribe(_ => Render());
    }

    /// <summary>The state of the latest run (its variables and submit time included).</summary>
    public MutationState<TVariables, TData> State => _mutation.State;

    /// <summary>The variables of the latest run, set from its start; default before the first.</summary>
    public TVariables? Variables => State.Variables;

    /// <summary>No run started yet (or <see cref="Reset"/> was called).</summary>
    public bool IsIdle => State.IsIdle;

    /// <summary>The latest run is in flight (its callbacks included).</summary>
    public bool IsPending => State.IsPending;

    /// <summary>The latest run succeeded.</summary>
    public bool IsSuccess => State.IsSuccess;

    /// <summary>The latest run failed; <see cref="Error"/> says why.</summary>
    public bool IsError => State.IsError;

    /// <summary>The latest run's failure, or null.</summary>
    public Exception? Error => State.Error;

    /// <summary>The latest successful run's result, or default.</summary>
    public TData? Data => State.Data;

    /// <summary>
    /// Starts a run and returns at once; never throws (TanStack's <c>mutate</c>). Safe in a click handler: a failure goes
    /// to OnError and <see cref="Error"/>, never into the renderer (where it would end a Blazor Server circuit).
    /// </summary>
    /// <param name="variables">The run's input.</param>
    public void Mutate(TVariables variables) => _mutation.Mutate(variables);

    /// <summary>Runs the mutation and returns its result; throws what the run threw (the runtime's <c>MutateAsync</c>).</summary>
    /// <param name="variables">The run's input.</param>
    /// <param name="cancellationToken">Passed to MutationFn.</param>
    /// <returns>The server's result.</returns>
    public Task<TData> MutateAsync(TVariables variables, CancellationToken cancellationToken = default) =>
        _mutation.MutateAsync(variables, cancellationToken);

    /// <summary>Returns the state to idle (TanStack's <c>reset</c>), e.g. to dismiss an error shown from it.</summary>
    public void Reset() => _mutation.Reset();

    /// <summary>Stops re-rendering the component; a run in flight still completes its callbacks.</summary>
    public void Dispose()
    {
        _disposed = true;
        _subscription.Dispose();
    }

    private void Render()
    {
        if (!_disposed) RenderRequest.Send(_requestRender, _client.Options);
    }
}
