using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Optimistic.Query.CodeFixes;

namespace Optimistic.Query.Analyzers.Tests.Fixes;

/// <summary>
/// OPT001's fix on options copied with <c>with</c>: the cancel goes in as in an object initializer. A synchronous
/// <c>OnMutate</c> renamed to <c>OnMutateAsync</c> would let the copied options' <c>OnMutate</c> back (both twins set), so
/// <c>OnMutate = null</c> follows it unless the source shows that the copied options do not set it.
/// </summary>
public class OPT001WithCopyTests
{
    private static CSharpCodeFixVerifier<CancelBeforeOptimisticWriteAnalyzer, InsertCancelCodeFixProvider>.Test Test(string members, string fixedMembers) =>
        new()
        {
            TestState = { Sources = { Sources.Document(members), ("/0/Support.cs", Sources.Support), ("/0/AppMutation.cs", OPT005WithCopyTests.AppMutation) } },
            FixedState = { Sources = { Sources.Document(fixedMembers), ("/0/Support.cs", Sources.Support), ("/0/AppMutation.cs", OPT005WithCopyTests.AppMutation) } },
            CodeActionEquivalenceKey = InsertCancelCodeFixProvider.Key,
        };

    private const string Base = """
            private AppMutation<int, Snapshot<TodoList>> Base => new AppMutation<int, Snapshot<TodoList>>
            {
                MutationFn = async (id, ct) => await api.MarkAsReadAsync(id, ct),
            };

        """;

    [Fact]
    public Task A_copy_of_a_base_without_OnMutate_gets_OnMutateAsync_with_the_cancel_and_nothing_else() =>
        Test(
            Base + """
                public AppMutation<int, Snapshot<TodoList>> Touch() => Base with
                {
                    OnMutate = id =>
                    {
                        var previous = [|client.GetQueryData<TodoList>(todosKey)|];
                        client.SetQueryData(todosKey, previous);
                        return new Snapshot<TodoList>(previous);
                    },
                };

            """,
            Base + """
                public AppMutation<int, Snapshot<TodoList>> Touch() => Base with
                {
                    OnMutateAsync = async id =>
                    {
                        await client.CancelQueriesAsync(todosKey);
                        var previous = client.GetQueryData<TodoList>(todosKey);
                        client.SetQueryData(todosKey, previous);
                        return new Snapshot<TodoList>(previous);
                    },
                };

            """).RunAsync();

    [Fact]
    public Task A_copy_of_unknown_options_gets_OnMutateAsync_and_OnMutate_set_to_null() =>
        Test(
            """
                public AppMutation<int, Snapshot<TodoList>> Touch(AppMutation<int, Snapshot<TodoList>> basis) => basis with
                {
                    OnMutate = id =>
                    {
                        var previous = [|client.GetQueryData<TodoList>(todosKey)|];
                        client.SetQueryData(todosKey, previous);
                        return new Snapshot<TodoList>(previous);
                    },
                    Kind = MutationKind.Update,
                };

            """,
            """
                public AppMutation<int, Snapshot<TodoList>> Touch(AppMutation<int, Snapshot<TodoList>> basis) => basis with
                {
                    OnMutateAsync = async id =>
                    {
                        await client.CancelQueriesAsync(todosKey);
                        var previous = client.GetQueryData<TodoList>(todosKey);
                        client.SetQueryData(todosKey, previous);
                        return new Snapshot<TodoList>(previous);
                    },
                    OnMutate = null,
                    Kind = MutationKind.Update,
                };

            """).RunAsync();

    [Fact]
    public Task An_async_OnMutate_in_a_copy_gets_the_cancel_first_and_no_twin_change() =>
        Test(
            """
                public AppMutation<int, Snapshot<TodoList>> Touch(AppMutation<int, Snapshot<TodoList>> basis) => basis with
                {
                    OnMutateAsync = async id =>
                    {
                        await Task.Yield();
                        var previous = [|client.GetQueryData<TodoList>(todosKey)|];
                        client.SetQueryData(todosKey, previous);
                        return new Snapshot<TodoList>(previous);
                    },
                };

            """,
            """
                public AppMutation<int, Snapshot<TodoList>> Touch(AppMutation<int, Snapshot<TodoList>> basis) => basis with
                {
                    OnMutateAsync = async id =>
                    {
                        await client.CancelQueriesAsync(todosKey);
                        await Task.Yield();
                        var previous = client.GetQueryData<TodoList>(todosKey);
                        client.SetQueryData(todosKey, previous);
                        return new Snapshot<TodoList>(previous);
                    },
                };

            """).RunAsync();
}
