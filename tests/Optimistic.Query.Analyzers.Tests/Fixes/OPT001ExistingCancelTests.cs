using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Optimistic.Query.CodeFixes;

namespace Optimistic.Query.Analyzers.Tests.Fixes;

/// <summary>OPT001's fix reuses a cancel the callback already has (unawaited, or after the access) instead of adding a second.</summary>
public class OPT001ExistingCancelTests
{
    private static CSharpCodeFixVerifier<CancelBeforeOptimisticWriteAnalyzer, InsertCancelCodeFixProvider>.Test Test(string members, string fixedMembers) =>
        new()
        {
            TestState = { Sources = { Sources.Document(members), ("/0/Support.cs", Sources.Support) } },
            FixedState = { Sources = { Sources.Document(fixedMembers), ("/0/Support.cs", Sources.Support) } },
            CodeActionEquivalenceKey = InsertCancelCodeFixProvider.Key,
        };

    [Fact]
    public Task A_discarded_cancel_before_the_access_is_awaited_where_it_stands() =>
        Test(
            """
                public object Rename() =>
                    client.CreateMutation(new MutationOptions<RenameTodo, Todo, Snapshot<Todo>>
                    {
                        OnMutate = input =>
                        {
                            _ = client.CancelQueriesAsync(Keys.Todo(input.Id)); // stop the refetch
                            var previous = [|client.GetQueryData<Todo>(Keys.Todo(input.Id))|];
                            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
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
                            await client.CancelQueriesAsync(Keys.Todo(input.Id)); // stop the refetch
                            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
                            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
                            return new Snapshot<Todo>(previous);
                        },
                    });

            """).RunAsync();

    [Fact]
    public Task An_awaited_cancel_after_the_snapshot_moves_first_with_its_comment_and_ConfigureAwait() =>
        Test(
            """
                public object Rename() =>
                    client.CreateMutation(new MutationOptions<RenameTodo, Todo, Snapshot<Todo>>
                    {
                        OnMutateAsync = async input =>
                        {
                            var previous = [|client.GetQueryData<Todo>(Keys.Todo(input.Id))|];
                            // no refetch may land over the patch
                            await client.CancelQueriesAsync(Keys.Todo(input.Id)).ConfigureAwait(false);
                            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
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
                            // no refetch may land over the patch
                            await client.CancelQueriesAsync(Keys.Todo(input.Id)).ConfigureAwait(false);
                            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
                            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
                            return new Snapshot<Todo>(previous);
                        },
                    });

            """).RunAsync();

    [Fact]
    public Task An_unawaited_prefix_cancel_after_the_access_moves_first_and_is_awaited_once_for_two_keys() =>
        Test(
            """
                public object Rename() =>
                    client.CreateMutation(new MutationOptions<RenameTodo, Todo, Unit>
                    {
                        OnMutate = input =>
                        {
                            [|client.SetQueryData(QueryKey.Create("todo", 1), new Todo(1, input.Title))|];
                            [|client.SetQueryData(QueryKey.Create("todo", 2), new Todo(2, input.Title))|];
                            client.CancelQueriesAsync(QueryKey.Create("todo"));
                            return Unit.Value;
                        },
                    });

            """,
            """
                public object Rename() =>
                    client.CreateMutation(new MutationOptions<RenameTodo, Todo, Unit>
                    {
                        OnMutateAsync = async input =>
                        {
                            await client.CancelQueriesAsync(QueryKey.Create("todo"));
                            client.SetQueryData(QueryKey.Create("todo", 1), new Todo(1, input.Title));
                            client.SetQueryData(QueryKey.Create("todo", 2), new Todo(2, input.Title));
                            return Unit.Value;
                        },
                    });

            """).RunAsync();

    [Fact]
    public Task A_cancel_of_another_key_is_left_alone_and_the_right_one_added() =>
        Test(
            """
                public object Rename() =>
                    client.CreateMutation(new MutationOptions<RenameTodo, Todo, Unit>
                    {
                        OnMutate = input =>
                        {
                            _ = client.CancelQueriesAsync(todosKey);
                            [|client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title))|];
                            return Unit.Value;
                        },
                    });

            """,
            """
                public object Rename() =>
                    client.CreateMutation(new MutationOptions<RenameTodo, Todo, Unit>
                    {
                        OnMutateAsync = async input =>
                        {
                            await client.CancelQueriesAsync(Keys.Todo(input.Id));
                            _ = client.CancelQueriesAsync(todosKey);
                            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
                            return Unit.Value;
                        },
                    });

            """).RunAsync();

