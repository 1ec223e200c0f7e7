using Microsoft.CodeAnalysis.Testing;
using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Optimistic.Query.CodeFixes;
using Verify = Optimistic.Query.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    Optimistic.Query.Analyzers.Rules.TaskDiscardedInSyncCallbackAnalyzer,
    Optimistic.Query.CodeFixes.UseAsyncTwinCodeFixProvider>;

namespace Optimistic.Query.Analyzers.Tests.Fixes;

public class OPT012FixTests
{
    [Fact]
    public Task Expression_lambda_only_renames_the_property() =>
        Verify.VerifyCodeFixAsync(
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
        OnSettled = (data, error, vars, context) => [|client.InvalidateQueriesAsync(Keys.Todo(vars.Id))|],
    });"),
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
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });"));

    [Fact]
    public Task Discard_expression_body_returns_the_task() =>
        Verify.VerifyCodeFixAsync(
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
        OnSettled = (data, error, vars, context) => _ = [|client.InvalidateQueriesAsync(Keys.Todo(vars.Id))|],
    });"),
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
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });"));

    [Fact]
    public Task Only_statement_of_a_block_is_returned() =>
        Verify.VerifyCodeFixAsync(
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
        OnSettled = (data, error, vars, context) =>
        {
            [|client.InvalidateQueriesAsync(Keys.Todo(vars.Id))|];
        },
    });"),
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
        OnSettledAsync = (data, error, vars, context) =>
        {
            return client.InvalidateQueriesAsync(Keys.Todo(vars.Id));
        },
    });"));

    [Fact]
    public Task Several_statements_become_an_async_lambda_awaiting_every_discarded_call_in_one_edit() =>
        Verify.VerifyCodeFixAsync(
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
        OnSettled = (data, error, vars, context) =>
        {
            Console.WriteLine(vars.Id);
            [|client.InvalidateQueriesAsync(Keys.Todo(vars.Id))|];
            if (error is not null) _ = [|client.InvalidateTagsAsync(""Todo"")|];
        },
    });"),
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
        OnSettledAsync = async (data, error, vars, context) =>
        {
            Console.WriteLine(vars.Id);
            await client.InvalidateQueriesAsync(Keys.Todo(vars.Id));
            if (error is not null) await client.InvalidateTagsAsync(""Todo"");
        },
    });"));

    [Fact]
    public Task Sync_OnMutate_becomes_async_OnMutateAsync() =>
        Verify.VerifyCodeFixAsync(
            RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Unit>
    {
        OnMutate = input => { [|api.UpdateTodoAsync(input, CancellationToken.None)|]; return Unit.Value; },
    });"),
            RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Unit>
    {
        OnMutateAsync = async input => { await api.UpdateTodoAsync(input, CancellationToken.None); return Unit.Value; },
    });"));

    [Fact]
    public Task Non_Task_awaitable_expression_body_is_awaited() =>
        Verify.VerifyCodeFixAsync(
            RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Unit>
    {
        OnSuccess = (data, input, context) => [|client.InvalidateQueriesAsync(Keys.Todo(input.Id)).ConfigureAwait(false)|],
    });"),
            RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Unit>
    {
        OnSuccessAsync = async (data, input, context) => await client.InvalidateQueriesAsync(Keys.Todo(input.Id)).ConfigureAwait(false),
    });"));

    [Fact]
    public Task FixAll_fixes_every_callback_of_every_definition() =>
        Verify.VerifyCodeFixAsync(
            RuleSources.InViewModel(@"
    public object One() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Unit>
    {
        OnSuccess = (data, input, context) => [|client.InvalidateQueriesAsync(Keys.Todo(input.Id))|],
        OnError = (error, input, context) => { [|client.InvalidateQueriesAsync(Keys.Todo(input.Id))|]; [|client.InvalidateTagsAsync(""Todo"")|]; },
    });

    public object Two() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Unit>
    {
        OnSettled = (data, error, input, context) => [|client.InvalidateQueriesAsync(Keys.Todo(input.Id))|],
    });"),
            RuleSources.InViewModel(@"
    public object One() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Unit>
    {
        OnSuccessAsync = (data, input, context) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
        OnErrorAsync = async (error, input, context) => { await client.InvalidateQueriesAsync(Keys.Todo(input.Id)); await client.InvalidateTagsAsync(""Todo""); },
    });

    public object Two() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Unit>
    {
        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
    });"));

    [Fact]
    public Task No_fix_for_a_twin_already_set_or_a_lock() =>
        new CSharpCodeFixVerifier<TaskDiscardedInSyncCallbackAnalyzer, UseAsyncTwinCodeFixProvider>.Test
        {
            TestCode = NoFix,
            FixedCode = NoFix,
        }.RunAsync();

    private static readonly string NoFix = RuleSources.InViewModel(@"
    private readonly object gate = new object();

    public object Both() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Unit>
    {
        OnSuccess = (data, input, context) => [|client.InvalidateQueriesAsync(Keys.Todo(input.Id))|],
        OnSuccessAsync = (data, input, context) => Task.CompletedTask,
    });

    public object Locked() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Unit>
    {
        OnError = (error, input, context) => { lock (gate) { [|client.InvalidateQueriesAsync(Keys.Todo(input.Id))|]; } },
    });");

    [Fact]
    public Task CSharp9_fix() =>
        new CSharpCodeFixVerifier<TaskDiscardedInSyncCallbackAnalyzer, UseAsyncTwinCodeFixProvider>.Test
        {
            LanguageVersion = Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp9,
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
        OnSettled = (data, error, vars, context) => [|client.InvalidateQueriesAsync(Keys.Todo(vars.Id))|],
    });"),
            FixedCode = RuleSources.InViewModel(@"
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
    });"),
            CodeActionEquivalenceKey = UseAsyncTwinCodeFixProvider.Key,
        }.RunAsync();
}
