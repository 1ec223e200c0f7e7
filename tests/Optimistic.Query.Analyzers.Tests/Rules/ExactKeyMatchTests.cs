using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;

namespace Optimistic.Query.Analyzers.Tests.Rules;

/// <summary>
/// <c>exact:</c> on a cancel or an invalidation (positional or named): a constant <c>true</c> reaches only the same key;
/// <c>false</c>, absent, or not a constant (unknown, never reported) reaches the keys it is a prefix of.
/// Written key: <c>Keys.Todo(id)</c> = <c>QueryKey.Create("todos", id)</c>; prefix: <c>QueryKey.Create("todos")</c>.
/// </summary>
public class ExactKeyMatchTests
{
    private static string Update(string cancel, string error, string settled) => RuleSources.InViewModel(@"
    public bool OnlyThis { get; set; }

    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            " + cancel + @"
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(null);
        },
        OnError = (error, vars, context) => " + error + @",
        OnSettledAsync = (data, error, vars, context) => " + settled + @",
    });");

    private const string Cancel = @"await client.CancelQueriesAsync(Keys.Todo(input.Id));";
    private const string Rollback = @"client.InvalidateQueriesAsync(Keys.Todo(vars.Id)).Wait()";
    private const string Settle = @"client.InvalidateQueriesAsync(Keys.Todo(vars.Id))";

    // OPT001: the cancel.

    [Theory]
    [InlineData("await client.CancelQueriesAsync(QueryKey.Create(\"todos\"), exact: true);")]
    [InlineData("await client.CancelQueriesAsync(QueryKey.Create(\"todos\"), true);")]
    [InlineData("await client.CancelQueriesAsync(exact: true, key: QueryKey.Create(\"todos\"));")]
    public Task Exact_cancel_on_a_strict_prefix_does_not_cover_the_written_key(string cancel) =>
        CSharpAnalyzerVerifier<CancelBeforeOptimisticWriteAnalyzer>.VerifyAnalyzerAsync(
            Update(cancel, Rollback, Settle).Replace(
                "client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));",
                "[|client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title))|];",
                StringComparison.Ordinal));

    [Theory]
    [InlineData("await client.CancelQueriesAsync(QueryKey.Create(\"todos\"));")]
    [InlineData("await client.CancelQueriesAsync(QueryKey.Create(\"todos\"), exact: false);")]
    [InlineData("await client.CancelQueriesAsync(QueryKey.Create(\"todos\"), false);")]
    [InlineData("await client.CancelQueriesAsync(QueryKey.Create(\"todos\"), exact: OnlyThis);")]
    [InlineData("await client.CancelQueriesAsync(Keys.Todo(input.Id), exact: true);")]
    [InlineData("await client.CancelQueriesAsync(QueryKey.Create(\"todos\", input.Id), true);")]
    public Task Prefix_unknown_or_exact_same_key_cancel_covers_the_written_key(string cancel) =>
        CSharpAnalyzerVerifier<CancelBeforeOptimisticWriteAnalyzer>.VerifyAnalyzerAsync(Update(cancel, Rollback, Settle));

    [Fact]
    public Task Exact_cancel_awaited_later_keeps_its_exactness() =>
        CSharpAnalyzerVerifier<CancelBeforeOptimisticWriteAnalyzer>.VerifyAnalyzerAsync(
            Update("var pending = client.CancelQueriesAsync(QueryKey.Create(\"todos\"), exact: true); await pending;", Rollback, Settle).Replace(
                "client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));",
                "[|client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title))|];",
                StringComparison.Ordinal));

    // OPT006: the settled invalidation.

    [Theory]
    [InlineData("client.InvalidateQueriesAsync(QueryKey.Create(\"todos\"), exact: true)")]
    [InlineData("client.InvalidateQueriesAsync(QueryKey.Create(\"todos\"), true)")]
    [InlineData("client.InvalidateQueriesAsync(QueryKey.Create(\"todos\"), refetch: RefetchType.All, exact: true)")]
    public Task Exact_invalidation_of_a_strict_prefix_does_not_settle_the_written_key(string settled) =>
        CSharpAnalyzerVerifier<InvalidateInOnSettledAnalyzer>.VerifyAnalyzerAsync(
            Update(Cancel, Rollback, settled).Replace("OnMutateAsync = async", "[|OnMutateAsync|] = async", StringComparison.Ordinal));

    [Theory]
    [InlineData("client.InvalidateQueriesAsync(QueryKey.Create(\"todos\"))")]
    [InlineData("client.InvalidateQueriesAsync(QueryKey.Create(\"todos\"), exact: false)")]
    [InlineData("client.InvalidateQueriesAsync(QueryKey.Create(\"todos\"), OnlyThis)")]
    [InlineData("client.InvalidateQueriesAsync(Keys.Todo(vars.Id), exact: true)")]
    public Task Prefix_unknown_or_exact_same_key_invalidation_settles_the_written_key(string settled) =>
        CSharpAnalyzerVerifier<InvalidateInOnSettledAnalyzer>.VerifyAnalyzerAsync(Update(Cancel, Rollback, settled));

    // OPT002: an invalidation as the rollback.

    [Fact]
    public Task Exact_invalidation_of_a_strict_prefix_is_no_rollback() =>
        CSharpAnalyzerVerifier<MissingRollbackAnalyzer>.VerifyAnalyzerAsync(
            Update(Cancel, "client.InvalidateQueriesAsync(QueryKey.Create(\"todos\"), exact: true).Wait()", Settle)
                .Replace("OnMutateAsync = async", "[|OnMutateAsync|] = async", StringComparison.Ordinal));

    [Theory]
    [InlineData("client.InvalidateQueriesAsync(QueryKey.Create(\"todos\"), exact: false).Wait()")]
    [InlineData("client.InvalidateQueriesAsync(QueryKey.Create(\"todos\"), exact: OnlyThis).Wait()")]
    public Task Prefix_or_unknown_invalidation_is_a_rollback(string error) =>
        CSharpAnalyzerVerifier<MissingRollbackAnalyzer>.VerifyAnalyzerAsync(Update(Cancel, error, Settle));
}
