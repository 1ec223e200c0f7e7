namespace Optimistic.Query.Analyzers.Tests.ThirdParty;

/// <summary>
/// "QwikQuery", a second stand-in library with the shapes <see cref="StandIn"/> lacks (issue #14): a <c>QueryKey</c> built by a
/// constructor or a collection expression, cancel and invalidation through a filter object, a single Task-returning
/// <c>OnMutate</c> and an asynchronous <c>OnError</c> without the <c>…Async</c> name, a trailing <c>MutationContext</c> argument
/// holding the client after the snapshot, the mutation function passed beside the options (<c>UseMutation(mutationFn,
/// options)</c>) or with the callbacks alone (<c>UseMutation(mutationFn, onMutate: …)</c>), options derived from the mapped base, a synchronous cancel, and an <c>InvalidateKeys</c> property the library
/// invalidates once the mutation settled. The analyzers learn it only from <see cref="GlobalConfig"/>.
/// </summary>
internal static class StandInShapes
{
    public const string Library = @"namespace QwikQuery
{
    using System;
    using System.Collections;
    using System.Collections.Generic;
    using System.Threading;
    using System.Threading.Tasks;

    public sealed class QueryKey : IEnumerable<object?>
    {
        private readonly List<object?> _parts = new List<object?>();
        public QueryKey() { }
        public QueryKey(params object?[] parts) => _parts.AddRange(parts);
        public void Add(object? part) => _parts.Add(part);
        public IEnumerator<object?> GetEnumerator() => _parts.GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    public sealed class QueryFilters
    {
        public QueryKey? QueryKey { get; set; }
        public bool Exact { get; set; }
    }

    public sealed class QueryClient
    {
        public T? GetQueryData<T>(QueryKey key) where T : class => null;
        public void SetQueryData<T>(QueryKey key, T? data) where T : class { }
        public void CancelQueries(QueryFilters filters) { }
        public Task InvalidateQueries(QueryFilters filters) => Task.CompletedTask;
        public Mutation<TVariables, TData> UseMutation<TVariables, TData>(
            Func<TVariables, CancellationToken, Task<TData>> mutationFn, MutationOptions<TVariables, TData> options) => new Mutation<TVariables, TData>();
        public Mutation<TVariables, TData> UseMutation<TVariables, TData>(
            Func<TVariables, CancellationToken, Task<TData>> mutationFn,
            Func<TVariables, MutationContext, Task<object?>>? onMutate = null,
            Func<Exception, TVariables, object?, MutationContext, Task>? onError = null,
            Func<TData?, Exception?, TVariables, object?, MutationContext, Task>? onSettled = null) => new Mutation<TVariables, TData>();
    }

    public sealed class MutationContext
    {
        public QueryClient Client { get; } = new QueryClient();
        public void Log(string message) { }
    }

    public sealed class Mutation<TVariables, TData> { }

    public class MutationOptions<TVariables, TData>
    {
        public Func<TVariables, MutationContext, Task<object?>>? OnMutate { get; set; }
        public Action<TData, TVariables, object?, MutationContext>? OnSuccess { get; set; }
        public Func<Exception, TVariables, object?, MutationContext, Task>? OnError { get; set; }
        public Action<TData?, Exception?, TVariables, object?, MutationContext>? OnSettled { get; set; }
        public IReadOnlyList<QueryKey>? InvalidateKeys { get; set; }
    }

    public static class Toasts
    {
        public static void Success(string message) { }
        public static void Error(string message) { }
    }
}
";

    /// <summary>The map, as in rules/third-party-apis.md's second example.</summary>
    public const string GlobalConfig = @"is_global = true
optimistic_query.api.read = QwikQuery.QueryClient.GetQueryData
optimistic_query.api.write = QwikQuery.QueryClient.SetQueryData
optimistic_query.api.cancel = QwikQuery.QueryClient.CancelQueries
optimistic_query.api.invalidate = QwikQuery.QueryClient.InvalidateQueries
optimistic_query.api.key_type = QwikQuery.QueryKey
optimistic_query.api.filter_key = QwikQuery.QueryFilters.QueryKey
optimistic_query.api.filter_exact = QwikQuery.QueryFilters.Exact
optimistic_query.api.mutation_options = QwikQuery.MutationOptions`2
optimistic_query.api.mutation_arguments = QwikQuery.QueryClient.UseMutation
optimistic_query.api.mutation_function = MutationFn
optimistic_query.api.callback.mutate = OnMutate
optimistic_query.api.callback.success = OnSuccess
optimistic_query.api.callback.error = OnError
optimistic_query.api.callback.settled = OnSettled
optimistic_query.api.invalidate_property.settled = InvalidateKeys
optimistic_query.api.toast.success = QwikQuery.Toasts.Success
optimistic_query.api.toast.error = QwikQuery.Toasts.Error
";

    /// <summary>The app: a todo screen with <paramref name="members"/>; <c>TodoOptions</c> derives from the mapped options type.</summary>
    public static string App(string members) => @"using System;
using System.Threading;
using System.Threading.Tasks;
using QwikQuery;

public sealed record Todo(int Id, string Title);
public sealed record TodoInput(int Id, string Title);
public sealed record Snapshot(Todo? Previous);

public interface IApi
{
    Task<int> UpdateTodoAsync(TodoInput input, CancellationToken cancellationToken);
    Task<int> CreateTodoAsync(TodoInput input, CancellationToken cancellationToken);
}

public sealed class TodoOptions : MutationOptions<TodoInput, int> { }

public static class Keys
{
    public static QueryKey Todo(int id) => new QueryKey(""todos"", id);
    public static QueryKey Todos() => new QueryKey(""todos"");
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

    /// <summary>The canonical optimistic update on QwikQuery, with <paramref name="replace"/> applied (each pair replaces one fragment).</summary>
    public static string Canonical(params (string Old, string New)[] replace)
    {
        var members = @"
    public object Define() => client.UseMutation(
        (input, ct) => api.UpdateTodoAsync(input, ct),
        new TodoOptions
        {
            OnMutate = async (input, mutation) =>
            {
                mutation.Client.CancelQueries(new QueryFilters { QueryKey = [""todos"", input.Id] });
                var previous = mutation.Client.GetQueryData<Todo>(new QueryKey(""todos"", input.Id));
                mutation.Client.SetQueryData(new QueryKey(""todos"", input.Id), new Todo(input.Id, input.Title));
                await Task.Yield();
                return new Snapshot(previous);
            },
            OnError = async (error, vars, snapshot, mutation) =>
            {
                if (snapshot is Snapshot { Previous: { } previous }) mutation.Client.SetQueryData([""todos"", vars.Id], previous);
                Toasts.Error(""Could not save"");
                await Task.Yield();
            },
            InvalidateKeys = [[""todos""]],
        });";
        foreach (var (oldText, newText) in replace)
        {
            if (!members.Contains(oldText, StringComparison.Ordinal)) throw new ArgumentException("Fragment not found: " + oldText);
            members = members.Replace(oldText, newText, StringComparison.Ordinal);
        }

        return App(members);
    }
}
