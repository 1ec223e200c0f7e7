// View models (WPF, MAUI, Avalonia): a mutation per command, built in the constructor or on demand.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Optimistic.Query;

namespace Corpus;

public sealed class TodoListViewModel
{
    private readonly QueryClient client;
    private readonly ITodoApi api;
    private readonly IToaster toaster;
    private TodoPage? _lastPage;

    public TodoListViewModel(QueryClient client, ITodoApi api, IToaster toaster)
    {
        this.client = client;
        this.api = api;
        this.toaster = toaster;
        Rename = client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
        {
            MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
            OnMutateAsync = async input =>
            {
                await client.CancelQueriesAsync(Keys.Todo(input.Id));
                var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
                if (previous is not null) client.SetQueryData(Keys.Todo(input.Id), previous with { Title = input.Title });
                return new Snapshot<Todo>(previous);
            },
            OnError = (error, input, context) =>
            {
                if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(input.Id), previous);
                toaster.Error("Could not rename the to-do", error);
            },
            OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
        });
    }

    public Mutation<TodoInput, Unit, Snapshot<Todo>> Rename { get; }

    // No cancel before the snapshot.
    public Mutation<ToggleInput, Unit, Snapshot<TodoPage>> CreateToggle() =>
        client.CreateMutation(new MutationOptions<ToggleInput, Unit, Snapshot<TodoPage>>
        {
            MutationFn = (input, ct) => api.SetDoneAsync(input, ct),
            OnMutateAsync = async input =>
            {
                await Task.Yield();
                var previous = client.GetQueryData<TodoPage>(Keys.Page(1));
                if (previous is not null) client.SetQueryData(Keys.Page(1), TodoEdits.Toggle(previous, input.Id, input.Done));
                return new Snapshot<TodoPage>(previous);
            },
            OnError = (error, input, context) =>
            {
                if (context?.Previous is { } previous) client.SetQueryData(Keys.Page(1), previous);
            },
            OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(Keys.Page(1)),
        });

    // Synchronous OnMutate with no cancel, and a success toast.
    public Mutation<ToggleInput, Unit, Snapshot<TodoPage>> CreateQuickToggle() =>
        client.CreateMutation(new MutationOptions<ToggleInput, Unit, Snapshot<TodoPage>>
        {
            MutationFn = (input, ct) => api.SetDoneAsync(input, ct),
            OnMutate = input =>
            {
                var previous = client.GetQueryData<TodoPage>(Keys.Page(1));
                if (previous is not null) client.SetQueryData(Keys.Page(1), TodoEdits.Toggle(previous, input.Id, input.Done));
                return new Snapshot<TodoPage>(previous);
            },
            OnError = (error, input, context) =>
            {
                if (context?.Previous is { } previous) client.SetQueryData(Keys.Page(1), previous);
            },
            OnSuccess = (data, input, context) => toaster.Success("Saved"),
            OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(Keys.Page(1)),
        });

    // The snapshot kept in a field; the context is Unit.
    public Mutation<ToggleInput, Unit, Unit> CreateToggleWithField() =>
        client.CreateMutation(new MutationOptions<ToggleInput, Unit, Unit>
        {
            MutationFn = (input, ct) => api.SetDoneAsync(input, ct),
            OnMutateAsync = async input =>
            {
                await client.CancelQueriesAsync(Keys.Page(1));
                _lastPage = client.GetQueryData<TodoPage>(Keys.Page(1));
                if (_lastPage is not null) client.SetQueryData(Keys.Page(1), TodoEdits.Toggle(_lastPage, input.Id, input.Done));
                return Unit.Value;
            },
            OnError = (error, input, context) =>
            {
                if (_lastPage is not null) client.SetQueryData(Keys.Page(1), _lastPage);
            },
            OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(Keys.Page(1)),
        });

    // No rollback at all.
    public Mutation<TodoInput, Unit, Snapshot<Todo>> CreateRenameWithoutRollback() =>
        client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
        {
            MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
            OnMutateAsync = async input =>
            {
                await client.CancelQueriesAsync(Keys.Todo(input.Id));
                var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
                if (previous is not null) client.SetQueryData(Keys.Todo(input.Id), previous with { Title = input.Title });
                return new Snapshot<Todo>(previous);
            },
            OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
        });

    // Invalidated only on success.
    public Mutation<TodoInput, Unit, Snapshot<Todo>> CreateRenameInvalidatingOnSuccess() =>
        client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
        {
            MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
            OnMutateAsync = async input =>
            {
                await client.CancelQueriesAsync(Keys.Todo(input.Id));
                var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
                if (previous is not null) client.SetQueryData(Keys.Todo(input.Id), previous with { Title = input.Title });
                return new Snapshot<Todo>(previous);
            },
            OnError = (error, input, context) =>
            {
                if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(input.Id), previous);
            },
            OnSuccessAsync = (data, input, context) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
        });

    // An optimistic create by Kind.
    public Mutation<NewTodo, Todo, Snapshot<TodoPage>> CreateAdd() =>
        client.CreateMutation(new MutationOptions<NewTodo, Todo, Snapshot<TodoPage>>
        {
            Kind = MutationKind.Create,
            MutationFn = (input, ct) => api.PostTodoAsync(input, ct),
            OnMutateAsync = async input =>
            {
                await client.CancelQueriesAsync(Keys.Page(1));
                var previous = client.GetQueryData<TodoPage>(Keys.Page(1));
                if (previous is not null) client.SetQueryData(Keys.Page(1), previous with { Total = previous.Total + 1 });
                return new Snapshot<TodoPage>(previous);
            },
            OnError = (error, input, context) =>
            {
                if (context?.Previous is { } previous) client.SetQueryData(Keys.Page(1), previous);
            },
            OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(Keys.Page(1)),
        });

    // A delete by the method's verb.
    public Mutation<int, Unit, Snapshot<TodoPage>> CreateDelete() =>
        client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoPage>>
        {
            MutationFn = (id, ct) => api.DeleteTodoAsync(id, ct),
            OnMutateAsync = async id =>
            {
                await client.CancelQueriesAsync(Keys.Page(1));
                var previous = client.GetQueryData<TodoPage>(Keys.Page(1));
                if (previous is not null) client.SetQueryData(Keys.Page(1), previous with { Total = previous.Total - 1 });
                return new Snapshot<TodoPage>(previous);
            },
            OnError = (error, id, context) =>
            {
                if (context?.Previous is { } previous) client.SetQueryData(Keys.Page(1), previous);
            },
            OnSettledAsync = (data, error, id, context) => client.InvalidateQueriesAsync(Keys.Page(1)),
        });

    // An archive that drops the row from the cached page: a delete by the write.
    public Mutation<int, Unit, Snapshot<TodoPage>> CreateArchive() =>
        client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoPage>>
        {
            MutationFn = (id, ct) => api.ArchiveAsync(id, ct),
            OnMutateAsync = async id =>
            {
                await client.CancelQueriesAsync(Keys.Page(1));
                var previous = client.GetQueryData<TodoPage>(Keys.Page(1));
                if (previous is not null) client.SetQueryData(Keys.Page(1), previous with { Items = previous.Items.Where(t => t.Id != id).ToList() });
                return new Snapshot<TodoPage>(previous);
            },
            OnError = (error, id, context) =>
            {
                if (context?.Previous is { } previous) client.SetQueryData(Keys.Page(1), previous);
            },
            OnSettledAsync = (data, error, id, context) => client.InvalidateQueriesAsync(Keys.Page(1)),
        });

    // The snapshot taken after the write.
    public Mutation<TodoInput, Unit, Snapshot<Todo>> CreateRenameSnapshotLate() =>
        client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
        {
            MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
            OnMutateAsync = async input =>
            {
                await client.CancelQueriesAsync(Keys.Todo(input.Id));
                client.SetQueryData<Todo>(Keys.Todo(input.Id), old => old is null ? null : old with { Title = input.Title });
                var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
                return new Snapshot<Todo>(previous);
            },
            OnError = (error, input, context) =>
            {
                if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(input.Id), previous);
            },
            OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
        });

    // The cancel on another query than the one written.
    public Mutation<TodoInput, Unit, Snapshot<Todo>> CreateRenameCancellingTheWrongKey() =>
        client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
        {
            MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
            OnMutateAsync = async input =>
            {
                await client.CancelQueriesAsync(Keys.Profile());
                var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
                if (previous is not null) client.SetQueryData(Keys.Todo(input.Id), previous with { Title = input.Title });
                return new Snapshot<Todo>(previous);
            },
            OnError = (error, input, context) =>
            {
                if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(input.Id), previous);
            },
            OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
        });

    // A synchronous OnSettled that drops the invalidation's task.
    public Mutation<TodoInput, Unit, Snapshot<Todo>> CreateRenameWithSyncSettled() =>
        client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
        {
            MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
            OnMutateAsync = async input =>
            {
                await client.CancelQueriesAsync(Keys.Todo(input.Id));
                var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
                if (previous is not null) client.SetQueryData(Keys.Todo(input.Id), previous with { Title = input.Title });
                return new Snapshot<Todo>(previous);
            },
            OnError = (error, input, context) =>
            {
                if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(input.Id), previous);
            },
            OnSettled = (data, error, input, context) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
        });
}

