using Optimistic.Query.Analyzers.Tests.Rules;

namespace Optimistic.Query.Analyzers.Tests.Wrappers;

/// <summary>
/// A user's own helper around <c>QueryClient</c>, annotated with the runtime's attributes: a feature client modelled on the
/// seed's oRPC <c>useMutation</c> wrapper (built-in invalidation of the feature's queries), and cache methods of its own.
/// </summary>
internal static class WrapperSources
{
    public const string Helper = @"
public sealed class FeatureClient
{
    private readonly QueryClient client;

    public FeatureClient(QueryClient client) => this.client = client;

    /// <summary>Runs the mutation and invalidates every query under prefix once it settled.</summary>
    [MutationInvalidates(MutationPhase.Settled)]
    public Mutation<TVariables, TData, TContext> UseMutation<TVariables, TData, TContext>(
        MutationOptions<TVariables, TData, TContext> options, [QueryKeyArgument] QueryKey prefix) => client.CreateMutation(options);

    /// <summary>The oRPC wrapper's default: invalidates on success only.</summary>
    [MutationInvalidates(MutationPhase.Success)]
    public Mutation<TVariables, TData, TContext> UseMutationInvalidatingOnSuccess<TVariables, TData, TContext>(
        MutationOptions<TVariables, TData, TContext> options, [QueryKeyArgument] QueryKey prefix) => client.CreateMutation(options);

    [MutationInvalidates(MutationPhase.Success)]
    [MutationInvalidates(MutationPhase.Error)]
    public Mutation<TVariables, TData, TContext> UseMutationInvalidatingOnBoth<TVariables, TData, TContext>(
        MutationOptions<TVariables, TData, TContext> options, [QueryKeyArgument] QueryKey prefix) => client.CreateMutation(options);

    /// <summary>No key parameter: invalidates the feature's queries, whatever they are.</summary>
    [MutationInvalidates(MutationPhase.Settled)]
    public Mutation<TVariables, TData, TContext> UseFeatureMutation<TVariables, TData, TContext>(
        MutationOptions<TVariables, TData, TContext> options) => client.CreateMutation(options);

    [QueryCancel] public Task CancelAsync([QueryKeyArgument] QueryKey key) => client.CancelQueriesAsync(key);
    [QueryRead] public T? Get<T>([QueryKeyArgument] QueryKey key) => client.GetQueryData<T>(key);
    [QueryWrite] public void Set<T>([QueryKeyArgument] QueryKey key, T value) => client.SetQueryData(key, value);
    [QueryInvalidate] public Task InvalidateAsync([QueryKeyArgument] QueryKey key) => client.InvalidateQueriesAsync(key);
}
";

    /// <summary>A view model holding <c>feature</c> (a <c>FeatureClient</c>) and <c>cache</c> (the same), with <paramref name="members"/>.</summary>
    public static string InViewModel(string members) =>
        "using Optimistic.Query.Annotations;\n" + RuleSources.InViewModel(@"
    private FeatureClient Feature => new FeatureClient(client);
    private static readonly QueryKey s_notificationsPrefix = QueryKey.Create(""notifications"");
" + members) + Helper;
}
