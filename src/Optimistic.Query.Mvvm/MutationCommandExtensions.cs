namespace Optimistic.Query.Mvvm;

/// <summary>Turns mutations into commands.</summary>
public static class MutationCommandExtensions
{
    /// <summary>Wraps <paramref name="mutation"/> as a bindable command (see <see cref="MutationCommand{TVariables, TData, TContext}"/>).</summary>
    /// <typeparam name="TVariables">The mutation's input: the command parameter.</typeparam>
    /// <typeparam name="TData">What the server returns.</typeparam>
    /// <typeparam name="TContext">What OnMutate returns.</typeparam>
    /// <param name="mutation">The mutation.</param>
    /// <param name="options">Concurrency, an extra CanExecute condition, the dispatcher; null for the defaults.</param>
    /// <returns>The command; dispose it with the view model.</returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="mutation"/> is null.</exception>
    public static MutationCommand<TVariables, TData, TContext> ToCommand<TVariables, TData, TContext>(
        this Mutation<TVariables, TData, TContext> mutation, MutationCommandOptions<TVariables>? options = null) =>
        new(mutation, options);
}
