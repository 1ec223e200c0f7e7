using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Optimistic.Query.Analyzers.Model;
using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Optimistic.Query.Analyzers.Tests.Wrappers;

namespace Optimistic.Query.Analyzers.Tests.ThirdParty;

/// <summary>
/// The library shapes of issue #14 through the map (<see cref="StandInShapes"/>): derived options, async-ness from the delegate
/// type, the context parameter before a trailing library argument, the mutation function passed beside the options, and an
/// options property the library invalidates. Every rule fires on its violation and is silent on the canonical pattern.
/// </summary>
public class LibraryShapesTests
{
    private static Task VerifyAsync<TAnalyzer>(string source, params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var test = new CSharpAnalyzerVerifier<TAnalyzer>.Test { TestCode = source, GlobalConfig = StandInShapes.GlobalConfig, ReferenceRuntime = false };
        test.TestState.Sources.Add(("/0/QwikQuery.cs", StandInShapes.Library));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static Task<ImmutableArray<Diagnostic>> RunAllAsync(string source) =>
        AnalyzerRunner.RunAsync(AnalyzerSet.All(), source + "\n" + StandInShapes.Library, globalConfig: StandInShapes.GlobalConfig, referenceRuntime: false);

    private static async Task<MutationModel> ModelAsync(string source) =>
        Assert.Single(await ModelProbe.ModelsAsync(source + "\n" + StandInShapes.Library, StandInShapes.GlobalConfig, referenceRuntime: false));

    [Fact]
    public async Task Canonical_pattern_is_modeled_through_every_shape_and_every_rule_is_silent()
    {
        var model = await ModelAsync(StandInShapes.Canonical());
        Assert.True(model.IsOptimistic);
        // Derived options (TodoOptions) are modeled; the mutation function comes from UseMutation's argument; the library's
        // InvalidateKeys is an implicit settled invalidation of ["todos"].
        Assert.Equal(
            new[] { CallbackPhase.Mutate, CallbackPhase.Error, CallbackPhase.MutationFunction, CallbackPhase.Settled },
            model.Callbacks.Select(c => c.Phase).ToArray());
        Assert.Equal("MutationFn", model.MutationFunction?.Name);
        var settled = Assert.Single(model.InPhase(CallbackPhase.Settled));
        Assert.True(settled.IsImplicit);
        Assert.Equal("[\"todos\"]", Assert.Single(settled.Operations).KeyExpression?.Syntax.ToString());
        // Async from the delegate type (Task-returning OnMutate and OnError, no …Async name); the context is the snapshot
        // parameter, not the trailing MutationContext.
        Assert.True(model.OnMutate!.IsAsyncTwin);
        var onError = Assert.Single(model.InPhase(CallbackPhase.Error));
        Assert.True(onError.IsAsyncTwin);
        Assert.Equal("snapshot", onError.ContextParameter?.Name);
        Assert.Equal("vars", onError.VariablesParameter?.Name);
        Assert.True(model.OnMutate.OfKind(CacheOperationKind.Cancel).Single().IsCompleted);

        Assert.Empty(await RunAllAsync(StandInShapes.Canonical()));
    }

    [Fact]
    public async Task Options_that_do_not_derive_from_the_mapped_type_are_not_mutation_definitions()
    {
        var source = StandInShapes.App(@"
    public sealed class LookAlike
    {
        public Func<TodoInput, MutationContext, Task<object?>>? OnMutate { get; set; }
    }

    public object Define() => new LookAlike
    {
        OnMutate = async (input, mutation) =>
        {
            mutation.Client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            await Task.Yield();
            return null;
        },
    };");
        Assert.Empty(await ModelProbe.ModelsAsync(source + "\n" + StandInShapes.Library, StandInShapes.GlobalConfig, referenceRuntime: false));
        Assert.Empty(await RunAllAsync(source));
    }

    // Item 7: a single Task-returning OnMutate is asynchronous.

    [Fact]
    public async Task OPT001_missing_cancel_in_a_Task_returning_OnMutate_is_reported_as_asynchronous()
    {
        var diagnostics = await RunAllAsync(StandInShapes.Canonical(
            ("                mutation.Client.CancelQueries(new QueryFilters { QueryKey = [\"todos\", input.Id] });\n", string.Empty)));
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("OPT001", diagnostic.Id);
        Assert.Equal("mutation.Client.GetQueryData<Todo>(new QueryKey(\"todos\", input.Id))", diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
        // OnMutate is already asynchronous: the fix must not rename it to an OnMutateAsync the library does not have.
        Assert.Equal("false", diagnostic.Properties[DiagnosticPropertyNames.IsSyncCallback]);
    }

    [Fact]
    public Task OPT012_task_discarded_in_the_synchronous_OnSuccess_is_reported_and_not_in_the_Task_returning_OnError() =>
        VerifyAsync<TaskDiscardedInSyncCallbackAnalyzer>(StandInShapes.Canonical(
            ("            InvalidateKeys = [[\"todos\"]],", @"            InvalidateKeys = [[""todos""]],
            OnSuccess = (data, vars, snapshot, mutation) => [|mutation.Client.InvalidateQueries(new QueryFilters { QueryKey = Keys.Todos() })|],"),
            ("                await Task.Yield();\n            },\n            InvalidateKeys", "                await mutation.Client.InvalidateQueries(new QueryFilters { QueryKey = Keys.Todos() });\n            },\n            InvalidateKeys")));

    // Item 3: the context is the snapshot parameter, not the library's trailing argument.

    [Fact]
    public Task OPT002_OnError_that_only_uses_the_trailing_library_argument_is_reported() =>
        VerifyAsync<MissingRollbackAnalyzer>(
            StandInShapes.Canonical(
                ("                if (snapshot is Snapshot { Previous: { } previous }) mutation.Client.SetQueryData([\"todos\", vars.Id], previous);\n", "                mutation.Log(error.Message);\n")).Replace("            OnMutate = async", "            {|#0:OnMutate|} = async", StringComparison.Ordinal),
            CSharpAnalyzerVerifier<MissingRollbackAnalyzer>.Diagnostic("OPT002").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("new QueryKey(\"todos\", input.Id)"));

    [Fact]
    public Task OPT002_OnError_that_hands_the_snapshot_to_a_helper_is_not_reported() =>
        VerifyAsync<MissingRollbackAnalyzer>(StandInShapes.Canonical(
            ("                if (snapshot is Snapshot { Previous: { } previous }) mutation.Client.SetQueryData([\"todos\", vars.Id], previous);\n", "                Restore(snapshot);\n"),
            ("            InvalidateKeys = [[\"todos\"]],\n        });", "            InvalidateKeys = [[\"todos\"]],\n        });\n\n    private void Restore(object? snapshot) { }")));

    // Item 4: the mutation function passed beside the options.

    [Fact]
    public Task OPT005_create_verb_of_the_mutation_function_argument_is_reported() =>
        VerifyAsync<OptimisticCreateOrDeleteAnalyzer>(
            StandInShapes.Canonical(("        (input, ct) => api.UpdateTodoAsync(input, ct),", "        {|#0:(input, ct) => api.CreateTodoAsync(input, ct)|},")),
            CSharpAnalyzerVerifier<OptimisticCreateOrDeleteAnalyzer>.Diagnostic("OPT005").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("create", "it calls 'CreateTodoAsync'").WithSeverity(DiagnosticSeverity.Info));

    // Item 6: the library's InvalidateKeys property.

    [Fact]
    public Task OPT006_without_InvalidateKeys_nor_OnSettled_is_reported_at_OnMutate() =>
        VerifyAsync<InvalidateInOnSettledAnalyzer>(
            StandInShapes.Canonical(("            InvalidateKeys = [[\"todos\"]],\n", string.Empty)).Replace("            OnMutate = async", "            {|#0:OnMutate|} = async", StringComparison.Ordinal),
            CSharpAnalyzerVerifier<InvalidateInOnSettledAnalyzer>.Diagnostic("OPT006").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("new QueryKey(\"todos\", input.Id)", "nothing invalidates it once the mutation settles"));

    [Fact]
    public Task OPT006_InvalidateKeys_as_an_array_creation_counts() =>
        VerifyAsync<InvalidateInOnSettledAnalyzer>(StandInShapes.Canonical(("            InvalidateKeys = [[\"todos\"]],", "            InvalidateKeys = new[] { Keys.Todos() },")));

    [Fact]
    public async Task InvalidateKeys_the_model_cannot_list_make_the_settled_phase_unknown()
    {
        // A list built elsewhere: the keys are unknown, so the implicit callback is opaque and no rule reports on it.
        var source = StandInShapes.Canonical(
            ("            InvalidateKeys = [[\"todos\"]],", "            InvalidateKeys = s_keys,"),
            ("    public object Define()", "    private static readonly QueryKey[] s_keys = { Keys.Todos() };\n\n    public object Define()"));
        var settled = Assert.Single((await ModelAsync(source)).InPhase(CallbackPhase.Settled));
        Assert.False(settled.IsAnalyzable);
        Assert.Empty(await RunAllAsync(source));
    }

    // Items 1 and 2: keys written in place relate part by part; filters stand for their key, exact or not.

    [Fact]
    public async Task Keys_written_in_place_relate_part_by_part_through_the_filter()
    {
        var model = await ModelAsync(StandInShapes.Canonical());
        var cancel = model.OnMutate!.OfKind(CacheOperationKind.Cancel).Single();
        var write = model.OptimisticWrites(CancellationToken.None).Single();
        var rollback = Assert.Single(model.InPhase(CallbackPhase.Error)).OfKind(CacheOperationKind.Write).Single();
        var invalidation = Assert.Single(model.InPhase(CallbackPhase.Settled)).Operations.Single();
        Assert.Equal("[\"todos\", input.Id]", cancel.KeyExpression?.Syntax.ToString());
        Assert.Equal(KeyRelation.Same, model.Relate(cancel.Key, write.Key, CancellationToken.None));
        Assert.Equal(KeyRelation.Same, model.Relate(rollback.Key, write.Key, CancellationToken.None));
        Assert.Equal(KeyRelation.Covers, model.Relate(invalidation.Key, write.Key, CancellationToken.None));
        Assert.Equal(KeyMatch.Prefix, cancel.Match);
    }

    [Fact]
    public Task OPT007_cancel_through_a_filter_on_another_key_is_reported_at_the_key() =>
        VerifyAsync<MismatchedKeyAnalyzer>(StandInShapes.Canonical(
            ("new QueryFilters { QueryKey = [\"todos\", input.Id] }", "new QueryFilters { QueryKey = [|[\"users\", input.Id]|] }")));

    [Fact]
    public Task OPT010_a_second_key_written_in_place_is_reported_at_its_write() =>
        VerifyAsync<CascadeMutationAnalyzer>(StandInShapes.Canonical(
            ("                await Task.Yield();\n                return", "                [|mutation.Client.SetQueryData(new QueryKey(\"stats\"), new Todo(0, \"\"))|];\n                await Task.Yield();\n                return")));

    [Fact]
    public Task OPT001_an_exact_filter_on_the_prefix_does_not_cover_the_written_key() =>
        VerifyAsync<CancelBeforeOptimisticWriteAnalyzer>(
            StandInShapes.Canonical(
                ("new QueryFilters { QueryKey = [\"todos\", input.Id] }", "new QueryFilters { QueryKey = [\"todos\"], Exact = true }"),
                ("var previous = mutation.Client.GetQueryData<Todo>(new QueryKey(\"todos\", input.Id));", "var previous = {|#0:mutation.Client.GetQueryData<Todo>(new QueryKey(\"todos\", input.Id))|};")),
            CSharpAnalyzerVerifier<CancelBeforeOptimisticWriteAnalyzer>.Diagnostic("OPT001").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("new QueryKey(\"todos\", input.Id)"));

    [Fact]
    public Task OPT001_a_filter_on_the_prefix_that_is_not_exact_covers_the_written_key() =>
        VerifyAsync<CancelBeforeOptimisticWriteAnalyzer>(StandInShapes.Canonical(
            ("new QueryFilters { QueryKey = [\"todos\", input.Id] }", "new QueryFilters { QueryKey = [\"todos\"], Exact = false }")));

    [Fact]
    public Task OPT001_a_filter_without_a_key_covers_every_key() =>
        VerifyAsync<CancelBeforeOptimisticWriteAnalyzer>(StandInShapes.Canonical(
            ("new QueryFilters { QueryKey = [\"todos\", input.Id] }", "new QueryFilters()")));

    // The other rules, each on its violation.

    [Fact]
    public Task OPT003_snapshot_stored_in_a_static_field_is_reported() =>
        VerifyAsync<SnapshotStoredOutsideContextAnalyzer>(StandInShapes.Canonical(
            ("                await Task.Yield();\n                return new Snapshot(previous);", "                [|s_previous = previous|];\n                await Task.Yield();\n                return null;")));

    [Fact]
    public Task OPT004_success_toast_is_reported() =>
        VerifyAsync<SuccessToastInOptimisticMutationAnalyzer>(StandInShapes.Canonical(
            ("            InvalidateKeys = [[\"todos\"]],", "            InvalidateKeys = [[\"todos\"]],\n            OnSuccess = (data, vars, snapshot, mutation) => [|Toasts.Success(\"Saved\")|],")));

    [Fact]
    public Task OPT008_snapshot_after_the_write_is_reported_at_the_write() =>
        VerifyAsync<SnapshotAfterWriteAnalyzer>(StandInShapes.Canonical(
            ("                var previous = mutation.Client.GetQueryData<Todo>(new QueryKey(\"todos\", input.Id));\n                mutation.Client.SetQueryData(new QueryKey(\"todos\", input.Id), new Todo(input.Id, input.Title));",
             "                [|mutation.Client.SetQueryData(new QueryKey(\"todos\", input.Id), new Todo(input.Id, input.Title))|];\n                var previous = mutation.Client.GetQueryData<Todo>(new QueryKey(\"todos\", input.Id));")));

    [Fact]
    public Task OPT009_object_snapshot_is_reported_at_the_type_argument() =>
        VerifyAsync<UntypedSnapshotAnalyzer>(StandInShapes.Canonical(
            ("var previous = mutation.Client.GetQueryData<Todo>(new QueryKey(\"todos\", input.Id));", "var previous = mutation.Client.GetQueryData<[|object|]>(new QueryKey(\"todos\", input.Id)) as Todo;")));
}
