using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Optimistic.Query.CodeFixes;

namespace Optimistic.Query.Analyzers.Tests.ThirdParty;

/// <summary>
/// Code fixes through the API map (issue #14, item 8): the inserted call is the mapped library's own method, awaited only when
/// it returns a task, with its key in the mapped filter object; a synchronous OnMutate stays synchronous around a synchronous
/// cancel. The fixed code is each stand-in's canonical pattern; FixAll (document, project, solution) gives the same.
/// </summary>
public class MappedFixTests
{
    private static Task VerifyFixAsync<TAnalyzer, TFix>(string library, string globalConfig, string source, string fixedSource)
        where TAnalyzer : Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer, new()
        where TFix : Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider, new()
    {
        var test = new CSharpCodeFixVerifier<TAnalyzer, TFix>.Test
        {
            TestCode = source,
            FixedCode = fixedSource,
            GlobalConfig = globalConfig,
            ReferenceRuntime = false,
        };
        test.TestState.Sources.Add(("/0/Library.cs", library));
        test.FixedState.Sources.Add(("/0/Library.cs", library));
        return test.RunAsync();
    }

    [Fact]
    public Task OPT001_inserts_the_libraries_synchronous_cancel_and_keeps_OnMutate_synchronous() =>
        VerifyFixAsync<CancelBeforeOptimisticWriteAnalyzer, InsertCancelCodeFixProvider>(
            StandIn.Library,
            StandIn.GlobalConfig,
            StandIn.Canonical(
                ("            client.CancelQueries(Keys.Todo(input.Id));\n", string.Empty),
                ("var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));", "var previous = [|client.GetQueryData<Todo>(Keys.Todo(input.Id))|];")),
            StandIn.Canonical());

    [Fact]
    public Task OPT001_inserts_the_cancel_in_the_mapped_filter_object_in_a_Task_returning_OnMutate() =>
        VerifyFixAsync<CancelBeforeOptimisticWriteAnalyzer, InsertCancelCodeFixProvider>(
            StandInShapes.Library,
            StandInShapes.GlobalConfig,
            StandInShapes.Canonical(
                ("                mutation.Client.CancelQueries(new QueryFilters { QueryKey = [\"todos\", input.Id] });\n", string.Empty),
                ("var previous = mutation.Client.GetQueryData<Todo>(new QueryKey(\"todos\", input.Id));", "var previous = [|mutation.Client.GetQueryData<Todo>(new QueryKey(\"todos\", input.Id))|];")),
            StandInShapes.Canonical(
                ("new QueryFilters { QueryKey = [\"todos\", input.Id] }", "new QueryFilters { QueryKey = new QueryKey(\"todos\", input.Id) }")));

    [Fact]
    public Task OPT001_FixAll_fixes_every_definition_of_the_document() =>
        VerifyFixAsync<CancelBeforeOptimisticWriteAnalyzer, InsertCancelCodeFixProvider>(
            StandIn.Library,
            StandIn.GlobalConfig,
            StandIn.Canonical(
                ("            client.CancelQueries(Keys.Todo(input.Id));\n", string.Empty),
                ("var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));", "var previous = [|client.GetQueryData<Todo>(Keys.Todo(input.Id))|];"))
                .Replace("public Todo? LastPrevious => s_previous;", "public Todo? LastPrevious => s_previous;\n" + Second(withCancel: false), StringComparison.Ordinal),
            StandIn.Canonical()
                .Replace("public Todo? LastPrevious => s_previous;", "public Todo? LastPrevious => s_previous;\n" + Second(withCancel: true), StringComparison.Ordinal));

    [Fact]
    public Task OPT006_adds_OnSettledAsync_with_the_libraries_parameter_list() =>
        VerifyFixAsync<InvalidateInOnSettledAnalyzer, InvalidateInOnSettledCodeFixProvider>(
            StandIn.Library,
            StandIn.GlobalConfig,
            StandIn.Canonical(
                ("        OnMutate = (input, mutation) =>", "        {|OPT006:OnMutate|} = (input, mutation) =>"),
                ("        OnSettledAsync = (data, error, vars, context, mutation) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),\n", string.Empty)),
            StandIn.Canonical(
                ("        OnSettledAsync = (data, error, vars, context, mutation) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),\n",
                 "        OnSettledAsync = (data, error, input, context, mutationContext) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),\n")));

