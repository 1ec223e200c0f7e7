using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Optimistic.Query.CodeFixes;

namespace Optimistic.Query.Analyzers.Tests.Fixes;

public class OPT001InsertCancelTests
{
    private static CSharpCodeFixVerifier<CancelBeforeOptimisticWriteAnalyzer, InsertCancelCodeFixProvider>.Test Test(string members, string? fixedMembers) =>
        new()
        {
            TestState = { Sources = { Sources.Document(members), ("/0/Support.cs", Sources.Support) } },
            FixedState = { Sources = { fixedMembers is null ? Sources.Document(members) : Sources.Document(fixedMembers), ("/0/Support.cs", Sources.Support) } },
            CodeActionEquivalenceKey = InsertCancelCodeFixProvider.Key,
        };

    [Fact]
    public Task Sync_OnMutate_becomes_async_with_the_cancel_first() =>
        Test(
            """
                public Mutation<int, Unit, Snapshot<NotificationsPage>> MarkAsRead() =>
                    client.CreateMutation(new MutationOptions<int, Unit, Snapshot<NotificationsPage>>
                    {
                        MutationFn = (id, ct) => api.MarkAsReadAsync(id, ct),
                        OnMutate = id =>
                        {
                            var previous = [|client.GetQueryData<NotificationsPage>(notificationsKey)|];
                            if (previous is not null)
                                client.SetQueryData(notificationsKey, previous with { Notifications = previous.Notifications.RemoveAll(n => n.Id == id) });
                            return new Snapshot<NotificationsPage>(previous);
                        },
                        OnError = (error, id, context) =>
                        {
                            if (context?.Previous is { } previous) client.SetQueryData(notificationsKey, previous);
                            toaster.Error("Failed to mark as read", error);
                        },
                        OnSettledAsync = (data, error, id, context) => client.InvalidateQueriesAsync(notificationsKey),
                    });

            """,
            """
                public Mutation<int, Unit, Snapshot<NotificationsPage>> MarkAsRead() =>
                    client.CreateMutation(new MutationOptions<int, Unit, Snapshot<NotificationsPage>>
                    {
                        MutationFn = (id, ct) => api.MarkAsReadAsync(id, ct),
                        OnMutateAsync = async id =>
                        {
                            await client.CancelQueriesAsync(notificationsKey);
                            var previous = client.GetQueryData<NotificationsPage>(notificationsKey);
                            if (previous is not null)
                                client.SetQueryData(notificationsKey, previous with { Notifications = previous.Notifications.RemoveAll(n => n.Id == id) });
                            return new Snapshot<NotificationsPage>(previous);
                        },
                        OnError = (error, id, context) =>
                        {
                            if (context?.Previous is { } previous) client.SetQueryData(notificationsKey, previous);
                            toaster.Error("Failed to mark as read", error);
                        },
                        OnSettledAsync = (data, error, id, context) => client.InvalidateQueriesAsync(notificationsKey),
                    });

            """).RunAsync();

    [Fact]
    public Task Expression_bodied_OnMutate_becomes_an_async_block_returning_the_expression() =>
        Test(
            """
                public Mutation<RenameTodo, Todo, PatchResult<Todo>> Rename() =>
                    client.CreateMutation(new MutationOptions<RenameTodo, Todo, PatchResult<Todo>>
                    {
                        MutationFn = (input, ct) => api.RenameTodoAsync(input, ct),
                        OnMutate = input => [|client.UpdateQueryData<Todo>(Keys.Todo(input.Id), todo => todo with { Title = input.Title })|],
                        OnError = (error, input, patch) => patch?.Undo(),
                        OnSettledAsync = (data, error, input, patch) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
                    });

            """,
            """
                public Mutation<RenameTodo, Todo, PatchResult<Todo>> Rename() =>
                    client.CreateMutation(new MutationOptions<RenameTodo, Todo, PatchResult<Todo>>
                    {
                        MutationFn = (input, ct) => api.RenameTodoAsync(input, ct),
                        OnMutateAsync = async input =>
                        {
                            await client.CancelQueriesAsync(Keys.Todo(input.Id));
                            return client.UpdateQueryData<Todo>(Keys.Todo(input.Id), todo => todo with { Title = input.Title });
                        },
                        OnError = (error, input, patch) => patch?.Undo(),
                        OnSettledAsync = (data, error, input, patch) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
                    });

            """).RunAsync();

