using Microsoft.CodeAnalysis.CSharp;
using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Optimistic.Query.CodeFixes;

namespace Optimistic.Query.Analyzers.Tests.Fixes;

public class OPT005RemoveOptimisticUpdateTests
{
    private static CSharpCodeFixVerifier<OptimisticCreateOrDeleteAnalyzer, RemoveOptimisticUpdateCodeFixProvider>.Test Test(string members, string? fixedMembers, string className = "Feature") =>
        new()
        {
            TestState = { Sources = { Sources.Document(members, className), ("/0/Support.cs", Sources.Support) } },
            FixedState = { Sources = { Sources.Document(fixedMembers ?? members, className), ("/0/Support.cs", Sources.Support) } },
            CodeActionEquivalenceKey = RemoveOptimisticUpdateCodeFixProvider.Key,
        };

    private const string RulePageBad = """
            public Mutation<int, Unit, Snapshot<TodoList>> DeleteTodo() =>
                client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoList>>
                {
                    [|Kind|] = MutationKind.Delete,
                    MutationFn = (id, ct) => api.DeleteTodoAsync(id, ct),
                    OnMutateAsync = async id =>
                    {
                        await client.CancelQueriesAsync(todosKey);
                        var previous = client.GetQueryData<TodoList>(todosKey);
                        if (previous is not null)
                            client.SetQueryData(todosKey, previous with { Items = previous.Items.RemoveAll(t => t.Id == id) });
                        return new Snapshot<TodoList>(previous);
                    },
                    OnError = (error, id, context) =>
                    {
                        if (context?.Previous is { } previous) client.SetQueryData(todosKey, previous);
                        toaster.Error("Could not delete the to-do", error);
                    },
                    OnSettledAsync = (data, error, id, context) => client.InvalidateQueriesAsync(todosKey),
                });

        """;

    private const string RulePageGood = """
            public Mutation<int, Unit, Snapshot<TodoList>> DeleteTodo() =>
                client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoList>>
                {
                    Kind = MutationKind.Delete,
                    MutationFn = (id, ct) => api.DeleteTodoAsync(id, ct),
                    OnError = (error, id, context) => toaster.Error("Could not delete the to-do", error),
                    OnSettledAsync = (data, error, id, context) => client.InvalidateQueriesAsync(todosKey),
                });

        """;

    [Fact]
    public Task Rule_page_bad_becomes_good_keeping_the_toast_and_the_invalidation() =>
        Test(
            """
                public Mutation<int, Unit, Snapshot<TodoList>> DeleteTodo() =>
                    client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoList>>
                    {
                        [|Kind|] = MutationKind.Delete,
                        MutationFn = (id, ct) => api.DeleteTodoAsync(id, ct),
                        OnMutateAsync = async id =>
                        {
                            await client.CancelQueriesAsync(todosKey);
                            var previous = client.GetQueryData<TodoList>(todosKey);
                            if (previous is not null)
                                client.SetQueryData(todosKey, previous with { Items = previous.Items.RemoveAll(t => t.Id == id) });
                            return new Snapshot<TodoList>(previous);
                        },
                        OnError = (error, id, context) =>
                        {
                            if (context?.Previous is { } previous) client.SetQueryData(todosKey, previous);
                            toaster.Error("Could not delete the to-do", error);
                        },
                        OnSettledAsync = (data, error, id, context) => client.InvalidateQueriesAsync(todosKey),
                    });

            """,
            """
                public Mutation<int, Unit, Snapshot<TodoList>> DeleteTodo() =>
                    client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoList>>
                    {
                        Kind = MutationKind.Delete,
                        MutationFn = (id, ct) => api.DeleteTodoAsync(id, ct),
                        OnError = (error, id, context) => toaster.Error("Could not delete the to-do", error),
                        OnSettledAsync = (data, error, id, context) => client.InvalidateQueriesAsync(todosKey),
                    });

            """).RunAsync();

    [Fact]
    public Task Verb_match_removes_OnMutate_and_a_rollback_only_OnError_and_adds_the_settled_invalidation() =>
        Test(
            """
                public Mutation<int, Unit, Snapshot<TodoList>> DeleteTodo() =>
                    client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoList>>
                    {
                        [|MutationFn|] = (todoId, ct) => api.DeleteTodoAsync(todoId, ct),
                        OnMutate = todoId =>
                        {
                            var previous = client.GetQueryData<TodoList>(Keys.Todo(todoId));
                            client.SetQueryData(Keys.Todo(todoId), previous);
                            return new Snapshot<TodoList>(previous);
                        },
                        OnError = (error, todoId, context) => client.SetQueryData(Keys.Todo(todoId), context?.Previous)
                    });

            """,
            """
                public Mutation<int, Unit, Snapshot<TodoList>> DeleteTodo() =>
                    client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoList>>
                    {
                        MutationFn = (todoId, ct) => api.DeleteTodoAsync(todoId, ct),
                        OnSettledAsync = (data, error, todoId, context) => client.InvalidateQueriesAsync(Keys.Todo(todoId))
                    });

            """).RunAsync();

