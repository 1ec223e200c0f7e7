using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Optimistic.Query.CodeFixes;

namespace Optimistic.Query.Analyzers.Tests.Fixes;

/// <summary>
/// OPT002 when the error callback is a method group or local function (<c>OnError = Report</c>): a private method or local
/// function that only this callback uses gets the rollback first in its own body; any other method is wrapped in a lambda
/// that rolls back, then calls it. Synchronous or asynchronous as the delegate demands.
/// </summary>
public class OPT002ErrorFunctionTests
{
    private static CSharpCodeFixVerifier<MissingRollbackAnalyzer, AddRollbackCodeFixProvider>.Test Test(string members, string? fixedMembers) =>
        new()
        {
            TestState = { Sources = { Sources.Document(members), ("/0/Support.cs", Sources.Support) } },
            FixedState = { Sources = { Sources.Document(fixedMembers ?? members), ("/0/Support.cs", Sources.Support) } },
            CodeActionEquivalenceKey = AddRollbackCodeFixProvider.Key,
        };

    /// <summary>A rename with a snapshot of <c>Keys.Todo(input.Id)</c>, the error callback written by <paramref name="onError"/>.</summary>
    private static string Rename(string onError, string name = "Rename") => $$"""
            public object {{name}}() => client.CreateMutation(new MutationOptions<RenameTodo, Todo, Snapshot<Todo>>
            {
                MutationFn = (input, ct) => api.RenameTodoAsync(input, ct),
                [|OnMutateAsync|] = async input =>
                {
                    await client.CancelQueriesAsync(Keys.Todo(input.Id));
                    var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
                    client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
                    return new Snapshot<Todo>(previous);
                },
                {{onError}}
                OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
            });

        """;

    private static string Fixed(string text) => text.Replace("[|OnMutateAsync|]", "OnMutateAsync", System.StringComparison.Ordinal);

    [Fact]
    public Task A_private_expression_bodied_method_used_only_here_gets_the_restore_first_in_a_block() =>
        Test(
            Rename("OnError = Report,") + """
                private void Report(System.Exception error, RenameTodo todo, Snapshot<Todo>? snapshot) => toaster.Error("Rename failed", error);

            """,
            Fixed(Rename("OnError = Report,")) + """
                private void Report(System.Exception error, RenameTodo todo, Snapshot<Todo>? snapshot)
                {
                    if (snapshot?.Previous is { } previous) client.SetQueryData(Keys.Todo(todo.Id), previous);
                    toaster.Error("Rename failed", error);
                }

            """).RunAsync();

    [Fact]
    public Task A_local_function_sees_the_factory_parameter_and_gets_the_undo_first_in_its_block() =>
        Test(
            """
                public object Rename(QueryKey key)
                {
                    var options = new MutationOptions<RenameTodo, Todo, PatchResult<Todo>>
                    {
                        MutationFn = (input, ct) => api.RenameTodoAsync(input, ct),
                        [|OnMutate|] = input => client.UpdateQueryData<Todo>(key, todo => todo with { Title = input.Title }),
                        OnError = Report,
                        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(key),
                    };
                    return client.CreateMutation(options);

                    void Report(System.Exception error, RenameTodo input, PatchResult<Todo>? patch)
                    {
                        // The toast says what failed.
                        toaster.Error("Rename failed", error);
                    }
                }

            """,
            """
                public object Rename(QueryKey key)
                {
                    var options = new MutationOptions<RenameTodo, Todo, PatchResult<Todo>>
                    {
                        MutationFn = (input, ct) => api.RenameTodoAsync(input, ct),
                        OnMutate = input => client.UpdateQueryData<Todo>(key, todo => todo with { Title = input.Title }),
                        OnError = Report,
                        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(key),
                    };
                    return client.CreateMutation(options);

                    void Report(System.Exception error, RenameTodo input, PatchResult<Todo>? patch)
                    {
                        patch?.Undo();
                        // The toast says what failed.
                        toaster.Error("Rename failed", error);
                    }
                }

            """).RunAsync();

    [Fact]
    public Task An_invalidation_makes_a_synchronous_private_method_async_and_the_member_OnErrorAsync() =>
        Test(
            """
                public object Rename() => client.CreateMutation(new MutationOptions<RenameTodo, Todo, Unit>
                {
                    MutationFn = (input, ct) => api.RenameTodoAsync(input, ct),
                    [|OnMutateAsync|] = async input =>
                    {
                        await client.CancelQueriesAsync(Keys.Todo(input.Id));
                        client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
                        return Unit.Value;
                    },
                    OnError = Report,
                    OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
                });

                private void Report(System.Exception error, RenameTodo input, Unit context)
                {
                    toaster.Error("Rename failed", error);
                }

            """,
            """
                public object Rename() => client.CreateMutation(new MutationOptions<RenameTodo, Todo, Unit>
                {
                    MutationFn = (input, ct) => api.RenameTodoAsync(input, ct),
                    OnMutateAsync = async input =>
                    {
                        await client.CancelQueriesAsync(Keys.Todo(input.Id));
                        client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
                        return Unit.Value;
                    },
                    OnErrorAsync = ReportAsync,
                    OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
                });

                private async Task ReportAsync(System.Exception error, RenameTodo input, Unit context)
                {
                    await client.InvalidateQueriesAsync(Keys.Todo(input.Id));
                    toaster.Error("Rename failed", error);
                }

            """).RunAsync();

