using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Verify = Optimistic.Query.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Optimistic.Query.Analyzers.Rules.CascadeMutationAnalyzer>;

namespace Optimistic.Query.Analyzers.Tests.Rules;

public class OPT010Tests
{
    [Fact]
    public Task Canonical_example_is_silent() => Verify.VerifyAnalyzerAsync(RuleSources.Canonical);

    [Fact]
    public Task One_key_written_twice_is_silent() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(Keys.Todo(input.Id));
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            client.UpdateQueryData<Todo>(Keys.Todo(input.Id), t => t);
            return new Snapshot<Todo>(previous);
        },
        OnError = (error, vars, context) =>
        {
            if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(vars.Id), previous);
        },
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });"));

    [Fact]
    public Task A_second_unrelated_key_is_a_suggestion_at_its_write() =>
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
            {|#0:client.SetQueryData(QueryKey.Create(""stats""), 1)|};
            return new Snapshot<Todo>(previous);
        },
        OnError = (error, vars, context) =>
        {
            if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(vars.Id), previous);
        },
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });"),
            Verify.Diagnostic("OPT010").WithLocation(0).WithArguments("QueryKey.Create(\"stats\")", "Keys.Todo(input.Id)").WithSeverity(DiagnosticSeverity.Info));

    [Fact]
    public Task A_list_and_one_of_its_items_are_two_entries() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutate = input =>
        {
            client.SetQueryData(QueryKey.Create(""todos"", 1), new Todo(1, input.Title));
            [|client.UpdateQueryData<List<Todo>>(QueryKey.Create(""todos""), list => list)|];
            [|client.SetQueryData(QueryKey.Create(""users"", 1), ""x"")|];
            client.SetQueryData(QueryKey.Create(""users"", 1), ""y"");
            return new Snapshot<Todo>(null);
        },
    });"));

    [Fact]
    public Task Unknown_and_same_keys_are_silent() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    private readonly QueryKey todoOne = QueryKey.Create(""todos"", 1);

    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutate = input =>
        {
            client.SetQueryData(Keys.Todo(1), new Todo(1, input.Title));
            client.SetQueryData(todoOne, new Todo(1, input.Title));
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            client.SetQueryData(KeyOf(input), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(null);
        },
    });

    private static QueryKey KeyOf(TodoInput input) => input.Id > 0 ? Keys.Todo(input.Id) : QueryKey.Create(""todos"");"));

    [Fact]
    public Task Local_function_and_method_group_forms_are_analyzed() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Define()
    {
        return client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
        {
            OnMutate = Mutate,
        });

        Snapshot<Todo> Mutate(TodoInput input)
        {
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            [|client.SetQueryData(QueryKey.Create(""stats""), 1)|];
            return new Snapshot<Todo>(null);
        }
    }

    public object Group() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutateAsync = MutateAsync,
    });

    private async Task<Snapshot<Todo>> MutateAsync(TodoInput input)
    {
        await client.CancelQueriesAsync(QueryKey.Create(""todos""));
        client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
        [|client.SetQueryData(notificationsKey, new NotificationsPage(Array.Empty<Notification>()))|];
        return new Snapshot<Todo>(null);
    }"));

    [Fact]
    public Task Writes_in_other_callbacks_are_not_a_cascade() =>
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
        OnSuccess = (data, vars, context) => client.SetQueryData(QueryKey.Create(""stats""), 1),
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });"));

    [Fact]
    public Task Wrapper_keys_are_analyzed() =>
        new CSharpAnalyzerVerifier<CascadeMutationAnalyzer>.Test
        {
            ReferenceRuntime = false,
            TestCode = RuleSources.Wrapper + @"
public sealed class Screen
{
    private readonly Wrapper.Cache cache = new Wrapper.Cache();

    public object Define() => new Wrapper.Options(OnMutate: id => { cache.Put(""a"", 1); [|cache.Put(""b"", 2)|]; return null; });
}",
        }.RunAsync();

    [Fact]
    public Task Look_alike_types_are_silent() => Verify.VerifyAnalyzerAsync(RuleSources.LookAlikes);

    [Fact]
    public Task CSharp9_sources_are_analyzed() =>
        new CSharpAnalyzerVerifier<CascadeMutationAnalyzer>.Test
        {
            LanguageVersion = LanguageVersion.CSharp9,
            TestCode = RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(Keys.Todo(input.Id));
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            [|client.SetQueryData(QueryKey.Create(""stats""), 1)|];
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
        new CSharpAnalyzerVerifier<CascadeMutationAnalyzer>.Test
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
            client.SetQueryData(QueryKey.Create(""stats""), 1);
            return new Snapshot<Todo>(previous);
        },
        OnError = (error, vars, context) =>
        {
            if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(vars.Id), previous);
        },
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });"),
            EditorConfig = "[*.cs]\ndotnet_diagnostic.OPT010.severity = none",
        }.RunAsync();
}
