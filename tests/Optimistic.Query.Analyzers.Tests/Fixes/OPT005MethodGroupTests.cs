using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Optimistic.Query.CodeFixes;

namespace Optimistic.Query.Analyzers.Tests.Fixes;

/// <summary>
/// OPT005's fix when OnMutate is a method group or local function: the member goes, the settled invalidation is written from
/// the function's body (its parameter renamed to the settled callback's), and the function goes too when nothing else uses it.
/// </summary>
public class OPT005MethodGroupTests
{
    private static CSharpCodeFixVerifier<OptimisticCreateOrDeleteAnalyzer, RemoveOptimisticUpdateCodeFixProvider>.Test Test(string members, string? fixedMembers) =>
        new()
        {
            TestState = { Sources = { Sources.Document(members), ("/0/Support.cs", Sources.Support) } },
            FixedState = { Sources = { Sources.Document(fixedMembers ?? members), ("/0/Support.cs", Sources.Support) } },
            CodeActionEquivalenceKey = RemoveOptimisticUpdateCodeFixProvider.Key,
        };

    private const string Prepare = """
            private Snapshot<TodoList> PrepareDelete(int todoId)
            {
                var previous = client.GetQueryData<TodoList>(Keys.Todo(todoId));
                client.SetQueryData(Keys.Todo(todoId), previous);
                return new Snapshot<TodoList>(previous);
            }

        """;

    [Fact]
    public Task A_private_method_used_only_here_is_removed_and_the_invalidation_written_from_its_key() =>
        Test(
            """
                public object DeleteTodo() =>
                    client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoList>>
                    {
                        [|MutationFn|] = (id, ct) => api.DeleteTodoAsync(id, ct),
                        OnMutate = PrepareDelete,
                        OnError = (error, id, context) => client.SetQueryData(Keys.Todo(id), context?.Previous),
                    });

            """ + Prepare,
            """
                public object DeleteTodo() =>
                    client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoList>>
                    {
                        MutationFn = (id, ct) => api.DeleteTodoAsync(id, ct),
                        OnSettledAsync = (data, error, todoId, context) => client.InvalidateQueriesAsync(Keys.Todo(todoId)),
                    });

            """).RunAsync();

    [Fact]
    public Task A_local_function_used_only_here_is_removed_and_the_existing_invalidation_kept() =>
        Test(
            """
                public object DeleteTodo()
                {
                    return client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoList>>
                    {
                        [|Kind|] = MutationKind.Delete,
                        MutationFn = (id, ct) => api.DeleteTodoAsync(id, ct),
                        OnMutate = Prepare,
                        OnSettledAsync = (data, error, id, context) => client.InvalidateQueriesAsync(todosKey),
                    });

                    Snapshot<TodoList> Prepare(int id)
                    {
                        var previous = client.GetQueryData<TodoList>(todosKey);
                        client.SetQueryData(todosKey, previous);
                        return new Snapshot<TodoList>(previous);
                    }
                }

            """,
            """
                public object DeleteTodo()
                {
                    return client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoList>>
                    {
                        Kind = MutationKind.Delete,
                        MutationFn = (id, ct) => api.DeleteTodoAsync(id, ct),
                        OnSettledAsync = (data, error, id, context) => client.InvalidateQueriesAsync(todosKey),
                    });
                }

            """).RunAsync();

    [Fact]
    public Task A_method_shared_by_two_mutations_goes_once_both_are_fixed_by_FixAll() =>
        Test(
            """
                public object DeleteTodo() =>
                    client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoList>>
                    {
                        [|MutationFn|] = (id, ct) => api.DeleteTodoAsync(id, ct),
                        OnMutate = PrepareDelete,
                    });

                public object DeleteTodoAgain() =>
                    client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoList>>
                    {
                        [|Kind|] = MutationKind.Delete,
                        MutationFn = (id, ct) => api.DeleteTodoAsync(id, ct),
                        OnMutate = PrepareDelete,
                    });

            """ + Prepare,
            """
                public object DeleteTodo() =>
                    client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoList>>
                    {
                        MutationFn = (id, ct) => api.DeleteTodoAsync(id, ct),
                        OnSettledAsync = (data, error, todoId, context) => client.InvalidateQueriesAsync(Keys.Todo(todoId)),
                    });

                public object DeleteTodoAgain() =>
                    client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoList>>
                    {
                        Kind = MutationKind.Delete,
                        MutationFn = (id, ct) => api.DeleteTodoAsync(id, ct),
                        OnSettledAsync = (data, error, todoId, context) => client.InvalidateQueriesAsync(Keys.Todo(todoId)),
                    });

            """).RunAsync();

    [Fact]
    public Task A_method_also_called_elsewhere_stays() =>
        Test(
            """
                public object DeleteTodo() =>
                    client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoList>>
                    {
                        [|MutationFn|] = (id, ct) => api.DeleteTodoAsync(id, ct),
                        OnMutate = PrepareDelete,
                    });

                public void Preview(int id) => PrepareDelete(id);

            """ + Prepare,
            """
                public object DeleteTodo() =>
                    client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoList>>
                    {
                        MutationFn = (id, ct) => api.DeleteTodoAsync(id, ct),
                        OnSettledAsync = (data, error, todoId, context) => client.InvalidateQueriesAsync(Keys.Todo(todoId)),
                    });

                public void Preview(int id) => PrepareDelete(id);

            """ + Prepare).RunAsync();

    [Fact]
    public Task A_key_field_shadowed_at_the_definition_gets_no_fix() =>
        // In PrepareDelete `todosKey` is the field; in DeleteTodo it is the parameter: the invalidation would change keys.
        Test(
            """
                public object DeleteTodo(QueryKey todosKey) =>
                    client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoList>>
                    {
                        [|MutationFn|] = (id, ct) => api.DeleteTodoAsync(id, ct),
                        OnMutate = PrepareDelete,
                    });

                private Snapshot<TodoList> PrepareDelete(int id)
                {
                    var previous = client.GetQueryData<TodoList>(todosKey);
                    client.SetQueryData(todosKey, previous);
                    return new Snapshot<TodoList>(previous);
                }

            """,
            null).RunAsync();
}
