using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Optimistic.Query.CodeFixes;
using Verify = Optimistic.Query.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    Optimistic.Query.Analyzers.Rules.InvalidateInOnSettledAnalyzer,
    Optimistic.Query.CodeFixes.InvalidateInOnSettledCodeFixProvider>;

namespace Optimistic.Query.Analyzers.Tests.Fixes;

public class OPT006FixTests
{
    [Fact]
    public Task Missing_OnSettled_is_added_with_the_OnMutate_variables_name() =>
        Verify.VerifyCodeFixAsync(RuleSources.InViewModel(@"
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
        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
    });"));

    [Fact]
    public Task Success_only_invalidation_moves_to_OnSettled() =>
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
        [|OnSuccessAsync|] = (data, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
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
        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
    });"));

    [Fact]
    public Task Sync_OnSettled_becomes_async_OnSettledAsync_with_the_awaited_invalidation() =>
        Verify.VerifyCodeFixAsync(
            RuleSources.InViewModel(@"
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
        OnSettled = (data, error, vars, context) => Console.WriteLine(vars.Id),
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
        OnSettledAsync = async (data, error, vars, context) => { Console.WriteLine(vars.Id); await client.InvalidateQueriesAsync(Keys.Todo(vars.Id)); },
    });"));

    [Fact]
    public Task Async_OnSettled_is_extended() =>
        Verify.VerifyCodeFixAsync(
            RuleSources.InViewModel(@"
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
        OnSettledAsync = async (data, error, vars, context) =>
        {
            await client.InvalidateQueriesAsync(QueryKey.Create(""stats""));
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
            await client.InvalidateQueriesAsync(QueryKey.Create(""stats""));
            await client.InvalidateQueriesAsync(Keys.Todo(vars.Id));
        },
    });"));

    [Fact]
    public Task Non_async_OnSettledAsync_expression_is_awaited_then_extended() =>
        Verify.VerifyCodeFixAsync(
            RuleSources.InViewModel(@"
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
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(QueryKey.Create(""stats"")),
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
        OnSettledAsync = async (data, error, vars, context) => { await client.InvalidateQueriesAsync(QueryKey.Create(""stats"")); await client.InvalidateQueriesAsync(Keys.Todo(vars.Id)); },
    });"));

    [Fact]
    public Task No_fix_when_the_key_uses_a_local_of_OnMutate() =>
        new CSharpCodeFixVerifier<InvalidateInOnSettledAnalyzer, InvalidateInOnSettledCodeFixProvider>.Test
        {
            TestCode = LocalKey,
            FixedCode = LocalKey,
        }.RunAsync();

    private static readonly string LocalKey = RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        [|OnMutate|] = input =>
        {
            var key = Keys.Todo(input.Id);
            client.SetQueryData(key, new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(null);
        },
    });");

    [Fact]
    public Task FixAll_fixes_every_definition() =>
        Verify.VerifyCodeFixAsync(
            RuleSources.InViewModel(@"
    public object One() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        [|OnMutate|] = input => { client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title)); return new Snapshot<Todo>(null); },
    });

    public object Two() => client.CreateMutation(new MutationOptions<MarkAsReadInput, Unit, Snapshot<NotificationsPage>>
    {
        [|OnMutate|] = vars => { client.SetQueryData(notificationsKey, new NotificationsPage(Array.Empty<Notification>())); return new Snapshot<NotificationsPage>(null); },
    });"),
            RuleSources.InViewModel(@"
    public object One() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutate = input => { client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title)); return new Snapshot<Todo>(null); },
        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
    });

    public object Two() => client.CreateMutation(new MutationOptions<MarkAsReadInput, Unit, Snapshot<NotificationsPage>>
    {
        OnMutate = vars => { client.SetQueryData(notificationsKey, new NotificationsPage(Array.Empty<Notification>())); return new Snapshot<NotificationsPage>(null); },
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(notificationsKey),
    });"));
}
