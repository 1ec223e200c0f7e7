using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Verify = Optimistic.Query.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Optimistic.Query.Analyzers.Rules.UntypedSnapshotAnalyzer>;

namespace Optimistic.Query.Analyzers.Tests.Rules;

public class OPT009Tests
{
    [Fact]
    public Task Canonical_example_is_silent() => Verify.VerifyAnalyzerAsync(RuleSources.Canonical);

    [Fact]
    public Task Typed_snapshot_is_silent() => Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
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
    public Task Object_snapshot_is_a_suggestion_at_the_type_argument() =>
        Verify.VerifyAnalyzerAsync(
            RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(Keys.Todo(input.Id));
            var previous = client.GetQueryData<{|#0:object|}>(Keys.Todo(input.Id)) as Todo;
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(previous);
        },
        OnError = (error, vars, context) =>
        {
            if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(vars.Id), previous);
        },
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });"),
            Verify.Diagnostic("OPT009").WithLocation(0).WithArguments("Keys.Todo(input.Id)", "object").WithSeverity(DiagnosticSeverity.Info));

    [Fact]
    public Task Dynamic_and_nullable_object_snapshots_are_reported() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<object>>
    {
        OnMutate = input =>
        {
            dynamic? previous = client.GetQueryData<[|dynamic|]>(Keys.Todo(input.Id));
            object? again = client.GetQueryData<[|object?|]>(Keys.Todo(input.Id));
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<object>(again ?? (object?)previous);
        },
    });"));

    [Fact]
    public Task Reads_outside_OnMutate_and_in_non_optimistic_mutations_are_silent() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Unit>
    {
        OnMutate = input =>
        {
            Console.WriteLine(client.GetQueryData<object>(Keys.Todo(input.Id)));
            return Unit.Value;
        },
        OnSuccess = (data, input, context) => Console.WriteLine(client.GetQueryData<object>(Keys.Todo(input.Id))),
    });"));

    [Fact]
    public async Task The_query_type_is_taken_from_a_write_of_the_same_key_in_the_definition()
    {
        var diagnostics = await Run(RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(Keys.Todo(input.Id));
            var previous = client.GetQueryData<object>(Keys.Todo(input.Id)) as Todo;
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(previous);
        },
        OnError = (error, vars, context) =>
        {
            if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(vars.Id), previous);
        },
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });"));
        Assert.Equal("Todo", Assert.Single(diagnostics).Properties[DiagnosticPropertyNames.QueryType]);
    }

    [Fact]
    public async Task The_query_type_is_taken_from_a_fetch_in_the_containing_type()
    {
        var diagnostics = await Run(RuleSources.InViewModel(@"
    public Task<NotificationsPage> LoadAsync() => client.FetchQueryAsync<NotificationsPage>(notificationsKey, ct => Task.FromResult(new NotificationsPage(Array.Empty<Notification>())));

    public object Define() => client.CreateMutation(new MutationOptions<MarkAsReadInput, Unit, Snapshot<object>>
    {
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(notificationsKey);
            var previous = client.GetQueryData<object>(notificationsKey);
            client.UpdateQueryData<object>(notificationsKey, page => page);
            return new Snapshot<object>(previous);
        },
    });"));
        Assert.Equal("NotificationsPage", Assert.Single(diagnostics).Properties[DiagnosticPropertyNames.QueryType]);
    }

    [Fact]
    public async Task No_query_type_when_the_compilation_does_not_show_one()
    {
        var diagnostics = await Run(RuleSources.InViewModel(@"
    public Task<NotificationsPage> LoadAsync() => client.FetchQueryAsync<NotificationsPage>(QueryKey.Create(""other""), ct => Task.FromResult(new NotificationsPage(Array.Empty<Notification>())));

    public object Define() => client.CreateMutation(new MutationOptions<MarkAsReadInput, Unit, Snapshot<object>>
    {
        OnMutate = input =>
        {
            var previous = client.GetQueryData<object>(notificationsKey);
            client.SetQueryData<object>(notificationsKey, previous);
            return new Snapshot<object>(previous);
        },
    });"));
        Assert.False(Assert.Single(diagnostics).Properties.ContainsKey(DiagnosticPropertyNames.QueryType));
    }

    [Fact]
    public Task Method_group_callback_is_analyzed() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<object>>
    {
        OnMutate = Mutate,
    });

    private Snapshot<object> Mutate(TodoInput input)
    {
        var previous = client.GetQueryData<[|object|]>(Keys.Todo(input.Id));
        client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
        return new Snapshot<object>(previous);
    }"));

    [Fact]
    public Task Look_alike_types_are_silent() => Verify.VerifyAnalyzerAsync(RuleSources.LookAlikes);

    [Fact]
    public Task CSharp9_sources_are_analyzed() =>
        new CSharpAnalyzerVerifier<UntypedSnapshotAnalyzer>.Test
        {
            LanguageVersion = LanguageVersion.CSharp9,
            TestCode = RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(Keys.Todo(input.Id));
            var previous = client.GetQueryData<[|object|]>(Keys.Todo(input.Id)) as Todo;
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
        new CSharpAnalyzerVerifier<UntypedSnapshotAnalyzer>.Test
        {
            TestCode = RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(Keys.Todo(input.Id));
            var previous = client.GetQueryData<object>(Keys.Todo(input.Id)) as Todo;
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(previous);
        },
        OnError = (error, vars, context) =>
        {
            if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(vars.Id), previous);
        },
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });"),
            EditorConfig = "[*.cs]\ndotnet_diagnostic.OPT009.severity = none",
        }.RunAsync();

    private static Task<System.Collections.Immutable.ImmutableArray<Diagnostic>> Run(string source) =>
        AnalyzerRunner.RunAsync(new Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer[] { new UntypedSnapshotAnalyzer() }, source);
}
