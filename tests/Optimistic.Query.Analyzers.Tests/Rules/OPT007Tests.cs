using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Verify = Optimistic.Query.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Optimistic.Query.Analyzers.Rules.MismatchedKeyAnalyzer>;

namespace Optimistic.Query.Analyzers.Tests.Rules;

public class OPT007Tests
{
    [Fact]
    public Task Canonical_example_is_silent() => Verify.VerifyAnalyzerAsync(RuleSources.Canonical);

    [Fact]
    public Task Todo_update_with_keys_from_the_same_variables_is_silent() => Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
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
    public Task Cancel_of_another_key_is_reported_at_its_argument() =>
        Verify.VerifyAnalyzerAsync(
            RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync({|#0:QueryKey.Create(""users"")|});
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
            Verify.Diagnostic("OPT007").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("cancel", "QueryKey.Create(\"users\")", "Keys.Todo(input.Id)").WithSeverity(DiagnosticSeverity.Warning));

    [Fact]
    public Task Snapshot_of_another_key_is_reported() =>
        Verify.VerifyAnalyzerAsync(
            RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(Keys.Todo(input.Id));
            var previous = client.GetQueryData<Todo>({|#0:QueryKey.Create(""todo"", input.Id)|});
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(previous);
        },
        OnError = (error, vars, context) =>
        {
            if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(vars.Id), previous);
        },
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });"),
            Verify.Diagnostic("OPT007").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("snapshot", "QueryKey.Create(\"todo\", input.Id)", "Keys.Todo(input.Id)"));

    [Fact]
    public Task Rollback_and_invalidation_of_another_key_are_reported() =>
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
            if (context?.Previous is { } previous) client.SetQueryData([|QueryKey.Create(""todo"", vars.Id)|], previous);
        },
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync([|QueryKey.Create(""users"", vars.Id)|]),
    });"));

    [Fact]
    public Task Keys_are_followed_through_fields_properties_and_a_shared_builder() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    private readonly QueryKey pageKey = QueryKey.Create(""notifications"", ""page"", 1);
    private QueryKey OtherPage { get; } = QueryKey.Create(""notifications"", ""page"", 2);
    private static QueryKey Page(int page) => QueryKey.Create(""notifications"", ""page"", page);

    public object Define() => client.CreateMutation(new MutationOptions<MarkAsReadInput, Unit, Snapshot<NotificationsPage>>
    {
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(Page(1));
            var previous = client.GetQueryData<NotificationsPage>(pageKey);
            if (previous is not null) client.SetQueryData(notificationsKey, previous with { Notifications = MarkRead(previous.Notifications, input.NotificationId) });
            return new Snapshot<NotificationsPage>(previous);
        },
        OnError = (error, input, context) =>
        {
            if (context?.Previous is { } previous) client.SetQueryData([|OtherPage|], previous);
        },
        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync([|Page(3)|]),
    });"));

    [Fact]
    public Task Prefix_cancel_and_invalidation_that_cover_the_key_are_silent() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(QueryKey.Create(""todos""));
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(previous);
        },
        OnError = (error, vars, context) =>
        {
            if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(vars.Id), previous);
        },
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(QueryKey.Create(""todos"")),
    });"));

    [Fact]
    public Task Unknown_keys_are_silent() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(KeyOf(input));
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(previous);
        },
        OnError = (error, vars, context) =>
        {
            if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(vars.Id), previous);
        },
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Title.Length)),
    });

    private static QueryKey KeyOf(TodoInput input) => input.Id > 0 ? Keys.Todo(input.Id) : QueryKey.Create(""todos"");"));

    [Fact]
    public Task Extra_invalidation_of_a_related_query_beside_the_key_is_silent() =>
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
        OnSettledAsync = async (data, error, vars, context) =>
        {
            await client.InvalidateQueriesAsync(Keys.Todo(vars.Id));
            await client.InvalidateQueriesAsync(QueryKey.Create(""stats""));
        },
    });"));

    [Fact]
    public Task Reading_another_query_to_compute_the_patch_is_silent() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(Keys.Todo(input.Id));
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            var prefix = client.GetQueryData<string>(QueryKey.Create(""settings"")) ?? """";
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, prefix + input.Title));
            return new Snapshot<Todo>(previous);
        },
        OnError = (error, vars, context) =>
        {
            if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(vars.Id), previous);
        },
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });"));

    [Fact]
    public Task Sync_lambda_local_function_and_method_group_forms_are_analyzed() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Define()
    {
        return client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
        {
            OnMutate = Mutate,
            OnError = Restore,
            OnSettled = (data, error, vars, context) => _ = client.InvalidateQueriesAsync([|QueryKey.Create(""users"")|]),
        });

        Snapshot<Todo> Mutate(TodoInput input)
        {
            var previous = client.GetQueryData<Todo>([|QueryKey.Create(""users"", input.Id)|]);
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(previous);
        }
    }

    private void Restore(Exception error, TodoInput input, Snapshot<Todo>? context)
    {
        if (context?.Previous is { } previous) client.SetQueryData([|QueryKey.Create(""users"", input.Id)|], previous);
    }"));

    [Fact]
    public Task Non_optimistic_mutation_is_silent() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Unit>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(QueryKey.Create(""users"")),
    });"));

    [Fact]
    public Task With_expression_on_a_wrapper_is_analyzed() =>
        new CSharpAnalyzerVerifier<MismatchedKeyAnalyzer>.Test
        {
            ReferenceRuntime = false,
            TestCode = RuleSources.Wrapper + @"
public sealed class Screen
{
    private readonly Wrapper.Cache cache = new Wrapper.Cache();
    private static readonly Wrapper.Options s_base = new Wrapper.Options(MutationFn: (id, ct) => Task.FromResult(1));

    public object Define() => s_base with
    {
        OnMutate = id => { var previous = cache.Get(""todo""); cache.Put(""todo"", ""new""); return previous; },
        OnError = (e, id, context) => cache.Put([|""users""|], context),
    };
}",
        }.RunAsync();

    [Fact]
    public Task Look_alike_types_are_silent() => Verify.VerifyAnalyzerAsync(RuleSources.LookAlikes);

    [Fact]
    public Task CSharp9_sources_are_analyzed() =>
        new CSharpAnalyzerVerifier<MismatchedKeyAnalyzer>.Test
        {
            LanguageVersion = LanguageVersion.CSharp9,
            TestCode = RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync([|QueryKey.Create(""users"")|]);
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
    public Task Severity_none_in_editorconfig_silences() =>
        new CSharpAnalyzerVerifier<MismatchedKeyAnalyzer>.Test
        {
            TestCode = RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(QueryKey.Create(""users""));
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
            EditorConfig = "[*.cs]\ndotnet_diagnostic.OPT007.severity = none",
        }.RunAsync();

    [Fact]
    public async Task Properties_name_the_step_and_the_patched_key()
    {
        var diagnostics = await AnalyzerRunner.RunAsync(
            new Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer[] { new MismatchedKeyAnalyzer() },
            RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(QueryKey.Create(""users""));
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
        Assert.Equal("cancel", diagnostic.Properties[DiagnosticPropertyNames.Step]);
        Assert.Equal("Keys.Todo(input.Id)", diagnostic.Properties[DiagnosticPropertyNames.PatchedKeyText]);
        var patched = diagnostic.AdditionalLocations[0];
        Assert.Equal("Keys.Todo(input.Id)", patched.SourceTree!.GetText().ToString(patched.SourceSpan));
    }
}