    [Fact]
    public Task Async_OnMutate_with_a_late_cancel_gets_it_moved_first_not_doubled() =>
        Test(
            """
                public Mutation<int, Unit, Snapshot<NotificationsPage>> MarkAsRead() =>
                    client.CreateMutation(new MutationOptions<int, Unit, Snapshot<NotificationsPage>>
                    {
                        MutationFn = (id, ct) => api.MarkAsReadAsync(id, ct),
                        OnMutateAsync = async id =>
                        {
                            var previous = [|client.GetQueryData<NotificationsPage>(notificationsKey)|];
                            await client.CancelQueriesAsync(notificationsKey);
                            client.SetQueryData(notificationsKey, previous);
                            return new Snapshot<NotificationsPage>(previous);
                        },
                        OnError = (error, id, context) =>
                        {
                            if (context?.Previous is { } previous) client.SetQueryData(notificationsKey, previous);
                            toaster.Error("Failed to mark as read", error);
                        },
                        OnSettledAsync = (data, error, id, context) => client.InvalidateQueriesAsync(notificationsKey),
                    });

            """,
            """
                public Mutation<int, Unit, Snapshot<NotificationsPage>> MarkAsRead() =>
                    client.CreateMutation(new MutationOptions<int, Unit, Snapshot<NotificationsPage>>
                    {
                        MutationFn = (id, ct) => api.MarkAsReadAsync(id, ct),
                        OnMutateAsync = async id =>
                        {
                            await client.CancelQueriesAsync(notificationsKey);
                            var previous = client.GetQueryData<NotificationsPage>(notificationsKey);
                            client.SetQueryData(notificationsKey, previous);
                            return new Snapshot<NotificationsPage>(previous);
                        },
                        OnError = (error, id, context) =>
                        {
                            if (context?.Previous is { } previous) client.SetQueryData(notificationsKey, previous);
                            toaster.Error("Failed to mark as read", error);
                        },
                        OnSettledAsync = (data, error, id, context) => client.InvalidateQueriesAsync(notificationsKey),
                    });

            """).RunAsync();

    [Fact]
    public Task Parenthesized_lambda_with_explicit_parameter_type_is_handled() =>
        Test(
            """
                public Mutation<int, Unit, Snapshot<NotificationsPage>> MarkAsRead() =>
                    client.CreateMutation(new MutationOptions<int, Unit, Snapshot<NotificationsPage>>
                    {
                        MutationFn = (id, ct) => api.MarkAsReadAsync(id, ct),
                        OnMutate = (int id) =>
                        {
                            var previous = [|client.GetQueryData<NotificationsPage>(notificationsKey)|];
                            client.SetQueryData(notificationsKey, previous);
                            return new Snapshot<NotificationsPage>(previous);
                        },
                        OnError = (error, id, context) =>
                        {
                            if (context?.Previous is { } previous) client.SetQueryData(notificationsKey, previous);
                            toaster.Error("Failed to mark as read", error);
                        },
                        OnSettledAsync = (data, error, id, context) => client.InvalidateQueriesAsync(notificationsKey),
                    });

            """,
            """
                public Mutation<int, Unit, Snapshot<NotificationsPage>> MarkAsRead() =>
                    client.CreateMutation(new MutationOptions<int, Unit, Snapshot<NotificationsPage>>
                    {
                        MutationFn = (id, ct) => api.MarkAsReadAsync(id, ct),
                        OnMutateAsync = async (int id) =>
                        {
                            await client.CancelQueriesAsync(notificationsKey);
                            var previous = client.GetQueryData<NotificationsPage>(notificationsKey);
                            client.SetQueryData(notificationsKey, previous);
                            return new Snapshot<NotificationsPage>(previous);
                        },
                        OnError = (error, id, context) =>
                        {
                            if (context?.Previous is { } previous) client.SetQueryData(notificationsKey, previous);
                            toaster.Error("Failed to mark as read", error);
                        },
                        OnSettledAsync = (data, error, id, context) => client.InvalidateQueriesAsync(notificationsKey),
                    });

            """).RunAsync();