    [Fact]
    public Task OPT006_extends_an_OnSettledAsync_at_its_variables_parameter_not_the_second_to_last() =>
        VerifyFixAsync<InvalidateInOnSettledAnalyzer, InvalidateInOnSettledCodeFixProvider>(
            StandIn.Library,
            StandIn.GlobalConfig,
            StandIn.Canonical(
                ("        OnMutate = (input, mutation) =>", "        {|OPT006:OnMutate|} = (input, mutation) =>"),
                ("        OnSettledAsync = (data, error, vars, context, mutation) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),\n",
                 "        OnSettledAsync = async (data, error, vars, context, mutation) =>\n        {\n            await Task.Yield();\n        },\n")),
            StandIn.Canonical(
                ("        OnSettledAsync = (data, error, vars, context, mutation) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),\n",
                 "        OnSettledAsync = async (data, error, vars, context, mutation) =>\n        {\n            await Task.Yield();\n            await client.InvalidateQueriesAsync(Keys.Todo(vars.Id));\n        },\n")));

    [Fact]
    public Task OPT008_moves_the_snapshot_before_the_write() =>
        VerifyFixAsync<SnapshotAfterWriteAnalyzer, MoveSnapshotBeforeWriteCodeFixProvider>(
            StandIn.Library,
            StandIn.GlobalConfig,
            StandIn.Canonical((
                "            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));\n            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));\n",
                "            [|client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title))|];\n            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));\n")),
            StandIn.Canonical());

    [Fact]
    public Task OPT004_removes_the_success_toast() =>
        VerifyFixAsync<SuccessToastInOptimisticMutationAnalyzer, RemoveSuccessToastCodeFixProvider>(
            StandIn.Library,
            StandIn.GlobalConfig,
            StandIn.Canonical((
                "            Toasts.Error(\"Could not save\", error);\n        },\n",
                "            Toasts.Error(\"Could not save\", error);\n        },\n        OnSuccess = (data, vars, context, mutation) =>\n        {\n            [|Toasts.Success(\"Saved\")|];\n            client.InvalidateAllAsync();\n        },\n")),
            StandIn.Canonical((
                "            Toasts.Error(\"Could not save\", error);\n        },\n",
                "            Toasts.Error(\"Could not save\", error);\n        },\n        OnSuccess = (data, vars, context, mutation) =>\n        {\n            client.InvalidateAllAsync();\n        },\n")));

    [Fact]
    public Task OPT002_adds_the_rollback_to_OnError() =>
        VerifyFixAsync<MissingRollbackAnalyzer, AddRollbackCodeFixProvider>(
            StandIn.Library,
            StandIn.GlobalConfig,
            StandIn.Canonical(
                ("        OnMutate = (input, mutation) =>", "        {|OPT002:OnMutate|} = (input, mutation) =>"),
                ("            if (context is Snapshot { Previous: { } previous }) client.SetQueryData(Keys.Todo(vars.Id), previous);\n", string.Empty)),
            StandIn.Canonical());

    [Fact]
    public Task OPT002_FixAll_extends_one_OnError_and_adds_another_in_the_libraries_parameter_list() =>
        VerifyFixAsync<MissingRollbackAnalyzer, AddRollbackCodeFixProvider>(
            StandIn.Library,
            StandIn.GlobalConfig,
            StandIn.Canonical(
                ("        OnMutate = (input, mutation) =>", "        {|OPT002:OnMutate|} = (input, mutation) =>"),
                ("            if (context is Snapshot { Previous: { } previous }) client.SetQueryData(Keys.Todo(vars.Id), previous);\n", string.Empty))
                .Replace("public Todo? LastPrevious => s_previous;", "public Todo? LastPrevious => s_previous;\n" + SecondWithoutRollback(fixedCode: false), StringComparison.Ordinal),
            StandIn.Canonical()
                .Replace("public Todo? LastPrevious => s_previous;", "public Todo? LastPrevious => s_previous;\n" + SecondWithoutRollback(fixedCode: true), StringComparison.Ordinal));

    [Fact]
    public Task OPT002_restores_through_the_trailing_MutationContext_in_a_Task_returning_OnError() =>
        VerifyFixAsync<MissingRollbackAnalyzer, AddRollbackCodeFixProvider>(
            StandInShapes.Library,
            StandInShapes.GlobalConfig,
            StandInShapes.Canonical(
                ("            OnMutate = async (input, mutation) =>", "            {|OPT002:OnMutate|} = async (input, mutation) =>"),
                ("                if (snapshot is Snapshot { Previous: { } previous }) mutation.Client.SetQueryData([\"todos\", vars.Id], previous);\n", string.Empty)),
            StandInShapes.Canonical(
                ("mutation.Client.SetQueryData([\"todos\", vars.Id], previous);", "mutation.Client.SetQueryData(new QueryKey(\"todos\", vars.Id), previous);")));

