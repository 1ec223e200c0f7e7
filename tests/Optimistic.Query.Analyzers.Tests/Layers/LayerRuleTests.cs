using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Optimistic.Query.Analyzers.Model;
using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Rules;
using Optimistic.Query.Analyzers.Tests.ThirdParty;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Optimistic.Query.Analyzers.Tests.Wrappers;

namespace Optimistic.Query.Analyzers.Tests.Layers;

/// <summary>
/// Optimistic layers for the rules: <c>AddOptimisticLayer</c> (<c>[QueryLayer]</c>) is a cache write, so its OnMutate is
/// optimistic; <c>OptimisticLayer.Rollback</c> (<c>[LayerRollback]</c>) in OnError is a rollback, as <c>PatchResult.Undo</c> is.
/// </summary>
public class LayerRuleTests
{
    private const string CancelLine = "            await client.CancelQueriesAsync(Keys.Todo(input.Id));\n";
    private const string LayerCall = "client.AddOptimisticLayer<Todo>(Keys.Todo(input.Id), todo => todo with { Title = input.Title })";
    private const string OnError = "        OnError = (error, vars, layer) => layer?.Rollback(),\n";

    /// <summary>The canonical layered update, with <paramref name="replace"/> applied (each pair replaces one fragment).</summary>
    public static string Layered(params (string Old, string New)[] replace)
    {
        var members = @"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, OptimisticLayer<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(Keys.Todo(input.Id));
            return client.AddOptimisticLayer<Todo>(Keys.Todo(input.Id), todo => todo with { Title = input.Title });
        },
        OnError = (error, vars, layer) => layer?.Rollback(),
        OnSuccess = (data, vars, layer) => layer?.Commit(),
        OnSettledAsync = (data, error, vars, layer) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });";
        foreach (var (oldText, newText) in replace)
        {
            if (!members.Contains(oldText, StringComparison.Ordinal)) throw new ArgumentException("Fragment not found: " + oldText);
            members = members.Replace(oldText, newText, StringComparison.Ordinal);
        }

        return RuleSources.InViewModel(members);
    }

    /// <summary>The DESIGN.md canonical example (markAsRead) with a layer instead of the snapshot, the error toast kept.</summary>
    private static readonly string LayeredMarkAsRead = RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<MarkAsReadInput, Unit, OptimisticLayer<NotificationsPage>>
    {
        MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(notificationsKey);
            return client.AddOptimisticLayer<NotificationsPage>(notificationsKey,
                page => page with { Notifications = MarkRead(page.Notifications, input.NotificationId) });
        },
        OnError = (error, input, layer) =>
        {
            layer?.Rollback();
            toaster.Error(""Failed to mark as read"", error);
        },
        OnSuccess = (data, input, layer) => layer?.Commit(),
        OnSettledAsync = (data, error, input, layer) => client.InvalidateQueriesAsync(notificationsKey),
    });");

    [Fact]
    public async Task The_layered_canonical_examples_are_silent_for_every_rule()
    {
        var all = AnalyzerSet.All();
        Assert.Contains(all, analyzer => analyzer is MissingRollbackAnalyzer);
        Assert.Empty(await AnalyzerRunner.RunAsync(all, Layered()));
        Assert.Empty(await AnalyzerRunner.RunAsync(all, LayeredMarkAsRead));
        Assert.Empty(await AnalyzerRunner.RunAsync(all, Layered(), Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp9));
    }

    [Fact]
    public async Task A_layered_write_makes_OnMutate_optimistic_and_Rollback_is_a_rollback()
    {
        var model = Assert.Single(await ModelProbe.ModelsAsync(Layered()));
        Assert.True(model.IsOptimistic);
        Assert.Equal(
            new[] { CacheOperationKind.Cancel, CacheOperationKind.Layer },
            model.OnMutate!.Operations.Where(o => o.Kind != CacheOperationKind.Other).Select(o => o.Kind).ToArray());
        Assert.Contains(model.InPhase(CallbackPhase.Error).Single().Operations, o => o.Kind == CacheOperationKind.RemoveLayer);
        Assert.DoesNotContain(model.InPhase(CallbackPhase.Success).Single().Operations, o => o.Kind == CacheOperationKind.RemoveLayer);
    }

    [Fact]
    public Task OPT001_fires_on_a_layered_write_without_a_cancel() =>
        CSharpAnalyzerVerifier<CancelBeforeOptimisticWriteAnalyzer>.VerifyAnalyzerAsync(
            Layered((CancelLine, ""), ("OnMutateAsync = async input =>", "OnMutate = input =>"), ("return " + LayerCall, "return {|#0:" + LayerCall + "|}")),
            CSharpAnalyzerVerifier<CancelBeforeOptimisticWriteAnalyzer>.Diagnostic("OPT001").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("Keys.Todo(input.Id)"));

    [Fact]
    public Task OPT002_is_silent_with_Rollback_in_OnError() =>
        CSharpAnalyzerVerifier<MissingRollbackAnalyzer>.VerifyAnalyzerAsync(Layered());

    [Fact]
    public Task OPT002_fires_without_OnError() =>
        CSharpAnalyzerVerifier<MissingRollbackAnalyzer>.VerifyAnalyzerAsync(
            Layered((OnError, ""), ("OnMutateAsync = async input =>", "{|#0:OnMutateAsync|} = async input =>")),
            CSharpAnalyzerVerifier<MissingRollbackAnalyzer>.Diagnostic("OPT002").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("Keys.Todo(input.Id)").WithSeverity(DiagnosticSeverity.Warning));

    [Fact]
    public Task OPT002_fires_when_OnError_only_commits() =>
        CSharpAnalyzerVerifier<MissingRollbackAnalyzer>.VerifyAnalyzerAsync(
            Layered(
                (OnError, "        OnError = (error, vars, layer) => layer?.Commit(),\n"),
                ("OnMutateAsync = async input =>", "{|#0:OnMutateAsync|} = async input =>")),
            CSharpAnalyzerVerifier<MissingRollbackAnalyzer>.Diagnostic("OPT002").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("Keys.Todo(input.Id)"));

    /// <summary>A layered mutation whose handle goes through shared storage instead of the context.</summary>
    private static string LayerInField(string onMutateBody) => RuleSources.InViewModel(@"
    private OptimisticLayer<Todo>? _layer;

    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Unit>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(Keys.Todo(input.Id));
" + onMutateBody + @"
            return Unit.Value;
        },
        OnError = (error, vars, context) => _layer?.Rollback(),
        OnSuccess = (data, vars, context) => _layer?.Commit(),
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });");

    [Fact]
    public Task OPT003_fires_when_the_layer_handle_is_stored_in_a_field() =>
        CSharpAnalyzerVerifier<SnapshotStoredOutsideContextAnalyzer>.VerifyAnalyzerAsync(
            LayerInField("            {|#0:_layer = " + LayerCall + "|};"),
            CSharpAnalyzerVerifier<SnapshotStoredOutsideContextAnalyzer>.Diagnostic("OPT003").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
                .WithArguments(LayerCall, "_layer"));

    [Fact]
    public Task OPT003_follows_the_layer_handle_through_a_local() =>
        CSharpAnalyzerVerifier<SnapshotStoredOutsideContextAnalyzer>.VerifyAnalyzerAsync(
            LayerInField("            var handle = " + LayerCall + ";\n            {|#0:_layer = handle|};"),
            CSharpAnalyzerVerifier<SnapshotStoredOutsideContextAnalyzer>.Diagnostic("OPT003").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
                .WithArguments("handle", "_layer"));

    [Fact]
    public Task OPT003_is_silent_when_the_layer_handle_is_returned_through_a_local() =>
        CSharpAnalyzerVerifier<SnapshotStoredOutsideContextAnalyzer>.VerifyAnalyzerAsync(
            Layered(("return " + LayerCall + ";", "var handle = " + LayerCall + ";\n            var alias = handle;\n            return alias;")));

    [Fact]
    public Task OPT004_fires_on_a_success_toast_in_a_layered_mutation() =>
        CSharpAnalyzerVerifier<SuccessToastInOptimisticMutationAnalyzer>.VerifyAnalyzerAsync(
            Layered(("OnSuccess = (data, vars, layer) => layer?.Commit(),", "OnSuccess = (data, vars, layer) => { layer?.Commit(); {|#0:toaster.Success(\"Saved\")|}; },")),
            CSharpAnalyzerVerifier<SuccessToastInOptimisticMutationAnalyzer>.Diagnostic("OPT004").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("toaster.Success", "OnSuccess"));

    [Fact]
    public Task OPT006_fires_when_a_layered_mutation_does_not_invalidate() =>
        CSharpAnalyzerVerifier<InvalidateInOnSettledAnalyzer>.VerifyAnalyzerAsync(
            Layered(
                ("        OnSettledAsync = (data, error, vars, layer) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),\n", ""),
                ("OnMutateAsync = async input =>", "{|#0:OnMutateAsync|} = async input =>")),
            CSharpAnalyzerVerifier<InvalidateInOnSettledAnalyzer>.Diagnostic("OPT006").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("Keys.Todo(input.Id)", "nothing invalidates it once the mutation settles"));

    [Fact]
    public Task OPT010_does_not_count_one_layer_per_key_but_still_counts_plain_writes_to_another_entry() =>
        CSharpAnalyzerVerifier<CascadeMutationAnalyzer>.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Layered() => client.CreateMutation(new MutationOptions<TodoInput, Unit, (OptimisticLayer<Todo> One, OptimisticLayer<Todo> Two)>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(Keys.Todo(1));
            await client.CancelQueriesAsync(Keys.Todo(2));
            return (client.AddOptimisticLayer<Todo>(Keys.Todo(1), todo => todo with { Title = input.Title }),
                    client.AddOptimisticLayer<Todo>(Keys.Todo(2), todo => todo with { Title = input.Title }));
        },
        OnError = (error, vars, layers) => { layers.One?.Rollback(); layers.Two?.Rollback(); },
        OnSettledAsync = async (data, error, vars, layers) =>
        {
            await client.InvalidateQueriesAsync(Keys.Todo(1));
            await client.InvalidateQueriesAsync(Keys.Todo(2));
        },
    });

    public object Plain() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Unit>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(Keys.Todo(1));
            await client.CancelQueriesAsync(Keys.Todo(2));
            client.SetQueryData(Keys.Todo(1), new Todo(1, input.Title));
            {|#0:client.SetQueryData(Keys.Todo(2), new Todo(2, input.Title))|};
            return Unit.Value;
        },
        OnErrorAsync = async (error, vars, context) =>
        {
            await client.InvalidateQueriesAsync(Keys.Todo(1));
            await client.InvalidateQueriesAsync(Keys.Todo(2));
        },
        OnSettledAsync = async (data, error, vars, context) =>
        {
            await client.InvalidateQueriesAsync(Keys.Todo(1));
            await client.InvalidateQueriesAsync(Keys.Todo(2));
        },
    });"),
            CSharpAnalyzerVerifier<CascadeMutationAnalyzer>.Diagnostic("OPT010").WithLocation(0).WithArguments("Keys.Todo(2)", "Keys.Todo(1)"));

    // The third-party map: optimistic_query.api.layer / layer_rollback stand for [QueryLayer] / [LayerRollback].

    private const string LayerLibrary = @"namespace RabstackQuery
{
    using System;

    public sealed class Layer
    {
        public void Drop() { }
        public void Keep() { }
    }

    public static class Layers
    {
        public static Layer Push<T>(this QueryClient client, object[] queryKey, Func<T, T> recipe) where T : class => new Layer();
    }
}
";

    private const string LayerMap = @"