public sealed class TodoDetailViewModel
{
    private readonly QueryClient client;
    private readonly ITodoApi api;
    private PatchResult<Todo>? _pending;

    public TodoDetailViewModel(QueryClient client, ITodoApi api)
    {
        this.client = client;
        this.api = api;
    }

    // The patch handle kept in a field for OnError to undo.
    public Mutation<TodoInput, Unit, Unit> CreateRename() =>
        client.CreateMutation(new MutationOptions<TodoInput, Unit, Unit>
        {
            MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
            OnMutateAsync = async input =>
            {
                await client.CancelQueriesAsync(Keys.Todo(input.Id));
                _pending = client.UpdateQueryData<Todo>(Keys.Todo(input.Id), todo => todo with { Title = input.Title });
                return Unit.Value;
            },
            OnError = (error, input, context) => _pending?.Undo(),
            OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
        });

    // An optimistic layer returned as the context: correct.
    public Mutation<ToggleInput, Unit, OptimisticLayer<Todo>> CreateToggle() =>
        client.CreateMutation(new MutationOptions<ToggleInput, Unit, OptimisticLayer<Todo>>
        {
            MutationFn = (input, ct) => api.SetDoneAsync(input, ct),
            OnMutateAsync = async input =>
            {
                await client.CancelQueriesAsync(Keys.Todo(input.Id));
                return client.AddOptimisticLayer<Todo>(Keys.Todo(input.Id), todo => todo with { Done = input.Done });
            },
            OnError = (error, input, layer) => layer?.Rollback(),
            OnSuccess = (data, input, layer) => layer?.Commit(),
            OnSettledAsync = (data, error, input, layer) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
        });
}

