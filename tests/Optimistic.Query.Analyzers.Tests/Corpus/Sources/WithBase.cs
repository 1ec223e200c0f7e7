// The app's own options record (carrying the runtime's annotations), so screens derive mutations with `with` from a base.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Optimistic.Query;
using Optimistic.Query.Annotations;

namespace Corpus;

[MutationOptions]
public sealed record AppMutation<TVariables, TContext>
{
    [MutationFunction] public Func<TVariables, CancellationToken, Task<Unit>>? MutationFn { get; init; }
    [MutationCallback(MutationPhase.Mutate)] public Func<TVariables, TContext>? OnMutate { get; init; }
    [MutationCallback(MutationPhase.Mutate)] public Func<TVariables, Task<TContext>>? OnMutateAsync { get; init; }
    [MutationCallback(MutationPhase.Success)] public Action<Unit, TVariables, TContext?>? OnSuccess { get; init; }
    [MutationCallback(MutationPhase.Error)] public Action<Exception, TVariables, TContext?>? OnError { get; init; }
    [MutationCallback(MutationPhase.Settled)] public Func<Unit, Exception?, TVariables, TContext?, Task>? OnSettledAsync { get; init; }
    public MutationKind Kind { get; init; }
}

public sealed class ProfileScreen
{
    private readonly QueryClient client;
    private readonly ITodoApi api;
    private readonly IToaster toaster;

    public ProfileScreen(QueryClient client, ITodoApi api, IToaster toaster)
    {
        this.client = client;
        this.api = api;
        this.toaster = toaster;
    }

    // The base every profile edit starts from: rollback, toast and invalidation, no OnMutate.
    private AppMutation<Profile, Snapshot<Profile>> Base => new AppMutation<Profile, Snapshot<Profile>>
    {
        MutationFn = (profile, ct) => api.SaveProfileAsync(profile, ct),
        OnError = (error, profile, context) =>
        {
            if (context?.Previous is { } previous) client.SetQueryData(Keys.Profile(), previous);
            toaster.Error("Could not save the profile", error);
        },
        OnSettledAsync = (data, error, profile, context) => client.InvalidateQueriesAsync(Keys.Profile()),
    };

    // Correct: the optimistic step added with `with`.
    public AppMutation<Profile, Snapshot<Profile>> Save() => Base with
    {
        OnMutateAsync = async profile =>
        {
            await client.CancelQueriesAsync(Keys.Profile());
            var previous = client.GetQueryData<Profile>(Keys.Profile());
            client.SetQueryData(Keys.Profile(), profile);
            return new Snapshot<Profile>(previous);
        },
    };

    // No cancel in the derived OnMutate.
    public AppMutation<Profile, Snapshot<Profile>> SaveQuickly() => Base with
    {
        OnMutate = profile =>
        {
            var previous = client.GetQueryData<Profile>(Keys.Profile());
            client.SetQueryData(Keys.Profile(), profile);
            return new Snapshot<Profile>(previous);
        },
    };

    // A success toast added in the derived options.
    public AppMutation<Profile, Snapshot<Profile>> SaveAndCelebrate() => Base with
    {
        OnMutateAsync = async profile =>
        {
            await client.CancelQueriesAsync(Keys.Profile());
            var previous = client.GetQueryData<Profile>(Keys.Profile());
            client.SetQueryData(Keys.Profile(), profile);
            return new Snapshot<Profile>(previous);
        },
        OnSuccess = (data, profile, context) => toaster.Success("Profile saved"),
    };

    // Derived with an optimistic create kind.
    public AppMutation<NewTodo, Snapshot<TodoPage>> AddTodo() => new AppMutation<NewTodo, Snapshot<TodoPage>>() with
    {
        Kind = MutationKind.Create,
        MutationFn = async (input, ct) =>
        {
            await api.PostTodoAsync(input, ct);
            return Unit.Value;
        },
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(Keys.Page(1));
            var previous = client.GetQueryData<TodoPage>(Keys.Page(1));
            if (previous is not null) client.SetQueryData(Keys.Page(1), previous with { Total = previous.Total + 1 });
            return new Snapshot<TodoPage>(previous);
        },
    };

    // A full record creation with no rollback and no settled invalidation.
    public AppMutation<Settings, Snapshot<Settings>> SaveSettings() => new AppMutation<Settings, Snapshot<Settings>>
    {
        MutationFn = (settings, ct) => api.SaveSettingsAsync(settings, ct),
        OnMutateAsync = async settings =>
        {
            await client.CancelQueriesAsync(Keys.Settings());
            var previous = client.GetQueryData<Settings>(Keys.Settings());
            client.SetQueryData(Keys.Settings(), settings);
            return new Snapshot<Settings>(previous);
        },
    };

    // A derived OnMutate whose snapshot comes after the write.
    public AppMutation<Profile, Snapshot<Profile>> SaveSnapshotLate() => Base with
    {
        OnMutateAsync = async profile =>
        {
            await client.CancelQueriesAsync(Keys.Profile());
            client.SetQueryData(Keys.Profile(), profile);
            var previous = client.GetQueryData<Profile>(Keys.Profile());
            return new Snapshot<Profile>(previous);
        },
    };
}
