using Microsoft.CodeAnalysis.Testing;
using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Optimistic.Query.CodeFixes;

namespace Optimistic.Query.Analyzers.Tests.ThirdParty;

/// <summary>
/// Code fixes on a <c>mutation_arguments</c> call whose callback argument is a method group or a local function rather than a
/// lambda (<c>client.UseMutation&lt;TodoInput, int&gt;(mutationFn, onMutate: Prepare, onError: RollBack, onSettled: Settle)</c>):
/// the fix edits the method as it does for an options member's method group (a private method or local function of this
/// document that nothing else references), the argument renamed to the twin's parameter where the callback must become
/// asynchronous. A method shared with other code gets no fix.
/// </summary>
public class ArgumentMethodGroupFixTests
{
    /// <summary>
    /// Verifies the fix; <paramref name="inMethod"/>: the diagnostic lies in the callback's method, outside the definition it
    /// was found from, which Roslyn classes as non-local (<c>SkipLocalDiagnosticCheck</c>, as in OPT012CallbackFormsTests).
    /// </summary>
    private static Task VerifyFixAsync<TAnalyzer, TFix>(string source, string fixedSource, bool withMutations = false, bool inMethod = false, string? extraLibrary = null, string? config = null)
        where TAnalyzer : Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer, new()
        where TFix : Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider, new()
    {
        var test = new CSharpCodeFixVerifier<TAnalyzer, TFix>.Test
        {
            TestCode = source,
            FixedCode = fixedSource,
            GlobalConfig = config ?? (withMutations ? ArgumentFixTests.MutationsConfig : StandInShapes.GlobalConfig),
            ReferenceRuntime = false,
            CodeFixTestBehaviors = inMethod ? CodeFixTestBehaviors.SkipLocalDiagnosticCheck : CodeFixTestBehaviors.None,
        };
        foreach (var state in new[] { test.TestState, test.FixedState })
        {
            state.Sources.Add(("/0/QwikQuery.cs", StandInShapes.Library));
            if (withMutations) state.Sources.Add(("/0/Mutations.cs", ArgumentFixTests.MutationsLibrary));
            if (extraLibrary is not null) state.Sources.Add(("/0/Extra.cs", extraLibrary));
        }

        return test.RunAsync();
    }

    private static string Canonical(params (string Old, string New)[] replace) => ArgumentDefinitionTests.Canonical(replace);

    /// <summary>The canonical onMutate lambda, replaced by a method group in the tests of OnMutate.</summary>
    private const string OnMutateLambda = @"        onMutate: async (input, mutation) =>
        {
            mutation.Client.CancelQueries(new QueryFilters { QueryKey = [""todos"", input.Id] });
            var previous = mutation.Client.GetQueryData<Todo>(new QueryKey(""todos"", input.Id));
            mutation.Client.SetQueryData(new QueryKey(""todos"", input.Id), new Todo(input.Id, input.Title));
            await Task.Yield();
            return new Snapshot(previous);
        },
";

    private const string OnErrorLambda = @"        onError: async (error, vars, snapshot, mutation) =>
        {
            if (snapshot is Snapshot { Previous: { } previous }) mutation.Client.SetQueryData([""todos"", vars.Id], previous);
            Toasts.Error(""Could not save"");
            await Task.Yield();
        },
";

    private const string OnSettledLambda = @"        onSettled: (data, error, vars, snapshot, mutation) => mutation.Client.InvalidateQueries(new QueryFilters { QueryKey = [""todos""] }));";

    /// <summary>The canonical definition with <paramref name="replace"/> applied, then <paramref name="members"/> after it in the class.</summary>
    private static string WithMembers(string members, params (string Old, string New)[] replace) =>
        Canonical(replace.Append((OnSettledLambda, OnSettledLambda + "\n" + members)).ToArray());

    /// <summary>OnMutate as a method group of <c>Prepare</c>, declared with <paramref name="modifiers"/>; <paramref name="read"/> is its snapshot read.</summary>
    private static string PrepareOnMutate(string modifiers, string cancel, string read, string onMutateName = "onMutate") =>
        WithMembers(
            @"
    " + modifiers + @" async Task<object?> Prepare(TodoInput input, MutationContext mutation)
    {
" + cancel + @"        var previous = " + read + @";
        mutation.Client.SetQueryData(new QueryKey(""todos"", input.Id), new Todo(input.Id, input.Title));
        await Task.Yield();
        return new Snapshot(previous);
    }",
            (OnMutateLambda, "        " + onMutateName + ": Prepare,\n"));