    [Fact]
    public Task A_key_built_from_a_local_of_the_callback_is_cancelled_right_before_its_first_access() =>
        Test(
            """
                public Mutation<RenameTodo, Todo, PatchResult<Todo>> Rename() =>
                    client.CreateMutation(new MutationOptions<RenameTodo, Todo, PatchResult<Todo>>
                    {
                        MutationFn = (input, ct) => api.RenameTodoAsync(input, ct),
                        OnMutateAsync = async input =>
                        {
                            var key = Keys.Todo(input.Id);
                            var patch = [|client.UpdateQueryData<Todo>(key, todo => todo with { Title = input.Title })|];
                            await Task.Yield();
                            return patch;
                        },
                        OnError = (error, input, patch) => patch?.Undo(),
                        OnSettledAsync = (data, error, input, patch) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
                    });

            """,
            """
                public Mutation<RenameTodo, Todo, PatchResult<Todo>> Rename() =>
                    client.CreateMutation(new MutationOptions<RenameTodo, Todo, PatchResult<Todo>>
                    {
                        MutationFn = (input, ct) => api.RenameTodoAsync(input, ct),
                        OnMutateAsync = async input =>
                        {
                            var key = Keys.Todo(input.Id);
                            await client.CancelQueriesAsync(key);
                            var patch = client.UpdateQueryData<Todo>(key, todo => todo with { Title = input.Title });
                            await Task.Yield();
                            return patch;
                        },
                        OnError = (error, input, patch) => patch?.Undo(),
                        OnSettledAsync = (data, error, input, patch) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
                    });

            """).RunAsync();

    private static string TwoKeys(string onMutate, string className = "Feature") => Sources.Document($$"""
            public Mutation<int, Unit, Unit> MarkAll() =>
                client.CreateMutation(new MutationOptions<int, Unit, Unit>
                {
                    MutationFn = (id, ct) => api.MarkAsReadAsync(id, ct),
        {{Sources.Indent(onMutate)}}
                    OnErrorAsync = async (error, id, context) =>
                    {
                        await client.InvalidateQueriesAsync(QueryKey.Create("notifications"));
                        await client.InvalidateQueriesAsync(QueryKey.Create("todos"));
                    },
                });

        """, className);

    private const string TwoKeysBefore = """
                    OnMutate = id =>
                    {
                        var page = [|client.GetQueryData<NotificationsPage>(QueryKey.Create("notifications"))|];
                        [|client.SetQueryData<TodoList>(QueryKey.Create("todos"), list => list)|];
                        client.SetQueryData(QueryKey.Create("notifications"), page);
                        client.SetQueryData<TodoList>(QueryKey.Create("todos"), list => list);
                        return Unit.Value;
                    },
            """;

    private const string TwoKeysAfter = """
                    OnMutateAsync = async id =>
                    {
                        await client.CancelQueriesAsync(QueryKey.Create("notifications"));
                        await client.CancelQueriesAsync(QueryKey.Create("todos"));
                        var page = client.GetQueryData<NotificationsPage>(QueryKey.Create("notifications"));
                        client.SetQueryData<TodoList>(QueryKey.Create("todos"), list => list);
                        client.SetQueryData(QueryKey.Create("notifications"), page);
                        client.SetQueryData<TodoList>(QueryKey.Create("todos"), list => list);
                        return Unit.Value;
                    },
            """;

