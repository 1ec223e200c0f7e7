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
/// Issue #14, item 4: a <c>mutation_arguments</c> method called with the callbacks alone, no options object
/// (<c>client.UseMutation&lt;TodoInput, int&gt;(mutationFn, onMutate: …, onError: …, onSettled: …)</c>), is one mutation
/// definition per call: its arguments named as mapped members are the members, sync or async and the context parameter read
/// from the method's own parameter types. Every rule is silent on the canonical pattern and fires on the violations.
/// </summary>
public class ArgumentDefinitionTests
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

    /// <summary>The canonical optimistic update with the callbacks as arguments, with <paramref name="replace"/> applied.</summary>
    internal static string Canonical(params (string Old, string New)[] replace)
    {
        var members = @"
    public object Define() => client.UseMutation<TodoInput, int>(
        (input, ct) => api.UpdateTodoAsync(input, ct),
        onMutate: async (input, mutation) =>
        {
            mutation.Client.CancelQueries(new QueryFilters { QueryKey = [""todos"", input.Id] });
            var previous = mutation.Client.GetQueryData<Todo>(new QueryKey(""todos"", input.Id));
            mutation.Client.SetQueryData(new QueryKey(""todos"", input.Id), new Todo(input.Id, input.Title));
            await Task.Yield();
            return new Snapshot(previous);
        },
        onError: async (error, vars, snapshot, mutation) =>
        {
            if (snapshot is Snapshot { Previous: { } previous }) mutation.Client.SetQueryData([""todos"", vars.Id], previous);
            Toasts.Error(""Could not save"");
            await Task.Yield();
        },
        onSettled: (data, error, vars, snapshot, mutation) => mutation.Client.InvalidateQueries(new QueryFilters { QueryKey = [""todos""] }));";
        foreach (var (oldText, newText) in replace)
        {
            if (!members.Contains(oldText, StringComparison.Ordinal)) throw new ArgumentException("Fragment not found: " + oldText);
            members = members.Replace(oldText, newText, StringComparison.Ordinal);
        }

        return StandInShapes.App(members);
    }

    [Fact]
    public async Task The_call_is_one_definition_and_every_rule_is_silent_on_the_canonical_pattern()
    {
        var model = Assert.Single(await ModelProbe.ModelsAsync(Canonical() + "\n" + StandInShapes.Library, StandInShapes.GlobalConfig, referenceRuntime: false));
        Assert.True(model.IsOptimistic);
        Assert.Equal(
            new[] { CallbackPhase.MutationFunction, CallbackPhase.Mutate, CallbackPhase.Error, CallbackPhase.Settled },
            model.Callbacks.Select(c => c.Phase).ToArray());
        Assert.Equal(new[] { "MutationFn", "OnMutate", "OnError", "OnSettled" }, model.Callbacks.Select(c => c.Name).ToArray());
        // Async from the parameter's delegate type; the context found by type before the trailing MutationContext.
        Assert.True(model.OnMutate!.IsAsyncTwin);
        Assert.True(Assert.Single(model.InPhase(CallbackPhase.Settled)).IsAsyncTwin); // Func<…, Task> here, unlike the options' Action
        var onError = Assert.Single(model.InPhase(CallbackPhase.Error));
        Assert.Equal("snapshot", onError.ContextParameter?.Name);
        Assert.Equal("vars", onError.VariablesParameter?.Name);

        Assert.Empty(await RunAllAsync(Canonical()));
    }

    [Fact]
    public async Task A_method_the_map_does_not_list_is_not_a_definition_and_the_options_overload_is_its_options()
    {
        // The options overload: one definition, the options creation (with the mutation function argument), not two.
        var model = Assert.Single(await ModelProbe.ModelsAsync(StandInShapes.Canonical() + "\n" + StandInShapes.Library, StandInShapes.GlobalConfig, referenceRuntime: false));
        Assert.IsAssignableFrom<Microsoft.CodeAnalysis.Operations.IObjectCreationOperation>(model.Creation);

        // An unlisted method with an onMutate parameter that writes without a rollback: nothing is reported.
        await VerifyAsync<MissingRollbackAnalyzer>(StandInShapes.App(@"
    public object Other(Func<TodoInput, MutationContext, Task<object?>> onMutate) => onMutate;

    public object Define() => Other(onMutate: async (input, mutation) =>
    {
        mutation.Client.SetQueryData(new QueryKey(""todos"", input.Id), new Todo(input.Id, input.Title));
        await Task.Yield();
        return null;
    });"));
    }

    [Fact]
    public Task OPT001_a_read_before_the_cancel_is_reported() =>
        VerifyAsync<CancelBeforeOptimisticWriteAnalyzer>(Canonical(
            ("            mutation.Client.CancelQueries(new QueryFilters { QueryKey = [\"todos\", input.Id] });\n", string.Empty),
            ("var previous = mutation.Client.GetQueryData<Todo>(new QueryKey(\"todos\", input.Id));", "var previous = [|mutation.Client.GetQueryData<Todo>(new QueryKey(\"todos\", input.Id))|];")));

    [Fact]
    public Task OPT002_onError_without_the_restore_is_reported_at_the_onMutate_argument_name() =>
        VerifyAsync<MissingRollbackAnalyzer>(
            Canonical(
                ("        onMutate: async", "        {|#0:onMutate|}: async"),
                ("            if (snapshot is Snapshot { Previous: { } previous }) mutation.Client.SetQueryData([\"todos\", vars.Id], previous);\n", string.Empty)),
            CSharpAnalyzerVerifier<MissingRollbackAnalyzer>.Diagnostic("OPT002").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("new QueryKey(\"todos\", input.Id)"));

    [Fact]
    public Task OPT002_no_onError_argument_is_reported() =>
        VerifyAsync<MissingRollbackAnalyzer>(Canonical(
            ("        onMutate: async", "        [|onMutate|]: async"),
            ("        onError: async (error, vars, snapshot, mutation) =>\n        {\n            if (snapshot is Snapshot { Previous: { } previous }) mutation.Client.SetQueryData([\"todos\", vars.Id], previous);\n            Toasts.Error(\"Could not save\");\n            await Task.Yield();\n        },\n", string.Empty)));

    [Fact]
    public Task OPT005_a_create_verb_in_the_mutation_function_argument_is_reported() =>
        VerifyAsync<OptimisticCreateOrDeleteAnalyzer>(
            Canonical(("        (input, ct) => api.UpdateTodoAsync(input, ct),", "        {|#0:(input, ct) => api.CreateTodoAsync(input, ct)|},")),
            CSharpAnalyzerVerifier<OptimisticCreateOrDeleteAnalyzer>.Diagnostic("OPT005").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("create", "it calls 'CreateTodoAsync'").WithSeverity(DiagnosticSeverity.Info));

    [Fact]
    public Task OPT006_no_onSettled_argument_is_reported_at_onMutate() =>
        VerifyAsync<InvalidateInOnSettledAnalyzer>(Canonical(
            ("        onMutate: async", "        [|onMutate|]: async"),
            ("        },\n        onSettled: (data, error, vars, snapshot, mutation) => mutation.Client.InvalidateQueries(new QueryFilters { QueryKey = [\"todos\"] }));", "        });")));
}
