// Contexts that are not Snapshot<T>: tuples and the app's own records.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Optimistic.Query;

namespace Corpus;

public sealed record TodoEditContext(Todo? Previous, TodoPage? PreviousPage);

public sealed class TodoEditor
{
    private readonly QueryClient client;
    private readonly ITodoApi api;
    private readonly IToaster toaster;
    private Stats? _stats;

    public TodoEditor(QueryClient client, ITodoApi api, IToaster toaster)
    {
        this.client = client;
        this.api = api;
        this.toaster = toaster;
    }

    // A record context with two snapshots, correct: the row and its page, each rolled back and invalidated.
    public Mutation<TodoInput, Unit, TodoEditContext> CreateRename() =>
        client.CreateMutation(new MutationOptions<TodoInput, Unit, TodoEditContext>
        {
            MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
            OnMutateAsync = async input =>
            {
                await client.CancelQueriesAsync(Keys.Todos());
                var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
                var page = client.GetQueryData<TodoPage>(Keys.Page(1));
                if (previous is not null) client.SetQueryData(Keys.Todo(input.Id), previous with { Title = input.Title });
                return new TodoEditContext(previous, page);
            },
            OnError = (error, input, context) =>
            {
                if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(input.Id), previous);
            },
            OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(Keys.Todos()),
        });

    // A tuple context, correct.
    public Mutation<TodoInput, Unit, (Todo? Previous, DateTime At)> CreateRenameStamped() =>
        client.CreateMutation(new MutationOptions<TodoInput, Unit, (Todo? Previous, DateTime At)>
        {
            MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
            OnMutateAsync = async input =>
            {
                await client.CancelQueriesAsync(Keys.Todo(input.Id));
                var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
                if (previous is not null) client.SetQueryData(Keys.Todo(input.Id), previous with { Title = input.Title });
                return (previous, DateTime.UtcNow);
            },
            OnError = (error, input, context) =>
            {
                if (context.Previous is { } previous) client.SetQueryData(Keys.Todo(input.Id), previous);
            },
            OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
        });

    // A tuple context whose OnMutate forgets the cancel.
    public Mutation<TodoInput, Unit, (Todo? Previous, bool Changed)> CreateRenameNoCancel() =>
        client.CreateMutation(new MutationOptions<TodoInput, Unit, (Todo? Previous, bool Changed)>
        {
            MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
            OnMutate = input =>
            {
                var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
                if (previous is null) return (null, false);
                client.SetQueryData(Keys.Todo(input.Id), previous with { Title = input.Title });
                return (previous, true);
            },
            OnError = (error, input, context) =>
            {
                if (context.Changed && context.Previous is { } previous) client.SetQueryData(Keys.Todo(input.Id), previous);
            },
            OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
        });

    // A record context, but the error path does not use it.
    public Mutation<TodoInput, Unit, TodoEditContext> CreateRenameIgnoringContext() =>
        client.CreateMutation(new MutationOptions<TodoInput, Unit, TodoEditContext>
        {
            MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
            OnMutateAsync = async input =>
            {
                await client.CancelQueriesAsync(Keys.Todo(input.Id));
                var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
                if (previous is not null) client.SetQueryData(Keys.Todo(input.Id), previous with { Title = input.Title });
                return new TodoEditContext(previous, null);
            },
            OnError = (error, input, context) => toaster.Error("Could not rename", error),
            OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
        });

    // A bool context: the snapshot kept in a field instead.
    public Mutation<ToggleInput, Unit, bool> CreateToggleCounting() =>
        client.CreateMutation(new MutationOptions<ToggleInput, Unit, bool>
        {
            MutationFn = (input, ct) => api.SetDoneAsync(input, ct),
            OnMutateAsync = async input =>
            {
                await client.CancelQueriesAsync(Keys.Stats());
                _stats = client.GetQueryData<Stats>(Keys.Stats());
                if (_stats is null) return false;
                client.SetQueryData(Keys.Stats(), _stats with { Done = _stats.Done + 1 });
                return true;
            },
            OnError = (error, input, changed) =>
            {
                if (changed && _stats is not null) client.SetQueryData(Keys.Stats(), _stats);
            },
            OnSettledAsync = (data, error, input, changed) => client.InvalidateQueriesAsync(Keys.Stats()),
        });

    // A tuple of the row and the stats: two entries written (a cascade), both rolled back and invalidated.
    public Mutation<ToggleInput, Unit, (Todo? Row, Stats? Counts)> CreateToggleWithCounts() =>
        client.CreateMutation(new MutationOptions<ToggleInput, Unit, (Todo? Row, Stats? Counts)>
        {
            MutationFn = (input, ct) => api.SetDoneAsync(input, ct),
            OnMutateAsync = async input =>
            {
                await client.CancelQueriesAsync(Keys.Todo(input.Id));
                await client.CancelQueriesAsync(Keys.Stats());
                var row = client.GetQueryData<Todo>(Keys.Todo(input.Id));
                var counts = client.GetQueryData<Stats>(Keys.Stats());
                if (row is not null) client.SetQueryData(Keys.Todo(input.Id), row with { Done = input.Done });
                if (counts is not null) client.SetQueryData(Keys.Stats(), counts with { Done = counts.Done + 1 });
                return (row, counts);
            },
            OnError = (error, input, context) =>
            {
                if (context.Row is { } row) client.SetQueryData(Keys.Todo(input.Id), row);
                if (context.Counts is { } counts) client.SetQueryData(Keys.Stats(), counts);
            },
            OnSettledAsync = async (data, error, input, context) =>
            {
                await client.InvalidateQueriesAsync(Keys.Todo(input.Id));
                await client.InvalidateQueriesAsync(Keys.Stats());
            },
        });

    // An untyped snapshot in a record context: no typed access of the key anywhere.
    public Mutation<string, Unit, Snapshot<object>> CreateSetLanguage() =>
        client.CreateMutation(new MutationOptions<string, Unit, Snapshot<object>>
        {
            MutationFn = (language, ct) => api.SaveSettingsAsync(new Settings(false, language), ct),
            OnMutateAsync = async language =>
            {
                await client.CancelQueriesAsync(QueryKey.Create("language"));
                var previous = client.GetQueryData<object>(QueryKey.Create("language"));
                client.SetQueryData<object>(QueryKey.Create("language"), language);
                return new Snapshot<object>(previous);
            },
            OnError = (error, language, context) =>
            {
                if (context?.Previous is { } previous) client.SetQueryData(QueryKey.Create("language"), previous);
            },
            OnSettledAsync = (data, error, language, context) => client.InvalidateQueriesAsync(QueryKey.Create("language")),
        });
}
