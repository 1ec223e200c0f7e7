using Microsoft.CodeAnalysis.CSharp;
using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Optimistic.Query.CodeFixes;

namespace Optimistic.Query.Analyzers.Tests.Fixes;

public class OPT002AddRollbackTests
{
    private static CSharpCodeFixVerifier<MissingRollbackAnalyzer, AddRollbackCodeFixProvider>.Test Test(string members, string? fixedMembers) =>
        new()
        {
            TestState = { Sources = { Sources.Document(members), ("/0/Support.cs", Sources.Support) } },
            FixedState = { Sources = { Sources.Document(fixedMembers ?? members), ("/0/Support.cs", Sources.Support) } },
            CodeActionEquivalenceKey = AddRollbackCodeFixProvider.Key,
        };

    private const string SnapshotOnMutate = """
                {|#0:OnMutateAsync|} = async input =>
                {
                    await client.CancelQueriesAsync(notificationsKey);
                    var previous = client.GetQueryData<NotificationsPage>(notificationsKey);
                    if (previous is not null)
                        client.SetQueryData(notificationsKey, previous with { Notifications = previous.Notifications.RemoveAll(n => n.Id == input) });
                    return new Snapshot<NotificationsPage>(previous);
                },
        """;

    private static string MarkAsRead(string callbacks, string context = "Snapshot<NotificationsPage>", string onMutate = SnapshotOnMutate) =>
        MarkAsReadTemplate(callbacks, context, onMutate).Replace("\n\n            OnSettledAsync", "\n            OnSettledAsync", StringComparison.Ordinal);

    private static string MarkAsReadTemplate(string callbacks, string context, string onMutate) => $$"""
            public Mutation<int, Unit, {{context}}> MarkAsRead() =>
                client.CreateMutation(new MutationOptions<int, Unit, {{context}}>
                {
                    MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
        {{Sources.Indent(onMutate.Replace("{|#0:", "[|").Replace("|}", "|]"))}}
        {{Sources.Indent(callbacks)}}
                    OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(notificationsKey),
                });

        """;

    private static string Fixed(string text) => text.Replace("[|", "").Replace("|]", "");

    [Fact]
    public Task Rule_page_bad_becomes_good_the_toast_stays_after_the_restore() =>
        Test(
            """
                public Mutation<int, Unit, Snapshot<NotificationsPage>> MarkAsRead() =>
                    client.CreateMutation(new MutationOptions<int, Unit, Snapshot<NotificationsPage>>
                    {
                        MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
                        [|OnMutateAsync|] = async input =>
                        {
                            await client.CancelQueriesAsync(notificationsKey);
                            var previous = client.GetQueryData<NotificationsPage>(notificationsKey);
                            if (previous is not null)
                                client.SetQueryData(notificationsKey, previous with { Notifications = previous.Notifications.RemoveAll(n => n.Id == input) });
                            return new Snapshot<NotificationsPage>(previous);
                        },
                        OnError = (error, input, context) => toaster.Error("Failed to mark as read", error),
                        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(notificationsKey),
                    });

            """,
            """
                public Mutation<int, Unit, Snapshot<NotificationsPage>> MarkAsRead() =>
                    client.CreateMutation(new MutationOptions<int, Unit, Snapshot<NotificationsPage>>
                    {
                        MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
                        OnMutateAsync = async input =>
                        {
                            await client.CancelQueriesAsync(notificationsKey);
                            var previous = client.GetQueryData<NotificationsPage>(notificationsKey);
                            if (previous is not null)
                                client.SetQueryData(notificationsKey, previous with { Notifications = previous.Notifications.RemoveAll(n => n.Id == input) });
                            return new Snapshot<NotificationsPage>(previous);
                        },
                        OnError = (error, input, context) =>
                        {
                            if (context?.Previous is { } previous) client.SetQueryData(notificationsKey, previous);
                            toaster.Error("Failed to mark as read", error);
                        },
                        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(notificationsKey),
                    });

            """).RunAsync();