    [Fact]
    public Task Two_keys_get_one_cancel_each_in_order_in_every_scope_and_two_documents() =>
        new CSharpCodeFixVerifier<CancelBeforeOptimisticWriteAnalyzer, InsertCancelCodeFixProvider>.Test
        {
            TestState = { Sources = { TwoKeys(TwoKeysBefore), ("/0/Support.cs", Sources.Support), ("/0/Other.cs", TwoKeys(TwoKeysBefore, "Other")) } },
            FixedState = { Sources = { TwoKeys(TwoKeysAfter), ("/0/Support.cs", Sources.Support), ("/0/Other.cs", TwoKeys(TwoKeysAfter, "Other")) } },
        }.RunAsync();

    [Fact]
    public Task Works_in_CSharp_9()
    {
        var test = Test(
            """
                public Mutation<RenameTodo, Todo, PatchResult<Todo>> Rename() =>
                    client.CreateMutation(new MutationOptions<RenameTodo, Todo, PatchResult<Todo>>
                    {
                        MutationFn = (input, ct) => api.RenameTodoAsync(input, ct),
                        OnMutate = input => [|client.UpdateQueryData<Todo>(Keys.Todo(input.Id), todo => todo with { Title = input.Title })|],
                        OnError = (error, input, patch) => patch?.Undo(),
                        OnSettledAsync = (data, error, input, patch) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
                    });

            """,
            """
                public Mutation<RenameTodo, Todo, PatchResult<Todo>> Rename() =>
                    client.CreateMutation(new MutationOptions<RenameTodo, Todo, PatchResult<Todo>>
                    {
                        MutationFn = (input, ct) => api.RenameTodoAsync(input, ct),
                        OnMutateAsync = async input =>
                        {
                            await client.CancelQueriesAsync(Keys.Todo(input.Id));
                            return client.UpdateQueryData<Todo>(Keys.Todo(input.Id), todo => todo with { Title = input.Title });
                        },
                        OnError = (error, input, patch) => patch?.Undo(),
                        OnSettledAsync = (data, error, input, patch) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
                    });

            """);
        test.LanguageVersion = LanguageVersion.CSharp9;
        return test.RunAsync();
    }

    [Fact]
    public Task A_method_group_callback_becomes_an_async_method_with_the_cancel_first()
    {
        var test = Test(
            """
                public Mutation<RenameTodo, Todo, PatchResult<Todo>> Rename() =>
                    client.CreateMutation(new MutationOptions<RenameTodo, Todo, PatchResult<Todo>>
                    {
                        MutationFn = (input, ct) => api.RenameTodoAsync(input, ct),
                        OnMutate = Patch,
                        OnError = (error, input, patch) => patch?.Undo(),
                        OnSettledAsync = (data, error, input, patch) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
                    });

                // the optimistic rename
                private PatchResult<Todo> Patch(RenameTodo input) =>
                    [|client.UpdateQueryData<Todo>(Keys.Todo(input.Id), todo => todo with { Title = input.Title })|];

            """,
            """
                public Mutation<RenameTodo, Todo, PatchResult<Todo>> Rename() =>
                    client.CreateMutation(new MutationOptions<RenameTodo, Todo, PatchResult<Todo>>
                    {
                        MutationFn = (input, ct) => api.RenameTodoAsync(input, ct),
                        OnMutateAsync = PatchAsync,
                        OnError = (error, input, patch) => patch?.Undo(),
                        OnSettledAsync = (data, error, input, patch) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
                    });

                // the optimistic rename
                private async Task<PatchResult<Todo>> PatchAsync(RenameTodo input)
                {
                    await client.CancelQueriesAsync(Keys.Todo(input.Id));
                    return client.UpdateQueryData<Todo>(Keys.Todo(input.Id), todo => todo with { Title = input.Title });
                }

            """);
        // The diagnostic lies outside the definition it was found from (a method group's body), which Roslyn classes as
        // non-local; the fix is still asserted.
        test.CodeFixTestBehaviors |= CodeFixTestBehaviors.SkipLocalDiagnosticCheck;
        return test.RunAsync();
    }

