// Callbacks written as local functions of the method that builds the mutation.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Optimistic.Query;

namespace Corpus;

public sealed class StatsPanel
{
    private readonly QueryClient client;
    private readonly ITodoApi api;
    private readonly IToaster toaster;

    public StatsPanel(QueryClient client, ITodoApi api, IToaster toaster)
    {
        this.client = client;
        this.api = api;
        this.toaster = toaster;
    }

    // Correct, with local functions.
    public Mutation<ToggleInput, Unit, Snapshot<Stats>> CreateCount()
    {
        return client.CreateMutation(new MutationOptions<ToggleInput, Unit, Snapshot<Stats>>
        {
            MutationFn = api.SetDoneAsync,
            OnMutateAsync = Apply,
            OnError = Undo,
            OnSettledAsync = Settle,
        });

        async Task<Snapshot<Stats>> Apply(ToggleInput input)
        {
            await client.CancelQueriesAsync(Keys.Stats());
            var previous = client.GetQueryData<Stats>(Keys.Stats());
            if (previous is not null) client.SetQueryData(Keys.Stats(), input.Done ? previous with { Done = previous.Done + 1 } : previous with { Open = previous.Open + 1 });
            return new Snapshot<Stats>(previous);
        }

        void Undo(Exception error, ToggleInput input, Snapshot<Stats>? context)
        {
            if (context?.Previous is { } previous) client.SetQueryData(Keys.Stats(), previous);
        }

        Task Settle(Unit data, Exception? error, ToggleInput input, Snapshot<Stats>? context) => client.InvalidateQueriesAsync(Keys.Stats());
    }

    // A local-function OnMutate without the cancel.
    public Mutation<ToggleInput, Unit, Snapshot<Stats>> CreateCountNoCancel()
    {
        return client.CreateMutation(new MutationOptions<ToggleInput, Unit, Snapshot<Stats>>
        {
            MutationFn = api.SetDoneAsync,
            OnMutate = Apply,
            OnError = (error, input, context) =>
            {
                if (context?.Previous is { } previous) client.SetQueryData(Keys.Stats(), previous);
            },
            OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(Keys.Stats()),
        });

        Snapshot<Stats> Apply(ToggleInput input)
        {
            var previous = client.GetQueryData<Stats>(Keys.Stats());
            if (previous is not null) client.SetQueryData(Keys.Stats(), previous with { Done = previous.Done + 1 });
            return new Snapshot<Stats>(previous);
        }
    }

    // A local-function OnError that only toasts.
    public Mutation<ToggleInput, Unit, Snapshot<Stats>> CreateCountToastingErrors()
    {
        return client.CreateMutation(new MutationOptions<ToggleInput, Unit, Snapshot<Stats>>
        {
            MutationFn = api.SetDoneAsync,
            OnMutateAsync = async input =>
            {
                await client.CancelQueriesAsync(Keys.Stats());
                var previous = client.GetQueryData<Stats>(Keys.Stats());
                if (previous is not null) client.SetQueryData(Keys.Stats(), previous with { Done = previous.Done + 1 });
                return new Snapshot<Stats>(previous);
            },
            OnError = Report,
            OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(Keys.Stats()),
        });

        void Report(Exception error, ToggleInput input, Snapshot<Stats>? context) => toaster.Error("Could not count", error);
    }

    // A synchronous local-function OnSettled that drops the task.
    public Mutation<ToggleInput, Unit, Snapshot<Stats>> CreateCountSyncSettled()
    {
        return client.CreateMutation(new MutationOptions<ToggleInput, Unit, Snapshot<Stats>>
        {
            MutationFn = api.SetDoneAsync,
            OnMutateAsync = async input =>
            {
                await client.CancelQueriesAsync(Keys.Stats());
                var previous = client.GetQueryData<Stats>(Keys.Stats());
                if (previous is not null) client.SetQueryData(Keys.Stats(), previous with { Done = previous.Done + 1 });
                return new Snapshot<Stats>(previous);
            },
            OnError = (error, input, context) =>
            {
                if (context?.Previous is { } previous) client.SetQueryData(Keys.Stats(), previous);
            },
            OnSettled = Settle,
        });

        void Settle(Unit data, Exception? error, ToggleInput input, Snapshot<Stats>? context) => client.InvalidateQueriesAsync(Keys.Stats());
    }

    // A local-function success callback that toasts.
    public Mutation<ToggleInput, Unit, Snapshot<Stats>> CreateCountCelebrating()
    {
        return client.CreateMutation(new MutationOptions<ToggleInput, Unit, Snapshot<Stats>>
        {
            MutationFn = api.SetDoneAsync,
            OnMutateAsync = async input =>
            {
                await client.CancelQueriesAsync(Keys.Stats());
                var previous = client.GetQueryData<Stats>(Keys.Stats());
                if (previous is not null) client.SetQueryData(Keys.Stats(), previous with { Done = previous.Done + 1 });
                return new Snapshot<Stats>(previous);
            },
            OnError = (error, input, context) =>
            {
                if (context?.Previous is { } previous) client.SetQueryData(Keys.Stats(), previous);
            },
            OnSuccess = Celebrate,
            OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(Keys.Stats()),
        });

        void Celebrate(Unit data, ToggleInput input, Snapshot<Stats>? context) => toaster.Success("Counted");
    }

    // A local function invoked from the OnMutate lambda holds the write: the cancel comes after it.
    public Mutation<ToggleInput, Unit, Snapshot<Stats>> CreateCountThroughHelper()
    {
        return client.CreateMutation(new MutationOptions<ToggleInput, Unit, Snapshot<Stats>>
        {
            MutationFn = api.SetDoneAsync,
            OnMutateAsync = async input =>
            {
                var previous = Bump();
                await client.CancelQueriesAsync(Keys.Stats());
                return new Snapshot<Stats>(previous);
            },
            OnError = (error, input, context) =>
            {
                if (context?.Previous is { } previous) client.SetQueryData(Keys.Stats(), previous);
            },
            OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(Keys.Stats()),
        });

        Stats? Bump()
        {
            var previous = client.GetQueryData<Stats>(Keys.Stats());
            if (previous is not null) client.SetQueryData(Keys.Stats(), previous with { Done = previous.Done + 1 });
            return previous;
        }
    }
}