    [Fact]
    public Task A_missing_OnError_is_added_after_OnMutate_restoring_the_snapshot() =>
        Test(
            """
                public Mutation<int, Unit, Snapshot<NotificationsPage>> MarkAsRead() =>
                    client.CreateMutation(new MutationOptions<int, Unit, Snapshot<NotificationsPage>>
                    {
                        MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
                        [|OnMutateAsync|] = async input =>
                        {
                            await client.CancelQueriesAsync(notificationsKey);
                            var previous = client.GetQueryData<NotificationsPage>(notificationsKey);
                            if (previous is not null)
                                client.SetQueryData(notificationsKey, previous with { Notifications = previous.Notifications.RemoveAll(n => n.Id == input) });
                            return new Snapshot<NotificationsPage>(previous);
                        },
                        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(notificationsKey),
                    });

            """,
            """
                public Mutation<int, Unit, Snapshot<NotificationsPage>> MarkAsRead() =>
                    client.CreateMutation(new MutationOptions<int, Unit, Snapshot<NotificationsPage>>
                    {
                        MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
                        OnMutateAsync = async input =>
                        {
                            await client.CancelQueriesAsync(notificationsKey);
                            var previous = client.GetQueryData<NotificationsPage>(notificationsKey);
                            if (previous is not null)
                                client.SetQueryData(notificationsKey, previous with { Notifications = previous.Notifications.RemoveAll(n => n.Id == input) });
                            return new Snapshot<NotificationsPage>(previous);
                        },
                        OnError = (error, input, context) =>
                        {
                            if (context?.Previous is { } previous) client.SetQueryData(notificationsKey, previous);
                        },
                        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(notificationsKey),
                    });

            """).RunAsync();

    [Fact]
    public Task An_existing_block_OnError_gets_the_restore_first() =>
        Test(
            """
                public Mutation<int, Unit, Snapshot<NotificationsPage>> MarkAsRead() =>
                    client.CreateMutation(new MutationOptions<int, Unit, Snapshot<NotificationsPage>>
                    {
                        MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
                        [|OnMutateAsync|] = async input =>
                        {
                            await client.CancelQueriesAsync(notificationsKey);
                            var previous = client.GetQueryData<NotificationsPage>(notificationsKey);
                            if (previous is not null)
                                client.SetQueryData(notificationsKey, previous with { Notifications = previous.Notifications.RemoveAll(n => n.Id == input) });
                            return new Snapshot<NotificationsPage>(previous);
                        },
                        OnError = (error, input, context) =>
                        {
                            toaster.Error("Failed to mark as read", error);
                        },
                        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(notificationsKey),
                    });

            """,
            """
                public Mutation<int, Unit, Snapshot<NotificationsPage>> MarkAsRead() =>
                    client.CreateMutation(new MutationOptions<int, Unit, Snapshot<NotificationsPage>>
                    {
                        MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
                        OnMutateAsync = async input =>
                        {
                            await client.CancelQueriesAsync(notificationsKey);
                            var previous = client.GetQueryData<NotificationsPage>(notificationsKey);
                            if (previous is not null)
                                client.SetQueryData(notificationsKey, previous with { Notifications = previous.Notifications.RemoveAll(n => n.Id == input) });
                            return new Snapshot<NotificationsPage>(previous);
                        },
                        OnError = (error, input, context) =>
                        {
                            if (context?.Previous is { } previous) client.SetQueryData(notificationsKey, previous);
                            toaster.Error("Failed to mark as read", error);
                        },
                        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(notificationsKey),
                    });

            """).RunAsync();

    [Fact]
    public Task A_patch_context_is_undone() =>
        Test(
            """
                public Mutation<RenameTodo, Todo, PatchResult<Todo>> Rename() =>
                    client.CreateMutation(new MutationOptions<RenameTodo, Todo, PatchResult<Todo>>
                    {
                        MutationFn = (input, ct) => api.RenameTodoAsync(input, ct),
                        [|OnMutateAsync|] = async input =>
                        {
                            await client.CancelQueriesAsync(Keys.Todo(input.Id));
                            return client.UpdateQueryData<Todo>(Keys.Todo(input.Id), todo => todo with { Title = input.Title });
                        }
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
                        OnError = (error, input, context) => context?.Undo()
                    });

            """).RunAsync();

