namespace Optimistic.Query.Analyzers.Tests.ThirdParty;

/// <summary>
/// "RabstackQuery", a small TanStack-like cache that is not Optimistic.Query and carries none of its attributes: keys are
/// <c>object[]</c>, the cancel is synchronous, the context is an untyped <c>object?</c>, callbacks take an extra
/// <c>MutationContext</c> argument, the create/delete marker is an <c>Op</c> property, and the patch method takes its key
/// second. The analyzers learn it only from <see cref="GlobalConfig"/>.
/// </summary>
internal static class StandIn
{
    public const string Library = @"namespace RabstackQuery
{
    using System;
    using System.Threading;
    using System.Threading.Tasks;

    public sealed class MutationContext
    {
        public int Attempt { get; init; }
    }

    public sealed class Patch
    {
        public void Undo() { }
    }

    public enum Operation { Change, Create, Delete }

    public static class QueryKeys
    {
        public static object[] Of(params object[] parts) => parts;
    }

    public sealed class QueryClient
    {
        public T? GetQueryData<T>(object[] queryKey) where T : class => null;
        public void SetQueryData<T>(object[] queryKey, T? data) where T : class { }
        public Patch UpdateQueryData<T>(Func<T, T> recipe, object[] target) where T : class => new Patch();
        public void CancelQueries(object[] queryKey) { }
        public Task InvalidateQueriesAsync(object[] queryKey) => Task.CompletedTask;
        public Task InvalidateAllAsync() => Task.CompletedTask;
        public Mutation<TVariables, TData> CreateMutation<TVariables, TData>(MutationOptions<TVariables, TData> options) => new Mutation<TVariables, TData>();

        /// <summary>A plugin client's mutation: invalidates under prefix once the mutation settled.</summary>
        public Mutation<TVariables, TData> UsePluginMutation<TVariables, TData>(MutationOptions<TVariables, TData> options, object[] queryKey) => new Mutation<TVariables, TData>();
    }

    public sealed class Mutation<TVariables, TData> { }

    public sealed class MutationOptions<TVariables, TData>
    {
        public Func<TVariables, CancellationToken, Task<TData>>? MutationFn { get; init; }
        public Func<TVariables, MutationContext, object?>? OnMutate { get; init; }
        public Func<TVariables, MutationContext, Task<object?>>? OnMutateAsync { get; init; }
        public Action<TData, TVariables, object?, MutationContext>? OnSuccess { get; init; }
        public Action<Exception, TVariables, object?, MutationContext>? OnError { get; init; }
        public Func<TData?, Exception?, TVariables, object?, MutationContext, Task>? OnSettledAsync { get; init; }
        public Operation Op { get; init; }
    }

    public static class Toasts
    {
        public static void Success(string message) { }
        public static void Error(string message, Exception? error = null) { }
    }
}
";

    /// <summary>The whole map, as a user would write it in a <c>.globalconfig</c> (the same text as rules/third-party-apis.md).</summary>
    public const string GlobalConfig = @"is_global = true
optimistic_query.api.read = M:RabstackQuery.QueryClient.GetQueryData``1(System.Object[])
optimistic_query.api.write = RabstackQuery.QueryClient.SetQueryData
optimistic_query.api.patch = RabstackQuery.QueryClient.UpdateQueryData
optimistic_query.api.cancel = RabstackQuery.QueryClient.CancelQueries
optimistic_query.api.invalidate = RabstackQuery.QueryClient.InvalidateQueriesAsync, RabstackQuery.QueryClient.InvalidateAllAsync
optimistic_query.api.key_parameter = queryKey
optimistic_query.api.key_factory = RabstackQuery.QueryKeys.Of
optimistic_query.api.key_parameter.RabstackQuery.QueryClient.UpdateQueryData = 1
optimistic_query.api.mutation_options = RabstackQuery.MutationOptions`2
optimistic_query.api.mutation_function = MutationFn
optimistic_query.api.mutation_kind = Op
optimistic_query.api.callback.mutate = OnMutate, OnMutateAsync
optimistic_query.api.callback.success = OnSuccess
optimistic_query.api.callback.error = OnError
optimistic_query.api.callback.settled = OnSettledAsync
optimistic_query.api.mutation_invalidates.settled = RabstackQuery.QueryClient.UsePluginMutation
optimistic_query.api.toast.success = M:RabstackQuery.Toasts.Success(System.String)
optimistic_query.api.toast.error = RabstackQuery.Toasts.Error
";

    /// <summary>The app: a todo screen with <paramref name="members"/>.</summary>
    public static string App(string members) => @"using System;
using System.Threading;
using System.Threading.Tasks;
using RabstackQuery;

public sealed record Todo(int Id, string Title);
public sealed record TodoInput(int Id, string Title);
public sealed record Snapshot(Todo? Previous);

public interface IApi
{
    Task<int> UpdateTodoAsync(TodoInput input, CancellationToken cancellationToken);
    Task<int> CreateTodoAsync(TodoInput input, CancellationToken cancellationToken);
}

public static class Keys
{
    public static object[] Todo(int id) => QueryKeys.Of(""todos"", id);
}

public sealed class TodoScreen
{
    private readonly QueryClient client = new QueryClient();
    private readonly IApi api;
    private static Todo? s_previous = null;

    public TodoScreen(IApi api) => this.api = api;

    public Todo? LastPrevious => s_previous;
" + members + @"
}
";

    /// <summary>The stand-in's canonical optimistic update, with <paramref name="replace"/> applied (each pair replaces one fragment).</summary>
    public static string Canonical(params (string Old, string New)[] replace)
    {
        var members = @"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, int>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutate = (input, mutation) =>
        {
            client.CancelQueries(Keys.Todo(input.Id));
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot(previous);
        },
        OnError = (error, vars, context, mutation) =>
        {
            if (context is Snapshot { Previous: { } previous }) client.SetQueryData(Keys.Todo(vars.Id), previous);
            Toasts.Error(""Could not save"", error);
        },
        OnSettledAsync = (data, error, vars, context, mutation) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });";
        foreach (var (oldText, newText) in replace)
        {
            if (!members.Contains(oldText, StringComparison.Ordinal)) throw new ArgumentException("Fragment not found: " + oldText);
            members = members.Replace(oldText, newText, StringComparison.Ordinal);
        }

        return App(members);
    }
}