public sealed class SettingsViewModel
{
    private readonly QueryClient client;
    private readonly ITodoApi api;

    public SettingsViewModel(QueryClient client, ITodoApi api)
    {
        this.client = client;
        this.api = api;
    }

    // A snapshot read as object.
    public Mutation<Settings, Unit, Snapshot<object>> CreateSave() =>
        client.CreateMutation(new MutationOptions<Settings, Unit, Snapshot<object>>
        {
            MutationFn = (settings, ct) => api.SaveSettingsAsync(settings, ct),
            OnMutateAsync = async settings =>
            {
                await client.CancelQueriesAsync(Keys.Settings());
                var previous = client.GetQueryData<object>(Keys.Settings());
                client.SetQueryData(Keys.Settings(), settings);
                return new Snapshot<object>(previous);
            },
            OnError = (error, settings, context) =>
            {
                if (context?.Previous is { } previous) client.SetQueryData(Keys.Settings(), previous);
            },
            OnSettledAsync = (data, error, settings, context) => client.InvalidateQueriesAsync(Keys.Settings()),
        });

    // Writes the settings and the profile: a cascade.
    public Mutation<Settings, Unit, Snapshot<Settings>> CreateSaveAndRename() =>
        client.CreateMutation(new MutationOptions<Settings, Unit, Snapshot<Settings>>
        {
            MutationFn = (settings, ct) => api.SaveSettingsAsync(settings, ct),
            OnMutateAsync = async settings =>
            {
                await client.CancelQueriesAsync(Keys.Settings());
                await client.CancelQueriesAsync(Keys.Profile());
                var previous = client.GetQueryData<Settings>(Keys.Settings());
                client.SetQueryData(Keys.Settings(), settings);
                client.SetQueryData<Profile>(Keys.Profile(), profile => profile is null ? null : profile with { Name = settings.Language });
                return new Snapshot<Settings>(previous);
            },
            OnError = (error, settings, context) =>
            {
                client.InvalidateQueriesAsync(Keys.Profile()).Wait();
                if (context?.Previous is { } previous) client.SetQueryData(Keys.Settings(), previous);
            },
            OnSettledAsync = async (data, error, settings, context) =>
            {
                await client.InvalidateQueriesAsync(Keys.Settings());
                await client.InvalidateQueriesAsync(Keys.Profile());
            },
        });
}
