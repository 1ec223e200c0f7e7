using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Optimistic.Query.CodeFixes;

namespace Optimistic.Query.Analyzers.Tests.Fixes;

public class OPT009FixTests
{
    [Fact]
    public Task Type_argument_becomes_the_written_type() =>
        new CSharpCodeFixVerifier<UntypedSnapshotAnalyzer, UseQueryTypeCodeFixProvider>.Test
        {
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
            FixedCode = RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(Keys.Todo(input.Id));
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id)) as Todo;
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
    public Task Type_argument_becomes_the_fetched_type_for_dynamic_in_all_scopes() =>
        new CSharpCodeFixVerifier<UntypedSnapshotAnalyzer, UseQueryTypeCodeFixProvider>.Test
        {
            TestCode = Fetched("[|dynamic|]", "[|object|]"),
            FixedCode = Fetched("NotificationsPage", "NotificationsPage"),
        }.RunAsync();

    [Fact]
    public Task No_fix_when_the_type_is_not_shown() =>
        new CSharpCodeFixVerifier<UntypedSnapshotAnalyzer, UseQueryTypeCodeFixProvider>.Test
        {
            TestCode = Unknown,
            FixedCode = Unknown,
        }.RunAsync();

    private static string Fetched(string first, string second) => RuleSources.InViewModel(@"
    public Task<NotificationsPage> LoadAsync() => client.FetchQueryAsync<NotificationsPage>(notificationsKey, ct => Task.FromResult(new NotificationsPage(Array.Empty<Notification>())));

    public object Define() => client.CreateMutation(new MutationOptions<MarkAsReadInput, Unit, Snapshot<object>>
    {
        OnMutate = input =>
        {
            object? previous = client.GetQueryData<" + first + @">(notificationsKey);
            object? again = client.GetQueryData<" + second + @">(notificationsKey);
            client.SetQueryData(notificationsKey, again);
            return new Snapshot<object>(previous);
        },
    });");

    private static readonly string Unknown = RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<MarkAsReadInput, Unit, Snapshot<object>>
    {
        OnMutate = input =>
        {
            var previous = client.GetQueryData<[|object|]>(notificationsKey);
            client.SetQueryData(notificationsKey, previous);
            return new Snapshot<object>(previous);
        },
    });");
}
