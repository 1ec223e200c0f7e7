using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Optimistic.Query.CodeFixes;

namespace Optimistic.Query.Analyzers.Tests.Fixes;

/// <summary>OPT002 when OnMutate is a method group or local function: the fix reads its body and adds the rollback to the definition.</summary>
public class OPT002MethodGroupTests
{
    private static CSharpCodeFixVerifier<MissingRollbackAnalyzer, AddRollbackCodeFixProvider>.Test Test(string members, string? fixedMembers) =>
        new()
        {
            TestState = { Sources = { Sources.Document(members), ("/0/Support.cs", Sources.Support) } },
            FixedState = { Sources = { Sources.Document(fixedMembers ?? members), ("/0/Support.cs", Sources.Support) } },
            CodeActionEquivalenceKey = AddRollbackCodeFixProvider.Key,
        };

    [Fact]
    public Task A_method_group_OnMutate_gets_an_OnError_restoring_its_snapshot_with_its_key_rewritten() =>
        Test(
            """
                public object Rename() =>
                    client.CreateMutation(new MutationOptions<RenameTodo, Todo, Snapshot<Todo>>
                    {
                        MutationFn = (input, ct) => api.RenameTodoAsync(input, ct),
                        [|OnMutateAsync|] = PrepareAsync,
                    });

                private async Task<Snapshot<Todo>> PrepareAsync(RenameTodo todo)
                {
                    var key = Keys.Todo(todo.Id);
                    await client.CancelQueriesAsync(key);
                    var previous = client.GetQueryData<Todo>(key);
                    client.SetQueryData(key, new Todo(todo.Id, todo.Title));
                    return new Snapshot<Todo>(previous);
                }

            """,
            """
                public object Rename() =>
                    client.CreateMutation(new MutationOptions<RenameTodo, Todo, Snapshot<Todo>>
                    {
                        MutationFn = (input, ct) => api.RenameTodoAsync(input, ct),
                        OnMutateAsync = PrepareAsync,
                        OnError = (error, todo, context) =>
                        {
                            if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(todo.Id), previous);
                        },
                    });

                private async Task<Snapshot<Todo>> PrepareAsync(RenameTodo todo)
                {
                    var key = Keys.Todo(todo.Id);
                    await client.CancelQueriesAsync(key);
                    var previous = client.GetQueryData<Todo>(key);
                    client.SetQueryData(key, new Todo(todo.Id, todo.Title));
                    return new Snapshot<Todo>(previous);
                }

            """).RunAsync();

    [Fact]
    public Task A_patch_method_shared_by_two_mutations_gets_an_undo_in_each_definition_by_FixAll() =>
        Test(
            """
                public object First() => client.CreateMutation(new MutationOptions<RenameTodo, Todo, PatchResult<Todo>>
                {
                    [|OnMutate|] = Patch,
                    OnSettledAsync = (data, error, input, patch) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
                });

                public object Second() => client.CreateMutation(new MutationOptions<RenameTodo, Todo, PatchResult<Todo>>
                {
                    [|OnMutate|] = Patch,
                });

                private PatchResult<Todo> Patch(RenameTodo input) =>
                    client.UpdateQueryData<Todo>(Keys.Todo(input.Id), todo => todo with { Title = input.Title });

            """,
            """
                public object First() => client.CreateMutation(new MutationOptions<RenameTodo, Todo, PatchResult<Todo>>
                {
                    OnMutate = Patch,
                    OnError = (error, input, context) => context?.Undo(),
                    OnSettledAsync = (data, error, input, patch) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
                });

                public object Second() => client.CreateMutation(new MutationOptions<RenameTodo, Todo, PatchResult<Todo>>
                {
                    OnMutate = Patch,
                    OnError = (error, input, context) => context?.Undo(),
                });

                private PatchResult<Todo> Patch(RenameTodo input) =>
                    client.UpdateQueryData<Todo>(Keys.Todo(input.Id), todo => todo with { Title = input.Title });

            """).RunAsync();
}
