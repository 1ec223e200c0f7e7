using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Optimistic.Query.CodeFixes;

namespace Optimistic.Query.Analyzers.Tests.Fixes;

/// <summary>
/// OPT005's fix on options copied with <c>with</c> (<c>Base with { OnMutateAsync = … }</c>). A member the copy may set is
/// set to <c>null</c> rather than removed (removing it would bring the copied value back); the settled invalidation is kept
/// from the copy when the source shows it there, added when the copy provably has no settled callback, and no fix is offered
/// when the copy's settled callbacks are unknown.
/// </summary>
public class OPT005WithCopyTests
{
    /// <summary>The app's own options record, the only kind of options a <c>with</c> can copy.</summary>
    internal const string AppMutation = """
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
            [MutationCallback(MutationPhase.Settled)] public Func<Unit, Exception?, TVariables, TContext?, Task>? OnSettledAsync { get; init; }
            public MutationKind Kind { get; init; }
        }
        """;

    private static CSharpCodeFixVerifier<OptimisticCreateOrDeleteAnalyzer, RemoveOptimisticUpdateCodeFixProvider>.Test Test(string members, string? fixedMembers) =>
        new()
        {
            TestState = { Sources = { Sources.Document(members), ("/0/Support.cs", Sources.Support), ("/0/AppMutation.cs", AppMutation) } },
            FixedState = { Sources = { Sources.Document(fixedMembers ?? members), ("/0/Support.cs", Sources.Support), ("/0/AppMutation.cs", AppMutation) } },
            CodeActionEquivalenceKey = RemoveOptimisticUpdateCodeFixProvider.Key,
        };

    /// <summary>A base with the toast, the rollback and the invalidation, and no OnMutate (the shape screens derive from).</summary>
    private const string Base = """
            private AppMutation<int, Snapshot<TodoList>> Base => new AppMutation<int, Snapshot<TodoList>>
            {
                MutationFn = async (id, ct) => await api.DeleteTodoAsync(id, ct),
                OnError = (error, id, context) =>
                {
                    if (context?.Previous is { } previous) client.SetQueryData(todosKey, previous);
                    toaster.Error("Could not delete the to-do", error);
                },
                OnSettledAsync = (data, error, id, context) => client.InvalidateQueriesAsync(todosKey),
            };

        """;

    private const string OptimisticDelete = """
                OnMutateAsync = async id =>
                {
                    await client.CancelQueriesAsync(todosKey);
                    var previous = client.GetQueryData<TodoList>(todosKey);
                    if (previous is not null)
                        client.SetQueryData(todosKey, previous with { Items = previous.Items.RemoveAll(t => t.Id == id) });
                    return new Snapshot<TodoList>(previous);
                },
        """;

    [Fact]
    public Task A_copy_of_a_base_property_without_OnMutate_loses_its_OnMutate_and_keeps_the_base_invalidation() =>
        Test(
            Base + """
                public AppMutation<int, Snapshot<TodoList>> DeleteTodo() => Base with
                {
                    [|Kind|] = MutationKind.Delete,
            """ + "\n" + OptimisticDelete + """

                };

            """,
            Base + """
                public AppMutation<int, Snapshot<TodoList>> DeleteTodo() => Base with
                {
                    Kind = MutationKind.Delete,
                };

            """).RunAsync();

    [Fact]
    public Task A_copy_of_new_options_loses_OnMutate_and_the_rollback_keeps_the_toast_and_gains_the_settled_invalidation() =>
        Test(
            """
                public AppMutation<int, Snapshot<TodoList>> DeleteTodo() => new AppMutation<int, Snapshot<TodoList>>() with
                {
                    [|Kind|] = MutationKind.Delete,
                    MutationFn = async (id, ct) => await api.DeleteTodoAsync(id, ct),
            """ + "\n" + OptimisticDelete + """

                    OnError = (error, id, context) =>
                    {
                        if (context?.Previous is { } previous) client.SetQueryData(todosKey, previous);
                        toaster.Error("Could not delete the to-do", error);
                    },
                };

            """,
            """
                public AppMutation<int, Snapshot<TodoList>> DeleteTodo() => new AppMutation<int, Snapshot<TodoList>>() with
                {
                    Kind = MutationKind.Delete,
                    MutationFn = async (id, ct) => await api.DeleteTodoAsync(id, ct),
                    OnError = (error, id, context) => toaster.Error("Could not delete the to-do", error),
                    OnSettledAsync = (data, error, id, context) => client.InvalidateQueriesAsync(todosKey),
                };

            """).RunAsync();

