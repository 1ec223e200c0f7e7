using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Verify = Optimistic.Query.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Optimistic.Query.Analyzers.Rules.InvalidateInOnSettledAnalyzer>;

namespace Optimistic.Query.Analyzers.Tests.Rules;

public class OPT006Tests
{

    [Fact]
    public Task Canonical_example_is_silent() => Verify.VerifyAnalyzerAsync(RuleSources.Canonical);

    [Fact]
    public Task Todo_update_is_silent() => Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
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
    });"));

    [Fact]
    public Task Missing_OnSettled_is_reported_at_the_OnMutate_name() =>
        Verify.VerifyAnalyzerAsync(
            RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        {|#0:OnMutateAsync|} = async input =>
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
    });"),
            Verify.Diagnostic("OPT006").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
                .WithArguments("Keys.Todo(input.Id)", "nothing invalidates it once the mutation settles")
                .WithSeverity(DiagnosticSeverity.Warning));

    [Fact]
    public Task Success_only_invalidation_is_reported_at_the_OnSuccess_name() =>
        Verify.VerifyAnalyzerAsync(
            RuleSources.InViewModel(@"
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
        {|#0:OnSuccessAsync|} = (data, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });"),
            Verify.Diagnostic("OPT006").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("Keys.Todo(input.Id)", "only OnSuccess invalidates it"));

    [Fact]
    public Task Sync_OnSuccess_with_a_block_is_reported_at_its_name() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
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
        [|OnSuccess|] = (data, vars, context) =>
        {
            _ = client.InvalidateQueriesAsync(Keys.Todo(vars.Id));
        },
    });"));

    [Fact]
    public Task Error_only_invalidation_is_reported_at_the_OnMutate_name() =>
        Verify.VerifyAnalyzerAsync(
            RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        {|#0:OnMutateAsync|} = async input =>
        {
            await client.CancelQueriesAsync(Keys.Todo(input.Id));
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(previous);
        },
        OnError = (error, vars, context) =>
        {
            _ = client.InvalidateQueriesAsync(Keys.Todo(vars.Id));
        },
    });"),
            Verify.Diagnostic("OPT006").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("Keys.Todo(input.Id)", "only OnError invalidates it"));

    [Fact]
    public Task Invalidating_in_both_OnSuccess_and_OnError_is_silent() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
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
        OnErrorAsync = (error, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
        OnSuccessAsync = (data, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });"));

    [Fact]
    public Task RTK_style_invalidate_tags_on_error_and_on_success_is_silent() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
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
        OnErrorAsync = (error, vars, context) => client.InvalidateTagsAsync(""Todo""),
        OnSuccessAsync = (data, vars, context) => client.InvalidateTagsAsync(""Todo""),
    });"));

    [Fact]
    public Task Prefix_and_tag_invalidation_in_OnSettled_count() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Prefix() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutate = input => { client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title)); return new Snapshot<Todo>(null); },
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(QueryKey.Create(""todos"")),
    });

    public object Tags() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutate = input => { client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title)); return new Snapshot<Todo>(null); },
        OnSettledAsync = async (data, error, vars, context) => await client.InvalidateTagsAsync(QueryTag.Of(""Todo"", vars.Id)),
    });"));

    [Fact]
    public Task Invalidating_a_provably_different_key_is_reported() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        [|OnMutate|] = input => { client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title)); return new Snapshot<Todo>(null); },
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(QueryKey.Create(""users"")),
    });"));

    [Fact]
    public Task Settled_callback_calling_a_helper_of_the_compilation_is_silent() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    private QueryKey Current() => notificationsKey;

    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutate = input => { client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title)); return new Snapshot<Todo>(null); },
        OnSettled = (data, error, vars, context) => Touch(Current()),
    });

    private void Touch(QueryKey key) => _ = client.InvalidateQueriesAsync(key);"));

    [Fact]
    public Task Invalidating_an_unknown_key_is_silent() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    private QueryKey Current() => DateTime.Now.Second > 30 ? notificationsKey : Keys.Todo(1);

    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutate = input => { client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title)); return new Snapshot<Todo>(null); },
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Current()),
    });"));

    [Fact]
    public Task Method_group_and_local_function_settled_callbacks_are_analyzed() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Good()
    {
        return client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
        {
            OnMutate = input => { client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title)); return new Snapshot<Todo>(null); },
            OnSettledAsync = Settle,
        });

        Task Settle(Unit data, Exception? error, TodoInput vars, Snapshot<Todo>? context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id));
    }

    public object Bad() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        [|OnMutate|] = input => { client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title)); return new Snapshot<Todo>(null); },
        OnSettled = Log,
    });

    private void Log(Unit data, Exception? error, TodoInput vars, Snapshot<Todo>? context) => Console.WriteLine(vars.Id);"));

    [Fact]
    public Task Opaque_settled_callback_is_silent() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    private readonly Func<Unit, Exception?, TodoInput, Snapshot<Todo>?, Task> settle = (d, e, v, c) => Task.CompletedTask;

    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutate = input => { client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title)); return new Snapshot<Todo>(null); },
        OnSettledAsync = settle,
    });"));

    [Fact]
    public Task Non_optimistic_mutation_is_silent() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Unit>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnSuccess = (data, input, context) => Console.WriteLine(input.Id),
    });"));

    [Fact]
    public Task With_expression_that_does_not_set_OnSettled_is_silent() =>
        new CSharpAnalyzerVerifier<InvalidateInOnSettledAnalyzer>.Test
        {
            ReferenceRuntime = false,
            TestCode = RuleSources.Wrapper + @"
public sealed class Screen
{
    private readonly Wrapper.Cache cache = new Wrapper.Cache();
    private static readonly Wrapper.Options s_base = new Wrapper.Options();

    public object Inherits() => s_base with { OnMutate = id => { cache.Put(id, ""new""); return null; } };
}",
        }.RunAsync();

    [Fact]
    public Task Key_in_a_field_is_followed_to_its_initializer() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    private static readonly QueryKey s_todos = QueryKey.Create(""todos"", 1);

    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutate = input => { client.SetQueryData(Keys.Todo(1), new Todo(input.Id, input.Title)); return new Snapshot<Todo>(null); },
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(s_todos),
    });

    public object Other() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        [|OnMutate|] = input => { client.SetQueryData(Keys.Todo(2), new Todo(input.Id, input.Title)); return new Snapshot<Todo>(null); },
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(s_todos),
    });"));

    [Fact]
    public Task Invalidating_a_key_from_a_builder_that_resolves_to_another_key_is_reported() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    private QueryKey Current() => notificationsKey;

    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        [|OnMutate|] = input => { client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title)); return new Snapshot<Todo>(null); },
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Current()),
    });"));

    [Fact]
    public Task Wrapper_with_a_constructor_is_analyzed() =>
        new CSharpAnalyzerVerifier<InvalidateInOnSettledAnalyzer>.Test
        {
            ReferenceRuntime = false,
            TestCode = RuleSources.Wrapper + @"
public sealed class Screen
{
    private readonly Wrapper.Cache cache = new Wrapper.Cache();

    public object Define() => new Wrapper.Options(
        MutationFn: (id, ct) => Task.FromResult(1),
        [|OnMutate|]: id => { cache.Put(id, ""new""); return null; },
        OnError: (e, id, c) => { });
}",
        }.RunAsync();

    [Fact]
    public Task Look_alike_types_are_silent() => Verify.VerifyAnalyzerAsync(RuleSources.LookAlikes);

    [Fact]
    public Task CSharp9_sources_are_analyzed() =>
        new CSharpAnalyzerVerifier<InvalidateInOnSettledAnalyzer>.Test
        {
            LanguageVersion = LanguageVersion.CSharp9,
            TestCode = RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        [|OnMutateAsync|] = async input =>
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
    });"),
        }.RunAsync();

    [Fact]
    public Task Severity_none_in_editorconfig_silences() =>
        new CSharpAnalyzerVerifier<InvalidateInOnSettledAnalyzer>.Test
        {
            TestCode = RuleSources.InViewModel(@"
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
    });"),
            EditorConfig = "[*.cs]\ndotnet_diagnostic.OPT006.severity = none",
        }.RunAsync();

    [Fact]
    public async Task Properties_tell_the_fix_where_to_invalidate()
    {
        var diagnostics = await AnalyzerRunner.RunAsync(
            new Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer[] { new InvalidateInOnSettledAnalyzer() },
            RuleSources.InViewModel(@"
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
        OnSuccessAsync = (data, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });"));
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("Keys.Todo(input.Id)", diagnostic.Properties[DiagnosticPropertyNames.KeyText]);
        Assert.Equal("OnSuccessAsync", diagnostic.Properties[DiagnosticPropertyNames.InvalidatedIn]);
        Assert.Equal("OnSettledAsync", diagnostic.Properties[DiagnosticPropertyNames.SettledAsyncProperty]);
        Assert.Equal("InvalidateQueriesAsync", diagnostic.Properties[DiagnosticPropertyNames.InvalidateMethod]);
        Assert.Equal("client", diagnostic.Properties[DiagnosticPropertyNames.ReceiverText]);
        Assert.False(diagnostic.Properties.ContainsKey(DiagnosticPropertyNames.SettledCallbackProperty));
    }
}