    [Fact]
    public Task Works_in_CSharp_9()
    {
        var test = Test(
            """
                public Mutation<int, Unit, Snapshot<TodoList>> DeleteTodo() =>
                    client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoList>>
                    {
                        [|Kind|] = MutationKind.Delete,
                        MutationFn = (id, ct) => api.DeleteTodoAsync(id, ct),
                        OnMutateAsync = async id =>
                        {
                            await client.CancelQueriesAsync(todosKey);
                            var previous = client.GetQueryData<TodoList>(todosKey);
                            if (previous is not null)
                                client.SetQueryData(todosKey, previous with { Items = previous.Items.RemoveAll(t => t.Id == id) });
                            return new Snapshot<TodoList>(previous);
                        },
                        OnError = (error, id, context) =>
                        {
                            if (context?.Previous is { } previous) client.SetQueryData(todosKey, previous);
                            toaster.Error("Could not delete the to-do", error);
                        },
                        OnSettledAsync = (data, error, id, context) => client.InvalidateQueriesAsync(todosKey),
                    });

            """,
            """
                public Mutation<int, Unit, Snapshot<TodoList>> DeleteTodo() =>
                    client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoList>>
                    {
                        Kind = MutationKind.Delete,
                        MutationFn = (id, ct) => api.DeleteTodoAsync(id, ct),
                        OnError = (error, id, context) => toaster.Error("Could not delete the to-do", error),
                        OnSettledAsync = (data, error, id, context) => client.InvalidateQueriesAsync(todosKey),
                    });

            """);
        test.LanguageVersion = LanguageVersion.CSharp9;
        return test.RunAsync();
    }

    [Fact]
    public Task Fix_all_covers_two_documents_in_every_scope()
    {
        var test = Test(
            """
                public Mutation<int, Unit, Snapshot<TodoList>> DeleteTodo() =>
                    client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoList>>
                    {
                        [|Kind|] = MutationKind.Delete,
                        MutationFn = (id, ct) => api.DeleteTodoAsync(id, ct),
                        OnMutateAsync = async id =>
                        {
                            await client.CancelQueriesAsync(todosKey);
                            var previous = client.GetQueryData<TodoList>(todosKey);
                            if (previous is not null)
                                client.SetQueryData(todosKey, previous with { Items = previous.Items.RemoveAll(t => t.Id == id) });
                            return new Snapshot<TodoList>(previous);
                        },
                        OnError = (error, id, context) =>
                        {
                            if (context?.Previous is { } previous) client.SetQueryData(todosKey, previous);
                            toaster.Error("Could not delete the to-do", error);
                        },
                        OnSettledAsync = (data, error, id, context) => client.InvalidateQueriesAsync(todosKey),
                    });
                public Mutation<int, Unit, Snapshot<TodoList>> DeleteTodo2() =>
                    client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoList>>
                    {
                        [|MutationFn|] = (todoId, ct) => api.DeleteTodoAsync(todoId, ct),
                        OnMutate = todoId =>
                        {
                            var previous = client.GetQueryData<TodoList>(Keys.Todo(todoId));
                            client.SetQueryData(Keys.Todo(todoId), previous);
                            return new Snapshot<TodoList>(previous);
                        },
                        OnError = (error, todoId, context) => client.SetQueryData(Keys.Todo(todoId), context?.Previous)
                    });

            """,
            """
                public Mutation<int, Unit, Snapshot<TodoList>> DeleteTodo() =>
                    client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoList>>
                    {
                        Kind = MutationKind.Delete,
                        MutationFn = (id, ct) => api.DeleteTodoAsync(id, ct),
                        OnError = (error, id, context) => toaster.Error("Could not delete the to-do", error),
                        OnSettledAsync = (data, error, id, context) => client.InvalidateQueriesAsync(todosKey),
                    });
                public Mutation<int, Unit, Snapshot<TodoList>> DeleteTodo2() =>
                    client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoList>>
                    {
                        MutationFn = (todoId, ct) => api.DeleteTodoAsync(todoId, ct),
                        OnSettledAsync = (data, error, todoId, context) => client.InvalidateQueriesAsync(Keys.Todo(todoId))
                    });

            """);
        test.TestState.Sources.Add(("/0/Other.cs", Sources.Document(RulePageBad, "Other")));
        test.FixedState.Sources.Add(("/0/Other.cs", Sources.Document(RulePageGood, "Other")));
        return test.RunAsync();
    }