    [Fact]
    public Task A_method_shared_by_two_mutations_is_wrapped_in_each_by_FixAll_and_left_as_it_is() =>
        Test(
            Rename("OnError = Report,") + Rename("OnError = Report,", "RenameAgain") + """
                private void Report(System.Exception error, RenameTodo input, Snapshot<Todo>? context) => toaster.Error("Rename failed", error);

            """,
            Fixed(Rename("""
                OnError = (error, input, context) =>
                        {
                            if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(input.Id), previous);
                            Report(error, input, context);
                        },
                """)) + Fixed(Rename("""
                OnError = (error, input, context) =>
                        {
                            if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(input.Id), previous);
                            Report(error, input, context);
                        },
                """, "RenameAgain")) + """
                private void Report(System.Exception error, RenameTodo input, Snapshot<Todo>? context) => toaster.Error("Rename failed", error);

            """).RunAsync();

    [Fact]
    public Task A_public_async_method_is_wrapped_in_an_async_lambda_that_awaits_it_after_the_restore() =>
        Test(
            Rename("OnErrorAsync = ReportAsync,") + """
                public Task ReportAsync(System.Exception error, RenameTodo input, Snapshot<Todo>? context) => Task.CompletedTask;

            """,
            Fixed(Rename("""
                OnErrorAsync = async (error, input, context) =>
                        {
                            if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(input.Id), previous);
                            await ReportAsync(error, input, context);
                        },
                """)) + """
                public Task ReportAsync(System.Exception error, RenameTodo input, Snapshot<Todo>? context) => Task.CompletedTask;

            """).RunAsync();

    [Fact]
    public Task A_private_method_that_cannot_see_the_key_is_wrapped_instead_and_an_invalidation_makes_it_OnErrorAsync() =>
        // Report cannot see the factory's parameter `key`: the rollback stays in the definition, in a lambda.
        Test(
            """
                public object Rename(QueryKey key) => client.CreateMutation(new MutationOptions<RenameTodo, Todo, Unit>
                {
                    MutationFn = (input, ct) => api.RenameTodoAsync(input, ct),
                    [|OnMutateAsync|] = async input =>
                    {
                        await client.CancelQueriesAsync(key);
                        client.SetQueryData(key, new Todo(input.Id, input.Title));
                        return Unit.Value;
                    },
                    OnError = Report,
                    OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(key),
                });

                private void Report(System.Exception error, RenameTodo input, Unit context) => toaster.Error("Rename failed", error);

            """,
            """
                public object Rename(QueryKey key) => client.CreateMutation(new MutationOptions<RenameTodo, Todo, Unit>
                {
                    MutationFn = (input, ct) => api.RenameTodoAsync(input, ct),
                    OnMutateAsync = async input =>
                    {
                        await client.CancelQueriesAsync(key);
                        client.SetQueryData(key, new Todo(input.Id, input.Title));
                        return Unit.Value;
                    },
                    OnErrorAsync = async (error, input, context) =>
                    {
                        await client.InvalidateQueriesAsync(key);
                        Report(error, input, context);
                    },
                    OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(key),
                });

                private void Report(System.Exception error, RenameTodo input, Unit context) => toaster.Error("Rename failed", error);

            """).RunAsync();

    [Fact]
    public Task The_wrapper_lambda_names_its_parameters_around_the_names_in_scope() =>
        // `error` and `context` are the factory's own parameters: the wrapper must not capture them.
        Test(
            """
                public object Rename(string error, object context) => client.CreateMutation(new MutationOptions<RenameTodo, Todo, PatchResult<Todo>>
                {
                    MutationFn = (input, ct) => api.RenameTodoAsync(input, ct),
                    [|OnMutate|] = input => client.UpdateQueryData<Todo>(Keys.Todo(input.Id), todo => todo with { Title = input.Title }),
                    OnError = Report,
                    OnSettledAsync = (data, failure, input, patch) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
                });

                public void Report(System.Exception error, RenameTodo input, PatchResult<Todo>? patch) => toaster.Error("Rename failed", error);

            """,
            """
                public object Rename(string error, object context) => client.CreateMutation(new MutationOptions<RenameTodo, Todo, PatchResult<Todo>>
                {
                    MutationFn = (input, ct) => api.RenameTodoAsync(input, ct),
                    OnMutate = input => client.UpdateQueryData<Todo>(Keys.Todo(input.Id), todo => todo with { Title = input.Title }),
                    OnError = (error1, input, context1) =>
                    {
                        context1?.Undo();
                        Report(error1, input, context1);
                    },
                    OnSettledAsync = (data, failure, input, patch) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
                });

                public void Report(System.Exception error, RenameTodo input, PatchResult<Todo>? patch) => toaster.Error("Rename failed", error);

            """).RunAsync();
}
