using Optimistic.Query;

namespace Consumer;

public sealed record Todo(int Id, string Title, bool Done);

public sealed record TodoList(Todo[] Items)
{
    public TodoList Toggle(int id) => new(Items.Select(t => t.Id == id ? t with { Done = !t.Done } : t).ToArray());
}

public interface ITodoApi
{
    Task<Unit> ToggleAsync(int id, CancellationToken cancellationToken);
}

/// <summary>One violation of each rule, each in a mutation that breaks no other rule.</summary>
public sealed class Violations(QueryClient client, ITodoApi api, IToaster toaster)
{
    private static readonly QueryKey TodosKey = QueryKey.Create("todos");
    private static readonly QueryKey SettingsKey = QueryKey.Create("settings");
    private static readonly QueryKey StatsKey = QueryKey.Create("stats");
    private TodoList? _stash;

    public Mutation<int, Unit, Snapshot<TodoList>> MissingCancel() =>
        client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoList>>
        {
            MutationFn = (id, ct) => api.ToggleAsync(id, ct),
            OnMutate = id =>
            {
                var previous = client.GetQueryData<TodoList>(TodosKey); // OPT001
                if (previous is not null) client.SetQueryData(TodosKey, previous.Toggle(id));
                return new Snapshot<TodoList>(previous);
            },
            OnError = (error, id, context) =>
            {
                if (context?.Previous is { } previous) client.SetQueryData(TodosKey, previous);
            },
            OnSettledAsync = (data, error, id, context) => client.InvalidateQueriesAsync(TodosKey),
        });

    public Mutation<int, Unit, Snapshot<TodoList>> MissingRollback() =>
        client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoList>>
        {
            MutationFn = (id, ct) => api.ToggleAsync(id, ct),
            OnMutateAsync = async id => // OPT002
            {
                await client.CancelQueriesAsync(TodosKey);
                var previous = client.GetQueryData<TodoList>(TodosKey);
                if (previous is not null) client.SetQueryData(TodosKey, previous.Toggle(id));
                return new Snapshot<TodoList>(previous);
            },
            OnSettledAsync = (data, error, id, context) => client.InvalidateQueriesAsync(TodosKey),
        });

    public Mutation<int, Unit, Unit> SnapshotInField() =>
        client.CreateMutation(new MutationOptions<int, Unit, Unit>
        {
            MutationFn = (id, ct) => api.ToggleAsync(id, ct),
            OnMutateAsync = async id =>
            {
                await client.CancelQueriesAsync(TodosKey);
                var previous = client.GetQueryData<TodoList>(TodosKey);
                _stash = previous; // OPT003
                if (previous is not null) client.SetQueryData(TodosKey, previous.Toggle(id));
                return Unit.Value;
            },
            OnError = (error, id, context) =>
            {
                if (_stash is { } previous) client.SetQueryData(TodosKey, previous);
            },
            OnSettledAsync = (data, error, id, context) => client.InvalidateQueriesAsync(TodosKey),
        });

    public Mutation<int, Unit, Snapshot<TodoList>> SuccessToast() =>
        client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoList>>
        {
            MutationFn = (id, ct) => api.ToggleAsync(id, ct),
            OnMutateAsync = async id =>
            {
                await client.CancelQueriesAsync(TodosKey);
                var previous = client.GetQueryData<TodoList>(TodosKey);
                if (previous is not null) client.SetQueryData(TodosKey, previous.Toggle(id));
                return new Snapshot<TodoList>(previous);
            },
            OnSuccess = (data, id, context) => toaster.Success("Saved"), // OPT004
            OnError = (error, id, context) =>
            {
                if (context?.Previous is { } previous) client.SetQueryData(TodosKey, previous);
                toaster.Error("Failed to save", error);
            },
            OnSettledAsync = (data, error, id, context) => client.InvalidateQueriesAsync(TodosKey),
        });

    public Mutation<int, Unit, Snapshot<TodoList>> OptimisticCreate() =>
        client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoList>>
        {
            Kind = MutationKind.Create, // OPT005
            MutationFn = (id, ct) => api.ToggleAsync(id, ct),
            OnMutateAsync = async id =>
            {
                await client.CancelQueriesAsync(TodosKey);
                var previous = client.GetQueryData<TodoList>(TodosKey);
                if (previous is not null) client.SetQueryData(TodosKey, previous.Toggle(id));
                return new Snapshot<TodoList>(previous);
            },
            OnError = (error, id, context) =>
            {
                if (context?.Previous is { } previous) client.SetQueryData(TodosKey, previous);
            },
            OnSettledAsync = (data, error, id, context) => client.InvalidateQueriesAsync(TodosKey),
        });

    public Mutation<int, Unit, Snapshot<TodoList>> NoSettledInvalidation() =>
        client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoList>>
        {
            MutationFn = (id, ct) => api.ToggleAsync(id, ct),
            OnMutateAsync = async id => // OPT006
            {
                await client.CancelQueriesAsync(TodosKey);
                var previous = client.GetQueryData<TodoList>(TodosKey);
                if (previous is not null) client.SetQueryData(TodosKey, previous.Toggle(id));
                return new Snapshot<TodoList>(previous);
            },
            OnError = (error, id, context) =>
            {
                if (context?.Previous is { } previous) client.SetQueryData(TodosKey, previous);
            },
        });

    public Mutation<int, Unit, Snapshot<TodoList>> SnapshotOfAnotherKey() =>
        client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoList>>
        {
            MutationFn = (id, ct) => api.ToggleAsync(id, ct),
            OnMutateAsync = async id =>
            {
                await client.CancelQueriesAsync(TodosKey);
                var previous = client.GetQueryData<TodoList>(SettingsKey); // OPT007
                if (previous is not null) client.SetQueryData(TodosKey, previous.Toggle(id));
                return new Snapshot<TodoList>(previous);
            },
            OnError = (error, id, context) =>
            {
                if (context?.Previous is { } previous) client.SetQueryData(TodosKey, previous);
            },
            OnSettledAsync = (data, error, id, context) => client.InvalidateQueriesAsync(TodosKey),
        });

    public Mutation<int, Unit, Snapshot<TodoList>> SnapshotAfterWrite() =>
        client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoList>>
        {
            MutationFn = (id, ct) => api.ToggleAsync(id, ct),
            OnMutateAsync = async id =>
            {
                await client.CancelQueriesAsync(TodosKey);
                client.SetQueryData<TodoList>(TodosKey, old => old?.Toggle(id)); // OPT008
                var previous = client.GetQueryData<TodoList>(TodosKey);
                return new Snapshot<TodoList>(previous);
            },
            OnError = (error, id, context) =>
            {
                if (context?.Previous is { } previous) client.SetQueryData(TodosKey, previous);
            },
            OnSettledAsync = (data, error, id, context) => client.InvalidateQueriesAsync(TodosKey),
        });

    public Mutation<int, Unit, Snapshot<object>> UntypedSnapshot() =>
        client.CreateMutation(new MutationOptions<int, Unit, Snapshot<object>>
        {
            MutationFn = (id, ct) => api.ToggleAsync(id, ct),
            OnMutateAsync = async id =>
            {
                await client.CancelQueriesAsync(TodosKey);
                var previous = client.GetQueryData<object>(TodosKey); // OPT009
                if (previous is TodoList list) client.SetQueryData(TodosKey, list.Toggle(id));
                return new Snapshot<object>(previous);
            },
            OnError = (error, id, context) =>
            {
                if (context?.Previous is { } previous) client.SetQueryData(TodosKey, previous);
            },
            OnSettledAsync = (data, error, id, context) => client.InvalidateQueriesAsync(TodosKey),
        });

    public Mutation<int, Unit, (TodoList? Todos, TodoList? Stats)> Cascade() =>
        client.CreateMutation(new MutationOptions<int, Unit, (TodoList? Todos, TodoList? Stats)>
        {
            MutationFn = (id, ct) => api.ToggleAsync(id, ct),
            OnMutateAsync = async id =>
            {
                await client.CancelQueriesAsync(TodosKey);
                await client.CancelQueriesAsync(StatsKey);
                var todos = client.GetQueryData<TodoList>(TodosKey);
                var stats = client.GetQueryData<TodoList>(StatsKey);
                if (todos is not null) client.SetQueryData(TodosKey, todos.Toggle(id));
                if (stats is not null) client.SetQueryData(StatsKey, stats.Toggle(id)); // OPT010
                return (todos, stats);
            },
            OnError = (error, id, context) =>
            {
                if (context.Todos is { } todos) client.SetQueryData(TodosKey, todos);
                if (context.Stats is { } stats) client.SetQueryData(StatsKey, stats);
            },
            OnSettledAsync = async (data, error, id, context) =>
            {
                await client.InvalidateQueriesAsync(TodosKey);
                await client.InvalidateQueriesAsync(StatsKey);
            },
        });

    public Mutation<int, Unit, Snapshot<TodoList>> DroppedTask() =>
        client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoList>>
        {
            MutationFn = (id, ct) => api.ToggleAsync(id, ct),
            OnMutateAsync = async id =>
            {
                await client.CancelQueriesAsync(TodosKey);
                var previous = client.GetQueryData<TodoList>(TodosKey);
                if (previous is not null) client.SetQueryData(TodosKey, previous.Toggle(id));
                return new Snapshot<TodoList>(previous);
            },
            OnError = (error, id, context) =>
            {
                if (context?.Previous is { } previous) client.SetQueryData(TodosKey, previous);
            },
            OnSettled = (data, error, id, context) => client.InvalidateQueriesAsync(TodosKey), // OPT012
        });

    public Optimistic.Query.Persistence.QueryPersisterOptions PersistForever() =>
        new() { Buster = "v1", MaxAge = TimeSpan.MaxValue }; // OPT011
}
