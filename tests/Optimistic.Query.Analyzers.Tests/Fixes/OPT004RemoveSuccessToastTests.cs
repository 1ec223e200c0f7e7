using Microsoft.CodeAnalysis.CSharp;
using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Optimistic.Query.CodeFixes;

namespace Optimistic.Query.Analyzers.Tests.Fixes;

public class OPT004RemoveSuccessToastTests
{
    private static CSharpCodeFixVerifier<SuccessToastInOptimisticMutationAnalyzer, RemoveSuccessToastCodeFixProvider>.Test Test(string members, string fixedMembers) =>
        new()
        {
            TestState = { Sources = { Sources.Document(members), ("/0/Support.cs", Sources.Support) } },
            FixedState = { Sources = { Sources.Document(fixedMembers), ("/0/Support.cs", Sources.Support) } },
        };

    private const string OnMutate = """
                OnMutateAsync = async id =>
                {
                    await client.CancelQueriesAsync(notificationsKey);
                    var previous = client.GetQueryData<NotificationsPage>(notificationsKey);
                    client.SetQueryData(notificationsKey, previous);
                    return new Snapshot<NotificationsPage>(previous);
                },
        """;

    private static string Mutation(string callbacks) => $$"""
            public Mutation<int, Unit, Snapshot<NotificationsPage>> MarkAsRead() =>
                client.CreateMutation(new MutationOptions<int, Unit, Snapshot<NotificationsPage>>
                {
                    MutationFn = (id, ct) => api.MarkAsReadAsync(id, ct),
        {{Sources.Indent(OnMutate)}}
        {{Sources.Indent(callbacks)}}
                    OnErrorAsync = (error, id, context) => client.InvalidateQueriesAsync(notificationsKey),
                });

        """;

    [Fact]
    public Task Expression_bodied_toast_becomes_an_empty_block() =>
        Test(
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
                        OnSuccess = (data, id, context) => [|toaster.Success("Marked as read")|],
                        OnErrorAsync = (error, id, context) => client.InvalidateQueriesAsync(notificationsKey),
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
                        OnSuccess = (data, id, context) => { },
                        OnErrorAsync = (error, id, context) => client.InvalidateQueriesAsync(notificationsKey),
                    });

            """).RunAsync();

    [Fact]
    public Task Only_statement_of_a_block_leaves_an_empty_block() =>
        Test(
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
                        OnSuccess = (data, id, context) =>
                        {
                            [|toaster.Success("Marked as read")|];
                        },
                        OnErrorAsync = (error, id, context) => client.InvalidateQueriesAsync(notificationsKey),
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
                        OnSuccess = (data, id, context) => { },
                        OnErrorAsync = (error, id, context) => client.InvalidateQueriesAsync(notificationsKey),
                    });

            """).RunAsync();

    [Fact]
    public Task Toast_among_other_statements_is_removed_with_its_line_and_the_rest_kept() =>
        Test(
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
                        OnSettled = (data, error, id, context) =>
                        {
                            // tell the user
                            [|toaster.Success("Marked as read")|];
                            System.Console.WriteLine("settled");
                        },
                        OnErrorAsync = (error, id, context) => client.InvalidateQueriesAsync(notificationsKey),
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
                        OnSettled = (data, error, id, context) =>
                        {
                            System.Console.WriteLine("settled");
                        },
                        OnErrorAsync = (error, id, context) => client.InvalidateQueriesAsync(notificationsKey),
                    });

            """).RunAsync();

    [Fact]
    public Task Async_twin_with_only_the_toast_returns_a_completed_task() =>
        Test(
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
                        OnSuccessAsync = async (data, id, context) =>
                        {
                            [|toaster.Success("Marked as read")|];
                            await Task.Yield();
                        },
                        OnErrorAsync = (error, id, context) => client.InvalidateQueriesAsync(notificationsKey),
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
                        OnSuccessAsync = async (data, id, context) =>
                        {
                            await Task.Yield();
                        },
                        OnErrorAsync = (error, id, context) => client.InvalidateQueriesAsync(notificationsKey),
                    });

            """).RunAsync();

    [Fact]
    public Task Async_twin_whose_only_statement_is_the_toast_becomes_a_completed_task()
    {
        var test = Test(
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
                        OnSuccessAsync = async (data, id, context) =>
                        {
                            [|toaster.Success("Marked as read")|];
                        },
                        OnErrorAsync = (error, id, context) => client.InvalidateQueriesAsync(notificationsKey),
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
                        OnSuccessAsync = (data, id, context) => Task.CompletedTask,
                        OnErrorAsync = (error, id, context) => client.InvalidateQueriesAsync(notificationsKey),
                    });

            """);
        test.DisabledDiagnostics.Add("CS1998"); // the async lambda the fix removes has no await
        return test.RunAsync();
    }

    [Fact]
    public Task Two_toasts_in_one_callback_leave_one_empty_block_in_every_fix_all_scope() =>
        Test(
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
                        OnSuccess = (data, id, context) =>
                        {
                            [|toaster.Success("Marked")|];
                            [|toaster.Success("as read")|];
                        },
                        OnErrorAsync = (error, id, context) => client.InvalidateQueriesAsync(notificationsKey),
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
                        OnSuccess = (data, id, context) => { },
                        OnErrorAsync = (error, id, context) => client.InvalidateQueriesAsync(notificationsKey),
                    });

            """).RunAsync();

    [Fact]
    public Task Fix_all_covers_two_documents()
    {
        var test = Test(
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
                        OnSuccess = (data, id, context) => [|toaster.Success("Marked as read")|],
                        OnSettled = (data, error, id, context) => [|toaster.Success("Done")|],
                        OnErrorAsync = (error, id, context) => client.InvalidateQueriesAsync(notificationsKey),
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
                        OnSuccess = (data, id, context) => { },
                        OnSettled = (data, error, id, context) => { },
                        OnErrorAsync = (error, id, context) => client.InvalidateQueriesAsync(notificationsKey),
                    });

            """);
        test.TestState.Sources.Add(("/0/Other.cs", Sources.Document(Mutation("""
                    OnSuccess = (data, id, context) =>
                    {
                        [|toaster.Success("Marked as read")|];
                    },
            """), "Other")));
        test.FixedState.Sources.Add(("/0/Other.cs", Sources.Document(Mutation("""
                    OnSuccess = (data, id, context) => { },
            """), "Other")));
        return test.RunAsync();
    }

    [Fact]
    public Task Works_in_CSharp_9()
    {
        var test = Test(
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
                        OnSuccess = (data, id, context) => [|toaster.Success("Marked as read")|],
                        OnErrorAsync = (error, id, context) => client.InvalidateQueriesAsync(notificationsKey),
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
                        OnSuccess = (data, id, context) => { },
                        OnErrorAsync = (error, id, context) => client.InvalidateQueriesAsync(notificationsKey),
                    });

            """);
        test.LanguageVersion = LanguageVersion.CSharp9;
        return test.RunAsync();
    }

    [Fact]
    public Task Toast_in_an_embedded_statement_is_not_fixed() =>
        Test(
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
                        OnSuccess = (data, id, context) =>
                        {
                            if (id > 0) [|toaster.Success("Marked as read")|];
                        },
                        OnErrorAsync = (error, id, context) => client.InvalidateQueriesAsync(notificationsKey),
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
                        OnSuccess = (data, id, context) =>
                        {
                            if (id > 0) [|toaster.Success("Marked as read")|];
                        },
                        OnErrorAsync = (error, id, context) => client.InvalidateQueriesAsync(notificationsKey),
                    });

            """).RunAsync();
}