optimistic_query.api.layer = RabstackQuery.Layers.Push
optimistic_query.api.layer_rollback = RabstackQuery.Layer.Drop
optimistic_query.api.layer_commit = RabstackQuery.Layer.Keep
";

    private static string MappedLayered(string onError) => StandIn.Canonical(
        ("""
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot(previous);
""", """
            return client.Push<Todo>(Keys.Todo(input.Id), todo => todo with { Title = input.Title });
"""),
        ("            if (context is Snapshot { Previous: { } previous }) client.SetQueryData(Keys.Todo(vars.Id), previous);\n", onError))
        + "\n" + StandIn.Library + "\n" + LayerLibrary;

    [Fact]
    public async Task A_mapped_layer_and_its_rollback_work_as_the_runtime_ones()
    {
        var config = StandIn.GlobalConfig + LayerMap;
        var model = Assert.Single(await ModelProbe.ModelsAsync(MappedLayered("            (context as Layer)?.Drop();\n"), config, referenceRuntime: false));
        Assert.True(model.IsOptimistic);
        Assert.Contains(model.InPhase(CallbackPhase.Error).Single().Operations, o => o.Kind == CacheOperationKind.RemoveLayer);
        Assert.Empty(await AnalyzerRunner.RunAsync(AnalyzerSet.All(), MappedLayered("            (context as Layer)?.Drop();\n"), globalConfig: config, referenceRuntime: false));

        var withoutRollback = await AnalyzerRunner.RunAsync(AnalyzerSet.All(), MappedLayered("            (context as Layer)?.Keep();\n"), globalConfig: config, referenceRuntime: false);
        Assert.Equal("OPT002", Assert.Single(withoutRollback).Id);
    }
}
