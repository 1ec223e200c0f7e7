using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Optimistic.Query.CodeFixes;

namespace Optimistic.Query.Analyzers.Tests.ThirdParty;

/// <summary>
/// Code fixes on a definition whose callbacks are the arguments of a mapped <c>mutation_arguments</c> method (issue #14, items
/// 4 and 8): <c>client.UseMutation&lt;TodoInput, int&gt;(mutationFn, onMutate: …, onError: …, onSettled: …)</c>. Each fix gives
/// the code it gives in an options object's initializer: edits inside a callback argument, new callbacks as named arguments
/// of the method's own parameters, removed callbacks as removed arguments.
/// </summary>
public class ArgumentFixTests
{
    internal static Task VerifyFixAsync<TAnalyzer, TFix>(string source, string fixedSource, bool withMutations = false)
        where TAnalyzer : Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer, new()
        where TFix : Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider, new()
    {
        var test = new CSharpCodeFixVerifier<TAnalyzer, TFix>.Test
        {
            TestCode = source,
            FixedCode = fixedSource,
            GlobalConfig = withMutations ? MutationsConfig : StandInShapes.GlobalConfig,
            ReferenceRuntime = false,
        };
        test.TestState.Sources.Add(("/0/QwikQuery.cs", StandInShapes.Library));
        test.FixedState.Sources.Add(("/0/QwikQuery.cs", StandInShapes.Library));
        if (withMutations)
        {
            test.TestState.Sources.Add(("/0/Mutations.cs", MutationsLibrary));
            test.FixedState.Sources.Add(("/0/Mutations.cs", MutationsLibrary));
        }

        return test.RunAsync();
    }

    /// <summary>
    /// Two more mutation_arguments methods beside QwikQuery's: <c>Define</c> with a synchronous <c>onSuccess</c> and its
    /// asynchronous twin <c>onSuccessAsync</c>, every callback optional; <c>Quick</c>, the look-alike, with a required
    /// <c>onMutate</c> and no error or settled parameter.
    /// </summary>
    internal const string MutationsLibrary = @"namespace QwikQuery
{
    using System;
    using System.Threading;
    using System.Threading.Tasks;

    public sealed class Mutations
    {
        public Mutation<TVariables, TData> Define<TVariables, TData>(
            Func<TVariables, CancellationToken, Task<TData>> mutationFn,
            Func<TVariables, MutationContext, Task<object?>>? onMutate = null,
            Action<TData, TVariables, object?, MutationContext>? onSuccess = null,
            Func<TData, TVariables, object?, MutationContext, Task>? onSuccessAsync = null,
            Func<Exception, TVariables, object?, MutationContext, Task>? onError = null,
            Func<TData?, Exception?, TVariables, object?, MutationContext, Task>? onSettled = null) => new Mutation<TVariables, TData>();

        public Mutation<TVariables, TData> Twins<TVariables, TData>(
            Func<TVariables, CancellationToken, Task<TData>> mutationFn,
            Func<TVariables, object?>? onMutate = null,
            Func<TVariables, Task<object?>>? onMutateAsync = null) => new Mutation<TVariables, TData>();

        public Mutation<TVariables, TData> Quick<TVariables, TData>(
            Func<TVariables, CancellationToken, Task<TData>> mutationFn,
            Func<TVariables, MutationContext, Task<object?>> onMutate) => new Mutation<TVariables, TData>();
    }

    public sealed class AsyncCache
    {
        public T? Get<T>(QueryKey key) where T : class => null;
        public void Set<T>(QueryKey key, T? data) where T : class { }
        public Task CancelAsync(QueryKey key) => Task.CompletedTask;
    }
}
";

