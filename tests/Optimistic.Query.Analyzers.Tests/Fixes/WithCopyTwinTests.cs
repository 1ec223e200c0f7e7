using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Optimistic.Query.CodeFixes;

namespace Optimistic.Query.Analyzers.Tests.Fixes;

/// <summary>
/// A fix that renames a callback to its async twin in options copied with <c>with</c> (OPT006, OPT012) sets the old name to
/// <c>null</c> beside it: the copied options' own value would otherwise come back beside the new twin (both set). Left out
/// when the source shows the copied options do not set it.
/// </summary>
public class WithCopyTwinTests
{
    /// <summary>An app's options record with both settled twins.</summary>
    private const string CopyMutation = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Optimistic.Query;
        using Optimistic.Query.Annotations;

        [MutationOptions]
        public sealed record CopyMutation<TVariables, TContext>
        {
            [MutationFunction] public Func<TVariables, CancellationToken, Task<Unit>>? MutationFn { get; init; }
            [MutationCallback(MutationPhase.Mutate)] public Func<TVariables, TContext>? OnMutate { get; init; }
            [MutationCallback(MutationPhase.Mutate)] public Func<TVariables, Task<TContext>>? OnMutateAsync { get; init; }
            [MutationCallback(MutationPhase.Error)] public Action<Exception, TVariables, TContext?>? OnError { get; init; }
            [MutationCallback(MutationPhase.Settled)] public Action<Unit, Exception?, TVariables, TContext?>? OnSettled { get; init; }
            [MutationCallback(MutationPhase.Settled)] public Func<Unit, Exception?, TVariables, TContext?, Task>? OnSettledAsync { get; init; }
        }
        """;

    private static CSharpCodeFixVerifier<TaskDiscardedInSyncCallbackAnalyzer, UseAsyncTwinCodeFixProvider>.Test Opt012(string members, string fixedMembers) =>
        new()
        {
            TestState = { Sources = { Sources.Document(members), ("/0/Support.cs", Sources.Support), ("/0/CopyMutation.cs", CopyMutation) } },
            FixedState = { Sources = { Sources.Document(fixedMembers), ("/0/Support.cs", Sources.Support), ("/0/CopyMutation.cs", CopyMutation) } },
        };

    private static CSharpCodeFixVerifier<InvalidateInOnSettledAnalyzer, InvalidateInOnSettledCodeFixProvider>.Test Opt006(string members, string fixedMembers) =>
        new()
        {
            TestState = { Sources = { Sources.Document(members), ("/0/Support.cs", Sources.Support), ("/0/CopyMutation.cs", CopyMutation) } },
            FixedState = { Sources = { Sources.Document(fixedMembers), ("/0/Support.cs", Sources.Support), ("/0/CopyMutation.cs", CopyMutation) } },
        };

    private const string OnMutateAsync = """
                OnMutateAsync = async id =>
                {
                    await client.CancelQueriesAsync(todosKey);
                    var previous = client.GetQueryData<TodoList>(todosKey);
                    client.SetQueryData(todosKey, previous);
                    return new Snapshot<TodoList>(previous);
                },
        """;

    [Fact]
    public Task OPT012_in_a_copy_of_unknown_options_switches_to_OnSettledAsync_and_sets_OnSettled_to_null() =>
        Opt012(
            """
                public CopyMutation<int, Snapshot<TodoList>> Touch(CopyMutation<int, Snapshot<TodoList>> basis) => basis with
                {
            """ + "\n" + OnMutateAsync + """

                    OnSettled = (data, error, id, context) => [|client.InvalidateQueriesAsync(todosKey)|],
                };

            """,
            """
                public CopyMutation<int, Snapshot<TodoList>> Touch(CopyMutation<int, Snapshot<TodoList>> basis) => basis with
                {
            """ + "\n" + OnMutateAsync + """

                    OnSettledAsync = (data, error, id, context) => client.InvalidateQueriesAsync(todosKey),
                    OnSettled = null,
                };

            """).RunAsync();

    [Fact]
    public Task OPT012_in_a_copy_of_new_options_switches_to_OnSettledAsync_alone() =>
        Opt012(
            """
                public CopyMutation<int, Snapshot<TodoList>> Touch() => new CopyMutation<int, Snapshot<TodoList>>() with
                {
            """ + "\n" + OnMutateAsync + """

                    OnSettled = (data, error, id, context) => [|client.InvalidateQueriesAsync(todosKey)|],
                };

            """,
            """
                public CopyMutation<int, Snapshot<TodoList>> Touch() => new CopyMutation<int, Snapshot<TodoList>>() with
                {
            """ + "\n" + OnMutateAsync + """

                    OnSettledAsync = (data, error, id, context) => client.InvalidateQueriesAsync(todosKey),
                };

            """).RunAsync();

    [Fact]
    public Task OPT006_in_a_copy_of_unknown_options_extends_OnSettled_as_OnSettledAsync_and_sets_OnSettled_to_null() =>
        Opt006(
            """
                public CopyMutation<int, Snapshot<TodoList>> Touch(CopyMutation<int, Snapshot<TodoList>> basis) => basis with
                {
                    [|OnMutateAsync|] = async id =>
                    {
                        await client.CancelQueriesAsync(todosKey);
                        var previous = client.GetQueryData<TodoList>(todosKey);
                        client.SetQueryData(todosKey, previous);
                        return new Snapshot<TodoList>(previous);
                    },
                    OnSettled = (data, error, id, context) => toaster.Error("Settled", error),
                };

            """,
            """
                public CopyMutation<int, Snapshot<TodoList>> Touch(CopyMutation<int, Snapshot<TodoList>> basis) => basis with
                {
                    OnMutateAsync = async id =>
                    {
                        await client.CancelQueriesAsync(todosKey);
                        var previous = client.GetQueryData<TodoList>(todosKey);
                        client.SetQueryData(todosKey, previous);
                        return new Snapshot<TodoList>(previous);
                    },
                    OnSettledAsync = async (data, error, id, context) =>
                    {
                        toaster.Error("Settled", error);
                        await client.InvalidateQueriesAsync(todosKey);
                    },
                    OnSettled = null,
                };

            """).RunAsync();
}
