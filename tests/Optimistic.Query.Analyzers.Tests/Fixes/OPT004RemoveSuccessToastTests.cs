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

    /// <summary><see cref="Mutation"/> with no success or settled callback (not even a blank line for it).</summary>
    private static string MutationWithoutCallbacks
    {
        get
        {
            var text = Mutation(string.Empty);
            var blank = text.IndexOf("\n\n", StringComparison.Ordinal);
            return text.Remove(blank, 1);
        }
    }

    [Fact]
    public Task Expression_bodied_toast_callback_is_removed() =>
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
                        OnErrorAsync = (error, id, context) => client.InvalidateQueriesAsync(notificationsKey),
                    });

            """).RunAsync();

    [Fact]
    public Task Callback_whose_only_statement_is_the_toast_is_removed() =>
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
    public Task Async_twin_whose_only_statement_is_the_toast_is_removed()
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
                        OnErrorAsync = (error, id, context) => client.InvalidateQueriesAsync(notificationsKey),
                    });

            """);
        test.DisabledDiagnostics.Add("CS1998"); // the async lambda the fix removes has no await
        return test.RunAsync();
    }

    [Fact]
    public Task Two_toasts_in_one_callback_remove_it_once_in_every_fix_all_scope() =>
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
                        OnErrorAsync = (error, id, context) => client.InvalidateQueriesAsync(notificationsKey),
                    });

            """);
        test.TestState.Sources.Add(("/0/Other.cs", Sources.Document(Mutation("""
                    OnSuccess = (data, id, context) =>
                    {
                        [|toaster.Success("Marked as read")|];
                    },
            """), "Other")));
        test.FixedState.Sources.Add(("/0/Other.cs", Sources.Document(MutationWithoutCallbacks, "Other")));
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
                        OnErrorAsync = (error, id, context) => client.InvalidateQueriesAsync(notificationsKey),
                    });

            """);
        test.LanguageVersion = LanguageVersion.CSharp9;
        return test.RunAsync();
    }

    [Fact]
    public Task An_if_whose_only_statement_is_the_toast_goes_with_it_and_an_emptied_callback_goes_too() =>
        Test(
            Mutation("""
                OnSuccess = (data, id, context) =>
                {
                    if (id > 0) [|toaster.Success("Marked as read")|];
                },
                """),
            MutationWithoutCallbacks).RunAsync();

    [Fact]
    public Task A_braced_if_around_the_toast_goes_and_the_other_statements_stay() =>
        Test(
            Mutation("""
                OnSuccess = (data, id, context) =>
                {
                    // the read flag is already on screen
                    if (id > 0 && context is { Previous: not null } && !(id is 42))
                    {
                        [|toaster.Success("Marked as read")|];
                    }
                    System.Console.WriteLine(id);
                },
                """),
            Mutation("""
                OnSuccess = (data, id, context) =>
                {
                    System.Console.WriteLine(id);
                },
                """)).RunAsync();

    [Theory]
    [InlineData("toaster.GetHashCode() > 0")]
    [InlineData("new object() != null")]
    [InlineData("(LastId = id) > 0")]
    [InlineData("LastId++ > 0")]
    public Task An_if_whose_condition_has_side_effects_is_not_fixed(string condition)
    {
        var members = "    private int LastId { get; set; }\n\n" + Mutation($$"""
                OnSuccess = (data, id, context) =>
                {
                    if ({{condition}}) [|toaster.Success("Marked as read")|];
                },
                """);
        return Test(members, members).RunAsync();
    }

    [Fact]
    public Task An_if_with_an_else_is_not_fixed()
    {
        var members = Mutation("""
                OnSuccess = (data, id, context) =>
                {
                    if (id > 0) [|toaster.Success("Marked as read")|];
                    else System.Console.WriteLine(id);
                },
                """);
        return Test(members, members).RunAsync();
    }

    [Fact]
    public Task A_toast_in_an_async_condition_is_not_fixed()
    {
        var members = Mutation("""
                OnSuccessAsync = async (data, id, context) =>
                {
                    if (await Task.FromResult(id > 0)) [|toaster.Success("Marked as read")|];
                },
                """);
        return Test(members, members).RunAsync();
    }

    [Fact]
    public Task In_constructor_arguments_and_with_expressions_the_emptied_callback_stays_empty() =>
        new CSharpCodeFixVerifier<SuccessToastInOptimisticMutationAnalyzer, RemoveSuccessToastCodeFixProvider>.Test
        {
            ReferenceRuntime = false,
            TestCode = Rules.RuleSources.Wrapper + """

                public sealed class Screen
                {
                    private readonly Wrapper.Cache cache = new Wrapper.Cache();
                    private readonly Wrapper.Notify notify = new Wrapper.Notify();

                    public object Define() => new Wrapper.Options(
                        MutationFn: (id, ct) => Task.FromResult(1),
                        OnMutate: id =>
                        {
                            cache.Put(id, "new");
                            return null;
                        },
                        OnSuccess: (data, id, context) => [|notify.Ok("Saved")|]);

                    // Removing OnSuccess here would bring back the copied options' callback.
                    public object Copy(Wrapper.Options options) => options with
                    {
                        OnMutate = id =>
                        {
                            cache.Put(id, "new");
                            return null;
                        },
                        OnSuccess = (data, id, context) =>
                        {
                            [|notify.Ok("Saved")|];
                        },
                    };
                }

                """,
            FixedCode = Rules.RuleSources.Wrapper + """

                public sealed class Screen
                {
                    private readonly Wrapper.Cache cache = new Wrapper.Cache();
                    private readonly Wrapper.Notify notify = new Wrapper.Notify();

                    public object Define() => new Wrapper.Options(
                        MutationFn: (id, ct) => Task.FromResult(1),
                        OnMutate: id =>
                        {
                            cache.Put(id, "new");
                            return null;
                        },
                        OnSuccess: (data, id, context) => { });

                    // Removing OnSuccess here would bring back the copied options' callback.
                    public object Copy(Wrapper.Options options) => options with
                    {
                        OnMutate = id =>
                        {
                            cache.Put(id, "new");
                            return null;
                        },
                        OnSuccess = (data, id, context) => { },
                    };
                }

                """,
        }.RunAsync();
}