    [Fact]
    public Task OPT002_awaits_the_mapped_invalidation_in_its_filter_when_OnMutate_returns_no_snapshot() =>
        VerifyFixAsync<MissingRollbackAnalyzer, AddRollbackCodeFixProvider>(
            StandInShapes.Library,
            StandInShapes.GlobalConfig,
            StandInShapes.Canonical(
                ("            OnMutate = async (input, mutation) =>", "            {|OPT002:OnMutate|} = async (input, mutation) =>"),
                ("                return new Snapshot(previous);", "                return previous;"),
                ("                if (snapshot is Snapshot { Previous: { } previous }) mutation.Client.SetQueryData([\"todos\", vars.Id], previous);\n", string.Empty)),
            StandInShapes.Canonical(
                ("                return new Snapshot(previous);", "                return previous;"),
                ("                if (snapshot is Snapshot { Previous: { } previous }) mutation.Client.SetQueryData([\"todos\", vars.Id], previous);\n",
                 "                await mutation.Client.InvalidateQueries(new QueryFilters { QueryKey = new QueryKey(\"todos\", vars.Id) });\n")));

    [Fact]
    public Task OPT002_offers_no_invalidation_the_libraries_synchronous_OnError_would_drop() =>
        VerifyFixAsync<MissingRollbackAnalyzer, AddRollbackCodeFixProvider>(
            StandIn.Library,
            StandIn.GlobalConfig,
            StandIn.Canonical(
                ("        OnMutate = (input, mutation) =>", "        {|OPT002:OnMutate|} = (input, mutation) =>"),
                ("            return new Snapshot(previous);", "            return previous;"),
                ("            if (context is Snapshot { Previous: { } previous }) client.SetQueryData(Keys.Todo(vars.Id), previous);\n", string.Empty)),
            StandIn.Canonical(
                ("        OnMutate = (input, mutation) =>", "        {|OPT002:OnMutate|} = (input, mutation) =>"),
                ("            return new Snapshot(previous);", "            return previous;"),
                ("            if (context is Snapshot { Previous: { } previous }) client.SetQueryData(Keys.Todo(vars.Id), previous);\n", string.Empty)));

    [Fact]
    public Task OPT007_replaces_the_cancelled_key_with_the_written_one() =>
        VerifyFixAsync<MismatchedKeyAnalyzer, UsePatchedKeyCodeFixProvider>(
            StandIn.Library,
            StandIn.GlobalConfig,
            StandIn.Canonical(
                ("            client.CancelQueries(Keys.Todo(input.Id));\n", "            var key = Keys.Todo(input.Id);\n            client.CancelQueries([|QueryKeys.Of(\"users\")|]);\n"),
                ("client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));", "client.SetQueryData(key, new Todo(input.Id, input.Title));")),
            StandIn.Canonical(
                ("            client.CancelQueries(Keys.Todo(input.Id));\n", "            var key = Keys.Todo(input.Id);\n            client.CancelQueries(key);\n"),
                ("client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));", "client.SetQueryData(key, new Todo(input.Id, input.Title));")));

    [Fact]
    public Task OPT007_replaces_the_key_inside_the_mapped_filter_object() =>
        VerifyFixAsync<MismatchedKeyAnalyzer, UsePatchedKeyCodeFixProvider>(
            StandInShapes.Library,
            StandInShapes.GlobalConfig,
            StandInShapes.Canonical(
                ("                mutation.Client.CancelQueries(new QueryFilters { QueryKey = [\"todos\", input.Id] });\n", "                var key = new QueryKey(\"todos\", input.Id);\n                mutation.Client.CancelQueries(new QueryFilters { QueryKey = [|[\"users\", input.Id]|] });\n"),
                ("mutation.Client.SetQueryData(new QueryKey(\"todos\", input.Id), new Todo(input.Id, input.Title));", "mutation.Client.SetQueryData(key, new Todo(input.Id, input.Title));")),
            StandInShapes.Canonical(
                ("                mutation.Client.CancelQueries(new QueryFilters { QueryKey = [\"todos\", input.Id] });\n", "                var key = new QueryKey(\"todos\", input.Id);\n                mutation.Client.CancelQueries(new QueryFilters { QueryKey = key });\n"),
                ("mutation.Client.SetQueryData(new QueryKey(\"todos\", input.Id), new Todo(input.Id, input.Title));", "mutation.Client.SetQueryData(key, new Todo(input.Id, input.Title));")));

