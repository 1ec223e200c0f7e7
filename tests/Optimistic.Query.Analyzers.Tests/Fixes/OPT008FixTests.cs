using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Optimistic.Query.CodeFixes;
using Verify = Optimistic.Query.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    Optimistic.Query.Analyzers.Rules.SnapshotAfterWriteAnalyzer,
    Optimistic.Query.CodeFixes.MoveSnapshotBeforeWriteCodeFixProvider>;

namespace Optimistic.Query.Analyzers.Tests.Fixes;

public class OPT008FixTests
{
    [Fact]
    public Task Snapshot_moves_before_the_write() =>
        Verify.VerifyCodeFixAsync(RuleSources.InViewModel(@"
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
    });"), RuleSources.InViewModel(@"
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
    public Task Snapshot_moves_before_the_statement_holding_the_write_over_statements_it_does_not_use() =>
        Verify.VerifyCodeFixAsync(
            RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(Keys.Todo(input.Id));
            if (input.Id > 0) [|client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title))|];
            var unrelated = input.Title.Length;
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            return new Snapshot<Todo>(unrelated > 0 ? previous : null);
        },
        OnError = (error, vars, context) =>
        {
            if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(vars.Id), previous);
        },
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });"),
            RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(Keys.Todo(input.Id));
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            if (input.Id > 0) client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            var unrelated = input.Title.Length;
            return new Snapshot<Todo>(unrelated > 0 ? previous : null);
        },
        OnError = (error, vars, context) =>
        {
            if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(vars.Id), previous);
        },
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });"));

    [Fact]
    public Task No_fix_when_the_snapshot_uses_a_local_declared_in_between() =>
        new CSharpCodeFixVerifier<SnapshotAfterWriteAnalyzer, MoveSnapshotBeforeWriteCodeFixProvider>.Test
        {
            TestCode = Source,
            FixedCode = Source,
        }.RunAsync();

    private static readonly string Source = RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutate = input =>
        {
            [|client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title))|];
            var key = Keys.Todo(input.Id);
            var previous = client.GetQueryData<Todo>(key);
            return new Snapshot<Todo>(previous);
        },
    });");

    [Fact]
    public Task FixAll_moves_every_snapshot() =>
        Verify.VerifyCodeFixAsync(
            RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, (Todo?, Todo?)>
    {
        OnMutate = input =>
        {
            [|client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title))|];
            [|client.SetQueryData(Keys.Todo(0), new Todo(0, input.Title))|];
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            var zero = client.GetQueryData<Todo>(Keys.Todo(0));
            return (previous, zero);
        },
    });"),
            RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, (Todo?, Todo?)>
    {
        OnMutate = input =>
        {
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            var zero = client.GetQueryData<Todo>(Keys.Todo(0));
            client.SetQueryData(Keys.Todo(0), new Todo(0, input.Title));
            return (previous, zero);
        },
    });"));
}