    [Fact]
    public Task Without_a_context_to_restore_from_a_new_OnErrorAsync_invalidates() =>
        Test(
            """
                public Mutation<int, Unit, Unit> MarkAsRead() =>
                    client.CreateMutation(new MutationOptions<int, Unit, Unit>
                    {
                        MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
                        [|OnMutate|] = input => client.SetQueryData<NotificationsPage>(notificationsKey, page => page) is null ? Unit.Value : Unit.Value,
                        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(notificationsKey),
                    });

            """,
            """
                public Mutation<int, Unit, Unit> MarkAsRead() =>
                    client.CreateMutation(new MutationOptions<int, Unit, Unit>
                    {
                        MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
                        OnMutate = input => client.SetQueryData<NotificationsPage>(notificationsKey, page => page) is null ? Unit.Value : Unit.Value,
                        OnErrorAsync = (error, input, context) => client.InvalidateQueriesAsync(notificationsKey),
                        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(notificationsKey),
                    });

            """).RunAsync();

    [Fact]
    public Task Without_a_context_an_existing_sync_OnError_becomes_an_async_twin_awaiting_the_invalidation() =>
        Test(
            """
                public Mutation<int, Unit, Unit> MarkAsRead() =>
                    client.CreateMutation(new MutationOptions<int, Unit, Unit>
                    {
                        MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
                        [|OnMutate|] = input => client.SetQueryData<NotificationsPage>(notificationsKey, page => page) is null ? Unit.Value : Unit.Value,
                        OnError = (error, input, context) => toaster.Error("Failed to mark as read", error),
                        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(notificationsKey),
                    });

            """,
            """
                public Mutation<int, Unit, Unit> MarkAsRead() =>
                    client.CreateMutation(new MutationOptions<int, Unit, Unit>
                    {
                        MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
                        OnMutate = input => client.SetQueryData<NotificationsPage>(notificationsKey, page => page) is null ? Unit.Value : Unit.Value,
                        OnErrorAsync = async (error, input, context) =>
                        {
                            await client.InvalidateQueriesAsync(notificationsKey);
                            toaster.Error("Failed to mark as read", error);
                        },
                        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(notificationsKey),
                    });

            """).RunAsync();

    [Fact]
    public Task New_parameter_names_avoid_names_in_scope() =>
        Test(
            """
                public Mutation<int, Unit, Snapshot<NotificationsPage>> MarkAsRead(object context, string error)
                {
                    var options = new MutationOptions<int, Unit, Snapshot<NotificationsPage>>
                    {
                        MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
                        [|OnMutate|] = input =>
                        {
                            var previous = client.GetQueryData<NotificationsPage>(notificationsKey);
                            client.SetQueryData(notificationsKey, previous);
                            return new Snapshot<NotificationsPage>(previous);
                        },
                    };
                    System.Console.WriteLine($"{context}{error}");
                    return client.CreateMutation(options);
                }

            """,
            """
                public Mutation<int, Unit, Snapshot<NotificationsPage>> MarkAsRead(object context, string error)
                {
                    var options = new MutationOptions<int, Unit, Snapshot<NotificationsPage>>
                    {
                        MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
                        OnMutate = input =>
                        {
                            var previous = client.GetQueryData<NotificationsPage>(notificationsKey);
                            client.SetQueryData(notificationsKey, previous);
                            return new Snapshot<NotificationsPage>(previous);
                        },
                        OnError = (error1, input, context1) =>
                        {
                            if (context1?.Previous is { } previous) client.SetQueryData(notificationsKey, previous);
                        },
                    };
                    System.Console.WriteLine($"{context}{error}");
                    return client.CreateMutation(options);
                }

            """).RunAsync();

