// A team's wrapper around the client, carrying the runtime's attributes: built-in invalidation and cache helpers.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Optimistic.Query;
using Optimistic.Query.Annotations;

namespace Corpus;

public sealed class FeatureClient
{
    private readonly QueryClient client;

    public FeatureClient(QueryClient client) => this.client = client;

    /// <summary>Runs the mutation and invalidates every query under the prefix once it settled.</summary>
    [MutationInvalidates(MutationPhase.Settled)]
    public Mutation<TVariables, TData, TContext> UseMutation<TVariables, TData, TContext>(
        MutationOptions<TVariables, TData, TContext> options, [QueryKeyArgument] QueryKey prefix) => client.CreateMutation(options);

    /// <summary>Invalidates on success only.</summary>
    [MutationInvalidates(MutationPhase.Success)]
    public Mutation<TVariables, TData, TContext> UseMutationOnSuccess<TVariables, TData, TContext>(
        MutationOptions<TVariables, TData, TContext> options, [QueryKeyArgument] QueryKey prefix) => client.CreateMutation(options);

    [QueryCancel] public Task CancelAsync([QueryKeyArgument] QueryKey key) => client.CancelQueriesAsync(key);
    [QueryRead] public T? Get<T>([QueryKeyArgument] QueryKey key) => client.GetQueryData<T>(key);
    [QueryWrite] public void Set<T>([QueryKeyArgument] QueryKey key, T value) => client.SetQueryData(key, value);
    [QueryInvalidate] public Task InvalidateAsync([QueryKeyArgument] QueryKey key) => client.InvalidateQueriesAsync(key);
}

public sealed class FeatureScreen
{
    private readonly FeatureClient feature;
    private readonly ITodoApi api;
    private readonly IToaster toaster;

    public FeatureScreen(FeatureClient feature, ITodoApi api, IToaster toaster)
    {
        this.feature = feature;
        this.api = api;
        this.toaster = toaster;
    }

    // The wrapper invalidates the prefix once settled: correct without an OnSettled.
    public Mutation<TodoInput, Unit, Snapshot<Todo>> Rename() => feature.UseMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await feature.CancelAsync(Keys.Todo(input.Id));
            var previous = feature.Get<Todo>(Keys.Todo(input.Id));
            if (previous is not null) feature.Set(Keys.Todo(input.Id), previous with { Title = input.Title });
            return new Snapshot<Todo>(previous);
        },
        OnError = (error, input, context) =>
        {
            if (context?.Previous is { } previous) feature.Set(Keys.Todo(input.Id), previous);
        },
    }, Keys.Todos());

    // Invalidated by the wrapper on success only.
    public Mutation<TodoInput, Unit, Snapshot<Todo>> RenameOnSuccess() => feature.UseMutationOnSuccess(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await feature.CancelAsync(Keys.Todo(input.Id));
            var previous = feature.Get<Todo>(Keys.Todo(input.Id));
            if (previous is not null) feature.Set(Keys.Todo(input.Id), previous with { Title = input.Title });
            return new Snapshot<Todo>(previous);
        },
        OnError = (error, input, context) =>
        {
            if (context?.Previous is { } previous) feature.Set(Keys.Todo(input.Id), previous);
        },
    }, Keys.Todos());

    // The wrapper's helpers without the cancel, and a success toast.
    public Mutation<TodoInput, Unit, Snapshot<Todo>> RenameQuickly() => feature.UseMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutate = input =>
        {
            var previous = feature.Get<Todo>(Keys.Todo(input.Id));
            if (previous is not null) feature.Set(Keys.Todo(input.Id), previous with { Title = input.Title });
            return new Snapshot<Todo>(previous);
        },
        OnError = (error, input, context) =>
        {
            if (context?.Previous is { } previous) feature.Set(Keys.Todo(input.Id), previous);
        },
        OnSuccess = (data, input, context) => toaster.Success("Renamed"),
    }, Keys.Todos());

    // The wrapper invalidates another feature's prefix: the written row is never invalidated.
    public Mutation<Profile, Unit, Snapshot<Profile>> SaveProfile() => feature.UseMutation(new MutationOptions<Profile, Unit, Snapshot<Profile>>
    {
        MutationFn = (profile, ct) => api.SaveProfileAsync(profile, ct),
        OnMutateAsync = async profile =>
        {
            await feature.CancelAsync(Keys.Profile());
            var previous = feature.Get<Profile>(Keys.Profile());
            feature.Set(Keys.Profile(), profile);
            return new Snapshot<Profile>(previous);
        },
        OnError = (error, profile, context) =>
        {
            if (context?.Previous is { } previous) feature.Set(Keys.Profile(), previous);
        },
    }, Keys.Todos());

    // A wrapped create: the verb of the mutation function.
    public Mutation<NewTodo, Todo, Snapshot<TodoPage>> Add() => feature.UseMutation(new MutationOptions<NewTodo, Todo, Snapshot<TodoPage>>
    {
        MutationFn = (input, ct) => api.CreateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await feature.CancelAsync(Keys.Page(1));
            var previous = feature.Get<TodoPage>(Keys.Page(1));
            if (previous is not null) feature.Set(Keys.Page(1), previous with { Total = previous.Total + 1 });
            return new Snapshot<TodoPage>(previous);
        },
        OnError = (error, input, context) =>
        {
            if (context?.Previous is { } previous) feature.Set(Keys.Page(1), previous);
        },
    }, Keys.Todos());
}
