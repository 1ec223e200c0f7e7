using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Optimistic.Query.CodeFixes;

namespace Optimistic.Query.Analyzers.Tests.Fixes;

/// <summary>
/// OPT001's fix on options derived with <c>with</c>, beside <see cref="OPT001WithCopyTests"/>: copied options the source shows
/// without an OnMutate (an expression-bodied property, a getter returning a creation) get the rename alone, FixAll clears
/// OnMutate only where the copied options set one, and an OnMutateAsync that awaits its cancel is not flagged.
/// </summary>
public class OPT001WithExpressionTests
{
    private const string AppMutation = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Optimistic.Query;
        using Optimistic.Query.Annotations;

        [MutationOptions]
        public sealed record AppMutation<TVariables, TContext>
        {
            [MutationFunction] public Func<TVariables, CancellationToken, Task<Unit>>? MutationFn { get; init; }
            [MutationCallback(MutationPhase.Mutate)] public Func<TVariables, TContext>? OnMutate { get; init; }
            [MutationCallback(MutationPhase.Mutate)] public Func<TVariables, Task<TContext>>? OnMutateAsync { get; init; }
            [MutationCallback(MutationPhase.Error)] public Action<Exception, TVariables, TContext?>? OnError { get; init; }
        }
        """;

    private static CSharpCodeFixVerifier<CancelBeforeOptimisticWriteAnalyzer, InsertCancelCodeFixProvider>.Test Test(string members, string fixedMembers) =>
        new()
        {
            TestState = { Sources = { Sources.Document(members), ("/0/Support.cs", Sources.Support), ("/0/AppMutation.cs", AppMutation) } },
            FixedState = { Sources = { Sources.Document(fixedMembers), ("/0/Support.cs", Sources.Support), ("/0/AppMutation.cs", AppMutation) } },
            CodeActionEquivalenceKey = InsertCancelCodeFixProvider.Key,
        };

    [Fact]
    public Task A_base_property_built_without_OnMutate_gets_the_rename_alone() =>
        Test(
            """
                private AppMutation<int, Snapshot<NotificationsPage>> Base => new AppMutation<int, Snapshot<NotificationsPage>>
                {
                    MutationFn = (id, ct) => api.MarkAsReadAsync(id, ct),
                };

                public AppMutation<int, Snapshot<NotificationsPage>> MarkAsRead() => Base with
                {
                    // mark it read on screen
                    OnMutate = id =>
                    {
                        var previous = [|client.GetQueryData<NotificationsPage>(notificationsKey)|];
                        client.SetQueryData(notificationsKey, previous);
                        return new Snapshot<NotificationsPage>(previous);
                    },
                };

            """,
            """
                private AppMutation<int, Snapshot<NotificationsPage>> Base => new AppMutation<int, Snapshot<NotificationsPage>>
                {
                    MutationFn = (id, ct) => api.MarkAsReadAsync(id, ct),
                };

                public AppMutation<int, Snapshot<NotificationsPage>> MarkAsRead() => Base with
                {
                    // mark it read on screen
                    OnMutateAsync = async id =>
                    {
                        await client.CancelQueriesAsync(notificationsKey);
                        var previous = client.GetQueryData<NotificationsPage>(notificationsKey);
                        client.SetQueryData(notificationsKey, previous);
                        return new Snapshot<NotificationsPage>(previous);
                    },
                };

            """).RunAsync();

    [Fact]
    public Task FixAll_clears_OnMutate_only_where_the_base_sets_one() =>
        Test(
            """
                private AppMutation<int, Snapshot<NotificationsPage>> Plain
                {
                    get { return new AppMutation<int, Snapshot<NotificationsPage>>(); }
                }

                private AppMutation<int, Snapshot<NotificationsPage>> Seeded => new()
                {
                    OnMutate = id => new Snapshot<NotificationsPage>(null),
                };

                public AppMutation<int, Snapshot<NotificationsPage>> First() => Plain with
                {
                    OnMutate = id => new Snapshot<NotificationsPage>([|client.SetQueryData(notificationsKey, new NotificationsPage(null!))|]),
                };

                public AppMutation<int, Snapshot<NotificationsPage>> Second() => Seeded with
                {
                    OnMutate = id => new Snapshot<NotificationsPage>([|client.SetQueryData(todosKey, new NotificationsPage(null!))|]),
                };

            """,
            """
                private AppMutation<int, Snapshot<NotificationsPage>> Plain
                {
                    get { return new AppMutation<int, Snapshot<NotificationsPage>>(); }
                }

                private AppMutation<int, Snapshot<NotificationsPage>> Seeded => new()
                {
                    OnMutate = id => new Snapshot<NotificationsPage>(null),
                };

                public AppMutation<int, Snapshot<NotificationsPage>> First() => Plain with
                {
                    OnMutateAsync = async id =>
                    {
                        await client.CancelQueriesAsync(notificationsKey);
                        return new Snapshot<NotificationsPage>(client.SetQueryData(notificationsKey, new NotificationsPage(null!)));
                    },
                };

                public AppMutation<int, Snapshot<NotificationsPage>> Second() => Seeded with
                {
                    OnMutateAsync = async id =>
                    {
                        await client.CancelQueriesAsync(todosKey);
                        return new Snapshot<NotificationsPage>(client.SetQueryData(todosKey, new NotificationsPage(null!)));
                    },
                    OnMutate = null,
                };

            """).RunAsync();

    [Fact]
    public Task A_with_whose_OnMutateAsync_awaits_the_cancel_is_not_flagged()
    {
        const string members = """
                public AppMutation<int, Snapshot<NotificationsPage>> MarkAsRead(AppMutation<int, Snapshot<NotificationsPage>> options) => options with
                {
                    OnMutate = null,
                    OnMutateAsync = async id =>
                    {
                        await client.CancelQueriesAsync(notificationsKey);
                        var previous = client.GetQueryData<NotificationsPage>(notificationsKey);
                        client.SetQueryData(notificationsKey, previous);
                        return new Snapshot<NotificationsPage>(previous);
                    },
                };

            """;
        return Test(members, members).RunAsync();
    }
}
