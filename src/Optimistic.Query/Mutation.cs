using System;
using System.Threading;
using System.Threading.Tasks;

namespace Optimistic.Query;

/// <summary>A mutation created by <see cref="QueryClient.CreateMutation{TVariables, TData, TContext}"/>.</summary>
/// <typeparam name="TVariables">What the caller passes to each run.</typeparam>
/// <typeparam name="TData">What the server returns.</typeparam>
/// <typeparam name="TContext">What OnMutate returns.</typeparam>
public sealed class Mutation<TVariables, TData, TContext>
{
    internal Mutation()
    {
    }

    /// <summary>The state of the latest run.</summary>
    public MutationState<TData> State => throw new NotImplementedException();

    /// <summary>Runs the mutation: <c>OnMutate → MutationFn → OnSuccess | OnError → OnSettled</c>.</summary>
    /// <param name="variables">The run's input.</param>
    /// <param name="cancellationToken">Passed to MutationFn; also stops waiting for the scope.</param>
    /// <returns>The server's result.</returns>
    /// <exception cref="Exception">Whatever OnMutate or MutationFn threw, after OnError and OnSettled ran.</exception>
    public Task<TData> MutateAsync(TVariables variables, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>Calls <paramref name="listener"/> on every state change until the returned handle is disposed.</summary>
    /// <param name="listener">Receives each new state.</param>
    /// <returns>The subscription; dispose it to stop listening.</returns>
    public IDisposable Subscribe(Action<MutationState<TData>> listener) => throw new NotImplementedException();
}
