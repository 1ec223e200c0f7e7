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
    public Task A_stored_layer_handle_becomes_the_context_and_OnError_rolls_back_the_context() =>
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
                        OnSuccess = (data, input, context) =>
                        {
                            if (_layer is not null) _layer.Commit();
                        },
                        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(notificationsKey),
                    });

            """,
            """

                public Mutation<int, Unit, OptimisticLayer<NotificationsPage>> CreateMarkAsRead() =>
                    client.CreateMutation(new MutationOptions<int, Unit, OptimisticLayer<NotificationsPage>>
                    {
                        MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
                        OnMutateAsync = async input =>
                        {
                            await client.CancelQueriesAsync(notificationsKey);
                            var layer = client.AddOptimisticLayer<NotificationsPage>(notificationsKey, page => page with { Notifications = page.Notifications.RemoveAll(n => n.Id == input) });
                            return layer;
                        },
                        OnError = (error, input, context) => context?.Rollback(),
                        OnSuccess = (data, input, context) =>
                        {
                            if (context is { } layer) layer.Commit();
                        },
                        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(notificationsKey),
                    });

            """).RunAsync();

    private const string ViewModelHead = """
        using System.Threading.Tasks;
        using Optimistic.Query;

        public sealed class NotificationsViewModel
        {
            private readonly QueryClient client;
            private readonly QueryKey notificationsKey = QueryKey.Create("notifications");

        """;

    [Fact]
    public Task A_bool_placeholder_context_a_discarded_context_parameter_and_a_property_set_in_the_constructor() =>
        new CSharpCodeFixVerifier<SnapshotStoredOutsideContextAnalyzer, ReturnSnapshotAsContextCodeFixProvider>.Test
        {
            TestState =
            {
                Sources =
                {
                    ViewModelHead + """
                        private NotificationsPage? _previous;

                        public NotificationsViewModel(QueryClient client, IApi api)
                        {
                            this.client = client;
                            MarkAsRead = client.CreateMutation(new MutationOptions<int, Unit, bool>
                            {
                                MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
                                OnMutateAsync = async input =>
                                {
                                    await client.CancelQueriesAsync(notificationsKey);
                                    [|_previous = client.GetQueryData<NotificationsPage>(notificationsKey)|];
                                    if (_previous is not null)
                                        client.SetQueryData(notificationsKey, _previous with { Notifications = _previous.Notifications.RemoveAll(n => n.Id == input) });
                                    return true;
                                },
                                OnError = (error, input, _) =>
                                {
                                    if (_previous != null) client.SetQueryData(notificationsKey, _previous); // put the row back
                                },
                                OnSettledAsync = (data, error, input, _) => client.InvalidateQueriesAsync(notificationsKey),
                            });
                        }

                        public Mutation<int, Unit, bool> MarkAsRead { get; }
                    }

                    """,
                    ("/0/Support.cs", Sources.Support),
                },
            },
            FixedState =
            {
                Sources =
                {
                    ViewModelHead + """

                        public NotificationsViewModel(QueryClient client, IApi api)
                        {
                            this.client = client;
                            MarkAsRead = client.CreateMutation(new MutationOptions<int, Unit, Snapshot<NotificationsPage>>
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
                                    if (context?.Previous is { } previous) client.SetQueryData(notificationsKey, previous); // put the row back
                                },
                                OnSettledAsync = (data, error, input, _) => client.InvalidateQueriesAsync(notificationsKey),
                            });
                        }

                        public Mutation<int, Unit, Snapshot<NotificationsPage>> MarkAsRead { get; }
                    }

                    """,
                    ("/0/Support.cs", Sources.Support),
                },
            },
            CodeActionEquivalenceKey = ReturnSnapshotAsContextCodeFixProvider.Key,
        }.RunAsync();

    [Fact]
    public Task A_bool_context_that_callbacks_read_becomes_a_tuple_of_the_flag_and_the_snapshot() =>
        Test(
            """
                private NotificationsPage? _previous;

                public Mutation<int, Unit, bool> CreateMarkAsRead() =>
                    client.CreateMutation(new MutationOptions<int, Unit, bool>
                    {
                        MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
                        OnMutate = input =>
                        {
                            [|_previous = client.GetQueryData<NotificationsPage>(notificationsKey)|];
                            if (input < 0) return false;
                            client.SetQueryData(notificationsKey, _previous);
                            return _previous is not null;
                        },
                        OnError = (error, input, wrote) =>
                        {
                            if (wrote && _previous is not null) client.SetQueryData(notificationsKey, _previous);
                        },
                        OnSettledAsync = (data, error, input, wrote) => wrote ? client.InvalidateQueriesAsync(notificationsKey) : Task.CompletedTask,
                    });

            """,
            """

                public Mutation<int, Unit, (bool Wrote, NotificationsPage? Previous)> CreateMarkAsRead() =>
                    client.CreateMutation(new MutationOptions<int, Unit, (bool Wrote, NotificationsPage? Previous)>
                    {
                        MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
                        OnMutate = input =>
                        {
                            var previous = client.GetQueryData<NotificationsPage>(notificationsKey);
                            if (input < 0) return (false, previous);
                            client.SetQueryData(notificationsKey, previous);
                            return (previous is not null, previous);
                        },
                        OnError = (error, input, context) =>
                        {
                            if (context.Wrote && context.Previous is not null) client.SetQueryData(notificationsKey, context.Previous);
                        },
                        OnSettledAsync = (data, error, input, context) => context.Wrote ? client.InvalidateQueriesAsync(notificationsKey) : Task.CompletedTask,
                    });

            """).RunAsync();

    [Fact]
    public Task A_bool_context_that_a_method_group_reads_gets_no_fix() =>
        Test(
            """
                private NotificationsPage? _previous;

                public Mutation<int, Unit, bool> CreateMarkAsRead() =>
                    client.CreateMutation(new MutationOptions<int, Unit, bool>
                    {
                        MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
                        OnMutate = input =>
                        {
                            [|_previous = client.GetQueryData<NotificationsPage>(notificationsKey)|];
                            client.SetQueryData(notificationsKey, _previous);
                            return _previous is not null;
                        },
                        OnError = (error, input, wrote) =>
                        {
                            if (wrote && _previous is not null) client.SetQueryData(notificationsKey, _previous);
                        },
                        OnSettled = Settle,
                    });

                // its bool parameter cannot take the tuple without a new signature
                private void Settle(Unit data, System.Exception? error, int input, bool wrote) => System.Console.WriteLine(wrote);

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
