using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Optimistic.Query.CodeFixes;

namespace Optimistic.Query.Analyzers.Tests.Fixes;

/// <summary>OPT002 when the written key is built from OnMutate's locals: the rollback recomputes it from their initializers.</summary>
public class OPT002LocalKeyTests
{
    private static CSharpCodeFixVerifier<MissingRollbackAnalyzer, AddRollbackCodeFixProvider>.Test Test(string members, string? fixedMembers) =>
        new()
        {
            TestState = { Sources = { Sources.Document(members), ("/0/Support.cs", Sources.Support) } },
            FixedState = { Sources = { Sources.Document(fixedMembers ?? members), ("/0/Support.cs", Sources.Support) } },
            CodeActionEquivalenceKey = AddRollbackCodeFixProvider.Key,
        };

    [Fact]
    public Task A_key_local_is_written_as_its_initializer_in_the_added_restore() =>
        Test(
            """
                public object Rename() =>
                    client.CreateMutation(new MutationOptions<RenameTodo, Todo, Snapshot<Todo>>
                    {
                        [|OnMutateAsync|] = async input =>
                        {
                            var key = Keys.Todo(input.Id);
                            await client.CancelQueriesAsync(key);
                            var previous = client.GetQueryData<Todo>(key);
                            client.SetQueryData(key, new Todo(input.Id, input.Title));
                            return new Snapshot<Todo>(previous);
                        },
                    });

            """,
            """
                public object Rename() =>
                    client.CreateMutation(new MutationOptions<RenameTodo, Todo, Snapshot<Todo>>
                    {
                        OnMutateAsync = async input =>
                        {
                            var key = Keys.Todo(input.Id);
                            await client.CancelQueriesAsync(key);
                            var previous = client.GetQueryData<Todo>(key);
                            client.SetQueryData(key, new Todo(input.Id, input.Title));
                            return new Snapshot<Todo>(previous);
                        },
                        OnError = (error, input, context) =>
                        {
                            if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(input.Id), previous);
                        },
                    });

            """).RunAsync();

    [Fact]
    public Task A_chain_of_locals_is_inlined_and_the_parameter_renamed_in_an_existing_OnError() =>
        Test(
            """
                public object Rename() =>
                    client.CreateMutation(new MutationOptions<RenameTodo, Todo, Unit>
                    {
                        [|OnMutateAsync|] = async input =>
                        {
                            var id = input.Id;
                            var key = QueryKey.Create("todo", id, $"v{id + 1}");
                            await client.CancelQueriesAsync(key);
                            client.SetQueryData(key, new Todo(id, input.Title));
                            return Unit.Value;
                        },
                        OnErrorAsync = async (error, vars, context) =>
                        {
                            await Task.Yield();
                            toaster.Error("Rename failed", error);
                        },
                    });

            """,
            """
                public object Rename() =>
                    client.CreateMutation(new MutationOptions<RenameTodo, Todo, Unit>
                    {
                        OnMutateAsync = async input =>
                        {
                            var id = input.Id;
                            var key = QueryKey.Create("todo", id, $"v{id + 1}");
                            await client.CancelQueriesAsync(key);
                            client.SetQueryData(key, new Todo(id, input.Title));
                            return Unit.Value;
                        },
                        OnErrorAsync = async (error, vars, context) =>
                        {
                            await client.InvalidateQueriesAsync(QueryKey.Create("todo", vars.Id, $"v{vars.Id + 1}"));
                            await Task.Yield();
                            toaster.Error("Rename failed", error);
                        },
                    });

            """).RunAsync();

    [Fact]
    public Task No_fix_when_a_local_would_not_recompute_the_same_key() =>
        Test(
            """
                public object FromCache() =>
                    client.CreateMutation(new MutationOptions<RenameTodo, Todo, Unit>
                    {
                        [|OnMutateAsync|] = async input =>
                        {
                            var current = client.GetQueryData<Todo>(Keys.Todo(input.Id));
                            var key = Keys.Todo(current?.Id ?? 0);
                            await client.CancelQueriesAsync(key);
                            client.SetQueryData(key, new Todo(input.Id, input.Title));
                            return Unit.Value;
                        },
                    });

                public object Random() =>
                    client.CreateMutation(new MutationOptions<RenameTodo, Todo, Unit>
                    {
                        [|OnMutateAsync|] = async input =>
                        {
                            var key = Keys.Todo(System.Random.Shared.Next());
                            await client.CancelQueriesAsync(key);
                            client.SetQueryData(key, new Todo(input.Id, input.Title));
                            return Unit.Value;
                        },
                    });

                public object Reassigned() =>
                    client.CreateMutation(new MutationOptions<RenameTodo, Todo, Unit>
                    {
                        [|OnMutateAsync|] = async input =>
                        {
                            var key = Keys.Todo(input.Id);
                            if (input.Id < 0) key = todosKey;
                            await client.CancelQueriesAsync(key);
                            client.SetQueryData(key, new Todo(input.Id, input.Title));
                            return Unit.Value;
                        },
                    });

            """,
            null).RunAsync();
}