    [Fact]
    public Task A_copy_of_unknown_options_sets_OnMutate_and_an_emptied_OnError_to_null_so_the_copied_ones_do_not_come_back() =>
        Test(
            """
                public AppMutation<int, Snapshot<TodoList>> DeleteTodo(AppMutation<int, Snapshot<TodoList>> baseOptions) => baseOptions with
                {
                    [|Kind|] = MutationKind.Delete,
            """ + "\n" + OptimisticDelete + """

                    OnError = (error, id, context) => client.SetQueryData(todosKey, context?.Previous),
                    OnSettledAsync = (data, error, id, context) => client.InvalidateQueriesAsync(todosKey),
                };

            """,
            """
                public AppMutation<int, Snapshot<TodoList>> DeleteTodo(AppMutation<int, Snapshot<TodoList>> baseOptions) => baseOptions with
                {
                    Kind = MutationKind.Delete,
                    OnMutateAsync = null,
                    OnError = null,
                    OnSettledAsync = (data, error, id, context) => client.InvalidateQueriesAsync(todosKey),
                };

            """).RunAsync();

    [Fact]
    public Task A_copy_of_a_local_that_sets_OnError_gets_OnError_null_and_the_settled_invalidation_added()
    {
        // The local's toast-only OnError was replaced by the copy's rollback-only one: the fixed copy still has none.
        return Test(
            """
                public AppMutation<int, Snapshot<TodoList>> DeleteTodo()
                {
                    var quiet = new AppMutation<int, Snapshot<TodoList>>
                    {
                        OnError = (error, id, context) => toaster.Error("Could not delete the to-do", error),
                    };
                    return quiet with
                    {
                        [|MutationFn|] = (id, ct) => api.DeleteTodoAsync(id, ct),
                        OnMutate = id =>
                        {
                            var previous = client.GetQueryData<TodoList>(Keys.Todo(id));
                            client.SetQueryData(Keys.Todo(id), previous);
                            return new Snapshot<TodoList>(previous);
                        },
                        OnError = (error, id, context) => client.SetQueryData(Keys.Todo(id), context?.Previous),
                    };
                }

            """,
            """
                public AppMutation<int, Snapshot<TodoList>> DeleteTodo()
                {
                    var quiet = new AppMutation<int, Snapshot<TodoList>>
                    {
                        OnError = (error, id, context) => toaster.Error("Could not delete the to-do", error),
                    };
                    return quiet with
                    {
                        MutationFn = (id, ct) => api.DeleteTodoAsync(id, ct),
                        OnError = null,
                        OnSettledAsync = (data, error, id, context) => client.InvalidateQueriesAsync(Keys.Todo(id)),
                    };
                }

            """).RunAsync();
    }

    [Fact]
    public Task A_copy_with_its_own_settled_lambda_without_invalidation_gets_it_awaited_there() =>
        Test(
            """
                public AppMutation<int, Snapshot<TodoList>> DeleteTodo(AppMutation<int, Snapshot<TodoList>> baseOptions) => baseOptions with
                {
                    [|Kind|] = MutationKind.Delete,
            """ + "\n" + OptimisticDelete + """

                    OnSettledAsync = (data, error, id, context) => Task.CompletedTask,
                };

            """,
            """
                public AppMutation<int, Snapshot<TodoList>> DeleteTodo(AppMutation<int, Snapshot<TodoList>> baseOptions) => baseOptions with
                {
                    Kind = MutationKind.Delete,
                    OnMutateAsync = null,
                    OnSettledAsync = async (data, error, id, context) =>
                    {
                        await Task.CompletedTask;
                        await client.InvalidateQueriesAsync(todosKey);
                    },
                };

            """).RunAsync();

    [Fact]
    public Task A_copy_of_unknown_options_without_its_own_settled_callback_gets_no_fix() =>
        // The copied settled callbacks are unknown: adding OnSettledAsync could replace one that does more than invalidate.
        Test(
            """
                public AppMutation<int, Snapshot<TodoList>> DeleteTodo(AppMutation<int, Snapshot<TodoList>> baseOptions) => baseOptions with
                {
                    [|Kind|] = MutationKind.Delete,
            """ + "\n" + OptimisticDelete + """

                };

            """,
            null).RunAsync();

