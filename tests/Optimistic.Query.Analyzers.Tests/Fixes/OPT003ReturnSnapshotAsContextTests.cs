using Microsoft.CodeAnalysis.CSharp;
using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Optimistic.Query.CodeFixes;

namespace Optimistic.Query.Analyzers.Tests.Fixes;

public class OPT003ReturnSnapshotAsContextTests
{
    private static CSharpCodeFixVerifier<SnapshotStoredOutsideContextAnalyzer, ReturnSnapshotAsContextCodeFixProvider>.Test Test(string members, string? fixedMembers, string className = "Feature") =>
        new()
        {
            TestState = { Sources = { Sources.Document(members, className), ("/0/Support.cs", Sources.Support) } },
            FixedState = { Sources = { Sources.Document(fixedMembers ?? members, className), ("/0/Support.cs", Sources.Support) } },
            CodeActionEquivalenceKey = ReturnSnapshotAsContextCodeFixProvider.Key,
        };

    private const string RulePageBad = """
            private NotificationsPage? _previous;

            public Mutation<int, Unit, Unit> CreateMarkAsRead() =>
                client.CreateMutation(new MutationOptions<int, Unit, Unit>
                {
                    MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
                    OnMutateAsync = async input =>
                    {
                        await client.CancelQueriesAsync(notificationsKey);
                        [|_previous = client.GetQueryData<NotificationsPage>(notificationsKey)|];
                        if (_previous is not null)
                            client.SetQueryData(notificationsKey, _previous with { Notifications = _previous.Notifications.RemoveAll(n => n.Id == input) });
                        return Unit.Value;
                    },
                    OnError = (error, input, context) =>
                    {
                        if (_previous is not null) client.SetQueryData(notificationsKey, _previous);
                        toaster.Error("Failed to mark as read", error);
                    },
                    OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(notificationsKey),
                });

        """;

    private const string RulePageGood = """

            public Mutation<int, Unit, Snapshot<NotificationsPage>> CreateMarkAsRead() =>
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

        """;

    [Fact]
    public Task Rule_page_bad_becomes_good_the_unused_field_goes_and_Unit_becomes_Snapshot() =>
        Test(
            """
                private NotificationsPage? _previous;

                public Mutation<int, Unit, Unit> CreateMarkAsRead() =>
                    client.CreateMutation(new MutationOptions<int, Unit, Unit>
                    {
                        MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
                        OnMutateAsync = async input =>
                        {
                            await client.CancelQueriesAsync(notificationsKey);
                            [|_previous = client.GetQueryData<NotificationsPage>(notificationsKey)|];
                            if (_previous is not null)
                                client.SetQueryData(notificationsKey, _previous with { Notifications = _previous.Notifications.RemoveAll(n => n.Id == input) });
                            return Unit.Value;
                        },
                        OnError = (error, input, context) =>
                        {
                            if (_previous is not null) client.SetQueryData(notificationsKey, _previous);
                            toaster.Error("Failed to mark as read", error);
                        },
                        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(notificationsKey),
                    });

            """,
            """

                public Mutation<int, Unit, Snapshot<NotificationsPage>> CreateMarkAsRead() =>
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
    public Task Works_in_CSharp_9()
    {
        var test = Test(
            """
                private NotificationsPage? _previous;

                public Mutation<int, Unit, Unit> CreateMarkAsRead() =>
                    client.CreateMutation(new MutationOptions<int, Unit, Unit>
                    {
                        MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
                        OnMutateAsync = async input =>
                        {
                            await client.CancelQueriesAsync(notificationsKey);
                            [|_previous = client.GetQueryData<NotificationsPage>(notificationsKey)|];
                            if (_previous is not null)
                                client.SetQueryData(notificationsKey, _previous with { Notifications = _previous.Notifications.RemoveAll(n => n.Id == input) });
                            return Unit.Value;
                        },
                        OnError = (error, input, context) =>
                        {
                            if (_previous is not null) client.SetQueryData(notificationsKey, _previous);
                            toaster.Error("Failed to mark as read", error);
                        },
                        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(notificationsKey),
                    });

            """,
            """

                public Mutation<int, Unit, Snapshot<NotificationsPage>> CreateMarkAsRead() =>
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
                private NotificationsPage? _previous;

                public Mutation<int, Unit, Unit> CreateMarkAsRead() =>
                    client.CreateMutation(new MutationOptions<int, Unit, Unit>
                    {
                        MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
                        OnMutateAsync = async input =>
                        {
                            await client.CancelQueriesAsync(notificationsKey);
                            [|_previous = client.GetQueryData<NotificationsPage>(notificationsKey)|];
                            if (_previous is not null)
                                client.SetQueryData(notificationsKey, _previous with { Notifications = _previous.Notifications.RemoveAll(n => n.Id == input) });
                            return Unit.Value;
                        },
                        OnError = (error, input, context) =>
                        {
                            if (_previous is not null) client.SetQueryData(notificationsKey, _previous);
                            toaster.Error("Failed to mark as read", error);
                        },
                        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(notificationsKey),
                    });

            """,
            """

                public Mutation<int, Unit, Snapshot<NotificationsPage>> CreateMarkAsRead() =>
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
        test.TestState.Sources.Add(("/0/Other.cs", Sources.Document(RulePageBad, "Other")));
        test.FixedState.Sources.Add(("/0/Other.cs", Sources.Document(RulePageGood, "Other")));
        return test.RunAsync();
    }

