namespace Optimistic.Query.Analyzers.Tests.Rules;

/// <summary>
/// Test sources shared by every rule's tests. Everything here compiles as C# 9 (the users' language floor) against the real
/// Optimistic.Query.dll, without warnings.
/// </summary>
internal static class RuleSources
{
    /// <summary>Usings and the app's types: the notifications page of the seed, todos, and an API.</summary>
    public const string Prelude = @"using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Optimistic.Query;

public sealed record Notification(int Id, bool IsRead);
public sealed record NotificationsPage(Notification[] Notifications);
public sealed record MarkAsReadInput(int NotificationId);
public sealed record Todo(int Id, string Title);
public sealed record TodoInput(int Id, string Title);

public interface IApi
{
    Task<Unit> MarkAsReadAsync(MarkAsReadInput input, CancellationToken cancellationToken);
    Task<Unit> UpdateTodoAsync(TodoInput input, CancellationToken cancellationToken);
    Task<Unit> CreateTodoAsync(TodoInput input, CancellationToken cancellationToken);
    Task<Unit> DeleteTodoAsync(TodoInput input, CancellationToken cancellationToken);
    Task<Unit> RemoveAsync(TodoInput input, CancellationToken cancellationToken);
    Task<Unit> AddressAsync(TodoInput input, CancellationToken cancellationToken);
    Task<Unit> KickUserAsync(TodoInput input, CancellationToken cancellationToken);
    Task<Unit> AdditionalAsync(TodoInput input, CancellationToken cancellationToken);
}

public static class Keys
{
    public static QueryKey Todo(int id) => QueryKey.Create(""todos"", id);
}
";

    /// <summary>
    /// A view model holding <c>client</c>, <c>api</c>, <c>toaster</c> and <c>notificationsKey</c>, with <paramref name="members"/>
    /// inserted. Mutations are written as <c>public object Define() =&gt; client.CreateMutation(…);</c>.
    /// </summary>
    public static string InViewModel(string members) => Prelude + @"
public sealed class ViewModel
{
    private readonly QueryClient client = new QueryClient();
    private readonly IApi api;
    private readonly IToaster toaster;
    private readonly QueryKey notificationsKey = QueryKey.Create(""notifications"", ""page"", 1);

    public ViewModel(IApi api, IToaster toaster)
    {
        this.api = api;
        this.toaster = toaster;
    }

    private static Notification[] MarkRead(Notification[] items, int id) =>
        Array.ConvertAll(items, n => n.Id == id ? n with { IsRead = true } : n);

" + members + @"
}
";

    /// <summary>The canonical example of DESIGN.md (the seed's markAsRead). Every rule is silent on it.</summary>
    public static readonly string Canonical = InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<MarkAsReadInput, Unit, Snapshot<NotificationsPage>>
    {
        MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(notificationsKey);
            var previous = client.GetQueryData<NotificationsPage>(notificationsKey);
            if (previous is not null)
                client.SetQueryData(notificationsKey, previous with { Notifications = MarkRead(previous.Notifications, input.NotificationId) });
            return new Snapshot<NotificationsPage>(previous);
        },
        OnError = (error, input, context) =>
        {
            if (context?.Previous is { } previous) client.SetQueryData(notificationsKey, previous);
            toaster.Error(""Failed to mark as read"", error);
        },
        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(notificationsKey),
    });");

    /// <summary>
    /// A correct optimistic todo update (cancel, snapshot, patch, rollback, invalidate) with <paramref name="replace"/> applied:
    /// each pair replaces a fragment, so a test changes exactly one thing.
    /// </summary>
    public static string TodoUpdate(params (string Old, string New)[] replace)
    {
        var members = @"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(Keys.Todo(input.Id));
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(previous);
        },
        OnError = (error, vars, context) =>
        {
            if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(vars.Id), previous);
        },
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });";
        foreach (var (oldText, newText) in replace)
        {
            if (!members.Contains(oldText, StringComparison.Ordinal)) throw new ArgumentException("Fragment not found: " + oldText);
            members = members.Replace(oldText, newText, StringComparison.Ordinal);
        }

        return InViewModel(members);
    }

    /// <summary>Types that merely share the runtime's names, in another namespace and without the annotations.</summary>
    public const string LookAlikes = @"using System;
using System.Threading.Tasks;

