// Blazor code-behind (Todos.razor.cs): injected services as properties, mutations built in OnInitialized or on demand.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Optimistic.Query;

namespace Corpus;

public partial class TodosPage
{
    public QueryClient Client { get; set; } = default!;
    public ITodoApi Api { get; set; } = default!;
    public IToaster Toaster { get; set; } = default!;
    private Mutation<ToggleInput, Unit, Snapshot<TodoPage>>? _toggle;
    private Mutation<NewTodo, Todo, Snapshot<List<Todo>>>? _add;
    private Mutation<int, Unit, Snapshot<List<Todo>>>? _remove;
    private Todo? _editing;

    protected void OnInitialized()
    {
        _toggle = Client.CreateMutation(new MutationOptions<ToggleInput, Unit, Snapshot<TodoPage>>
        {
            MutationFn = (input, ct) => Api.SetDoneAsync(input, ct),
            OnMutateAsync = async input =>
            {
                await Client.CancelQueriesAsync(Keys.Page(1));
                var previous = Client.GetQueryData<TodoPage>(Keys.Page(1));
                if (previous is not null) Client.SetQueryData(Keys.Page(1), TodoEdits.Toggle(previous, input.Id, input.Done));
                return new Snapshot<TodoPage>(previous);
            },
            OnError = (error, input, context) =>
            {
                if (context?.Previous is { } previous) Client.SetQueryData(Keys.Page(1), previous);
                Toaster.Error("Could not update the to-do", error);
            },
            OnSettledAsync = (data, error, input, context) => Client.InvalidateQueriesAsync(Keys.Page(1)),
        });
    }

    // A placeholder row appended to the cached list: a create by the write.
    protected void InitializeAdd()
    {
        _add = Client.CreateMutation(new MutationOptions<NewTodo, Todo, Snapshot<List<Todo>>>
        {
            MutationFn = (input, ct) => Api.PostTodoAsync(input, ct),
            OnMutateAsync = async input =>
            {
                await Client.CancelQueriesAsync(Keys.Todos());
                var previous = Client.GetQueryData<List<Todo>>(Keys.Todos());
                Client.SetQueryData<List<Todo>>(Keys.Todos(), old => [.. old ?? [], new Todo(-1, input.Title, false)]);
                return new Snapshot<List<Todo>>(previous);
            },
            OnError = (error, input, context) =>
            {
                if (context?.Previous is { } previous) Client.SetQueryData(Keys.Todos(), previous);
            },
            OnSettledAsync = (data, error, input, context) => Client.InvalidateQueriesAsync(Keys.Todos()),
        });
    }

    // A row filtered out of the cached list: a delete by the write, plus the success toast.
    protected void InitializeRemove()
    {
        _remove = Client.CreateMutation(new MutationOptions<int, Unit, Snapshot<List<Todo>>>
        {
            MutationFn = (id, ct) => Api.ArchiveAsync(id, ct),
            OnMutateAsync = async id =>
            {
                await Client.CancelQueriesAsync(Keys.Todos());
                var previous = Client.GetQueryData<List<Todo>>(Keys.Todos());
                Client.SetQueryData<List<Todo>>(Keys.Todos(), old => old?.Where(t => t.Id != id).ToList());
                return new Snapshot<List<Todo>>(previous);
            },
            OnError = (error, id, context) =>
            {
                if (context?.Previous is { } previous) Client.SetQueryData(Keys.Todos(), previous);
            },
            OnSuccess = (data, id, context) => Toaster.Success("Archived"),
            OnSettledAsync = (data, error, id, context) => Client.InvalidateQueriesAsync(Keys.Todos()),
        });
    }

    // A toggle in place in the cached list: an update, silent.
    private Mutation<ToggleInput, Unit, Snapshot<List<Todo>>> MarkDone => Client.CreateMutation(new MutationOptions<ToggleInput, Unit, Snapshot<List<Todo>>>
    {
        MutationFn = (input, ct) => Api.SetDoneAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await Client.CancelQueriesAsync(Keys.Todos());
            var previous = Client.GetQueryData<List<Todo>>(Keys.Todos());
            Client.SetQueryData<List<Todo>>(Keys.Todos(), old => old?.Select(t => t.Id == input.Id ? t with { Done = input.Done } : t).ToList());
            return new Snapshot<List<Todo>>(previous);
        },
        OnError = (error, input, context) =>
        {
            if (context?.Previous is { } previous) Client.SetQueryData(Keys.Todos(), previous);
        },
        OnSettledAsync = (data, error, input, context) => Client.InvalidateQueriesAsync(Keys.Todos()),
    });

    // The edited row kept in a field of the component, and no settled invalidation.
    private Mutation<TodoInput, Unit, Unit> SaveEdit() => Client.CreateMutation(new MutationOptions<TodoInput, Unit, Unit>
    {
        MutationFn = (input, ct) => Api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await Client.CancelQueriesAsync(Keys.Todo(input.Id));
            _editing = Client.GetQueryData<Todo>(Keys.Todo(input.Id));
            if (_editing is not null) Client.SetQueryData(Keys.Todo(input.Id), _editing with { Title = input.Title });
            return Unit.Value;
        },
        OnError = (error, input, context) =>
        {
            if (_editing is not null) Client.SetQueryData(Keys.Todo(input.Id), _editing);
        },
    });

    // A patch: undone on error; the cancel exact on the list prefix does not reach the row.
    private Mutation<TodoInput, Unit, PatchResult<Todo>> Retitle() => Client.CreateMutation(new MutationOptions<TodoInput, Unit, PatchResult<Todo>>
    {
        MutationFn = (input, ct) => Api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await Client.CancelQueriesAsync(Keys.Todos(), exact: true);
            return Client.UpdateQueryData<Todo>(Keys.Todo(input.Id), todo => todo with { Title = input.Title });
        },
        OnError = (error, input, patch) => patch?.Undo(),
        OnSettledAsync = (data, error, input, patch) => Client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
    });

    // A patch whose prefix cancel is not exact: correct, silent.
    private Mutation<TodoInput, Unit, PatchResult<Todo>> RetitleCorrectly() => Client.CreateMutation(new MutationOptions<TodoInput, Unit, PatchResult<Todo>>
    {
        MutationFn = (input, ct) => Api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await Client.CancelQueriesAsync(Keys.Todos());
            return Client.UpdateQueryData<Todo>(Keys.Todo(input.Id), todo => todo with { Title = input.Title });
        },
        OnError = (error, input, patch) => patch?.Undo(),
        OnSettledAsync = (data, error, input, patch) => Client.InvalidateQueriesAsync(Keys.Todos()),
    });

    // An exact invalidation of the list prefix does not settle the row.
    private Mutation<TodoInput, Unit, Snapshot<Todo>> RenameExactSettle() => Client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => Api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await Client.CancelQueriesAsync(Keys.Todo(input.Id));
            var previous = Client.GetQueryData<Todo>(Keys.Todo(input.Id));
            if (previous is not null) Client.SetQueryData(Keys.Todo(input.Id), previous with { Title = input.Title });
            return new Snapshot<Todo>(previous);
        },
        OnError = (error, input, context) =>
        {
            if (context?.Previous is { } previous) Client.SetQueryData(Keys.Todo(input.Id), previous);
        },
        OnSettledAsync = (data, error, input, context) => Client.InvalidateQueriesAsync(Keys.Todos(), exact: true),
    });
}
