using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Fixes;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Optimistic.Query.CodeFixes;

namespace Optimistic.Query.Analyzers.Tests.Layers;

public class LayerRollbackFixTests
{
    [Fact]
    public Task OPT002_fix_rolls_the_layer_back_from_the_context() =>
        new CSharpCodeFixVerifier<MissingRollbackAnalyzer, AddRollbackCodeFixProvider>.Test
        {
            TestCode = Sources.Document("""
                public Mutation<RenameTodo, Todo, OptimisticLayer<Todo>> Rename() =>
                    client.CreateMutation(new MutationOptions<RenameTodo, Todo, OptimisticLayer<Todo>>
                    {
                        MutationFn = (input, ct) => api.RenameTodoAsync(input, ct),
                        [|OnMutateAsync|] = async input =>
                        {
                            await client.CancelQueriesAsync(Keys.Todo(input.Id));
                            return client.AddOptimisticLayer<Todo>(Keys.Todo(input.Id), todo => todo with { Title = input.Title });
                        }
                    });

            """),
            FixedCode = Sources.Document("""
                public Mutation<RenameTodo, Todo, OptimisticLayer<Todo>> Rename() =>
                    client.CreateMutation(new MutationOptions<RenameTodo, Todo, OptimisticLayer<Todo>>
                    {
                        MutationFn = (input, ct) => api.RenameTodoAsync(input, ct),
                        OnMutateAsync = async input =>
                        {
                            await client.CancelQueriesAsync(Keys.Todo(input.Id));
                            return client.AddOptimisticLayer<Todo>(Keys.Todo(input.Id), todo => todo with { Title = input.Title });
                        },
                        OnError = (error, input, context) => context?.Rollback()
                    });

            """),
            CodeActionEquivalenceKey = AddRollbackCodeFixProvider.Key,
            TestState = { Sources = { ("/0/Support.cs", Sources.Support) } },
            FixedState = { Sources = { ("/0/Support.cs", Sources.Support) } },
        }.RunAsync();
}