    [Fact]
    public Task OPT009_reads_the_snapshot_with_the_type_the_mapped_write_stores() =>
        VerifyFixAsync<UntypedSnapshotAnalyzer, UseQueryTypeCodeFixProvider>(
            StandIn.Library,
            StandIn.GlobalConfig,
            StandIn.Canonical(("var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));", "var previous = client.GetQueryData<[|object|]>(Keys.Todo(input.Id)) as Todo;")),
            StandIn.Canonical(("var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));", "var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id)) as Todo;")));

    [Fact]
    public Task OPT009_reads_the_snapshot_of_a_key_written_in_place_with_its_type() =>
        VerifyFixAsync<UntypedSnapshotAnalyzer, UseQueryTypeCodeFixProvider>(
            StandInShapes.Library,
            StandInShapes.GlobalConfig,
            StandInShapes.Canonical(("var previous = mutation.Client.GetQueryData<Todo>(new QueryKey(\"todos\", input.Id));", "var previous = mutation.Client.GetQueryData<[|object|]>(new QueryKey(\"todos\", input.Id)) as Todo;")),
            StandInShapes.Canonical(("var previous = mutation.Client.GetQueryData<Todo>(new QueryKey(\"todos\", input.Id));", "var previous = mutation.Client.GetQueryData<Todo>(new QueryKey(\"todos\", input.Id)) as Todo;")));

    [Fact]
    public Task OPT012_switches_OnMutate_to_the_mapped_asynchronous_twin_and_awaits_the_task() =>
        VerifyFixAsync<TaskDiscardedInSyncCallbackAnalyzer, UseAsyncTwinCodeFixProvider>(
            StandIn.Library,
            StandIn.GlobalConfig,
            StandIn.Canonical(("            return new Snapshot(previous);", "            [|client.InvalidateQueriesAsync(QueryKeys.Of(\"stats\"))|];\n            return new Snapshot(previous);")),
            StandIn.Canonical(
                ("        OnMutate = (input, mutation) =>", "        OnMutateAsync = async (input, mutation) =>"),
                ("            return new Snapshot(previous);", "            await client.InvalidateQueriesAsync(QueryKeys.Of(\"stats\"));\n            return new Snapshot(previous);")));

    [Fact]
    public Task OPT012_offers_nothing_where_the_library_has_no_asynchronous_twin() =>
        VerifyFixAsync<TaskDiscardedInSyncCallbackAnalyzer, UseAsyncTwinCodeFixProvider>(
            StandInShapes.Library,
            StandInShapes.GlobalConfig,
            StandInShapes.Canonical(("            InvalidateKeys = [[\"todos\"]],", "            InvalidateKeys = [[\"todos\"]],\n            OnSuccess = (data, vars, snapshot, mutation) => [|mutation.Client.InvalidateQueries(new QueryFilters())|],")),
            StandInShapes.Canonical(("            InvalidateKeys = [[\"todos\"]],", "            InvalidateKeys = [[\"todos\"]],\n            OnSuccess = (data, vars, snapshot, mutation) => [|mutation.Client.InvalidateQueries(new QueryFilters())|],")));