    [Fact]
    public Task An_async_local_function_gets_the_cancel_after_the_local_its_key_uses()
    {
        var test = Test(
            """
                public Mutation<RenameTodo, Todo, Snapshot<Todo>> Rename()
                {
                    return client.CreateMutation(new MutationOptions<RenameTodo, Todo, Snapshot<Todo>>
                    {
                        MutationFn = (input, ct) => api.RenameTodoAsync(input, ct),
                        OnMutateAsync = PrepareAsync,
                    });

                    async Task<Snapshot<Todo>> PrepareAsync(RenameTodo input)
                    {
                        await Task.Yield();
                        var key = Keys.Todo(input.Id);
                        var previous = [|client.GetQueryData<Todo>(key)|];
                        client.SetQueryData(key, new Todo(input.Id, input.Title));
                        return new Snapshot<Todo>(previous);
                    }
                }

            """,
            """
                public Mutation<RenameTodo, Todo, Snapshot<Todo>> Rename()
                {
                    return client.CreateMutation(new MutationOptions<RenameTodo, Todo, Snapshot<Todo>>
                    {
                        MutationFn = (input, ct) => api.RenameTodoAsync(input, ct),
                        OnMutateAsync = PrepareAsync,
                    });

                    async Task<Snapshot<Todo>> PrepareAsync(RenameTodo input)
                    {
                        await Task.Yield();
                        var key = Keys.Todo(input.Id);
                        await client.CancelQueriesAsync(key);
                        var previous = client.GetQueryData<Todo>(key);
                        client.SetQueryData(key, new Todo(input.Id, input.Title));
                        return new Snapshot<Todo>(previous);
                    }
                }

            """);
        test.CodeFixTestBehaviors |= CodeFixTestBehaviors.SkipLocalDiagnosticCheck;
        return test.RunAsync();
    }

    [Fact]
    public Task A_method_shared_by_two_mutations_gets_no_fix()
    {
        var test = Test(
            """
                public object First() => client.CreateMutation(new MutationOptions<RenameTodo, Todo, PatchResult<Todo>> { OnMutate = Patch });

                public object Second() => client.CreateMutation(new MutationOptions<RenameTodo, Todo, PatchResult<Todo>> { OnMutate = Patch });

                private PatchResult<Todo> Patch(RenameTodo input) =>
                    {|#0:client.UpdateQueryData<Todo>(Keys.Todo(input.Id), todo => todo with { Title = input.Title })|};

            """,
            null);
        var shared = new DiagnosticResult("OPT001", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning)
            .WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("Keys.Todo(input.Id)");
        test.TestState.ExpectedDiagnostics.AddRange(new[] { shared, shared });
        test.FixedState.ExpectedDiagnostics.AddRange(new[] { shared, shared });
        test.CodeFixTestBehaviors |= CodeFixTestBehaviors.SkipLocalDiagnosticCheck;
        return test.RunAsync();
    }

    [Fact]
    public Task A_non_async_OnMutateAsync_lambda_gets_no_fix() =>
        Test(
            """
                public Mutation<RenameTodo, Todo, PatchResult<Todo>> Rename() =>
                    client.CreateMutation(new MutationOptions<RenameTodo, Todo, PatchResult<Todo>>
                    {
                        MutationFn = (input, ct) => api.RenameTodoAsync(input, ct),
                        OnMutateAsync = input => Task.FromResult([|client.UpdateQueryData<Todo>(Keys.Todo(input.Id), todo => todo with { Title = input.Title })|]),
                        OnError = (error, input, patch) => patch?.Undo(),
                        OnSettledAsync = (data, error, input, patch) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
                    });

            """,
            null).RunAsync();
}