    internal static readonly string MutationsConfig = StandInShapes.GlobalConfig
        .Replace("mutation_arguments = QwikQuery.QueryClient.UseMutation", "mutation_arguments = QwikQuery.QueryClient.UseMutation, QwikQuery.Mutations.Define, QwikQuery.Mutations.Quick", StringComparison.Ordinal)
        .Replace("QwikQuery.QueryClient.UseMutation", "QwikQuery.QueryClient.UseMutation, QwikQuery.Mutations.Twins", StringComparison.Ordinal)
        .Replace("read = QwikQuery.QueryClient.GetQueryData", "read = QwikQuery.QueryClient.GetQueryData, QwikQuery.AsyncCache.Get", StringComparison.Ordinal)
        .Replace("write = QwikQuery.QueryClient.SetQueryData", "write = QwikQuery.QueryClient.SetQueryData, QwikQuery.AsyncCache.Set", StringComparison.Ordinal)
        .Replace("cancel = QwikQuery.QueryClient.CancelQueries", "cancel = QwikQuery.QueryClient.CancelQueries, QwikQuery.AsyncCache.CancelAsync", StringComparison.Ordinal)
        .Replace("callback.mutate = OnMutate", "callback.mutate = OnMutate, OnMutateAsync", StringComparison.Ordinal)
        .Replace("callback.success = OnSuccess", "callback.success = OnSuccess, OnSuccessAsync", StringComparison.Ordinal);

    /// <summary>The canonical pattern through <c>mutations.<paramref name="method"/></c>, with <paramref name="replace"/> applied.</summary>
    internal static string WithMutations(string method, params (string Old, string New)[] replace) =>
        Canonical(replace)
            .Replace("client.UseMutation<TodoInput, int>(", "mutations." + method + "<TodoInput, int>(", StringComparison.Ordinal)
            .Replace("public Todo? LastPrevious => s_previous;", "public Todo? LastPrevious => s_previous;\n    private readonly Mutations mutations = new Mutations();", StringComparison.Ordinal);

    private static string Canonical(params (string Old, string New)[] replace) => ArgumentDefinitionTests.Canonical(replace);

    private const string Cancel = "            mutation.Client.CancelQueries(new QueryFilters { QueryKey = [\"todos\", input.Id] });\n";
    private const string Read = "var previous = mutation.Client.GetQueryData<Todo>(new QueryKey(\"todos\", input.Id));";
    private const string Write = "mutation.Client.SetQueryData(new QueryKey(\"todos\", input.Id), new Todo(input.Id, input.Title));";
    private const string Restore = "            if (snapshot is Snapshot { Previous: { } previous }) mutation.Client.SetQueryData([\"todos\", vars.Id], previous);\n";

    private const string OnError = "        onError: async (error, vars, snapshot, mutation) =>\n        {\n" + Restore + "            Toasts.Error(\"Could not save\");\n            await Task.Yield();\n        },\n";
    private const string OnSettled = "        onSettled: (data, error, vars, snapshot, mutation) => mutation.Client.InvalidateQueries(new QueryFilters { QueryKey = [\"todos\"] }));";

    [Fact]
    public Task OPT002_adds_an_onError_argument_in_the_parameters_delegate_shape() =>
        VerifyFixAsync<MissingRollbackAnalyzer, AddRollbackCodeFixProvider>(
            Canonical(("        onMutate: async", "        {|OPT002:onMutate|}: async"), (OnError, string.Empty)),
            Canonical(
                (OnError, string.Empty),
                (OnSettled, OnSettled.Substring(0, OnSettled.Length - 2) + ",\n        onError: (error, input, context, mutationContext) =>\n        {\n            if (context is Snapshot { Previous: { } previous }) mutationContext.Client.SetQueryData(new QueryKey(\"todos\", input.Id), previous);\n            return Task.CompletedTask;\n        });")));

    [Fact]
    public Task OPT006_adds_an_onSettled_argument_through_the_MutationContext_parameter() =>
        VerifyFixAsync<InvalidateInOnSettledAnalyzer, InvalidateInOnSettledCodeFixProvider>(
            Canonical(("        onMutate: async", "        {|OPT006:onMutate|}: async"), ("        },\n" + OnSettled, "        });")),
            Canonical(("        },\n" + OnSettled, "        },\n        onSettled: (data, error, input, context, mutationContext) => mutationContext.Client.InvalidateQueries(new QueryFilters { QueryKey = new QueryKey(\"todos\", input.Id) }));")));

