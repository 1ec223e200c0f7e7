using System;
using Optimistic.Query.Mutations;

namespace Optimistic.Query;

public sealed partial class QueryClient
{
    // One gate for all the client's mutations: a scope serializes runs across Mutation objects.
    private readonly MutationScopeGate _mutationScopes = new();

    /// <summary>The client's scope gate (tests check that idle scopes are released).</summary>
    internal MutationScopeGate MutationScopes => _mutationScopes;

    /// <summary>
    /// Creates a mutation from <paramref name="options"/>; run it with <see cref="Mutation{TVariables, TData, TContext}.MutateAsync"/>
    /// (awaitable, throws the failure) or <see cref="Mutation{TVariables, TData, TContext}.Mutate(TVariables)"/> (returns at once, never throws).
    /// </summary>
    /// <typeparam name="TVariables">What the caller passes to each run.</typeparam>
    /// <typeparam name="TData">What the server returns.</typeparam>
    /// <typeparam name="TContext">What OnMutate returns.</typeparam>
    /// <param name="options">The mutation's function and callbacks; read once, here (later changes have no effect).</param>
    /// <returns>The mutation.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException"><see cref="MutationOptions{TVariables, TData, TContext}.MutationFn"/> is missing, or both twins of one phase are set.</exception>
    public Mutation<TVariables, TData, TContext> CreateMutation<TVariables, TData, TContext>(MutationOptions<TVariables, TData, TContext> options)
    {
        MutationOptionsValidator.Validate(options);
        return new Mutation<TVariables, TData, TContext>(options, _mutationScopes, Options);
    }
}