    [Fact]
    public Task A_cancel_held_in_a_local_and_awaited_after_the_access_has_its_await_moved_before_the_access_with_its_ConfigureAwait() =>
        Test(
            """
                public object Rename() =>
                    client.CreateMutation(new MutationOptions<RenameTodo, Todo, Snapshot<Todo>>
                    {
                        OnMutateAsync = async input =>
                        {
                            var cancelling = client.CancelQueriesAsync(Keys.Todo(input.Id));
                            var previous = [|client.GetQueryData<Todo>(Keys.Todo(input.Id))|];
                            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
                            await cancelling.ConfigureAwait(false); // the refetch has stopped
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
                            var cancelling = client.CancelQueriesAsync(Keys.Todo(input.Id));
                            await cancelling.ConfigureAwait(false); // the refetch has stopped
                            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
                            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
                            return new Snapshot<Todo>(previous);
                        },
                    });

            """).RunAsync();

    [Fact]
    public Task A_held_prefix_cancel_moves_before_the_first_of_two_keys_once() =>
        Test(
            """
                public object Rename() =>
                    client.CreateMutation(new MutationOptions<RenameTodo, Todo, Unit>
                    {
                        OnMutateAsync = async input =>
                        {
                            var cancelling = client.CancelQueriesAsync(QueryKey.Create("todo"));
                            [|client.SetQueryData(QueryKey.Create("todo", 1), new Todo(1, input.Title))|];
                            [|client.SetQueryData(QueryKey.Create("todo", 2), new Todo(2, input.Title))|];
                            await cancelling;
                            return Unit.Value;
                        },
                    });

            """,
            """
                public object Rename() =>
                    client.CreateMutation(new MutationOptions<RenameTodo, Todo, Unit>
                    {
                        OnMutateAsync = async input =>
                        {
                            var cancelling = client.CancelQueriesAsync(QueryKey.Create("todo"));
                            await cancelling;
                            client.SetQueryData(QueryKey.Create("todo", 1), new Todo(1, input.Title));
                            client.SetQueryData(QueryKey.Create("todo", 2), new Todo(2, input.Title));
                            return Unit.Value;
                        },
                    });

            """).RunAsync();

    [Fact]
    public Task A_held_cancel_used_elsewhere_too_is_left_alone_and_a_cancel_added() =>
        // `cancelling` is also awaited with another task: moving that await would make the snapshot wait for the delay too.
        Test(
            """
                public object Rename() =>
                    client.CreateMutation(new MutationOptions<RenameTodo, Todo, Snapshot<Todo>>
                    {
                        OnMutateAsync = async input =>
                        {
                            var cancelling = client.CancelQueriesAsync(Keys.Todo(input.Id));
                            var previous = [|client.GetQueryData<Todo>(Keys.Todo(input.Id))|];
                            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
                            await Task.WhenAll(cancelling, Task.Delay(10));
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
                            await client.CancelQueriesAsync(Keys.Todo(input.Id));
                            var cancelling = client.CancelQueriesAsync(Keys.Todo(input.Id));
                            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
                            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
                            await Task.WhenAll(cancelling, Task.Delay(10));
                            return new Snapshot<Todo>(previous);
                        },
                    });

            """).RunAsync();

    [Fact]
    public Task A_cancel_held_in_a_local_declared_after_the_access_is_left_alone_and_a_cancel_added() =>
        Test(
            """
                public object Rename() =>
                    client.CreateMutation(new MutationOptions<RenameTodo, Todo, Snapshot<Todo>>
                    {
                        OnMutateAsync = async input =>
                        {
                            var previous = [|client.GetQueryData<Todo>(Keys.Todo(input.Id))|];
                            var cancelling = client.CancelQueriesAsync(Keys.Todo(input.Id));
                            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
                            await cancelling;
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
                            await client.CancelQueriesAsync(Keys.Todo(input.Id));
                            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
                            var cancelling = client.CancelQueriesAsync(Keys.Todo(input.Id));
                            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
                            await cancelling;
                            return new Snapshot<Todo>(previous);
                        },
                    });

            """).RunAsync();
}