    [Fact]
    public Task OPT001_inserts_the_cancel_in_the_onMutate_argument() =>
        VerifyFixAsync<CancelBeforeOptimisticWriteAnalyzer, InsertCancelCodeFixProvider>(
            Canonical((Cancel, string.Empty), (Read, "var previous = [|mutation.Client.GetQueryData<Todo>(new QueryKey(\"todos\", input.Id))|];")),
            Canonical(("new QueryFilters { QueryKey = [\"todos\", input.Id] }", "new QueryFilters { QueryKey = new QueryKey(\"todos\", input.Id) }")));

    [Fact]
    public Task OPT001_inserts_the_cancel_in_the_onMutate_argument_for_a_read_passed_to_another_call() =>
        VerifyFixAsync<CancelBeforeOptimisticWriteAnalyzer, InsertCancelCodeFixProvider>(
            Canonical((Cancel, string.Empty), (Read, "var previous = Task.FromResult([|mutation.Client.GetQueryData<Todo>(new QueryKey(\"todos\", input.Id))|]).Result;")),
            Canonical(
                ("new QueryFilters { QueryKey = [\"todos\", input.Id] }", "new QueryFilters { QueryKey = new QueryKey(\"todos\", input.Id) }"),
                (Read, "var previous = Task.FromResult(mutation.Client.GetQueryData<Todo>(new QueryKey(\"todos\", input.Id))).Result;")));

    [Fact]
    public Task OPT002_adds_the_restore_to_the_onError_argument() =>
        VerifyFixAsync<MissingRollbackAnalyzer, AddRollbackCodeFixProvider>(
            Canonical(("        onMutate: async", "        {|OPT002:onMutate|}: async"), (Restore, string.Empty)),
            Canonical(("mutation.Client.SetQueryData([\"todos\", vars.Id], previous);", "mutation.Client.SetQueryData(new QueryKey(\"todos\", vars.Id), previous);")));

    [Fact]
    public Task OPT003_returns_the_snapshot_and_reads_it_in_the_onError_argument() =>
        VerifyFixAsync<SnapshotStoredOutsideContextAnalyzer, ReturnSnapshotAsContextCodeFixProvider>(
            Canonical(
                ("            await Task.Yield();\n            return new Snapshot(previous);", "            [|s_previous = previous|];\n            await Task.Yield();\n            return null;"),
                ("if (snapshot is Snapshot { Previous: { } previous }) mutation.Client.SetQueryData([\"todos\", vars.Id], previous);", "if (s_previous is not null) mutation.Client.SetQueryData([\"todos\", vars.Id], s_previous);")),
            Canonical(
                ("            await Task.Yield();\n            return new Snapshot(previous);", "            await Task.Yield();\n            return previous;"),
                ("if (snapshot is Snapshot { Previous: { } previous }) mutation.Client.SetQueryData([\"todos\", vars.Id], previous);", "if (snapshot is Todo previous) mutation.Client.SetQueryData([\"todos\", vars.Id], previous);")));