    [Fact]
    public Task Works_in_CSharp_9()
    {
        var test = Test(
            """
                public Mutation<int, Unit, Snapshot<NotificationsPage>> MarkAsRead() =>
                    client.CreateMutation(new MutationOptions<int, Unit, Snapshot<NotificationsPage>>
                    {
                        MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
                        [|OnMutateAsync|] = async input =>
                        {
                            await client.CancelQueriesAsync(notificationsKey);
                            var previous = client.GetQueryData<NotificationsPage>(notificationsKey);
                            if (previous is not null)
                                client.SetQueryData(notificationsKey, previous with { Notifications = previous.Notifications.RemoveAll(n => n.Id == input) });
                            return new Snapshot<NotificationsPage>(previous);
                        },
                        OnError = (error, input, context) => toaster.Error("Failed to mark as read", error),
                        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(notificationsKey),
                    });

            """,
            """
                public Mutation<int, Unit, Snapshot<NotificationsPage>> MarkAsRead() =>
                    client.CreateMutation(new MutationOptions<int, Unit, Snapshot<NotificationsPage>>
                    {
                        MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
                        OnMutateAsync = async input =>
                        {
                            await client.CancelQueriesAsync(notificationsKey);
                            var previous = client.GetQueryData<NotificationsPage>(notificationsKey);
                            if (previous is not null)
                                client.SetQueryData(notificationsKey, previous with { Notifications = previous.Notifications.RemoveAll(n => n.Id == input) });
                            return new Snapshot<NotificationsPage>(previous);
                        },
                        OnError = (error, input, context) =>
                        {
                            if (context?.Previous is { } previous) client.SetQueryData(notificationsKey, previous);
                            toaster.Error("Failed to mark as read", error);
                        },
                        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(notificationsKey),
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
                public Mutation<int, Unit, Snapshot<NotificationsPage>> MarkAsRead() =>
                    client.CreateMutation(new MutationOptions<int, Unit, Snapshot<NotificationsPage>>
                    {
                        MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
                        [|OnMutateAsync|] = async input =>
                        {
                            await client.CancelQueriesAsync(notificationsKey);
                            var previous = client.GetQueryData<NotificationsPage>(notificationsKey);
                            if (previous is not null)
                                client.SetQueryData(notificationsKey, previous with { Notifications = previous.Notifications.RemoveAll(n => n.Id == input) });
                            return new Snapshot<NotificationsPage>(previous);
                        },
                        OnError = (error, input, context) => toaster.Error("Failed to mark as read", error),
                        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(notificationsKey),
                    });

            """,
            """
                public Mutation<int, Unit, Snapshot<NotificationsPage>> MarkAsRead() =>
                    client.CreateMutation(new MutationOptions<int, Unit, Snapshot<NotificationsPage>>
                    {
                        MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
                        OnMutateAsync = async input =>
                        {
                            await client.CancelQueriesAsync(notificationsKey);
                            var previous = client.GetQueryData<NotificationsPage>(notificationsKey);
                            if (previous is not null)
                                client.SetQueryData(notificationsKey, previous with { Notifications = previous.Notifications.RemoveAll(n => n.Id == input) });
                            return new Snapshot<NotificationsPage>(previous);
                        },
                        OnError = (error, input, context) =>
                        {
                            if (context?.Previous is { } previous) client.SetQueryData(notificationsKey, previous);
                            toaster.Error("Failed to mark as read", error);
                        },
                        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(notificationsKey),
                    });

            """);
        test.TestState.Sources.Add(("/0/Other.cs", Sources.Document(MarkAsRead(""), "Other")));
        test.FixedState.Sources.Add(("/0/Other.cs", Sources.Document(Fixed(MarkAsRead("""
                    OnError = (error, input, context) =>
                    {
                        if (context?.Previous is { } previous) client.SetQueryData(notificationsKey, previous);
                    },
            """)), "Other")));
        return test.RunAsync();
    }
}