    [Fact]
    public Task A_stored_layer_handle_gets_no_fix() =>
        Test(
            """
                private OptimisticLayer<NotificationsPage>? _layer;

                public Mutation<int, Unit, Unit> CreateMarkAsRead() =>
                    client.CreateMutation(new MutationOptions<int, Unit, Unit>
                    {
                        MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
                        OnMutateAsync = async input =>
                        {
                            await client.CancelQueriesAsync(notificationsKey);
                            [|_layer = client.AddOptimisticLayer<NotificationsPage>(notificationsKey, page => page with { Notifications = page.Notifications.RemoveAll(n => n.Id == input) })|];
                            return Unit.Value;
                        },
                        OnError = (error, input, context) => _layer?.Rollback(),
                        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(notificationsKey),
                    });

            """,
            null).RunAsync();

    [Fact]
    public Task A_context_of_another_type_gets_no_fix() =>
        Test(
            """
                private NotificationsPage? _previous;

                public Mutation<int, Unit, string> CreateMarkAsRead() =>
                    client.CreateMutation(new MutationOptions<int, Unit, string>
                    {
                        MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
                        OnMutateAsync = async input =>
                        {
                            await client.CancelQueriesAsync(notificationsKey);
                            [|_previous = client.GetQueryData<NotificationsPage>(notificationsKey)|];
                            if (_previous is not null)
                                client.SetQueryData(notificationsKey, _previous with { Notifications = _previous.Notifications.RemoveAll(n => n.Id == input) });
                            return "";
                        },
                        OnError = (error, input, context) =>
                        {
                            if (_previous is not null) client.SetQueryData(notificationsKey, _previous);
                            toaster.Error("Failed to mark as read", error);
                        },
                        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(notificationsKey),
                    });

            """,
            null).RunAsync();

    [Fact]
    public Task A_result_that_would_not_compile_gets_no_fix() =>
        Test(
            """
                private NotificationsPage? _previous;

                public object CreateMarkAsRead()
                {
                    var options = new MutationOptions<int, Unit, Unit>
                    {
                        MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
                        OnMutate = input =>
                        {
                            [|_previous = client.GetQueryData<NotificationsPage>(notificationsKey)|];
                            client.SetQueryData(notificationsKey, _previous);
                            return Unit.Value;
                        },
                    };
                    MutationOptions<int, Unit, Unit> copy = options;
                    return copy;
                }

            """,
            null).RunAsync();
}