namespace MyApp.Lookalike
{
    public sealed class QueryKey { public static QueryKey Create(params object[] parts) => new QueryKey(); }
    public sealed class QueryClient
    {
        public T? GetQueryData<T>(QueryKey key) where T : class => null;
        public void SetQueryData<T>(QueryKey key, T value) { }
        public Task CancelQueriesAsync(QueryKey key) => Task.CompletedTask;
    }
    public sealed class MutationOptions<TVariables, TContext>
    {
        public Func<TVariables, TContext>? OnMutate { get; init; }
        public Action<Exception, TVariables, TContext?>? OnError { get; init; }
        public Action<TVariables>? OnSuccess { get; init; }
        public int Kind { get; init; }
    }
    public sealed class Toaster { public void Success(string message) { } }

    public sealed class Screen
    {
        private readonly QueryClient client = new QueryClient();
        private readonly Toaster toaster = new Toaster();
        private static string? s_previous;

        public object Define() => new MutationOptions<int, string?>
        {
            Kind = 1,
            OnMutate = id =>
            {
                var previous = client.GetQueryData<string>(QueryKey.Create(""todos"", id));
                s_previous = previous;
                client.SetQueryData(QueryKey.Create(""todos"", id), ""new"");
                return previous;
            },
            OnSuccess = id => toaster.Success(""Saved""),
        };

        public string? Previous => s_previous;
    }
}
";

    /// <summary>
    /// A wrapper library's own copy of the annotations (no runtime reference): a client, a toaster, and options as a record
    /// (so <c>with</c> applies) with a positional constructor.
    /// </summary>
    public const string Wrapper = @"using System;
using System.Threading;
using System.Threading.Tasks;

namespace Optimistic.Query.Annotations
{
    [AttributeUsage(AttributeTargets.Method)] public sealed class QueryReadAttribute : Attribute { }
    [AttributeUsage(AttributeTargets.Method)] public sealed class QueryWriteAttribute : Attribute { }
    [AttributeUsage(AttributeTargets.Method)] public sealed class QueryPatchAttribute : Attribute { }
    [AttributeUsage(AttributeTargets.Method)] public sealed class QueryCancelAttribute : Attribute { }
    [AttributeUsage(AttributeTargets.Method)] public sealed class QueryInvalidateAttribute : Attribute { }
    [AttributeUsage(AttributeTargets.Method)] public sealed class ToastSuccessAttribute : Attribute { }
    [AttributeUsage(AttributeTargets.Parameter)] public sealed class QueryKeyArgumentAttribute : Attribute { }
    [AttributeUsage(AttributeTargets.Class)] public sealed class MutationOptionsAttribute : Attribute { }
    [AttributeUsage(AttributeTargets.Property)] public sealed class MutationFunctionAttribute : Attribute { }
    public enum MutationPhase { Mutate = 0, Success = 1, Error = 2, Settled = 3 }
    [AttributeUsage(AttributeTargets.Property)]
    public sealed class MutationCallbackAttribute : Attribute { public MutationCallbackAttribute(MutationPhase phase) { } }
}

namespace Wrapper
{
    using Optimistic.Query.Annotations;

    public sealed class Cache
    {
        [QueryRead] public object? Get([QueryKeyArgument] string key) => null;
        [QueryWrite] public void Put([QueryKeyArgument] string key, object? value) { }
        [QueryPatch] public Patched Patch([QueryKeyArgument] string key, Func<object?, object?> recipe) => new Patched();
        [QueryCancel] public Task CancelAsync([QueryKeyArgument] string key) => Task.CompletedTask;
        [QueryInvalidate] public Task InvalidateAsync([QueryKeyArgument] string key) => Task.CompletedTask;
    }

    public sealed class Patched { public void Undo() { } }

    public sealed class Notify { [ToastSuccess] public void Ok(string message) { } }

    [MutationOptions]
    public sealed record Options(
        [property: MutationFunction] Func<string, CancellationToken, Task<int>>? MutationFn = null,
        [property: MutationCallback(MutationPhase.Mutate)] Func<string, object?>? OnMutate = null,
        [property: MutationCallback(MutationPhase.Success)] Action<int, string, object?>? OnSuccess = null,
        [property: MutationCallback(MutationPhase.Error)] Action<Exception, string, object?>? OnError = null);
}
";
}
