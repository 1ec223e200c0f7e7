using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Optimistic.Query.CodeFixes;

namespace Optimistic.Query.Analyzers.Tests.Fixes;

/// <summary>
/// OPT002's fix when OnMutate returns a patch's <c>PatchResult&lt;T&gt;</c> or a layer's <c>OptimisticLayer&lt;T&gt;</c> into an
/// untyped (<c>object</c>) context: the error callback reads the handle back through a type pattern and calls its rollback,
/// <c>if (context is PatchResult&lt;Todo&gt; patch) patch.Undo();</c>, which the analyzer then accepts (no diagnostic left).
/// </summary>
public class OPT002UntypedHandleTests
{
    private static CSharpCodeFixVerifier<MissingRollbackAnalyzer, AddRollbackCodeFixProvider>.Test Test(string members, string fixedMembers) =>
        new()
        {
            TestState = { Sources = { Sources.Document(members), ("/0/Support.cs", Sources.Support) } },
            FixedState = { Sources = { Sources.Document(fixedMembers), ("/0/Support.cs", Sources.Support) } },
            CodeActionEquivalenceKey = AddRollbackCodeFixProvider.Key,
        };

    [Fact]
    public Task A_patch_in_an_object_context_is_undone_through_a_type_pattern_in_a_new_OnError() =>
        Test(
            """
                public Mutation<RenameTodo, Todo, object> Rename() =>
                    client.CreateMutation(new MutationOptions<RenameTodo, Todo, object>
                    {
                        MutationFn = (input, ct) => api.RenameTodoAsync(input, ct),
                        [|OnMutateAsync|] = async input =>
                        {
                            await client.CancelQueriesAsync(Keys.Todo(input.Id));
                            return client.UpdateQueryData<Todo>(Keys.Todo(input.Id), todo => todo with { Title = input.Title });
                        },
                        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
                    });

            """,
            """
                public Mutation<RenameTodo, Todo, object> Rename() =>
                    client.CreateMutation(new MutationOptions<RenameTodo, Todo, object>
                    {
                        MutationFn = (input, ct) => api.RenameTodoAsync(input, ct),
                        OnMutateAsync = async input =>
                        {
                            await client.CancelQueriesAsync(Keys.Todo(input.Id));
                            return client.UpdateQueryData<Todo>(Keys.Todo(input.Id), todo => todo with { Title = input.Title });
                        },
                        OnError = (error, input, context) =>
                        {
                            if (context is PatchResult<Todo> patch) patch.Undo();
                        },
                        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
                    });

            """).RunAsync();

    [Fact]
    public Task A_layer_kept_in_a_local_and_returned_as_object_is_rolled_back_first_in_the_existing_OnError() =>
        Test(
            """
                public Mutation<RenameTodo, Todo, object> Rename() =>
                    client.CreateMutation(new MutationOptions<RenameTodo, Todo, object>
                    {
                        MutationFn = (input, ct) => api.RenameTodoAsync(input, ct),
                        [|OnMutateAsync|] = async input =>
                        {
                            await client.CancelQueriesAsync(Keys.Todo(input.Id));
                            var layer = client.AddOptimisticLayer<Todo>(Keys.Todo(input.Id), todo => todo with { Title = input.Title });
                            return layer;
                        },
                        OnError = (error, input, context) => toaster.Error("Could not rename", error),
                        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
                    });

            """,
            """
                public Mutation<RenameTodo, Todo, object> Rename() =>
                    client.CreateMutation(new MutationOptions<RenameTodo, Todo, object>
                    {
                        MutationFn = (input, ct) => api.RenameTodoAsync(input, ct),
                        OnMutateAsync = async input =>
                        {
                            await client.CancelQueriesAsync(Keys.Todo(input.Id));
                            var layer = client.AddOptimisticLayer<Todo>(Keys.Todo(input.Id), todo => todo with { Title = input.Title });
                            return layer;
                        },
                        OnError = (error, input, context) =>
                        {
                            if (context is OptimisticLayer<Todo> layer) layer.Rollback();
                            toaster.Error("Could not rename", error);
                        },
                        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
                    });

            """).RunAsync();

    [Fact]
    public Task A_patch_of_another_key_returned_as_object_is_not_undone_the_written_key_is_invalidated_instead() =>
        Test(
            """
                public Mutation<RenameTodo, Todo, object> Rename() =>
                    client.CreateMutation(new MutationOptions<RenameTodo, Todo, object>
                    {
                        MutationFn = (input, ct) => api.RenameTodoAsync(input, ct),
                        [|OnMutateAsync|] = async input =>
                        {
                            await client.CancelQueriesAsync(Keys.Todo(input.Id));
                            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
                            return client.UpdateQueryData<Todo>(Keys.Todo(0), todo => todo);
                        },
                        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
                    });

            """,
            """
                public Mutation<RenameTodo, Todo, object> Rename() =>
                    client.CreateMutation(new MutationOptions<RenameTodo, Todo, object>
                    {
                        MutationFn = (input, ct) => api.RenameTodoAsync(input, ct),
                        OnMutateAsync = async input =>
                        {
                            await client.CancelQueriesAsync(Keys.Todo(input.Id));
                            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
                            return client.UpdateQueryData<Todo>(Keys.Todo(0), todo => todo);
                        },
                        OnErrorAsync = (error, input, context) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
                        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
                    });

            """).RunAsync();

    [Fact]
    public Task FixAll_undoes_a_patch_and_rolls_back_a_layer_in_two_object_context_definitions() =>
        Test(
            """
                public Mutation<RenameTodo, Todo, object> Rename() =>
                    client.CreateMutation(new MutationOptions<RenameTodo, Todo, object>
                    {
                        MutationFn = (input, ct) => api.RenameTodoAsync(input, ct),
                        [|OnMutate|] = input => client.UpdateQueryData<Todo>(Keys.Todo(input.Id), todo => todo with { Title = input.Title }),
                        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
                    });

                public Mutation<RenameTodo, Todo, object> Retitle() =>
                    client.CreateMutation(new MutationOptions<RenameTodo, Todo, object>
                    {
                        MutationFn = (input, ct) => api.RenameTodoAsync(input, ct),
                        [|OnMutate|] = input => client.AddOptimisticLayer<Todo>(Keys.Todo(input.Id), todo => todo with { Title = input.Title }),
                        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
                    });

            """,
            """
                public Mutation<RenameTodo, Todo, object> Rename() =>
                    client.CreateMutation(new MutationOptions<RenameTodo, Todo, object>
                    {
                        MutationFn = (input, ct) => api.RenameTodoAsync(input, ct),
                        OnMutate = input => client.UpdateQueryData<Todo>(Keys.Todo(input.Id), todo => todo with { Title = input.Title }),
                        OnError = (error, input, context) =>
                        {
                            if (context is PatchResult<Todo> patch) patch.Undo();
                        },
                        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
                    });

                public Mutation<RenameTodo, Todo, object> Retitle() =>
                    client.CreateMutation(new MutationOptions<RenameTodo, Todo, object>
                    {
                        MutationFn = (input, ct) => api.RenameTodoAsync(input, ct),
                        OnMutate = input => client.AddOptimisticLayer<Todo>(Keys.Todo(input.Id), todo => todo with { Title = input.Title }),
                        OnError = (error, input, context) =>
                        {
                            if (context is OptimisticLayer<Todo> layer) layer.Rollback();
                        },
                        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
                    });

            """).RunAsync();
}
