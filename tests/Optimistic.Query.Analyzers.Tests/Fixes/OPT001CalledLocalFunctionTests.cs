using Microsoft.CodeAnalysis.Testing;
using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Optimistic.Query.CodeFixes;

namespace Optimistic.Query.Analyzers.Tests.Fixes;

/// <summary>
/// OPT001's fix when the flagged access is in a local function the OnMutate lambda calls: the cancel goes in the lambda, at
/// its top (so before the call), when the key means the same there; a late cancel of the lambda is moved rather than doubled.
/// </summary>
public class OPT001CalledLocalFunctionTests
{
    private static CSharpCodeFixVerifier<CancelBeforeOptimisticWriteAnalyzer, InsertCancelCodeFixProvider>.Test Test(string members, string fixedMembers) =>
        new()
        {
            TestState = { Sources = { Sources.Document(members), ("/0/Support.cs", Sources.Support) } },
            FixedState = { Sources = { Sources.Document(fixedMembers), ("/0/Support.cs", Sources.Support) } },
            CodeActionEquivalenceKey = InsertCancelCodeFixProvider.Key,
            // The access lies in a local function outside the definition's creation, which Roslyn classes as non-local; the
            // fix is still asserted.
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        };

    [Fact]
    public Task A_cancel_after_the_call_is_moved_before_it() =>
        Test(
            """
                public Mutation<int, Unit, Snapshot<NotificationsPage>> MarkAsRead()
                {
                    return client.CreateMutation(new MutationOptions<int, Unit, Snapshot<NotificationsPage>>
                    {
                        MutationFn = (id, ct) => api.MarkAsReadAsync(id, ct),
                        OnMutateAsync = async id =>
                        {
                            var previous = Apply();
                            await client.CancelQueriesAsync(notificationsKey); // too late: Apply wrote already
                            return new Snapshot<NotificationsPage>(previous);
                        },
                    });

                    NotificationsPage? Apply()
                    {
                        var previous = [|client.GetQueryData<NotificationsPage>(notificationsKey)|];
                        client.SetQueryData(notificationsKey, previous);
                        return previous;
                    }
                }

            """,
            """
                public Mutation<int, Unit, Snapshot<NotificationsPage>> MarkAsRead()
                {
                    return client.CreateMutation(new MutationOptions<int, Unit, Snapshot<NotificationsPage>>
                    {
                        MutationFn = (id, ct) => api.MarkAsReadAsync(id, ct),
                        OnMutateAsync = async id =>
                        {
                            await client.CancelQueriesAsync(notificationsKey); // too late: Apply wrote already
                            var previous = Apply();
                            return new Snapshot<NotificationsPage>(previous);
                        },
                    });

                    NotificationsPage? Apply()
                    {
                        var previous = client.GetQueryData<NotificationsPage>(notificationsKey);
                        client.SetQueryData(notificationsKey, previous);
                        return previous;
                    }
                }

            """).RunAsync();

    [Fact]
    public Task FixAll_gives_each_lambda_its_cancel_also_through_a_chain_of_local_functions() =>
        Test(
            """
                public object First()
                {
                    return client.CreateMutation(new MutationOptions<int, Unit, Snapshot<NotificationsPage>>
                    {
                        OnMutate = id => new Snapshot<NotificationsPage>(Apply()),
                    });

                    NotificationsPage? Apply() => [|client.SetQueryData(notificationsKey, new NotificationsPage(null!))|];
                }

                public object Second(QueryKey key)
                {
                    return client.CreateMutation(new MutationOptions<int, Unit, Snapshot<NotificationsPage>>
                    {
                        OnMutate = id =>
                        {
                            var previous = Outer();
                            return new Snapshot<NotificationsPage>(previous);
                        },
                    });

                    NotificationsPage? Outer() => Inner();

                    NotificationsPage? Inner() => [|client.SetQueryData(key, new NotificationsPage(null!))|];
                }

            """,
            """
                public object First()
                {
                    return client.CreateMutation(new MutationOptions<int, Unit, Snapshot<NotificationsPage>>
                    {
                        OnMutateAsync = async id =>
                        {
                            await client.CancelQueriesAsync(notificationsKey);
                            return new Snapshot<NotificationsPage>(Apply());
                        },
                    });

                    NotificationsPage? Apply() => client.SetQueryData(notificationsKey, new NotificationsPage(null!));
                }

                public object Second(QueryKey key)
                {
                    return client.CreateMutation(new MutationOptions<int, Unit, Snapshot<NotificationsPage>>
                    {
                        OnMutateAsync = async id =>
                        {
                            await client.CancelQueriesAsync(key);
                            var previous = Outer();
                            return new Snapshot<NotificationsPage>(previous);
                        },
                    });

                    NotificationsPage? Outer() => Inner();

                    NotificationsPage? Inner() => client.SetQueryData(key, new NotificationsPage(null!));
                }

            """).RunAsync();

    [Fact]
    public Task A_key_built_from_the_local_functions_parameter_gets_no_fix()
    {
        const string members = """
                public object Rename()
                {
                    return client.CreateMutation(new MutationOptions<RenameTodo, Todo, Snapshot<Todo>>
                    {
                        OnMutate = input => new Snapshot<Todo>(Apply(input.Id, input.Title)),
                    });

                    Todo? Apply(int id, string title) => [|client.SetQueryData(Keys.Todo(id), new Todo(id, title))|];
                }

            """;
        return Test(members, members).RunAsync();
    }

    [Fact]
    public Task A_cancel_awaited_before_the_call_is_not_flagged()
    {
        const string members = """
                public object MarkAsRead()
                {
                    return client.CreateMutation(new MutationOptions<int, Unit, Snapshot<NotificationsPage>>
                    {
                        OnMutateAsync = async id =>
                        {
                            await client.CancelQueriesAsync(notificationsKey);
                            return new Snapshot<NotificationsPage>(Apply());
                        },
                    });

                    NotificationsPage? Apply() => client.SetQueryData(notificationsKey, new NotificationsPage(null!));
                }

            """;
        return Test(members, members).RunAsync();
    }
}
