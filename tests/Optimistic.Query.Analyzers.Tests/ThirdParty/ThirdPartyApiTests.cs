using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Optimistic.Query.Analyzers.Model;
using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Optimistic.Query.Analyzers.Tests.Wrappers;

namespace Optimistic.Query.Analyzers.Tests.ThirdParty;

/// <summary>
/// A third-party cache configured only through <c>optimistic_query.api.*</c> in the global analyzer config (no runtime
/// reference, no attributes): every rule fires there as on Optimistic.Query, and stays silent on its canonical pattern.
/// </summary>
public class ThirdPartyApiTests
{
    private static Task VerifyAsync<TAnalyzer>(string source, params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new() =>
        VerifyAsync<TAnalyzer>(source, StandIn.GlobalConfig, expected);

    private static Task VerifyAsync<TAnalyzer>(string source, string? globalConfig, params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var test = new CSharpAnalyzerVerifier<TAnalyzer>.Test { TestCode = source, GlobalConfig = globalConfig, ReferenceRuntime = false };
        test.TestState.Sources.Add(("/0/RabstackQuery.cs", StandIn.Library));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static Task<ImmutableArray<Diagnostic>> RunAllAsync(string source, string? globalConfig = StandIn.GlobalConfig) =>
        AnalyzerRunner.RunAsync(AnalyzerSet.All(), source + "\n" + StandIn.Library, globalConfig: globalConfig, referenceRuntime: false);

    // The canonical pattern and activation.

    [Fact]
    public async Task Canonical_pattern_compiles_is_optimistic_and_every_rule_is_silent()
    {
        var model = Assert.Single(await ModelProbe.ModelsAsync(StandIn.Canonical() + "\n" + StandIn.Library, StandIn.GlobalConfig, referenceRuntime: false));
        Assert.True(model.IsOptimistic);
        Assert.Equal(
            new[] { CallbackPhase.MutationFunction, CallbackPhase.Mutate, CallbackPhase.Error, CallbackPhase.Settled },
            model.Callbacks.Select(c => c.Phase).ToArray());
        Assert.Equal(
            new[] { CacheOperationKind.Cancel, CacheOperationKind.Read, CacheOperationKind.Write },
            model.OnMutate!.Operations.Where(o => o.Kind != CacheOperationKind.Other).Select(o => o.Kind).ToArray());
        Assert.True(model.OnMutate.OfKind(CacheOperationKind.Cancel).Single().IsCompleted);
        Assert.Equal("vars", model.InPhase(CallbackPhase.Error).Single().VariablesParameter?.Name);
        Assert.Empty(await RunAllAsync(StandIn.Canonical()));
    }

    [Fact]
    public async Task Without_the_map_nothing_is_registered()
    {
        var source = StandIn.App(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, int>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutate = (input, mutation) =>
        {
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot(previous);
        },
        OnError = (error, vars, context, mutation) =>
        {
            if (context is Snapshot { Previous: { } previous }) client.SetQueryData(Keys.Todo(vars.Id), previous);
            Toasts.Error(""Could not save"", error);
        },
        OnSettledAsync = (data, error, vars, context, mutation) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });");
        Assert.NotEmpty(await RunAllAsync(source));
        Assert.Empty(await RunAllAsync(source, globalConfig: null));
        Assert.Empty(await RunAllAsync(source, globalConfig: "other.key = 1"));
    }

    [Fact]
    public async Task Map_alone_activates_even_if_nothing_resolves() =>
        Assert.NotNull(await ContextAsync("optimistic_query.api.read = Nowhere.Type.Method"));

    // OPT001

    [Fact]
    public Task OPT001_missing_cancel_is_reported_at_the_snapshot() =>
        VerifyAsync<CancelBeforeOptimisticWriteAnalyzer>(
            StandIn.App(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, int>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutate = (input, mutation) =>
        {
            var previous = {|#0:client.GetQueryData<Todo>(Keys.Todo(input.Id))|};
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot(previous);
        },
        OnError = (error, vars, context, mutation) =>
        {
            if (context is Snapshot { Previous: { } previous }) client.SetQueryData(Keys.Todo(vars.Id), previous);
            Toasts.Error(""Could not save"", error);
        },
        OnSettledAsync = (data, error, vars, context, mutation) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });"),
            CSharpAnalyzerVerifier<CancelBeforeOptimisticWriteAnalyzer>.Diagnostic("OPT001").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("Keys.Todo(input.Id)"));

    [Fact]
    public Task OPT001_cancel_after_the_snapshot_is_reported() =>
        VerifyAsync<CancelBeforeOptimisticWriteAnalyzer>(StandIn.App(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, int>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutate = (input, mutation) =>
        {
            var previous = [|client.GetQueryData<Todo>(Keys.Todo(input.Id))|];
            client.CancelQueries(Keys.Todo(input.Id));
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot(previous);
        },
        OnError = (error, vars, context, mutation) =>
        {
            if (context is Snapshot { Previous: { } previous }) client.SetQueryData(Keys.Todo(vars.Id), previous);
            Toasts.Error(""Could not save"", error);
        },
        OnSettledAsync = (data, error, vars, context, mutation) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });"));

    [Fact]
    public Task OPT001_synchronous_cancel_counts_as_awaited() =>
        VerifyAsync<CancelBeforeOptimisticWriteAnalyzer>(StandIn.Canonical());

    [Fact]
    public Task OPT001_patch_with_its_key_by_per_method_index_is_an_optimistic_write() =>
        VerifyAsync<CancelBeforeOptimisticWriteAnalyzer>(StandIn.App(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, int>
    {
        OnMutate = (input, mutation) => [|client.UpdateQueryData<Todo>(t => t with { Title = input.Title }, Keys.Todo(input.Id))|],
        OnError = (error, vars, context, mutation) => (context as Patch)?.Undo(),
    });"));

    // OPT002

    [Fact]
    public Task OPT002_missing_rollback_is_reported_at_OnMutate() =>
        VerifyAsync<MissingRollbackAnalyzer>(
            StandIn.App(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, int>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        {|#0:OnMutate|} = (input, mutation) =>
        {
            client.CancelQueries(Keys.Todo(input.Id));
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot(previous);
        },
        OnError = (error, vars, context, mutation) =>
        {
            
            Toasts.Error(""Could not save"", error);
        },
        OnSettledAsync = (data, error, vars, context, mutation) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });"),
            CSharpAnalyzerVerifier<MissingRollbackAnalyzer>.Diagnostic("OPT002").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("Keys.Todo(input.Id)"));

    [Fact]
    public Task OPT002_undo_of_the_patch_and_invalidation_count_as_rollback() =>
        VerifyAsync<MissingRollbackAnalyzer>(StandIn.App(@"
    public object Patched() => client.CreateMutation(new MutationOptions<TodoInput, int>
    {
        OnMutate = (input, mutation) => client.UpdateQueryData<Todo>(t => t with { Title = input.Title }, Keys.Todo(input.Id)),
        OnError = (error, vars, context, mutation) => (context as Patch)?.Undo(),
    });

    public object Invalidated() => client.CreateMutation(new MutationOptions<TodoInput, int>
    {
        OnMutate = (input, mutation) => { client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title)); return null; },
        OnError = (error, vars, context, mutation) => client.InvalidateAllAsync(),
    });"));

    // OPT003

    [Fact]
    public Task OPT003_snapshot_stored_in_a_static_field_is_reported() =>
        VerifyAsync<SnapshotStoredOutsideContextAnalyzer>(StandIn.App(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, int>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutate = (input, mutation) =>
        {
            client.CancelQueries(Keys.Todo(input.Id));
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            [|s_previous = previous|];
            return null;
        },
        OnError = (error, vars, context, mutation) =>
        {
            if (context is Snapshot { Previous: { } previous }) client.SetQueryData(Keys.Todo(vars.Id), previous);
            Toasts.Error(""Could not save"", error);
        },
        OnSettledAsync = (data, error, vars, context, mutation) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });"));

    // OPT004

    [Fact]
    public Task OPT004_success_toast_is_reported_and_error_toast_is_not() =>
        VerifyAsync<SuccessToastInOptimisticMutationAnalyzer>(StandIn.App(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, int>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutate = (input, mutation) =>
        {
            client.CancelQueries(Keys.Todo(input.Id));
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot(previous);
        },
        OnError = (error, vars, context, mutation) =>
        {
            if (context is Snapshot { Previous: { } previous }) client.SetQueryData(Keys.Todo(vars.Id), previous);
            Toasts.Error(""Could not save"", error);
        },
        OnSuccess = (data, vars, context, mutation) => [|Toasts.Success(""Saved"")|],
        OnSettledAsync = (data, error, vars, context, mutation) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });"));

    // OPT005

    [Fact]
    public Task OPT005_mapped_kind_property_is_reported_as_a_warning() =>
        VerifyAsync<OptimisticCreateOrDeleteAnalyzer>(StandIn.App(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, int>
    {
        {|#0:Op|} = Operation.Create,
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutate = (input, mutation) =>
        {
            client.CancelQueries(Keys.Todo(input.Id));
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot(previous);
        },
        OnError = (error, vars, context, mutation) =>
        {
            if (context is Snapshot { Previous: { } previous }) client.SetQueryData(Keys.Todo(vars.Id), previous);
            Toasts.Error(""Could not save"", error);
        },
        OnSettledAsync = (data, error, vars, context, mutation) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });"),
            CSharpAnalyzerVerifier<OptimisticCreateOrDeleteAnalyzer>.Diagnostic("OPT005").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("create", "'Op = Operation.Create'").WithSeverity(DiagnosticSeverity.Warning));

    [Fact]
    public Task OPT005_create_verb_is_reported_as_a_suggestion() =>
        VerifyAsync<OptimisticCreateOrDeleteAnalyzer>(
            StandIn.App(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, int>
    {
        {|#0:MutationFn|} = (input, ct) => api.CreateTodoAsync(input, ct),
        OnMutate = (input, mutation) =>
        {
            client.CancelQueries(Keys.Todo(input.Id));
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot(previous);
        },
        OnError = (error, vars, context, mutation) =>
        {
            if (context is Snapshot { Previous: { } previous }) client.SetQueryData(Keys.Todo(vars.Id), previous);
            Toasts.Error(""Could not save"", error);
        },
        OnSettledAsync = (data, error, vars, context, mutation) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });"),
            CSharpAnalyzerVerifier<OptimisticCreateOrDeleteAnalyzer>.Diagnostic("OPT005").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("create", "it calls 'CreateTodoAsync'").WithSeverity(DiagnosticSeverity.Info));

    // OPT006

    [Fact]
    public Task OPT006_missing_settled_invalidation_is_reported_at_OnMutate() =>
        VerifyAsync<InvalidateInOnSettledAnalyzer>(
            StandIn.App(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, int>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        {|#0:OnMutate|} = (input, mutation) =>
        {
            client.CancelQueries(Keys.Todo(input.Id));
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot(previous);
        },
        OnError = (error, vars, context, mutation) =>
        {
            if (context is Snapshot { Previous: { } previous }) client.SetQueryData(Keys.Todo(vars.Id), previous);
            Toasts.Error(""Could not save"", error);
        },
    });"),
            CSharpAnalyzerVerifier<InvalidateInOnSettledAnalyzer>.Diagnostic("OPT006").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("Keys.Todo(input.Id)", "nothing invalidates it once the mutation settles"));

    [Fact]
    public Task OPT006_is_satisfied_by_the_mapped_wrappers_settled_invalidation() =>
        VerifyAsync<InvalidateInOnSettledAnalyzer>(StandIn.App(@"
    public object Define() => client.UsePluginMutation(new MutationOptions<TodoInput, int>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutate = (input, mutation) =>
        {
            client.CancelQueries(Keys.Todo(input.Id));
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot(previous);
        },
        OnError = (error, vars, context, mutation) =>
        {
            if (context is Snapshot { Previous: { } previous }) client.SetQueryData(Keys.Todo(vars.Id), previous);
            Toasts.Error(""Could not save"", error);
        },
    }, new object[] { ""todos"" });"));

    // OPT008, OPT009, OPT012

    [Fact]
    public Task OPT008_snapshot_after_the_write_is_reported_at_the_write() =>
        VerifyAsync<SnapshotAfterWriteAnalyzer>(StandIn.App(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, int>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutate = (input, mutation) =>
        {
            client.CancelQueries(Keys.Todo(input.Id));
            [|client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title))|];
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            return new Snapshot(previous);
        },
        OnError = (error, vars, context, mutation) =>
        {
            if (context is Snapshot { Previous: { } previous }) client.SetQueryData(Keys.Todo(vars.Id), previous);
            Toasts.Error(""Could not save"", error);
        },
        OnSettledAsync = (data, error, vars, context, mutation) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });"));

    [Fact]
    public Task OPT009_object_snapshot_is_reported_at_the_type_argument() =>
        VerifyAsync<UntypedSnapshotAnalyzer>(StandIn.App(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, int>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutate = (input, mutation) =>
        {
            client.CancelQueries(Keys.Todo(input.Id));
            var previous = client.GetQueryData<[|object|]>(Keys.Todo(input.Id)) as Todo;
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot(previous);
        },
        OnError = (error, vars, context, mutation) =>
        {
            if (context is Snapshot { Previous: { } previous }) client.SetQueryData(Keys.Todo(vars.Id), previous);
            Toasts.Error(""Could not save"", error);
        },
        OnSettledAsync = (data, error, vars, context, mutation) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });"));

    [Fact]
    public Task OPT012_task_discarded_in_a_synchronous_callback_is_reported() =>
        VerifyAsync<TaskDiscardedInSyncCallbackAnalyzer>(StandIn.App(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, int>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutate = (input, mutation) =>
        {
            client.CancelQueries(Keys.Todo(input.Id));
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot(previous);
        },
        OnError = (error, vars, context, mutation) =>
        {
            if (context is Snapshot { Previous: { } previous }) client.SetQueryData(Keys.Todo(vars.Id), previous);
            Toasts.Error(""Could not save"", error);
            [|client.InvalidateQueriesAsync(Keys.Todo(vars.Id))|];
        },
        OnSettledAsync = (data, error, vars, context, mutation) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });"));

    // OPT007, OPT010: keys built by the mapped key factory relate part by part.

    [Fact]
    public Task OPT007_cancel_of_another_key_is_reported_at_its_argument() =>
        VerifyAsync<MismatchedKeyAnalyzer>(StandIn.App(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, int>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutate = (input, mutation) =>
        {
            client.CancelQueries([|QueryKeys.Of(""users"")|]);
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot(previous);
        },
        OnError = (error, vars, context, mutation) =>
        {
            if (context is Snapshot { Previous: { } previous }) client.SetQueryData(Keys.Todo(vars.Id), previous);
            Toasts.Error(""Could not save"", error);
        },
        OnSettledAsync = (data, error, vars, context, mutation) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });"));

    [Fact]
    public Task OPT010_a_second_unrelated_key_is_reported_at_its_write() =>
        VerifyAsync<CascadeMutationAnalyzer>(StandIn.App(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, int>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutate = (input, mutation) =>
        {
            client.CancelQueries(Keys.Todo(input.Id));
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            [|client.SetQueryData(QueryKeys.Of(""stats""), new Todo(0, """"))|];
            return new Snapshot(previous);
        },
        OnError = (error, vars, context, mutation) =>
        {
            if (context is Snapshot { Previous: { } previous }) client.SetQueryData(Keys.Todo(vars.Id), previous);
            Toasts.Error(""Could not save"", error);
        },
        OnSettledAsync = (data, error, vars, context, mutation) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });"));

    // Wrappers through the map.

    [Fact]
    public async Task Mapped_wrapper_adds_an_implicit_settled_invalidation_of_its_key_argument()
    {
        var source = StandIn.App(@"
    public object Define() => client.UsePluginMutation(new MutationOptions<TodoInput, int>
    {
        OnMutate = (input, mutation) => { client.CancelQueries(Keys.Todo(input.Id)); client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title)); return null; },
    }, new object[] { ""todos"" });") + "\n" + StandIn.Library;
        var model = Assert.Single(await ModelProbe.ModelsAsync(source, StandIn.GlobalConfig, referenceRuntime: false));
        var callback = Assert.Single(model.Callbacks, c => c.IsImplicit);
        Assert.Equal(CallbackPhase.Settled, callback.Phase);
        Assert.Equal("new object[] { \"todos\" }", Assert.Single(callback.Operations).KeyExpression?.Syntax.ToString());
    }

    // The map does not change how Optimistic.Query itself is analyzed.

    [Fact]
    public async Task Runtime_users_with_a_map_are_analyzed_as_before()
    {
        Assert.Empty(await AnalyzerRunner.RunAsync(AnalyzerSet.All(), RuleSources.Canonical, globalConfig: StandIn.GlobalConfig.Replace("= queryKey", "= 1", StringComparison.Ordinal)));
        var diagnostics = await AnalyzerRunner.RunAsync(
            AnalyzerSet.All(),
            RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(previous);
        },
        OnError = (error, vars, context) =>
        {
            if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(vars.Id), previous);
        },
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });"),
            globalConfig: StandIn.GlobalConfig);
        Assert.Equal("OPT001", Assert.Single(diagnostics).Id);
    }

    // Invalid entries: ignored by the rules (OPT013 reports them, see OPT013Tests).

    [Fact]
    public async Task Invalid_entries_are_ignored_and_the_valid_ones_still_apply()
    {
        // Every list of the map gets bad entries around its valid ones; unknown keys and bad overrides are added.
        var config = string.Join("\n", StandIn.GlobalConfig.Split('\n').Select(line =>
            line.StartsWith("optimistic_query.api.", StringComparison.Ordinal) && !line.Contains("key_parameter", StringComparison.Ordinal)
                ? line.Replace(" = ", " = M:(((, M:, T:Nope, Nope, ., RabstackQuery.QueryClient., `1.X, 1On Error, ", StringComparison.Ordinal) + ", M:RabstackQuery.QueryClient.Nope(System.Int32), RabstackQuery.Nope`2, :::"
                : line)) + @"
optimistic_query.api.key_parameter.RabstackQuery.QueryClient.SetQueryData = 99
optimistic_query.api.key_parameter. = 0
optimistic_query.api.unknown = whatever
optimistic_query.api.toast.error =
";
        var diagnostics = await RunAllAsync(StandIn.App(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, int>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutate = (input, mutation) =>
        {
            client.CancelQueries(Keys.Todo(input.Id));
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            s_previous = previous;
            return null;
        },
        OnError = (error, vars, context, mutation) =>
        {
            if (context is Snapshot { Previous: { } previous }) client.SetQueryData(Keys.Todo(vars.Id), previous);
            Toasts.Error(""Could not save"", error);
        },
        OnSettledAsync = (data, error, vars, context, mutation) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });"), config);
        Assert.Equal("OPT003", Assert.Single(diagnostics, d => d.Id != "OPT013").Id);
        var onCanonical = await RunAllAsync(StandIn.Canonical(), config);
        Assert.All(onCanonical, d => Assert.Equal("OPT013", d.Id));
        Assert.Equal(diagnostics.Count(d => d.Id == "OPT013"), onCanonical.Length);
    }

    [Fact]
    public async Task Garbage_maps_never_throw()
    {
        string[] values = { "", ",", ",,,", "M:", "T:", "M:A.B(", "M:A.B``9999999999(X)", "A", "A.", ".A", "A..B", "`", "``1", "a`b`c.d", "M:System.String.Concat(System.Object[])", "System.Object.ToString", "-1", "2147483648", "queryKey, 0" };
        string[] keys = { "read", "write", "patch", "cancel", "invalidate", "key_parameter", "mutation_options", "mutation_function", "callback.mutate", "callback.error", "mutation_kind", "mutation_invalidates.settled", "toast.success", "key_parameter.System.Object.ToString" };
        foreach (var value in values)
        {
            var config = string.Concat(keys.Select(k => "optimistic_query.api." + k + " = " + value + "\n"));
            var diagnostics = await RunAllAsync(StandIn.Canonical(), config);
            Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        }
    }

    [Fact]
    public async Task The_map_is_parsed_once_per_distinct_text()
    {
        var first = ApiMapSpec.From(await OptionsAsync(StandIn.GlobalConfig));
        var second = ApiMapSpec.From(await OptionsAsync(StandIn.GlobalConfig));
        Assert.NotNull(first);
        Assert.Same(first, second);
        Assert.NotSame(first, ApiMapSpec.From(await OptionsAsync(StandIn.GlobalConfig + "optimistic_query.api.mutation_kind = Kind\n")));
        Assert.Null(ApiMapSpec.From(await OptionsAsync("dotnet_diagnostic.OPT001.severity = error")));
    }

    private static async Task<AnalyzerOptions> OptionsAsync(string globalConfig)
    {
        var project = await AnalyzerRunner
            .Create(Array.Empty<DiagnosticAnalyzer>(), new[] { (TestOptions.MainPath, "class C { }") }, globalConfig: globalConfig, referenceRuntime: false)
            .CreateProjectAsync()
            .ConfigureAwait(false);
        return project.AnalyzerOptions;
    }

    private static async Task<MutationAnalysisContext?> ContextAsync(string globalConfig)
    {
        var project = await AnalyzerRunner
            .Create(Array.Empty<DiagnosticAnalyzer>(), new[] { (TestOptions.MainPath, "class C { }") }, globalConfig: globalConfig, referenceRuntime: false)
            .CreateProjectAsync()
            .ConfigureAwait(false);
        var compilation = (await project.GetCompilationAsync().ConfigureAwait(false))!;
        return MutationAnalysisContext.Get(compilation, project.AnalyzerOptions);
    }
}