    private const string Read = "mutation.Client.GetQueryData<Todo>(new QueryKey(\"todos\", input.Id))";

    [Fact]
    public Task OPT001_inserts_the_cancel_in_the_method_named_by_the_onMutate_argument() =>
        VerifyFixAsync<CancelBeforeOptimisticWriteAnalyzer, InsertCancelCodeFixProvider>(
            PrepareOnMutate("private", string.Empty, "[|" + Read + "|]"),
            PrepareOnMutate("private", "        mutation.Client.CancelQueries(new QueryFilters { QueryKey = new QueryKey(\"todos\", input.Id) });\n", Read),
            inMethod: true);

    [Fact]
    public Task OPT001_offers_nothing_for_a_method_other_code_may_call() =>
        VerifyFixAsync<CancelBeforeOptimisticWriteAnalyzer, InsertCancelCodeFixProvider>(
            PrepareOnMutate("public", string.Empty, "[|" + Read + "|]"),
            PrepareOnMutate("public", string.Empty, "[|" + Read + "|]"),
            inMethod: true);

    /// <summary>Define's body with a local function <c>Prepare</c> as the onMutate argument; <paramref name="cancel"/> opens it.</summary>
    private static string LocalPrepare(string cancel, string read) => StandInShapes.App(@"
    public object Define()
    {
        return client.UseMutation<TodoInput, int>(
            (input, ct) => api.UpdateTodoAsync(input, ct),
            onMutate: Prepare,
            onSettled: (data, error, vars, snapshot, mutation) => mutation.Client.InvalidateQueries(new QueryFilters { QueryKey = [""todos""] }));

        async Task<object?> Prepare(TodoInput input, MutationContext mutation)
        {
" + cancel + @"            var previous = " + read + @";
            mutation.Client.SetQueryData(new QueryKey(""todos"", input.Id), new Todo(input.Id, input.Title));
            await Task.Yield();
            return new Snapshot(previous);
        }
    }");

    [Fact]
    public Task OPT001_inserts_the_cancel_in_the_local_function_named_by_the_onMutate_argument() =>
        VerifyFixAsync<CancelBeforeOptimisticWriteAnalyzer, InsertCancelCodeFixProvider>(
            LocalPrepare(string.Empty, "[|" + Read + "|]"),
            LocalPrepare("            mutation.Client.CancelQueries(new QueryFilters { QueryKey = new QueryKey(\"todos\", input.Id) });\n", Read),
            inMethod: true);

    /// <summary>Twins with a synchronous method group <c>Prepare</c> (or its renamed twin) writing through a cache whose cancel returns a task.</summary>
    private static string TwinsPrepare(string argument, string head, string cancel, string read) => StandInShapes.App(@"
    private readonly Mutations mutations = new Mutations();
    private readonly AsyncCache cache = new AsyncCache();

    public object Define() => mutations.Twins<TodoInput, int>(
        (input, ct) => api.UpdateTodoAsync(input, ct),
        " + argument + @");

    " + head + @"(TodoInput input)
    {
" + cancel + @"        var previous = " + read + @";
        cache.Set(new QueryKey(""todos"", input.Id), new Todo(input.Id, input.Title));
        return new Snapshot(previous);
    }");

    [Fact]
    public Task OPT001_makes_a_synchronous_onMutate_method_async_and_renames_the_argument_to_onMutateAsync() =>
        VerifyFixAsync<CancelBeforeOptimisticWriteAnalyzer, InsertCancelCodeFixProvider>(
            TwinsPrepare("onMutate: Prepare", "private object? Prepare", string.Empty, "[|cache.Get<Todo>(new QueryKey(\"todos\", input.Id))|]"),
            TwinsPrepare("onMutateAsync: PrepareAsync", "private async Task<object?> PrepareAsync", "        await cache.CancelAsync(new QueryKey(\"todos\", input.Id));\n", "cache.Get<Todo>(new QueryKey(\"todos\", input.Id))"),
            withMutations: true,
            inMethod: true);

    /// <summary>Two calls, each with its own onMutate method, for FixAll.</summary>
    private static string TwoPrepares(bool fixedCode)
    {
        string Cancel(string key) => fixedCode ? "        mutation.Client.CancelQueries(new QueryFilters { QueryKey = new QueryKey(\"" + key + "\", input.Id) });\n" : string.Empty;
        string Access(string key) => (fixedCode ? string.Empty : "[|") + "mutation.Client.GetQueryData<Todo>(new QueryKey(\"" + key + "\", input.Id))" + (fixedCode ? string.Empty : "|]");
        return StandInShapes.App(@"
    public object DefineTodo() => client.UseMutation<TodoInput, int>((input, ct) => api.UpdateTodoAsync(input, ct), onMutate: PrepareTodo);

    public object DefineTitle() => client.UseMutation<TodoInput, int>((input, ct) => api.UpdateTodoAsync(input, ct), onMutate: PrepareTitle);

    private async Task<object?> PrepareTodo(TodoInput input, MutationContext mutation)
    {
" + Cancel("todos") + @"        var previous = " + Access("todos") + @";
        mutation.Client.SetQueryData(new QueryKey(""todos"", input.Id), new Todo(input.Id, input.Title));
        await Task.Yield();
        return new Snapshot(previous);
    }

    private async Task<object?> PrepareTitle(TodoInput input, MutationContext mutation)
    {
" + Cancel("titles") + @"        var previous = " + Access("titles") + @";
        mutation.Client.SetQueryData(new QueryKey(""titles"", input.Id), new Todo(input.Id, input.Title));
        await Task.Yield();
        return new Snapshot(previous);
    }");
    }

    [Fact]
    public Task OPT001_FixAll_inserts_a_cancel_in_each_onMutate_method() =>
        VerifyFixAsync<CancelBeforeOptimisticWriteAnalyzer, InsertCancelCodeFixProvider>(TwoPrepares(fixedCode: false), TwoPrepares(fixedCode: true), inMethod: true);

    /// <summary>onError as a method group of <c>RollBack</c>, declared with <paramref name="modifiers"/>; <paramref name="restore"/> opens it.</summary>
    private static string RollBackOnError(string modifiers, string restore) =>
        WithMembers(
            @"
    " + modifiers + @" async Task RollBack(Exception error, TodoInput vars, object? snapshot, MutationContext mutation)
    {
" + restore + @"        Toasts.Error(""Could not save"");
        await Task.Yield();
    }",
            (OnMutateLambda, OnMutateLambda.Replace("        onMutate:", "        {|OPT002:onMutate|}:", StringComparison.Ordinal)),
            (OnErrorLambda, "        onError: RollBack,\n"));

    private const string MethodRestore = "        if (snapshot is Snapshot { Previous: { } previous }) mutation.Client.SetQueryData(new QueryKey(\"todos\", vars.Id), previous);\n";

    [Fact]
    public Task OPT002_restores_the_snapshot_first_in_the_method_named_by_the_onError_argument() =>
        VerifyFixAsync<MissingRollbackAnalyzer, AddRollbackCodeFixProvider>(
            RollBackOnError("private", string.Empty),
            RollBackOnError("private", MethodRestore).Replace("{|OPT002:onMutate|}", "onMutate", StringComparison.Ordinal));

    [Fact]
    public Task OPT002_offers_nothing_for_an_onError_method_other_code_may_call() =>
        VerifyFixAsync<MissingRollbackAnalyzer, AddRollbackCodeFixProvider>(
            RollBackOnError("public", string.Empty),
            RollBackOnError("public", string.Empty));

    [Fact]
    public Task OPT002_reads_the_snapshot_returned_by_the_method_named_by_the_onMutate_argument() =>
        VerifyFixAsync<MissingRollbackAnalyzer, AddRollbackCodeFixProvider>(
            PrepareOnMutate("private", "        mutation.Client.CancelQueries(new QueryFilters { QueryKey = [\"todos\", input.Id] });\n", Read, "{|OPT002:onMutate|}")
                .Replace("            if (snapshot is Snapshot { Previous: { } previous }) mutation.Client.SetQueryData([\"todos\", vars.Id], previous);\n", string.Empty, StringComparison.Ordinal),
            PrepareOnMutate("private", "        mutation.Client.CancelQueries(new QueryFilters { QueryKey = [\"todos\", input.Id] });\n", Read)
                .Replace("if (snapshot is Snapshot { Previous: { } previous }) mutation.Client.SetQueryData([\"todos\", vars.Id], previous);", "if (snapshot is Snapshot { Previous: { } previous }) mutation.Client.SetQueryData(new QueryKey(\"todos\", vars.Id), previous);", StringComparison.Ordinal));

    /// <summary>Two calls, each with its own onError method, for FixAll.</summary>
    private static string TwoRollBacks(bool fixedCode)
    {
        string OnMutate(string key) => (fixedCode ? "onMutate" : "{|OPT002:onMutate|}") + @": async (input, mutation) =>
        {
            mutation.Client.CancelQueries(new QueryFilters { QueryKey = [""" + key + @""", input.Id] });
            var previous = mutation.Client.GetQueryData<Todo>(new QueryKey(""" + key + @""", input.Id));
            mutation.Client.SetQueryData(new QueryKey(""" + key + @""", input.Id), new Todo(input.Id, input.Title));
            await Task.Yield();
            return new Snapshot(previous);
        }";
        string Restore(string key) => fixedCode ? "        if (snapshot is Snapshot { Previous: { } previous }) mutation.Client.SetQueryData(new QueryKey(\"" + key + "\", vars.Id), previous);\n" : string.Empty;
        return StandInShapes.App(@"
    public object DefineTodo() => client.UseMutation<TodoInput, int>(
        (input, ct) => api.UpdateTodoAsync(input, ct),
        " + OnMutate("todos") + @",
        onError: RollBackTodo,
        onSettled: (data, error, vars, snapshot, mutation) => mutation.Client.InvalidateQueries(new QueryFilters { QueryKey = [""todos""] }));

    public object DefineTitle() => client.UseMutation<TodoInput, int>(
        (input, ct) => api.UpdateTodoAsync(input, ct),
        " + OnMutate("titles") + @",
        onError: RollBackTitle,
        onSettled: (data, error, vars, snapshot, mutation) => mutation.Client.InvalidateQueries(new QueryFilters { QueryKey = [""titles""] }));

    private Task RollBackTodo(Exception error, TodoInput vars, object? snapshot, MutationContext mutation)
    {
" + Restore("todos") + @"        return Task.CompletedTask;
    }

    private Task RollBackTitle(Exception error, TodoInput vars, object? snapshot, MutationContext mutation)
    {
" + Restore("titles") + @"        return Task.CompletedTask;
    }");
    }

    [Fact]
    public Task OPT002_FixAll_restores_in_each_onError_method() =>
        VerifyFixAsync<MissingRollbackAnalyzer, AddRollbackCodeFixProvider>(TwoRollBacks(fixedCode: false), TwoRollBacks(fixedCode: true));

    /// <summary>onSettled as a method group of <c>Settle</c>, which does not invalidate (public: it is called, not edited).</summary>
    private const string Settle = @"
    public Task Settle(int data, Exception? error, TodoInput vars, object? snapshot, MutationContext mutation) => Task.CompletedTask;";

    [Fact]
    public Task OPT006_wraps_an_onSettled_method_group_even_a_public_one_in_a_lambda_that_calls_it_then_invalidates() =>
        VerifyFixAsync<InvalidateInOnSettledAnalyzer, InvalidateInOnSettledCodeFixProvider>(
            Canonical(
                (OnMutateLambda, OnMutateLambda.Replace("        onMutate:", "        {|OPT006:onMutate|}:", StringComparison.Ordinal)),
                (OnSettledLambda, "        onSettled: Settle);\n" + Settle)),
            Canonical((OnSettledLambda, @"        onSettled: async (data, error, input, context, mutationContext) =>
        {
            await Settle(data, error, input, context, mutationContext);
            await mutationContext.Client.InvalidateQueries(new QueryFilters { QueryKey = new QueryKey(""todos"", input.Id) });
        });
" + Settle)));

    /// <summary>onMutate as a method group of <c>Prepare</c> without an onSettled argument (OPT006 flags it).</summary>
    private static string PrepareWithoutSettled() =>
        PrepareOnMutate("private", string.Empty, Read, "{|OPT006:onMutate|}").Replace("        },\n" + OnSettledLambda, "        });", StringComparison.Ordinal);

    /// <summary>onMutate as a method group of <c>Prepare</c> keeping the snapshot in a field (OPT003 flags it).</summary>
    private static string PrepareStoringSnapshot() =>
        PrepareOnMutate("private", string.Empty, Read).Replace("        await Task.Yield();\n        return new Snapshot(previous);", "        [|s_previous = previous|];\n        await Task.Yield();\n        return null;", StringComparison.Ordinal);

    [Fact]
    public Task No_fix_from_OPT003_or_OPT006_when_onMutate_is_a_method_group() =>
        Task.WhenAll(
            VerifyFixAsync<InvalidateInOnSettledAnalyzer, InvalidateInOnSettledCodeFixProvider>(PrepareWithoutSettled(), PrepareWithoutSettled()),
            VerifyFixAsync<SnapshotStoredOutsideContextAnalyzer, ReturnSnapshotAsContextCodeFixProvider>(PrepareStoringSnapshot(), PrepareStoringSnapshot(), inMethod: true));

    private const string Success = "        onError: async";

    /// <summary>Define with the onSuccess argument <paramref name="argument"/> and the method <paramref name="method"/> after the definition.</summary>
    private static string DefineWithSuccess(string argument, string method) =>
        ArgumentFixTests.WithMutations("Define", (Success, "        " + argument + ",\n" + Success), (OnSettledLambda, OnSettledLambda + "\n" + method));

    [Fact]
    public Task OPT012_renames_onSuccess_to_onSuccessAsync_and_the_method_returns_the_task() =>
        VerifyFixAsync<TaskDiscardedInSyncCallbackAnalyzer, UseAsyncTwinCodeFixProvider>(
            DefineWithSuccess("onSuccess: Saved", @"
    private void Saved(int data, TodoInput vars, object? snapshot, MutationContext mutation) => [|mutation.Client.InvalidateQueries(new QueryFilters())|];"),
            DefineWithSuccess("onSuccessAsync: SavedAsync", @"
    private Task SavedAsync(int data, TodoInput vars, object? snapshot, MutationContext mutation) => mutation.Client.InvalidateQueries(new QueryFilters());"),
            withMutations: true,
            inMethod: true);

    [Fact]
    public Task OPT012_renames_onSuccess_for_a_method_taking_a_base_type_the_twin_also_passes() =>
        VerifyFixAsync<TaskDiscardedInSyncCallbackAnalyzer, UseAsyncTwinCodeFixProvider>(
            DefineWithSuccess("onSuccess: Saved", @"
    private void Saved(int data, TodoInput vars, object? snapshot, object mutation) => [|client.InvalidateQueries(new QueryFilters())|];"),
            DefineWithSuccess("onSuccessAsync: SavedAsync", @"
    private Task SavedAsync(int data, TodoInput vars, object? snapshot, object mutation) => client.InvalidateQueries(new QueryFilters());"),
            withMutations: true,
            inMethod: true);

    /// <summary>
    /// Narrow: a synchronous <c>onSuccess</c> of two parameters whose twin <c>onSuccessAsync</c> takes four, so a method written
    /// for the one does not fit the other.
    /// </summary>
    private const string NarrowLibrary = @"namespace QwikQuery
{
    using System;
    using System.Threading;
    using System.Threading.Tasks;

    public sealed class NarrowMutations
    {
        public Mutation<TVariables, TData> Narrow<TVariables, TData>(
            Func<TVariables, CancellationToken, Task<TData>> mutationFn,
            Func<TVariables, MutationContext, Task<object?>>? onMutate = null,
            Action<TData, TVariables>? onSuccess = null,
            Func<TData, TVariables, object?, MutationContext, Task>? onSuccessAsync = null) => new Mutation<TVariables, TData>();
    }
}
";

    private static string NarrowSuccess() =>
        Canonical(
            ("client.UseMutation<TodoInput, int>(", "narrow.Narrow<TodoInput, int>("),
            (OnErrorLambda + OnSettledLambda, "        onSuccess: Saved);\n\n    private void Saved(int data, TodoInput vars) => [|client.InvalidateQueries(new QueryFilters())|];"))
            .Replace("public Todo? LastPrevious => s_previous;", "public Todo? LastPrevious => s_previous;\n    private readonly NarrowMutations narrow = new NarrowMutations();", StringComparison.Ordinal);

    [Fact]
    public Task OPT012_offers_nothing_when_the_method_does_not_fit_the_twin_parameter() =>
        VerifyFixAsync<TaskDiscardedInSyncCallbackAnalyzer, UseAsyncTwinCodeFixProvider>(
            NarrowSuccess(),
            NarrowSuccess(),
            withMutations: true,
            inMethod: true,
            extraLibrary: NarrowLibrary,
            config: ArgumentFixTests.MutationsConfig.Replace("optimistic_query.api.mutation_arguments = ", "optimistic_query.api.mutation_arguments = QwikQuery.NarrowMutations.Narrow, ", StringComparison.Ordinal));
}
