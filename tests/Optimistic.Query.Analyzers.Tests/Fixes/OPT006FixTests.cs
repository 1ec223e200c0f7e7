using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Rules;
using Optimistic.Query.Analyzers.Tests.Verification;
using Optimistic.Query.CodeFixes;
using Verify = Optimistic.Query.Analyzers.Tests.Verification.CSharpCodeFixVerifier<
    Optimistic.Query.Analyzers.Rules.InvalidateInOnSettledAnalyzer,
    Optimistic.Query.CodeFixes.InvalidateInOnSettledCodeFixProvider>;

namespace Optimistic.Query.Analyzers.Tests.Fixes;

public class OPT006FixTests
{
    private const string Settled = "        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),\n";
    private const string Added = "        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),\n";
    private static readonly (string, string) Mark = ("OnMutateAsync = async input =>", "[|OnMutateAsync|] = async input =>");

    [Fact]
    public Task Missing_OnSettled_is_added_with_the_OnMutate_variables_name() =>
        Verify.VerifyCodeFixAsync(RuleSources.TodoUpdate((Settled, ""), Mark), RuleSources.TodoUpdate((Settled, Added)));

    [Fact]
    public Task Success_only_invalidation_moves_to_OnSettled() =>
        Verify.VerifyCodeFixAsync(
            RuleSources.TodoUpdate((Settled, "        [|OnSuccessAsync|] = (data, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),\n")),
            RuleSources.TodoUpdate((Settled, Added)));

    [Fact]
    public Task Sync_OnSettled_becomes_async_OnSettledAsync_with_the_awaited_invalidation() =>
        Verify.VerifyCodeFixAsync(
            RuleSources.TodoUpdate((Settled, "        OnSettled = (data, error, vars, context) => Console.WriteLine(vars.Id),\n"), Mark),
            RuleSources.TodoUpdate((Settled, "        OnSettledAsync = async (data, error, vars, context) => { Console.WriteLine(vars.Id); await client.InvalidateQueriesAsync(Keys.Todo(vars.Id)); },\n")));

    [Fact]
    public Task Async_OnSettled_is_extended() =>
        Verify.VerifyCodeFixAsync(
            RuleSources.TodoUpdate(
                (Settled, "        OnSettledAsync = async (data, error, vars, context) =>\n        {\n            await client.InvalidateQueriesAsync(QueryKey.Create(\"stats\"));\n        },\n"),
                Mark),
            RuleSources.TodoUpdate((Settled, "        OnSettledAsync = async (data, error, vars, context) =>\n        {\n            await client.InvalidateQueriesAsync(QueryKey.Create(\"stats\"));\n            await client.InvalidateQueriesAsync(Keys.Todo(vars.Id));\n        },\n")));

    [Fact]
    public Task Non_async_OnSettledAsync_expression_is_awaited_then_extended() =>
        Verify.VerifyCodeFixAsync(
            RuleSources.TodoUpdate((Settled, "        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(QueryKey.Create(\"stats\")),\n"), Mark),
            RuleSources.TodoUpdate((Settled, "        OnSettledAsync = async (data, error, vars, context) => { await client.InvalidateQueriesAsync(QueryKey.Create(\"stats\")); await client.InvalidateQueriesAsync(Keys.Todo(vars.Id)); },\n")));

    [Fact]
    public Task No_fix_when_the_key_uses_a_local_of_OnMutate() =>
        new CodeFixTest<InvalidateInOnSettledAnalyzer, InvalidateInOnSettledCodeFixProvider>
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
