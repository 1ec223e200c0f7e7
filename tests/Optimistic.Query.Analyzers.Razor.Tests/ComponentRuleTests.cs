using Optimistic.Query.Analyzers.Razor.Tests.Infrastructure;

namespace Optimistic.Query.Analyzers.Razor.Tests;

/// <summary>
/// Every mutation rule reports in a component's <c>@code</c> block, at the <c>.razor</c> span the user wrote: the same
/// violations as the package test's <c>Violations.cs</c>, one per mutation. OPT011 (a persister's MaxAge, configured at
/// start-up) and OPT013 (the global config) have no component form.
/// </summary>
public class ComponentRuleTests
{
    [Fact]
    public Task Each_rule_reports_at_its_razor_span() =>
        new AllRulesRazorTest { RazorSources = { ("Pages/Todos.razor", Violations) } }.RunAsync();

    /// <summary>The component: one mutation per rule, each breaking that rule only (also the fixer test's and the fuzz's input).</summary>
    internal const string Violations = """
        @page "/todos"
        @using Consumer
        @inject QueryClient Client
        @inject ITodoApi Api
        @inject IToaster Toaster

        <h1>Todos</h1>

        @code {
            private static readonly QueryKey TodosKey = QueryKey.Create("todos");
            private static readonly QueryKey SettingsKey = QueryKey.Create("settings");
            private static readonly QueryKey StatsKey = QueryKey.Create("stats");
            private TodoList? _stash;

            private Mutation<int, Unit, Snapshot<TodoList>> MissingCancel() =>
                Client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoList>>
                {
                    MutationFn = (id, ct) => Api.ToggleAsync(id, ct),
                    OnMutate = id =>
                    {
                        var previous = {|OPT001:Client.GetQueryData<TodoList>(TodosKey)|};
                        if (previous is not null) Client.SetQueryData(TodosKey, previous.Toggle(id));
                        return new Snapshot<TodoList>(previous);
                    },
                    OnError = (error, id, context) =>
                    {
                        if (context?.Previous is { } previous) Client.SetQueryData(TodosKey, previous);
                    },
                    OnSettledAsync = (data, error, id, context) => Client.InvalidateQueriesAsync(TodosKey),
                });

            private Mutation<int, Unit, Snapshot<TodoList>> MissingRollback() =>
                Client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoList>>
                {
                    MutationFn = (id, ct) => Api.ToggleAsync(id, ct),
                    {|OPT002:OnMutateAsync|} = async id =>
                    {
                        await Client.CancelQueriesAsync(TodosKey);
                        var previous = Client.GetQueryData<TodoList>(TodosKey);
                        if (previous is not null) Client.SetQueryData(TodosKey, previous.Toggle(id));
                        return new Snapshot<TodoList>(previous);
                    },
                    OnSettledAsync = (data, error, id, context) => Client.InvalidateQueriesAsync(TodosKey),
                });

            private Mutation<int, Unit, Unit> SnapshotInField() =>
                Client.CreateMutation(new MutationOptions<int, Unit, Unit>
                {
                    MutationFn = (id, ct) => Api.ToggleAsync(id, ct),
                    OnMutateAsync = async id =>
                    {
                        await Client.CancelQueriesAsync(TodosKey);
                        var previous = Client.GetQueryData<TodoList>(TodosKey);
                        {|OPT003:_stash = previous|};
                        if (previous is not null) Client.SetQueryData(TodosKey, previous.Toggle(id));
                        return Unit.Value;
                    },
                    OnError = (error, id, context) =>
                    {
                        if (_stash is { } previous) Client.SetQueryData(TodosKey, previous);
                    },
                    OnSettledAsync = (data, error, id, context) => Client.InvalidateQueriesAsync(TodosKey),
                });

            private Mutation<int, Unit, Snapshot<TodoList>> SuccessToast() =>
                Client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoList>>
                {
                    MutationFn = (id, ct) => Api.ToggleAsync(id, ct),
                    OnMutateAsync = async id =>
                    {
                        await Client.CancelQueriesAsync(TodosKey);
                        var previous = Client.GetQueryData<TodoList>(TodosKey);
                        if (previous is not null) Client.SetQueryData(TodosKey, previous.Toggle(id));
                        return new Snapshot<TodoList>(previous);
                    },
                    OnSuccess = (data, id, context) => {|OPT004:Toaster.Success("Saved")|},
                    OnError = (error, id, context) =>
                    {
                        if (context?.Previous is { } previous) Client.SetQueryData(TodosKey, previous);
                        Toaster.Error("Failed to save", error);
                    },
                    OnSettledAsync = (data, error, id, context) => Client.InvalidateQueriesAsync(TodosKey),
                });

            private Mutation<int, Unit, Snapshot<TodoList>> OptimisticCreate() =>
                Client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoList>>
                {
                    {|OPT005:Kind|} = MutationKind.Create,
                    MutationFn = (id, ct) => Api.ToggleAsync(id, ct),
                    OnMutateAsync = async id =>
                    {
                        await Client.CancelQueriesAsync(TodosKey);
                        var previous = Client.GetQueryData<TodoList>(TodosKey);
                        if (previous is not null) Client.SetQueryData(TodosKey, previous.Toggle(id));
                        return new Snapshot<TodoList>(previous);
                    },
                    OnError = (error, id, context) =>
                    {
                        if (context?.Previous is { } previous) Client.SetQueryData(TodosKey, previous);
                    },
                    OnSettledAsync = (data, error, id, context) => Client.InvalidateQueriesAsync(TodosKey),
                });

            private Mutation<int, Unit, Snapshot<TodoList>> NoSettledInvalidation() =>
                Client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoList>>
                {
                    MutationFn = (id, ct) => Api.ToggleAsync(id, ct),
                    {|OPT006:OnMutateAsync|} = async id =>
                    {
                        await Client.CancelQueriesAsync(TodosKey);
                        var previous = Client.GetQueryData<TodoList>(TodosKey);
                        if (previous is not null) Client.SetQueryData(TodosKey, previous.Toggle(id));
                        return new Snapshot<TodoList>(previous);
                    },
                    OnError = (error, id, context) =>
                    {
                        if (context?.Previous is { } previous) Client.SetQueryData(TodosKey, previous);
                    },
                });

            private Mutation<int, Unit, Snapshot<TodoList>> SnapshotOfAnotherKey() =>
                Client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoList>>
                {
                    MutationFn = (id, ct) => Api.ToggleAsync(id, ct),
                    OnMutateAsync = async id =>
                    {
                        await Client.CancelQueriesAsync(TodosKey);
                        var previous = Client.GetQueryData<TodoList>({|OPT007:SettingsKey|});
                        if (previous is not null) Client.SetQueryData(TodosKey, previous.Toggle(id));
                        return new Snapshot<TodoList>(previous);
                    },
                    OnError = (error, id, context) =>
                    {
                        if (context?.Previous is { } previous) Client.SetQueryData(TodosKey, previous);
                    },
                    OnSettledAsync = (data, error, id, context) => Client.InvalidateQueriesAsync(TodosKey),
                });

            private Mutation<int, Unit, Snapshot<TodoList>> SnapshotAfterWrite() =>
                Client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoList>>
                {
                    MutationFn = (id, ct) => Api.ToggleAsync(id, ct),
                    OnMutateAsync = async id =>
                    {
                        await Client.CancelQueriesAsync(TodosKey);
                        {|OPT008:Client.SetQueryData<TodoList>(TodosKey, old => old?.Toggle(id))|};
                        var previous = Client.GetQueryData<TodoList>(TodosKey);
                        return new Snapshot<TodoList>(previous);
                    },
                    OnError = (error, id, context) =>
                    {
                        if (context?.Previous is { } previous) Client.SetQueryData(TodosKey, previous);
                    },
                    OnSettledAsync = (data, error, id, context) => Client.InvalidateQueriesAsync(TodosKey),
                });

            private Mutation<int, Unit, Snapshot<object>> UntypedSnapshot() =>
                Client.CreateMutation(new MutationOptions<int, Unit, Snapshot<object>>
                {
                    MutationFn = (id, ct) => Api.ToggleAsync(id, ct),
                    OnMutateAsync = async id =>
                    {
                        await Client.CancelQueriesAsync(TodosKey);
                        var previous = Client.GetQueryData<{|OPT009:object|}>(TodosKey);
                        if (previous is TodoList list) Client.SetQueryData(TodosKey, list.Toggle(id));
                        return new Snapshot<object>(previous);
                    },
                    OnError = (error, id, context) =>
                    {
                        if (context?.Previous is { } previous) Client.SetQueryData(TodosKey, previous);
                    },
                    OnSettledAsync = (data, error, id, context) => Client.InvalidateQueriesAsync(TodosKey),
                });

            private Mutation<int, Unit, (TodoList? Todos, TodoList? Stats)> Cascade() =>
                Client.CreateMutation(new MutationOptions<int, Unit, (TodoList? Todos, TodoList? Stats)>
                {
                    MutationFn = (id, ct) => Api.ToggleAsync(id, ct),
                    OnMutateAsync = async id =>
                    {
                        await Client.CancelQueriesAsync(TodosKey);
                        await Client.CancelQueriesAsync(StatsKey);
                        var todos = Client.GetQueryData<TodoList>(TodosKey);
                        var stats = Client.GetQueryData<TodoList>(StatsKey);
                        if (todos is not null) Client.SetQueryData(TodosKey, todos.Toggle(id));
                        if (stats is not null) {|OPT010:Client.SetQueryData(StatsKey, stats.Toggle(id))|};
                        return (todos, stats);
                    },
                    OnError = (error, id, context) =>
                    {
                        if (context.Todos is { } todos) Client.SetQueryData(TodosKey, todos);
                        if (context.Stats is { } stats) Client.SetQueryData(StatsKey, stats);
                    },
                    OnSettledAsync = async (data, error, id, context) =>
                    {
                        await Client.InvalidateQueriesAsync(TodosKey);
                        await Client.InvalidateQueriesAsync(StatsKey);
                    },
                });

            private Mutation<int, Unit, Snapshot<TodoList>> DroppedTask() =>
                Client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoList>>
                {
                    MutationFn = (id, ct) => Api.ToggleAsync(id, ct),
                    OnMutateAsync = async id =>
                    {
                        await Client.CancelQueriesAsync(TodosKey);
                        var previous = Client.GetQueryData<TodoList>(TodosKey);
                        if (previous is not null) Client.SetQueryData(TodosKey, previous.Toggle(id));
                        return new Snapshot<TodoList>(previous);
                    },
                    OnError = (error, id, context) =>
                    {
                        if (context?.Previous is { } previous) Client.SetQueryData(TodosKey, previous);
                    },
                    OnSettled = (data, error, id, context) => {|OPT012:Client.InvalidateQueriesAsync(TodosKey)|},
                });
        }
        """;
}
