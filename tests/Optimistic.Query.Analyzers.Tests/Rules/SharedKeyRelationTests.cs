using Microsoft.CodeAnalysis.Diagnostics;
using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;

namespace Optimistic.Query.Analyzers.Tests.Rules;

/// <summary>
/// One key relation for every rule (<c>MutationModel.Relate</c>, key builders, fields and properties seen through): where
/// OPT007 proves a cancel's key different, OPT001 does not count that cancel either; where a builder's body proves two keys
/// the same, every rule treats them as one key.
/// </summary>
public class SharedKeyRelationTests
{
    /// <summary>OPT001 and OPT007 on the same source (markup by ID).</summary>
    private sealed class CancelAndMismatchTest : CSharpAnalyzerVerifier<CancelBeforeOptimisticWriteAnalyzer>.Test
    {
        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() =>
            new DiagnosticAnalyzer[] { new CancelBeforeOptimisticWriteAnalyzer(), new MismatchedKeyAnalyzer() };
    }

    [Fact]
    public Task A_cancel_OPT007_proves_on_another_key_does_not_silence_OPT001() =>
        new CancelAndMismatchTest
        {
            TestCode = RuleSources.InViewModel(@"
    private static QueryKey UserKey(int id) => QueryKey.Create(""users"", id);

    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync({|OPT007:UserKey(input.Id)|});
            var previous = {|OPT001:client.GetQueryData<Todo>(Keys.Todo(input.Id))|};
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
    public Task A_cancel_through_another_builder_of_the_same_key_covers_it() =>
        new CancelAndMismatchTest
        {
            TestCode = RuleSources.InViewModel(@"
    private static QueryKey TodoKey(int id) => QueryKey.Create(""todos"", id);

    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(TodoKey(input.Id));
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
        }.RunAsync();

    [Fact]
    public Task A_read_of_the_written_key_through_another_builder_is_its_first_access() =>
        CSharpAnalyzerVerifier<CancelBeforeOptimisticWriteAnalyzer>.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    private static QueryKey TodoKey(int id) => QueryKey.Create(""todos"", id);

    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutate = input =>
        {
            var previous = [|client.GetQueryData<Todo>(TodoKey(input.Id))|];
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(previous);
        },
    });"));
}