    [Fact]
    public Task OPT005_removes_the_onMutate_argument_and_the_rollback_of_onError() =>
        VerifyFixAsync<OptimisticCreateOrDeleteAnalyzer, RemoveOptimisticUpdateCodeFixProvider>(
            Canonical(("        (input, ct) => api.UpdateTodoAsync(input, ct),", "        {|OPT005:(input, ct) => api.CreateTodoAsync(input, ct)|},")),
            StandInShapes.App(@"
    public object Define() => client.UseMutation<TodoInput, int>(
        (input, ct) => api.CreateTodoAsync(input, ct),
        onError: async (error, vars, snapshot, mutation) =>
        {
            Toasts.Error(""Could not save"");
            await Task.Yield();
        },
        onSettled: (data, error, vars, snapshot, mutation) => mutation.Client.InvalidateQueries(new QueryFilters { QueryKey = [""todos""] }));"));

    [Fact]
    public Task OPT006_extends_the_onSettled_argument_at_its_variables_parameter() =>
        VerifyFixAsync<InvalidateInOnSettledAnalyzer, InvalidateInOnSettledCodeFixProvider>(
            Canonical(
                ("        onMutate: async", "        {|OPT006:onMutate|}: async"),
                ("        onSettled: (data, error, vars, snapshot, mutation) => mutation.Client.InvalidateQueries(new QueryFilters { QueryKey = [\"todos\"] }));",
                 "        onSettled: async (data, error, vars, snapshot, mutation) =>\n        {\n            await Task.Yield();\n        });")),
            Canonical(
                ("        onSettled: (data, error, vars, snapshot, mutation) => mutation.Client.InvalidateQueries(new QueryFilters { QueryKey = [\"todos\"] }));",
                 "        onSettled: async (data, error, vars, snapshot, mutation) =>\n        {\n            await Task.Yield();\n            await mutation.Client.InvalidateQueries(new QueryFilters { QueryKey = new QueryKey(\"todos\", vars.Id) });\n        });")));

    [Fact]
    public Task OPT007_replaces_the_cancelled_key_in_the_onMutate_argument() =>
        VerifyFixAsync<MismatchedKeyAnalyzer, UsePatchedKeyCodeFixProvider>(
            Canonical(
                (Cancel, "            var key = new QueryKey(\"todos\", input.Id);\n            mutation.Client.CancelQueries(new QueryFilters { QueryKey = [|[\"users\", input.Id]|] });\n"),
                (Write, "mutation.Client.SetQueryData(key, new Todo(input.Id, input.Title));")),
            Canonical(
                (Cancel, "            var key = new QueryKey(\"todos\", input.Id);\n            mutation.Client.CancelQueries(new QueryFilters { QueryKey = key });\n"),
                (Write, "mutation.Client.SetQueryData(key, new Todo(input.Id, input.Title));")));

    [Fact]
    public Task OPT008_moves_the_snapshot_before_the_write_in_the_onMutate_argument() =>
        VerifyFixAsync<SnapshotAfterWriteAnalyzer, MoveSnapshotBeforeWriteCodeFixProvider>(
            Canonical(("            " + Read + "\n            " + Write + "\n", "            [|" + Write.TrimEnd(';') + "|];\n            " + Read + "\n")),
            Canonical());

    [Fact]
    public Task OPT009_reads_the_snapshot_with_the_written_type_in_the_onMutate_argument() =>
        VerifyFixAsync<UntypedSnapshotAnalyzer, UseQueryTypeCodeFixProvider>(
            Canonical((Read, "var previous = mutation.Client.GetQueryData<[|object|]>(new QueryKey(\"todos\", input.Id)) as Todo;")),
            Canonical((Read, "var previous = mutation.Client.GetQueryData<Todo>(new QueryKey(\"todos\", input.Id)) as Todo;")));

    private const string Success = "        onError: async";

    [Fact]
    public Task OPT004_removes_an_onSuccess_argument_left_empty() =>
        VerifyFixAsync<SuccessToastInOptimisticMutationAnalyzer, RemoveSuccessToastCodeFixProvider>(
            WithMutations("Define", (Success, "        onSuccess: (data, vars, snapshot, mutation) => [|Toasts.Success(\"Saved\")|],\n" + Success)),
            WithMutations("Define"),
            withMutations: true);

    [Fact]
    public Task OPT004_removes_the_toast_and_keeps_the_rest_of_onSuccess() =>
        VerifyFixAsync<SuccessToastInOptimisticMutationAnalyzer, RemoveSuccessToastCodeFixProvider>(
            WithMutations("Define", (Success, "        onSuccess: (data, vars, snapshot, mutation) =>\n        {\n            [|Toasts.Success(\"Saved\")|];\n            mutation.Client.CancelQueries(new QueryFilters());\n        },\n" + Success)),
            WithMutations("Define", (Success, "        onSuccess: (data, vars, snapshot, mutation) =>\n        {\n            mutation.Client.CancelQueries(new QueryFilters());\n        },\n" + Success)),
            withMutations: true);

    [Fact]
    public Task OPT012_renames_onSuccess_to_the_onSuccessAsync_parameter() =>
        VerifyFixAsync<TaskDiscardedInSyncCallbackAnalyzer, UseAsyncTwinCodeFixProvider>(
            WithMutations("Define", (Success, "        onSuccess: (data, vars, snapshot, mutation) => [|mutation.Client.InvalidateQueries(new QueryFilters())|],\n" + Success)),
            WithMutations("Define", (Success, "        onSuccessAsync: (data, vars, snapshot, mutation) => mutation.Client.InvalidateQueries(new QueryFilters()),\n" + Success)),
            withMutations: true);

    [Fact]
    public Task OPT012_offers_nothing_where_the_method_has_no_twin_parameter() =>
        VerifyFixAsync<TaskDiscardedInSyncCallbackAnalyzer, UseAsyncTwinCodeFixProvider>(
            WithMutations("Define", (Success, "        onSuccess: (data, vars, snapshot, mutation) => [|mutation.Client.InvalidateQueries(new QueryFilters())|],\n        onSuccessAsync: (data, vars, snapshot, mutation) => Task.CompletedTask,\n" + Success)),
            WithMutations("Define", (Success, "        onSuccess: (data, vars, snapshot, mutation) => [|mutation.Client.InvalidateQueries(new QueryFilters())|],\n        onSuccessAsync: (data, vars, snapshot, mutation) => Task.CompletedTask,\n" + Success)),
            withMutations: true);

    /// <summary>Quick: onMutate alone, required; no error or settled parameter.</summary>
    private static string Quick(string onMutateName) =>
        WithMutations("Quick", ("        onMutate: async", "        " + onMutateName + ": async"), ("        },\n" + OnError + OnSettled, "        });"));

    [Fact]
    public Task No_fix_adds_an_argument_the_method_lacks_or_removes_a_required_one()
    {
        var rollback = VerifyFixAsync<MissingRollbackAnalyzer, AddRollbackCodeFixProvider>(Quick("{|OPT002:onMutate|}"), Quick("{|OPT002:onMutate|}"), withMutations: true);
        var settled = VerifyFixAsync<InvalidateInOnSettledAnalyzer, InvalidateInOnSettledCodeFixProvider>(Quick("{|OPT006:onMutate|}"), Quick("{|OPT006:onMutate|}"), withMutations: true);
        var pessimistic = VerifyFixAsync<OptimisticCreateOrDeleteAnalyzer, RemoveOptimisticUpdateCodeFixProvider>(
            Quick("onMutate").Replace("(input, ct) => api.UpdateTodoAsync(input, ct),", "{|OPT005:(input, ct) => api.CreateTodoAsync(input, ct)|},", StringComparison.Ordinal),
            Quick("onMutate").Replace("(input, ct) => api.UpdateTodoAsync(input, ct),", "{|OPT005:(input, ct) => api.CreateTodoAsync(input, ct)|},", StringComparison.Ordinal),
            withMutations: true);
        return Task.WhenAll(rollback, settled, pessimistic);
    }

    [Fact]
    public Task OPT002_FixAll_adds_onError_to_every_call_of_the_document() =>
        VerifyFixAsync<MissingRollbackAnalyzer, AddRollbackCodeFixProvider>(
            Canonical(("        onMutate: async", "        {|OPT002:onMutate|}: async"), (OnError, string.Empty))
                .Replace("public Todo? LastPrevious => s_previous;", "public Todo? LastPrevious => s_previous;\n" + Titles(fixedCode: false), StringComparison.Ordinal),
            Canonical(
                (OnError, string.Empty),
                (OnSettled, OnSettled.Substring(0, OnSettled.Length - 2) + ",\n        onError: (error, input, context, mutationContext) =>\n        {\n            if (context is Snapshot { Previous: { } previous }) mutationContext.Client.SetQueryData(new QueryKey(\"todos\", input.Id), previous);\n            return Task.CompletedTask;\n        });"))
                .Replace("public Todo? LastPrevious => s_previous;", "public Todo? LastPrevious => s_previous;\n" + Titles(fixedCode: true), StringComparison.Ordinal));

    /// <summary>A second call writing the titles key, without an onError argument (before the fix).</summary>
    private static string Titles(bool fixedCode) => @"
    public object DefineTitle() => client.UseMutation<TodoInput, int>(
        (input, ct) => api.UpdateTodoAsync(input, ct),
        " + (fixedCode ? "onMutate" : "{|OPT002:onMutate|}") + @": async (input, mutation) =>
        {
            mutation.Client.CancelQueries(new QueryFilters { QueryKey = [""titles"", input.Id] });
            var previous = mutation.Client.GetQueryData<Todo>(new QueryKey(""titles"", input.Id));
            mutation.Client.SetQueryData(new QueryKey(""titles"", input.Id), new Todo(input.Id, input.Title));
            await Task.Yield();
            return new Snapshot(previous);
        },
        onSettled: (data, error, vars, snapshot, mutation) => mutation.Client.InvalidateQueries(new QueryFilters { QueryKey = [""titles""] })" + (fixedCode ? @",
        onError: (error, input, context, mutationContext) =>
        {
            if (context is Snapshot { Previous: { } previous }) mutationContext.Client.SetQueryData(new QueryKey(""titles"", input.Id), previous);
            return Task.CompletedTask;
        });
" : @");
");

    /// <summary>A synchronous onMutate of <c>Twins</c> writing through a cache whose cancel returns a task; <paramref name="tail"/> follows it.</summary>
    private static string Twins(string onMutate, string cancel, string read, string tail = "") => StandInShapes.App(@"
    private readonly Mutations mutations = new Mutations();
    private readonly AsyncCache cache = new AsyncCache();

    public object Define() => mutations.Twins<TodoInput, int>(
        (input, ct) => api.UpdateTodoAsync(input, ct),
        " + onMutate + @" input =>
        {
" + cancel + @"            var previous = " + read + @";
            cache.Set(new QueryKey(""todos"", input.Id), new Todo(input.Id, input.Title));
            return new Snapshot(previous);
        }" + tail + ");");

    [Fact]
    public Task OPT001_renames_a_synchronous_onMutate_to_the_onMutateAsync_parameter_for_an_awaited_cancel() =>
        VerifyFixAsync<CancelBeforeOptimisticWriteAnalyzer, InsertCancelCodeFixProvider>(
            Twins("onMutate:", string.Empty, "[|cache.Get<Todo>(new QueryKey(\"todos\", input.Id))|]"),
            Twins("onMutateAsync: async", "            await cache.CancelAsync(new QueryKey(\"todos\", input.Id));\n", "cache.Get<Todo>(new QueryKey(\"todos\", input.Id))"),
            withMutations: true);

    [Fact]
    public Task OPT001_offers_no_rename_when_the_twin_parameter_is_given() =>
        VerifyFixAsync<CancelBeforeOptimisticWriteAnalyzer, InsertCancelCodeFixProvider>(
            Twins("onMutate:", string.Empty, "[|cache.Get<Todo>(new QueryKey(\"todos\", input.Id))|]", ",\n        onMutateAsync: null"),
            Twins("onMutate:", string.Empty, "[|cache.Get<Todo>(new QueryKey(\"todos\", input.Id))|]", ",\n        onMutateAsync: null"),
            withMutations: true);
}
