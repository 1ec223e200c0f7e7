using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Rules;
using Optimistic.Query.Analyzers.Tests.Verification;
using Optimistic.Query.CodeFixes;

namespace Optimistic.Query.Analyzers.Tests.Fixes;

public class OPT009FixTests
{
    private const string TypedSnapshot = "client.GetQueryData<Todo>(Keys.Todo(input.Id))";

    [Fact]
    public Task Type_argument_becomes_the_written_type() =>
        new CodeFixTest<UntypedSnapshotAnalyzer, UseQueryTypeCodeFixProvider>
        {
            TestCode = RuleSources.TodoUpdate((TypedSnapshot, "client.GetQueryData<[|object|]>(Keys.Todo(input.Id)) as Todo")),
            FixedCode = RuleSources.TodoUpdate((TypedSnapshot, "client.GetQueryData<Todo>(Keys.Todo(input.Id)) as Todo")),
        }.RunAsync();

    [Fact]
    public Task Type_argument_becomes_the_fetched_type_for_dynamic_in_all_scopes() =>
        new CodeFixTest<UntypedSnapshotAnalyzer, UseQueryTypeCodeFixProvider>
        {
            TestCode = Fetched("[|dynamic|]", "[|object|]"),
            FixedCode = Fetched("NotificationsPage", "NotificationsPage"),
        }.RunAsync();

    [Fact]
    public Task No_fix_when_the_type_is_not_shown() =>
        new CodeFixTest<UntypedSnapshotAnalyzer, UseQueryTypeCodeFixProvider>
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