    [Fact]
    public Task OPT005_removes_the_optimistic_update_of_a_create_marked_by_the_mapped_kind() =>
        VerifyFixAsync<OptimisticCreateOrDeleteAnalyzer, RemoveOptimisticUpdateCodeFixProvider>(
            StandIn.Library,
            StandIn.GlobalConfig,
            StandIn.Canonical(("        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),", "        {|OPT005:Op|} = Operation.Create,\n        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),")),
            StandIn.App(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, int>
    {
        Op = Operation.Create,
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnError = (error, vars, context, mutation) => Toasts.Error(""Could not save"", error),
        OnSettledAsync = (data, error, vars, context, mutation) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });"));

    [Fact]
    public Task OPT005_removes_the_optimistic_update_and_keeps_the_libraries_InvalidateKeys() =>
        VerifyFixAsync<OptimisticCreateOrDeleteAnalyzer, RemoveOptimisticUpdateCodeFixProvider>(
            StandInShapes.Library,
            StandInShapes.GlobalConfig,
            StandInShapes.Canonical(("        (input, ct) => api.UpdateTodoAsync(input, ct),", "        {|OPT005:(input, ct) => api.CreateTodoAsync(input, ct)|},")),
            StandInShapes.App(@"
    public object Define() => client.UseMutation(
        (input, ct) => api.CreateTodoAsync(input, ct),
        new TodoOptions
        {
            OnError = async (error, vars, snapshot, mutation) =>
            {
                Toasts.Error(""Could not save"");
                await Task.Yield();
            },
            InvalidateKeys = [[""todos""]],
        });"));

    [Fact]
    public Task OPT003_returns_the_snapshot_as_the_untyped_context() =>
        VerifyFixAsync<SnapshotStoredOutsideContextAnalyzer, ReturnSnapshotAsContextCodeFixProvider>(
            StandIn.Library,
            StandIn.GlobalConfig,
            StandIn.Canonical(
                ("            return new Snapshot(previous);", "            [|s_previous = previous|];\n            return null;"),
                ("if (context is Snapshot { Previous: { } previous }) client.SetQueryData(Keys.Todo(vars.Id), previous);", "if (s_previous is not null) client.SetQueryData(Keys.Todo(vars.Id), s_previous);")),
            StandIn.Canonical(
                ("            return new Snapshot(previous);", "            return previous;"),
                ("if (context is Snapshot { Previous: { } previous }) client.SetQueryData(Keys.Todo(vars.Id), previous);", "if (context is Todo previous) client.SetQueryData(Keys.Todo(vars.Id), previous);")));

    [Fact]
    public Task OPT003_returns_the_snapshot_and_reads_it_from_the_context_parameter_found_by_type() =>
        VerifyFixAsync<SnapshotStoredOutsideContextAnalyzer, ReturnSnapshotAsContextCodeFixProvider>(
            StandInShapes.Library,
            StandInShapes.GlobalConfig,
            StandInShapes.Canonical(
                ("                await Task.Yield();\n                return new Snapshot(previous);", "                [|s_previous = previous|];\n                await Task.Yield();\n                return null;"),
                ("if (snapshot is Snapshot { Previous: { } previous }) mutation.Client.SetQueryData([\"todos\", vars.Id], previous);", "if (s_previous is not null) mutation.Client.SetQueryData([\"todos\", vars.Id], s_previous);")),
            StandInShapes.Canonical(
                ("                await Task.Yield();\n                return new Snapshot(previous);", "                await Task.Yield();\n                return previous;"),
                ("if (snapshot is Snapshot { Previous: { } previous }) mutation.Client.SetQueryData([\"todos\", vars.Id], previous);", "if (snapshot is Todo previous) mutation.Client.SetQueryData([\"todos\", vars.Id], previous);")));

    /// <summary>A definition of another key whose OnMutate returns a snapshot and that has no error callback (before the fix).</summary>
    private static string SecondWithoutRollback(bool fixedCode) => @"
    public object DefineTitle() => client.CreateMutation(new MutationOptions<TodoInput, int>
    {
        " + (fixedCode ? "OnMutate" : "{|OPT002:OnMutate|}") + @" = (input, mutation) =>
        {
            client.CancelQueries(QueryKeys.Of(""titles"", input.Id));
            var previous = client.GetQueryData<Todo>(QueryKeys.Of(""titles"", input.Id));
            client.SetQueryData(QueryKeys.Of(""titles"", input.Id), new Todo(input.Id, input.Title));
            return new Snapshot(previous);
        },
" + (fixedCode ? @"        OnError = (error, input, context, mutationContext) =>
        {
            if (context is Snapshot { Previous: { } previous }) client.SetQueryData(QueryKeys.Of(""titles"", input.Id), previous);
        },
" : string.Empty) + @"        OnSettledAsync = (data, error, vars, context, mutation) => client.InvalidateAllAsync(),
    });
";

    /// <summary>A second definition writing another key (so the document has two diagnostics for FixAll).</summary>
    private static string Second(bool withCancel) => @"
    public object DefineTitle() => client.CreateMutation(new MutationOptions<TodoInput, int>
    {
        OnMutate = (input, mutation) =>
        {
" + (withCancel ? "            client.CancelQueries(QueryKeys.Of(\"titles\", input.Id));\n" : string.Empty) + @"            " + (withCancel ? "client.SetQueryData(QueryKeys.Of(\"titles\", input.Id), input.Title);" : "[|client.SetQueryData(QueryKeys.Of(\"titles\", input.Id), input.Title)|];") + @"
            return null;
        },
        OnError = (error, vars, context, mutation) => client.InvalidateAllAsync(),
        OnSettledAsync = (data, error, vars, context, mutation) => client.InvalidateAllAsync(),
    });
";
}
