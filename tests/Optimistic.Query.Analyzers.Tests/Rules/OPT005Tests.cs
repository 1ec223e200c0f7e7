using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Optimistic.Query.Analyzers.Model;
using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Verify = Optimistic.Query.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Optimistic.Query.Analyzers.Rules.OptimisticCreateOrDeleteAnalyzer>;

namespace Optimistic.Query.Analyzers.Tests.Rules;

public class OPT005Tests
{
    [Fact]
    public Task Canonical_example_is_silent() => Verify.VerifyAnalyzerAsync(RuleSources.Canonical);

    [Fact]
    public Task Kind_Create_is_a_warning_at_the_Kind_name() =>
        Verify.VerifyAnalyzerAsync(
            RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        {|#0:Kind|} = MutationKind.Create,
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
    });"),
            Verify.Diagnostic("OPT005").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithSeverity(DiagnosticSeverity.Warning)
                .WithArguments("create", "'Kind = MutationKind.Create'"));

    [Fact]
    public Task Kind_Delete_is_a_warning() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        {|#0:Kind|} = MutationKind.Delete,
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
    });"),
            Verify.Diagnostic("OPT005").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("delete", "'Kind = MutationKind.Delete'").WithSeverity(DiagnosticSeverity.Warning));

    [Fact]
    public Task Kind_Update_is_authoritative_over_the_verb() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.DeleteTodoAsync(input, ct),
        Kind = MutationKind.Update,
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
    });"));

    [Fact]
    public Task Create_verb_is_a_suggestion_at_the_MutationFn_name() =>
        Verify.VerifyAnalyzerAsync(
            RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        {|#0:MutationFn|} = (input, ct) => api.CreateTodoAsync(input, ct),
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
    });"),
            Verify.Diagnostic("OPT005").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithSeverity(DiagnosticSeverity.Info)
                .WithArguments("create", "it calls 'CreateTodoAsync'"));

    [Fact]
    public Task Delete_verbs_in_async_lambdas_blocks_and_method_groups_are_suggestions() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Lambda() => Define(async (input, ct) => await api.RemoveAsync(input, ct).ConfigureAwait(false), 0);
    public object Block() => Define((input, ct) => { Console.WriteLine(input); return api.KickUserAsync(input, ct); }, 1);
    public object Group() => Define(api.DeleteTodoAsync, 2);

    private object Define(Func<TodoInput, CancellationToken, Task<Unit>> fn, int which) => which switch
    {
        0 => client.CreateMutation(new MutationOptions<TodoInput, Unit, Unit>
        {
            {|#0:MutationFn|} = async (input, ct) => await api.RemoveAsync(input, ct).ConfigureAwait(false),
            OnMutate = input => { client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title)); return Unit.Value; },
        }),
        1 => client.CreateMutation(new MutationOptions<TodoInput, Unit, Unit>
        {
            {|#1:MutationFn|} = (input, ct) => { Console.WriteLine(input); return api.KickUserAsync(input, ct); },
            OnMutate = input => { client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title)); return Unit.Value; },
        }),
        _ => client.CreateMutation(new MutationOptions<TodoInput, Unit, Unit>
        {
            {|#2:MutationFn|} = api.DeleteTodoAsync,
            OnMutate = input => { client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title)); return Unit.Value; },
        }),
    };"),
            Verify.Diagnostic("OPT005").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithSeverity(DiagnosticSeverity.Info).WithArguments("delete", "it calls 'RemoveAsync'"),
            Verify.Diagnostic("OPT005").WithLocation(1).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithSeverity(DiagnosticSeverity.Info).WithArguments("delete", "it calls 'KickUserAsync'"),
            Verify.Diagnostic("OPT005").WithLocation(2).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithSeverity(DiagnosticSeverity.Info).WithArguments("delete", "it calls 'DeleteTodoAsync'"));

    [Fact]
    public Task Verbs_must_be_whole_words() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object A() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Unit>
    {
        MutationFn = (input, ct) => api.AddressAsync(input, ct),
        OnMutate = input => { client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title)); return Unit.Value; },
    });

    public object B() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Unit>
    {
        MutationFn = (input, ct) => api.AdditionalAsync(input, ct),
        OnMutate = input => { client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title)); return Unit.Value; },
    });"));

    [Theory]
    [InlineData("CreateTodoAsync", "Create")]
    [InlineData("AddAsync", "Add")]
    [InlineData("Delete", "Delete")]
    [InlineData("Remove_All", "Remove")]
    [InlineData("Insert2", "Insert")]
    [InlineData("Address", null)]
    [InlineData("Creates", null)]
    [InlineData("Removed", null)]
    [InlineData("PostTodo", null)]
    [InlineData("NewTodo", null)]
    [InlineData("Additional", null)]
    [InlineData("create", null)]
    public void Verb_matcher_matches_whole_PascalCase_words(string name, string? expected)
    {
        var verbs = VerbMatcher.DefaultCreateVerbs.AddRange(VerbMatcher.DefaultDeleteVerbs);
        Assert.Equal(expected, VerbMatcher.Match(name, verbs));
    }

    [Fact]
    public Task Non_optimistic_create_is_silent() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Unit>
    {
        MutationFn = (input, ct) => api.CreateTodoAsync(input, ct),
        Kind = MutationKind.Create,
        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(QueryKey.Create(""todos"")),
    });"));

    [Fact]
    public Task Configured_verbs_replace_the_defaults() =>
        new CSharpAnalyzerVerifier<OptimisticCreateOrDeleteAnalyzer>.Test
        {
            TestCode = RuleSources.InViewModel(@"
    public object Create() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Unit>
    {
        MutationFn = (input, ct) => api.CreateTodoAsync(input, ct),
        OnMutate = input => { client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title)); return Unit.Value; },
    });

    public object Post() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Unit>
    {
        {|#0:MutationFn|} = (input, ct) => api.AddressAsync(input, ct),
        OnMutate = input => { client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title)); return Unit.Value; },
    });"),
            EditorConfig = "[*.cs]\noptimistic_query.OPT005.create_verbs = Address, Post\noptimistic_query.OPT005.delete_verbs = Purge",
            ExpectedDiagnostics = { Verify.Diagnostic("OPT005").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithSeverity(DiagnosticSeverity.Info).WithArguments("create", "it calls 'AddressAsync'") },
        }.RunAsync();

    [Fact]
    public Task Severity_none_in_editorconfig_silences_both_forms() =>
        new CSharpAnalyzerVerifier<OptimisticCreateOrDeleteAnalyzer>.Test
        {
            TestCode = RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.CreateTodoAsync(input, ct),
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
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });"),
            EditorConfig = "[*.cs]\ndotnet_diagnostic.OPT005.severity = none",
        }.RunAsync();

    [Fact]
    public Task CSharp9_sources_are_analyzed() =>
        new CSharpAnalyzerVerifier<OptimisticCreateOrDeleteAnalyzer>.Test
        {
            LanguageVersion = LanguageVersion.CSharp9,
            TestCode = RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        [|Kind|] = MutationKind.Delete,
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
    });"),
        }.RunAsync();

    [Fact]
    public Task Look_alike_types_are_silent() => Verify.VerifyAnalyzerAsync(RuleSources.LookAlikes);

    [Fact]
    public async Task Properties_and_additional_locations_point_at_OnMutate_and_the_rollback()
    {
        var diagnostics = await AnalyzerRunner.RunAsync(
            new Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer[] { new OptimisticCreateOrDeleteAnalyzer() },
            RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.CreateTodoAsync(input, ct),
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
    });"));
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("Create", diagnostic.Properties[DiagnosticPropertyNames.MutationKind]);
        Assert.Equal("Verb", diagnostic.Properties[DiagnosticPropertyNames.DetectedBy]);
        Assert.Equal("Create", diagnostic.Properties[DiagnosticPropertyNames.Verb]);
        Assert.Equal("true", diagnostic.Properties[DiagnosticPropertyNames.HasSettledInvalidation]);
        Assert.Equal(2, diagnostic.AdditionalLocations.Count);
        Assert.StartsWith("OnMutateAsync =", Text(diagnostic.AdditionalLocations[0]));
        Assert.StartsWith("OnError =", Text(diagnostic.AdditionalLocations[1]));

        static string Text(Location location) => location.SourceTree!.GetText().ToString(location.SourceSpan);
    }
}
