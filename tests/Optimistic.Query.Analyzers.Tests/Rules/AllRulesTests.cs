using Microsoft.CodeAnalysis.Diagnostics;
using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;

namespace Optimistic.Query.Analyzers.Tests.Rules;

/// <summary>Every rule together: silent on the canonical example, and never throwing on code mid-edit.</summary>
public class AllRulesTests
{
    private static DiagnosticAnalyzer[] All() => new DiagnosticAnalyzer[]
    {
        new CancelBeforeOptimisticWriteAnalyzer(),
        new MissingRollbackAnalyzer(),
        new SnapshotStoredOutsideContextAnalyzer(),
        new SuccessToastInOptimisticMutationAnalyzer(),
        new OptimisticCreateOrDeleteAnalyzer(),
        new InvalidateInOnSettledAnalyzer(),
        new MismatchedKeyAnalyzer(),
        new SnapshotAfterWriteAnalyzer(),
        new UntypedSnapshotAnalyzer(),
        new CascadeMutationAnalyzer(),
        new TaskDiscardedInSyncCallbackAnalyzer(),
    };

    [Fact]
    public async Task Canonical_example_is_silent_for_every_rule()
    {
        Assert.Empty(await AnalyzerRunner.RunAsync(All(), RuleSources.Canonical));
        Assert.Empty(await AnalyzerRunner.RunAsync(All(), RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(Keys.Todo(input.Id));
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(previous);
        },
        OnError = (error, vars, context) =>
        {
            if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(vars.Id), previous);
        },
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });")));
    }

    [Fact]
    public async Task Canonical_example_in_CSharp9_is_silent_for_every_rule() =>
        Assert.Empty(await AnalyzerRunner.RunAsync(All(), RuleSources.Canonical, Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp9));

    [Fact]
    public async Task Every_prefix_of_a_mutation_definition_analyzes_without_exceptions()
    {
        // Typing the definition character by character: every truncation is analyzed (AD0001 throws in the runner).
        var source = RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = api.CreateTodoAsync,
        Kind = MutationKind.Create,
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(Keys.Todo(input.Id));
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(previous);
        },
        OnError = (error, vars, context) =>
        {
            if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(vars.Id), previous);
        },
        OnSuccess = (d, v, c) => toaster.Success(""ok""),
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });");
        var start = source.IndexOf("public object Define()", StringComparison.Ordinal);
        var analyzers = All();
        for (var end = start; end <= source.Length; end += 9)
        {
            var diagnostics = await AnalyzerRunner.RunAsync(analyzers, source.Substring(0, end));
            Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        }

        // The whole definition, once typed, is an optimistic create with a success toast: the rules are live here.
        var complete = await AnalyzerRunner.RunAsync(analyzers, source);
        Assert.Contains(complete, d => d.Id == "OPT004");
        Assert.Contains(complete, d => d.Id == "OPT005");
    }

    [Fact]
    public async Task Broken_members_analyze_without_exceptions()
    {
        string[] fragments =
        {
            "OnMutate = ,",
            "OnMutate = null,",
            "OnMutate = default,",
            "OnMutate = input => ,",
            "OnMutate = (a, b, c) => null,",
            "OnMutate = Undefined,",
            "OnMutate = input => { client.SetQueryData(, 1); return null; },",
            "OnMutate = input => { client.SetQueryData<Todo>(Keys.Todo(input.Id)); return null; },",
            "OnMutateAsync = async input => { await client.CancelQueriesAsync(); client.UpdateQueryData<Todo>(); return null; },",
            "OnMutate = input => { Todo? x = client.GetQueryData<Todo>(QueryKey.Create(input.Id, )); s_x = x; return null; },",
            "OnError = (e, v) => client.SetQueryData(Keys.Todo(v.Id), null),",
            "OnSuccess = (d, v, c) => c.Previous.Undo(),",
            "Kind = (MutationKind)7,",
            "Kind = ,",
            "MutationFn = (input, ct) => ,",
            "MutationFn = input => api.DeleteTodoAsync(input),",
            "Undefined = 3,",
        };
        foreach (var fragment in fragments)
        {
            var source = RuleSources.InViewModel(@"
    private static object? s_x;
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutate = input => { client.SetQueryData(Keys.Todo(input.Id), new Todo(1, """")); return new Snapshot<Todo>(null); },
        " + fragment + @"
    });");
            var diagnostics = await AnalyzerRunner.RunAsync(All(), source);
            Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        }
    }

    [Fact]
    public async Task Without_annotations_nothing_is_registered()
    {
        Assert.Empty(await AnalyzerRunner.RunAsync(All(), RuleSources.LookAlikes, referenceRuntime: false));
    }
}