    [Fact]
    public Task A_settled_lambda_without_invalidation_becomes_an_async_OnSettledAsync_that_awaits_it_last() =>
        Test(
            """
                public Mutation<int, Unit, Snapshot<TodoList>> DeleteTodo() =>
                    client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoList>>
                    {
                        [|Kind|] = MutationKind.Delete,
                        MutationFn = (id, ct) => api.DeleteTodoAsync(id, ct),
                        OnMutateAsync = async id =>
                        {
                            await client.CancelQueriesAsync(todosKey);
                            var previous = client.GetQueryData<TodoList>(todosKey);
                            if (previous is not null)
                                client.SetQueryData(todosKey, previous with { Items = previous.Items.RemoveAll(t => t.Id == id) });
                            return new Snapshot<TodoList>(previous);
                        },
                        OnError = (error, id, context) =>
                        {
                            if (context?.Previous is { } previous) client.SetQueryData(todosKey, previous);
                            toaster.Error("Could not delete the to-do", error);
                        },
                        OnSettled = (data, error, id, context) => toaster.Error("settled"),
                    });

            """,
            """
                public Mutation<int, Unit, Snapshot<TodoList>> DeleteTodo() =>
                    client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoList>>
                    {
                        Kind = MutationKind.Delete,
                        MutationFn = (id, ct) => api.DeleteTodoAsync(id, ct),
                        OnError = (error, id, context) => toaster.Error("Could not delete the to-do", error),
                        OnSettledAsync = async (data, error, id, context) =>
                        {
                            toaster.Error("settled");
                            await client.InvalidateQueriesAsync(todosKey);
                        },
                    });

            """).RunAsync();

    [Fact]
    public Task A_settled_method_group_without_invalidation_gets_no_fix() =>
        // The method may be shared: the invalidation has nowhere to go but by hand (or OPT006's fix first).
        Test(
            """
                public Mutation<int, Unit, Snapshot<TodoList>> DeleteTodo() =>
                    client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoList>>
                    {
                        [|Kind|] = MutationKind.Delete,
                        MutationFn = (id, ct) => api.DeleteTodoAsync(id, ct),
                        OnMutate = id =>
                        {
                            var previous = client.GetQueryData<TodoList>(todosKey);
                            client.SetQueryData(todosKey, previous);
                            return new Snapshot<TodoList>(previous);
                        },
                        OnSettled = Log,
                    });

                private void Log(Unit data, System.Exception? error, int id, Snapshot<TodoList>? context) => toaster.Error("settled");

            """,
            null).RunAsync();

    [Fact]
    public Task A_key_held_in_a_local_of_OnMutate_is_invalidated_from_its_initializer() =>
        Test(
            """
                public Mutation<int, Unit, Snapshot<TodoList>> DeleteTodo() =>
                    client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoList>>
                    {
                        [|MutationFn|] = (todoId, ct) => api.DeleteTodoAsync(todoId, ct),
                        OnMutate = todoId =>
                        {
                            var key = Keys.Todo(todoId);
                            var previous = client.GetQueryData<TodoList>(key);
                            client.SetQueryData(key, previous);
                            return new Snapshot<TodoList>(previous);
                        },
                    });

            """,
            """
                public Mutation<int, Unit, Snapshot<TodoList>> DeleteTodo() =>
                    client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoList>>
                    {
                        MutationFn = (todoId, ct) => api.DeleteTodoAsync(todoId, ct),
                        OnSettledAsync = (data, error, todoId, context) => client.InvalidateQueriesAsync(Keys.Todo(todoId)),
                    });

            """).RunAsync();

    [Fact]
    public Task A_key_built_from_a_cached_value_gets_no_fix() =>
        Test(
            """
                public Mutation<int, Unit, Snapshot<TodoList>> DeleteTodo() =>
                    client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoList>>
                    {
                        [|MutationFn|] = (todoId, ct) => api.DeleteTodoAsync(todoId, ct),
                        OnMutate = todoId =>
                        {
                            var previous = client.GetQueryData<TodoList>(todosKey);
                            var key = Keys.Todo(previous!.Items[0].Id);
                            client.SetQueryData(key, previous);
                            return new Snapshot<TodoList>(previous);
                        },
                    });

            """,
            null).RunAsync();
}
