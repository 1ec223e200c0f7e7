using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Verify = Optimistic.Query.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Optimistic.Query.Analyzers.Rules.SnapshotAfterWriteAnalyzer>;

namespace Optimistic.Query.Analyzers.Tests.Rules;

public class OPT008Tests
{
    [Fact]
    public Task Canonical_example_is_silent() => Verify.VerifyAnalyzerAsync(RuleSources.Canonical);

    [Fact]
    public Task Snapshot_before_the_write_is_silent() => Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
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
    public Task Snapshot_after_the_write_is_reported_at_the_write() =>
        Verify.VerifyAnalyzerAsync(
            RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(Keys.Todo(input.Id));
            {|#0:client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title))|};
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            return new Snapshot<Todo>(previous);
        },
        OnError = (error, vars, context) =>
        {
            if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(vars.Id), previous);
        },
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });"),
            Verify.Diagnostic("OPT008").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("Keys.Todo(input.Id)").WithSeverity(DiagnosticSeverity.Warning));

    [Fact]
    public Task Patch_then_snapshot_through_a_local_key_is_reported() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutate = input =>
        {
            var key = Keys.Todo(input.Id);
            [|client.UpdateQueryData<Todo>(key, t => t with { Title = input.Title })|];
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            return new Snapshot<Todo>(previous);
        },
    });"));

    [Fact]
    public Task Write_in_a_branch_before_the_snapshot_is_reported_but_not_in_the_other_branch() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutate = input =>
        {
            if (input.Id > 0) [|client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title))|];
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            return new Snapshot<Todo>(previous);
        },
    });

    public object Branches() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutate = input =>
        {
            Todo? previous = null;
            if (input.Id > 0) client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            else previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            return new Snapshot<Todo>(previous);
        },
    });"));

    [Fact]
    public Task Snapshot_of_another_or_unknown_key_after_the_write_is_silent() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(Keys.Todo(input.Id));
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id + 1));
            var other = client.GetQueryData<Todo>(KeyOf(input));
            return new Snapshot<Todo>(previous ?? other);
        },
        OnError = (error, vars, context) =>
        {
            if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(vars.Id), previous);
        },
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });

    private static QueryKey KeyOf(TodoInput input) => input.Id > 0 ? Keys.Todo(input.Id) : QueryKey.Create(""todos"");"));

    [Fact]
    public Task Updater_and_nested_lambdas_are_not_reads() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutate = input =>
        {
            client.SetQueryData<Todo>(Keys.Todo(input.Id), old => old is null ? null : old with { Title = input.Title });
            Func<Todo?> later = () => client.GetQueryData<Todo>(Keys.Todo(input.Id));
            return new Snapshot<Todo>(later());
        },
    });"));

    [Fact]
    public Task Method_group_and_local_function_callbacks_are_analyzed() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Define()
    {
        return client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
        {
            OnMutateAsync = MutateAsync,
        });

        async Task<Snapshot<Todo>> MutateAsync(TodoInput input)
        {
            await client.CancelQueriesAsync(Keys.Todo(input.Id));
            [|client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title))|];
            return new Snapshot<Todo>(client.GetQueryData<Todo>(Keys.Todo(input.Id)));
        }
    }

    public object Group() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutate = Mutate,
    });

    private Snapshot<Todo> Mutate(TodoInput input)
    {
        [|client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title))|];
        var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
        return new Snapshot<Todo>(previous);
    }"));

    [Fact]
    public Task Wrapper_with_expression_is_analyzed() =>
        new CSharpAnalyzerVerifier<SnapshotAfterWriteAnalyzer>.Test
        {
            ReferenceRuntime = false,
            TestCode = RuleSources.Wrapper + @"
public sealed class Screen
{
    private readonly Wrapper.Cache cache = new Wrapper.Cache();
    private static readonly Wrapper.Options s_base = new Wrapper.Options();

    public object Define() => s_base with
    {
        OnMutate = id => { [|cache.Put(id, ""new"")|]; return cache.Get(id); },
    };
}",
        }.RunAsync();

    [Fact]
    public Task Look_alike_types_are_silent() => Verify.VerifyAnalyzerAsync(RuleSources.LookAlikes);

    [Fact]
    public Task CSharp9_sources_are_analyzed() =>
        new CSharpAnalyzerVerifier<SnapshotAfterWriteAnalyzer>.Test
        {
            LanguageVersion = LanguageVersion.CSharp9,
            TestCode = RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(Keys.Todo(input.Id));
            [|client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title))|];
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
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
        new CSharpAnalyzerVerifier<SnapshotAfterWriteAnalyzer>.Test
        {
            TestCode = RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(Keys.Todo(input.Id));
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            return new Snapshot<Todo>(previous);
        },
        OnError = (error, vars, context) =>
        {
            if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(vars.Id), previous);
        },
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });"),
            EditorConfig = "[*.cs]\ndotnet_diagnostic.OPT008.severity = none",
        }.RunAsync();
}
