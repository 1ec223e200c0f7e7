// Factories: one place builds the optimistic options, callers pass the mutation function or the key.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Optimistic.Query;

namespace Corpus;

public sealed class TodoMutations
{
    private readonly QueryClient client;
    private readonly ITodoApi api;
    private readonly Func<int, CancellationToken, Task<Unit>> remove;

    public TodoMutations(QueryClient client, ITodoApi api)
    {
        this.client = client;
        this.api = api;
        remove = api.DeleteTodoAsync;
    }

    // The factory: correct on its own; callers pass an update and a create (the create makes it an optimistic create).
    private Mutation<TodoInput, Unit, Snapshot<Todo>> Optimistic(Func<TodoInput, CancellationToken, Task<Unit>> mutationFn) =>
        client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
        {
            MutationFn = mutationFn,
            OnMutateAsync = async input =>
            {
                await client.CancelQueriesAsync(Keys.Todo(input.Id));
                var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
                client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title, false));
                return new Snapshot<Todo>(previous);
            },
            OnError = (error, input, context) =>
            {
                if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(input.Id), previous);
            },
            OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
        });

    public Mutation<TodoInput, Unit, Snapshot<Todo>> Rename() => Optimistic(api.UpdateTodoAsync);

    public Mutation<TodoInput, Unit, Snapshot<Todo>> Duplicate() => Optimistic(async (input, ct) =>
    {
        await api.CreateTodoAsync(new NewTodo(input.Title), ct);
        return Unit.Value;
    });

    // The mutation function kept in a field set in the constructor: a delete.
    public Mutation<int, Unit, Snapshot<TodoPage>> Delete() =>
        client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoPage>>
        {
            MutationFn = remove,
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

    // A key-parameterised factory missing the cancel.
    public Mutation<ToggleInput, Unit, Snapshot<TodoPage>> ToggleOn(QueryKey pageKey) =>
        client.CreateMutation(new MutationOptions<ToggleInput, Unit, Snapshot<TodoPage>>
        {
            MutationFn = (input, ct) => api.SetDoneAsync(input, ct),
            OnMutate = input =>
            {
                var previous = client.GetQueryData<TodoPage>(pageKey);
                if (previous is not null) client.SetQueryData(pageKey, TodoEdits.Toggle(previous, input.Id, input.Done));
                return new Snapshot<TodoPage>(previous);
            },
            OnError = (error, input, context) =>
            {
                if (context?.Previous is { } previous) client.SetQueryData(pageKey, previous);
            },
            OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(pageKey),
        });

    // Rolls back by invalidating, but only on error and success, not settled: fine (both paths invalidate).
    public Mutation<ToggleInput, Unit, Snapshot<TodoPage>> ToggleInvalidatingBothWays(QueryKey pageKey) =>
        client.CreateMutation(new MutationOptions<ToggleInput, Unit, Snapshot<TodoPage>>
        {
            MutationFn = (input, ct) => api.SetDoneAsync(input, ct),
            OnMutateAsync = async input =>
            {
                await client.CancelQueriesAsync(pageKey);
                var previous = client.GetQueryData<TodoPage>(pageKey);
                if (previous is not null) client.SetQueryData(pageKey, TodoEdits.Toggle(previous, input.Id, input.Done));
                return new Snapshot<TodoPage>(previous);
            },
            OnErrorAsync = (error, input, context) => client.InvalidateQueriesAsync(pageKey),
            OnSuccessAsync = (data, input, context) => client.InvalidateQueriesAsync(pageKey),
        });

    // The rollback restores a different key than the one written.
    public Mutation<Profile, Unit, Snapshot<Profile>> SaveProfile() =>
        client.CreateMutation(new MutationOptions<Profile, Unit, Snapshot<Profile>>
        {
            MutationFn = (profile, ct) => api.SaveProfileAsync(profile, ct),
            OnMutateAsync = async profile =>
            {
                await client.CancelQueriesAsync(Keys.Profile());
                var previous = client.GetQueryData<Profile>(Keys.Profile());
                client.SetQueryData(Keys.Profile(), profile);
                return new Snapshot<Profile>(previous);
            },
            OnError = (error, profile, context) =>
            {
                if (context?.Previous is { } previous) client.SetQueryData(Keys.Settings(), previous);
            },
            OnSettledAsync = (data, error, profile, context) => client.InvalidateQueriesAsync(Keys.Profile()),
        });
}

public static class CommentMutations
{
    // A static factory: an optimistic comment appended to the cached thread (a create by the write and by Post… not a verb).
    public static Mutation<NewComment, Comment, Snapshot<List<Comment>>> Post(QueryClient client, ITodoApi api) =>
        client.CreateMutation(new MutationOptions<NewComment, Comment, Snapshot<List<Comment>>>
        {
            MutationFn = (input, ct) => api.PostCommentAsync(input, ct),
            OnMutateAsync = async input =>
            {
                await client.CancelQueriesAsync(Keys.Comments(input.PostId));
                var previous = client.GetQueryData<List<Comment>>(Keys.Comments(input.PostId));
                var next = new List<Comment>(previous ?? new List<Comment>());
                next.Add(new Comment(-1, input.PostId, input.Text));
                client.SetQueryData(Keys.Comments(input.PostId), next);
                return new Snapshot<List<Comment>>(previous);
            },
            OnError = (error, input, context) =>
            {
                if (context?.Previous is { } previous) client.SetQueryData(Keys.Comments(input.PostId), previous);
            },
            OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(Keys.Comments(input.PostId)),
        });

    // A static factory removing a comment: delete by the verb.
    public static Mutation<(int PostId, int Id), Unit, Snapshot<List<Comment>>> Remove(QueryClient client, ITodoApi api) =>
        client.CreateMutation(new MutationOptions<(int PostId, int Id), Unit, Snapshot<List<Comment>>>
        {
            MutationFn = (input, ct) => api.RemoveCommentAsync(input.Id, ct),
            OnMutateAsync = async input =>
            {
                await client.CancelQueriesAsync(Keys.Comments(input.PostId));
                var previous = client.GetQueryData<List<Comment>>(Keys.Comments(input.PostId));
                client.SetQueryData<List<Comment>>(Keys.Comments(input.PostId), old => old?.Where(c => c.Id != input.Id).ToList());
                return new Snapshot<List<Comment>>(previous);
            },
            OnError = (error, input, context) =>
            {
                if (context?.Previous is { } previous) client.SetQueryData(Keys.Comments(input.PostId), previous);
            },
            OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(Keys.Comments(input.PostId)),
        });
}
