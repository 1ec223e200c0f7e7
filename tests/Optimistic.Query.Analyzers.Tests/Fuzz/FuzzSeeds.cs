namespace Optimistic.Query.Analyzers.Tests.Fuzz;

/// <summary>
/// Built-in seeds that exercise every callback form the rules model (lambda, async lambda, method group, local function,
/// <c>with</c>, constructor arguments of a custom <c>[MutationOptions]</c> type) and every rule's trigger, so the fuzz
/// is meaningful even while the rule tests are few.
/// </summary>
internal static class FuzzSeeds
{
    public const string Prelude = @"using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Optimistic.Query;
using Optimistic.Query.Annotations;

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
}

public static class Keys
{
    public static QueryKey Todo(int id) => QueryKey.Create(""todos"", id);
    public static QueryKey Todos() => QueryKey.Create(""todos"");
}
";

    public static string InViewModel(string members) => Prelude + @"
public sealed class ViewModel
{
    private readonly QueryClient client = new QueryClient();
    private readonly IApi api;
    private readonly IToaster toaster;
    private readonly QueryKey notificationsKey = QueryKey.Create(""notifications"", ""page"", 1);
    private Todo? lastSnapshot;

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

    public static IEnumerable<(string Name, string Text)> All
    {
        get
        {
            yield return ("lambdas", InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutate = input =>
        {
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            lastSnapshot = previous;
            return new Snapshot<Todo>(previous);
        },
        OnSuccess = (data, input, context) => toaster.Success(""Saved""),
        OnSettled = (data, error, input, context) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
    });"));

            yield return ("async-lambdas", InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<MarkAsReadInput, Unit, Snapshot<NotificationsPage>>
    {
        MutationFn = async (input, ct) => await api.MarkAsReadAsync(input, ct),
        OnMutateAsync = async input =>
        {
            var previous = client.GetQueryData<NotificationsPage>(notificationsKey);
            if (previous is not null)
                client.SetQueryData(notificationsKey, previous with { Notifications = MarkRead(previous.Notifications, input.NotificationId) });
            await client.CancelQueriesAsync(notificationsKey);
            var late = client.GetQueryData<object>(notificationsKey);
            return new Snapshot<NotificationsPage>(previous);
        },
        OnErrorAsync = async (error, input, context) =>
        {
            await Task.Yield();
            toaster.Error(""Failed"", error);
        },
        OnSuccessAsync = async (data, input, context) => { toaster.Success(""Read""); await Task.CompletedTask; },
    });"));

            yield return ("method-groups", InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, PatchResult<Todo>>
    {
        MutationFn = api.UpdateTodoAsync,
        OnMutate = Patch,
        OnError = Rollback,
        OnSettledAsync = Reconcile,
    });

    private PatchResult<Todo> Patch(TodoInput input) =>
        client.UpdateQueryData<Todo>(Keys.Todo(input.Id), todo => todo with { Title = input.Title });

    private void Rollback(Exception error, TodoInput input, PatchResult<Todo>? patch) => patch?.Undo();

    private Task Reconcile(Unit data, Exception? error, TodoInput input, PatchResult<Todo>? patch) =>
        client.InvalidateQueriesAsync(Keys.Todos());"));

            yield return ("local-functions", InViewModel(@"
    public object Define()
    {
        Snapshot<Todo> Mutate(TodoInput input)
        {
            var previous = Read(input.Id);
            Write(input);
            return new Snapshot<Todo>(previous);
        }

        Todo? Read(int id) => client.GetQueryData<Todo>(Keys.Todo(id));
        void Write(TodoInput input) { client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title)); Write(input); }
        void Undo(Exception error, TodoInput input, Snapshot<Todo>? context)
        {
            if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(input.Id), previous);
        }

        return client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
        {
            MutationFn = (input, ct) => api.DeleteTodoAsync(input, ct),
            OnMutate = Mutate,
            OnError = Undo,
            OnSettled = (data, error, input, context) => _ = client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
        });
    }"));

            yield return ("with-expression", InViewModel(@"
    private static readonly MutationOptions<TodoInput, Unit, Snapshot<Todo>> Base = new()
    {
        Kind = MutationKind.Create,
    };

    public object Define() => client.CreateMutation(Base with
    {
        MutationFn = (input, ct) => api.CreateTodoAsync(input, ct),
        OnMutate = input =>
        {
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            client.SetQueryData(Keys.Todos(), new[] { new Todo(input.Id, input.Title) });
            return new Snapshot<Todo>(client.GetQueryData<Todo>(Keys.Todo(input.Id)));
        },
        OnSettledAsync = (data, error, input, context) => client.InvalidateTagsAsync(""todos"", QueryTag.Of(""todo"", input.Id)),
    });"));

            yield return ("constructor-arguments", Prelude + @"
[MutationOptions]
public sealed record CustomOptions(
    [property: MutationFunction] Func<TodoInput, CancellationToken, Task<Unit>>? MutationFn = null,
    [property: MutationCallback(MutationPhase.Mutate)] Func<TodoInput, Snapshot<Todo>>? OnMutate = null,
    [property: MutationCallback(MutationPhase.Success)] Action<Unit, TodoInput, Snapshot<Todo>?>? OnSuccess = null,
    [property: MutationCallback(MutationPhase.Error)] Action<Exception, TodoInput, Snapshot<Todo>?>? OnError = null,
    [property: MutationCallback(MutationPhase.Settled)] Action<Unit, Exception?, TodoInput, Snapshot<Todo>?>? OnSettled = null,
    MutationKind Kind = MutationKind.Update);

public sealed class Screen
{
    private readonly QueryClient client = new QueryClient();
    private readonly IToaster toaster;
    private static Todo? s_saved;

    public Screen(IToaster toaster) => this.toaster = toaster;

    public CustomOptions Define(IApi api) => new CustomOptions(
        (input, ct) => api.DeleteTodoAsync(input, ct),
        onMutate: input =>
        {
            s_saved = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(s_saved);
        },
        OnSuccess: (data, input, context) => toaster.Success($""Deleted {input.Id}""),
        Kind: MutationKind.Delete);

    public CustomOptions Redefine(CustomOptions options) => options with { OnMutate = null, OnError = (e, i, c) => { } };
}
");

            yield return ("fix-shapes", InViewModel(@"
    public object Nested() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutate = input => new Snapshot<Todo>(client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title))),
        OnMutateAsync = async input => { client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, """")); return null!; },
        OnSuccess = (data, input, context) =>
        {
            var inner = new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
            {
                OnMutate = i => { var p = client.GetQueryData<Todo>(Keys.Todo(i.Id)); client.SetQueryData(Keys.Todo(i.Id), p); return new Snapshot<Todo>(p); },
                OnSuccess = (d, i, c) => toaster.Success(""inner""),
            };
            toaster.Success(""outer""); toaster.Success(""again"");
            if (input.Id > 0) toaster.Success(""embedded"");
            if (input.Id > 1) { toaster.Success(""nested block""); }
            _ = (toaster.Success);
        },
        OnSettled = (data, error, input, context) => { toaster.Success(""only"") ; },
    });

    public object KeyFromLocals() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutate = input => {
            var id = input.Id;
            var key = Keys.Todo(id);
            #if DEBUG
            var previous = this.client.GetQueryData<Todo>(key);
            #endif
            client!.SetQueryData(key, new Todo(id, input.Title)); return new Snapshot<Todo>(null); },
        OnSuccessAsync = async (data, input, context) => await Task.Run(() => toaster.Success(""bg"")),
        OnError = (error, input, context) => { },
    });"));

            yield return ("mixed-and-odd", InViewModel(@"
    public object Define(bool flag) => client.CreateMutation(new MutationOptions<TodoInput, Unit, object>
    {
        MutationFn = flag ? (input, ct) => api.UpdateTodoAsync(input, ct) : null,
        OnMutate = flag
            ? input => { client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title)); return new object(); }
            : (Func<TodoInput, object>)(input => client.GetQueryData<dynamic>(Keys.Todo(input.Id + 1))!),
        OnError = delegate (Exception e, TodoInput i, object? c) { client.SetQueryData(Keys.Todo(i.Id - 1), (Todo?)null); },
        OnSettled = default,
        Scope = nameof(Define),
    });

    public IEnumerable<object> Many()
    {
        for (var i = 0; i < 3; i++)
            yield return new MutationOptions<int, int, int> { OnMutate = x => x + i, OnSuccess = (d, v, c) => toaster.Success(""x"") };
    }"));
        }
    }
}