    [Fact]
    public Task A_copy_whose_base_settles_without_invalidating_gets_no_fix() =>
        Test(
            """
                private static AppMutation<int, Snapshot<TodoList>> Logged() => new AppMutation<int, Snapshot<TodoList>>
                {
                    OnSettledAsync = (data, error, id, context) => Task.CompletedTask,
                };

                public AppMutation<int, Snapshot<TodoList>> DeleteTodo() => Logged() with
                {
                    [|Kind|] = MutationKind.Delete,
            """ + "\n" + OptimisticDelete + """

                };

            """,
            null).RunAsync();

    [Fact]
    public Task A_copy_of_a_reassigned_local_is_unknown_and_its_OnMutate_becomes_null()
    {
        return Test(
            """
                public AppMutation<int, Snapshot<TodoList>> DeleteTodo(bool quiet)
                {
                    var basis = new AppMutation<int, Snapshot<TodoList>>();
                    if (quiet) basis = basis with { OnMutateAsync = id => Task.FromResult(new Snapshot<TodoList>(null)) };
                    return basis with
                    {
                        [|Kind|] = MutationKind.Delete,
            """ + "\n" + Sources.Indent(OptimisticDelete) + """

                        OnSettledAsync = (data, error, id, context) => client.InvalidateQueriesAsync(todosKey),
                    };
                }

            """,
            """
                public AppMutation<int, Snapshot<TodoList>> DeleteTodo(bool quiet)
                {
                    var basis = new AppMutation<int, Snapshot<TodoList>>();
                    if (quiet) basis = basis with { OnMutateAsync = id => Task.FromResult(new Snapshot<TodoList>(null)) };
                    return basis with
                    {
                        Kind = MutationKind.Delete,
                        OnMutateAsync = null,
                        OnSettledAsync = (data, error, id, context) => client.InvalidateQueriesAsync(todosKey),
                    };
                }

            """).RunAsync();
    }

    [Fact]
    public Task Fix_all_fixes_copies_and_creations_in_every_document()
    {
        var test = Test(
            Base + """
                public AppMutation<int, Snapshot<TodoList>> DeleteTodo() => Base with
                {
                    [|Kind|] = MutationKind.Delete,
            """ + "\n" + OptimisticDelete + """

                };

                public AppMutation<int, Snapshot<TodoList>> DeleteTodoNow() => new AppMutation<int, Snapshot<TodoList>>
                {
                    [|Kind|] = MutationKind.Delete,
            """ + "\n" + OptimisticDelete + """

                };

            """,
            Base + """
                public AppMutation<int, Snapshot<TodoList>> DeleteTodo() => Base with
                {
                    Kind = MutationKind.Delete,
                };

                public AppMutation<int, Snapshot<TodoList>> DeleteTodoNow() => new AppMutation<int, Snapshot<TodoList>>
                {
                    Kind = MutationKind.Delete,
                    OnSettledAsync = (data, error, id, context) => client.InvalidateQueriesAsync(todosKey),
                };

            """);
        const string other = """
                public AppMutation<int, Snapshot<TodoList>> Remove(AppMutation<int, Snapshot<TodoList>> basis) => basis with
                {
                    [|Kind|] = MutationKind.Delete,
            """ + "\n" + OptimisticDelete + """

                    OnSettledAsync = (data, error, id, context) => client.InvalidateQueriesAsync(todosKey),
                };

            """;
        const string otherFixed = """
                public AppMutation<int, Snapshot<TodoList>> Remove(AppMutation<int, Snapshot<TodoList>> basis) => basis with
                {
                    Kind = MutationKind.Delete,
                    OnMutateAsync = null,
                    OnSettledAsync = (data, error, id, context) => client.InvalidateQueriesAsync(todosKey),
                };

            """;
        test.TestState.Sources.Add(("/0/Other.cs", Sources.Document(other, "Other")));
        test.FixedState.Sources.Add(("/0/Other.cs", Sources.Document(otherFixed, "Other")));
        return test.RunAsync();
    }
}
