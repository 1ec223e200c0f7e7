using Microsoft.CodeAnalysis.Testing;
using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Optimistic.Query.CodeFixes;

namespace Optimistic.Query.Analyzers.Tests.Fixes;

/// <summary>
/// OPT004's fix when the success callback is a method group or a local function: the toast leaves the function's body, and a
/// function left with nothing to do goes with its member; a function shared with other code is left alone.
/// </summary>
public class OPT004CallbackFunctionTests
{
    private static CSharpCodeFixVerifier<SuccessToastInOptimisticMutationAnalyzer, RemoveSuccessToastCodeFixProvider>.Test Test(string members, string fixedMembers, bool nonLocal = false) =>
        new()
        {
            TestState = { Sources = { Sources.Document(members), ("/0/Support.cs", Sources.Support) } },
            FixedState = { Sources = { Sources.Document(fixedMembers), ("/0/Support.cs", Sources.Support) } },
            CodeActionEquivalenceKey = RemoveSuccessToastCodeFixProvider.Key,
            // A method group's body lies outside the definition the diagnostic was found from, which Roslyn classes as
            // non-local; the fix is still asserted.
            CodeFixTestBehaviors = nonLocal ? CodeFixTestBehaviors.SkipLocalDiagnosticCheck : CodeFixTestBehaviors.None,
        };

    [Fact]
    public Task A_method_group_whose_only_statement_is_the_toast_goes_with_its_member() =>
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
                        OnSuccess = Celebrate,
                        OnSettledAsync = (data, error, id, context) => client.InvalidateQueriesAsync(notificationsKey),
                    });

                /// <summary>Tells the user it worked.</summary>
                private void Celebrate(Unit data, int id, Snapshot<NotificationsPage>? context) => [|toaster.Success("Marked as read")|];

                public int Count { get; set; }

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
                        OnSettledAsync = (data, error, id, context) => client.InvalidateQueriesAsync(notificationsKey),
                    });

                public int Count { get; set; }

            """,
            nonLocal: true).RunAsync();

    [Fact]
    public Task A_local_function_left_empty_goes_with_its_member_and_its_if() =>
        Test(
            """
                public Mutation<int, Unit, Snapshot<NotificationsPage>> MarkAsRead()
                {
                    return client.CreateMutation(new MutationOptions<int, Unit, Snapshot<NotificationsPage>>
                    {
                        MutationFn = (id, ct) => api.MarkAsReadAsync(id, ct),
                        OnMutate = id =>
                        {
                            var previous = client.GetQueryData<NotificationsPage>(notificationsKey);
                            client.SetQueryData(notificationsKey, previous);
                            return new Snapshot<NotificationsPage>(previous);
                        },
                        OnSuccess = Celebrate,
                    });

                    void Celebrate(Unit data, int id, Snapshot<NotificationsPage>? context)
                    {
                        if (id > 0) [|toaster.Success("Marked as read")|];
                    }
                }

            """,
            """
                public Mutation<int, Unit, Snapshot<NotificationsPage>> MarkAsRead()
                {
                    return client.CreateMutation(new MutationOptions<int, Unit, Snapshot<NotificationsPage>>
                    {
                        MutationFn = (id, ct) => api.MarkAsReadAsync(id, ct),
                        OnMutate = id =>
                        {
                            var previous = client.GetQueryData<NotificationsPage>(notificationsKey);
                            client.SetQueryData(notificationsKey, previous);
                            return new Snapshot<NotificationsPage>(previous);
                        },
                    });
                }

            """,
            nonLocal: true).RunAsync();

    [Fact]
    public Task A_local_function_with_other_work_keeps_it_and_its_member() =>
        Test(
            """
                public Mutation<int, Unit, Snapshot<NotificationsPage>> MarkAsRead()
                {
                    return client.CreateMutation(new MutationOptions<int, Unit, Snapshot<NotificationsPage>>
                    {
                        MutationFn = (id, ct) => api.MarkAsReadAsync(id, ct),
                        OnMutate = id =>
                        {
                            var previous = client.GetQueryData<NotificationsPage>(notificationsKey);
                            client.SetQueryData(notificationsKey, previous);
                            return new Snapshot<NotificationsPage>(previous);
                        },
                        OnSettledAsync = SettleAsync,
                    });

                    async Task SettleAsync(Unit data, System.Exception? error, int id, Snapshot<NotificationsPage>? context)
                    {
                        // refetch what the server now says
                        await client.InvalidateQueriesAsync(notificationsKey);
                        [|toaster.Success("Marked as read")|];
                    }
                }

            """,
            """
                public Mutation<int, Unit, Snapshot<NotificationsPage>> MarkAsRead()
                {
                    return client.CreateMutation(new MutationOptions<int, Unit, Snapshot<NotificationsPage>>
                    {
                        MutationFn = (id, ct) => api.MarkAsReadAsync(id, ct),
                        OnMutate = id =>
                        {
                            var previous = client.GetQueryData<NotificationsPage>(notificationsKey);
                            client.SetQueryData(notificationsKey, previous);
                            return new Snapshot<NotificationsPage>(previous);
                        },
                        OnSettledAsync = SettleAsync,
                    });

                    async Task SettleAsync(Unit data, System.Exception? error, int id, Snapshot<NotificationsPage>? context)
                    {
                        // refetch what the server now says
                        await client.InvalidateQueriesAsync(notificationsKey);
                    }
                }

            """,
            nonLocal: true).RunAsync();

    [Fact]
    public Task FixAll_empties_each_definitions_function_and_two_toasts_of_one_function_in_one_edit() =>
        Test(
            """
                public object First() => client.CreateMutation(new MutationOptions<int, Unit, Snapshot<NotificationsPage>>
                {
                    OnMutate = id => new Snapshot<NotificationsPage>(client.SetQueryData(notificationsKey, new NotificationsPage(null!))),
                    OnSuccess = CelebrateFirst,
                });

                public object Second() => client.CreateMutation(new MutationOptions<int, Unit, Snapshot<NotificationsPage>>
                {
                    OnMutate = id => new Snapshot<NotificationsPage>(client.SetQueryData(notificationsKey, new NotificationsPage(null!))),
                    OnSuccess = CelebrateSecond,
                });

                private void CelebrateFirst(Unit data, int id, Snapshot<NotificationsPage>? context)
                {
                    [|toaster.Success("Marked as read")|];
                    if (id == 1) [|toaster.Success("The first one!")|];
                }

                private void CelebrateSecond(Unit data, int id, Snapshot<NotificationsPage>? context) => [|toaster.Success("Marked as read")|];

            """,
            """
                public object First() => client.CreateMutation(new MutationOptions<int, Unit, Snapshot<NotificationsPage>>
                {
                    OnMutate = id => new Snapshot<NotificationsPage>(client.SetQueryData(notificationsKey, new NotificationsPage(null!))),
                });

                public object Second() => client.CreateMutation(new MutationOptions<int, Unit, Snapshot<NotificationsPage>>
                {
                    OnMutate = id => new Snapshot<NotificationsPage>(client.SetQueryData(notificationsKey, new NotificationsPage(null!))),
                });

            """,
            nonLocal: true).RunAsync();

    [Fact]
    public Task A_method_also_called_elsewhere_is_not_fixed()
    {
        const string members = """
                public object MarkAsRead() => client.CreateMutation(new MutationOptions<int, Unit, Snapshot<NotificationsPage>>
                {
                    OnMutate = id => new Snapshot<NotificationsPage>(client.SetQueryData(notificationsKey, new NotificationsPage(null!))),
                    OnSuccess = Celebrate,
                });

                // the settings screen shows the same toast, and wants it
                public void OnSettingsSaved() => Celebrate(Unit.Value, 0, null);

                private void Celebrate(Unit data, int id, Snapshot<NotificationsPage>? context) => [|toaster.Success("Done")|];

            """;
        return Test(members, members, nonLocal: true).RunAsync();
    }

    [Fact]
    public Task A_public_method_is_not_fixed()
    {
        const string members = """
                public object MarkAsRead() => client.CreateMutation(new MutationOptions<int, Unit, Snapshot<NotificationsPage>>
                {
                    OnMutate = id => new Snapshot<NotificationsPage>(client.SetQueryData(notificationsKey, new NotificationsPage(null!))),
                    OnSuccess = Celebrate,
                });

                public void Celebrate(Unit data, int id, Snapshot<NotificationsPage>? context) => [|toaster.Success("Done")|];

            """;
        return Test(members, members, nonLocal: true).RunAsync();
    }

    [Fact]
    public Task A_method_group_in_a_with_expression_keeps_its_member_and_the_function_an_empty_body() =>
        new CSharpCodeFixVerifier<SuccessToastInOptimisticMutationAnalyzer, RemoveSuccessToastCodeFixProvider>.Test
        {
            ReferenceRuntime = false,
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
            TestCode = Rules.RuleSources.Wrapper + """

                public sealed class Screen
                {
                    private readonly Wrapper.Cache cache = new Wrapper.Cache();
                    private readonly Wrapper.Notify notify = new Wrapper.Notify();

                    // Removing OnSuccess here would bring back the copied options' callback.
                    public object Copy(Wrapper.Options options) => options with
                    {
                        OnMutate = id =>
                        {
                            cache.Put(id, "new");
                            return null;
                        },
                        OnSuccess = Saved,
                    };

                    private void Saved(int data, string id, object? context) => [|notify.Ok("Saved")|];
                }

                """,
            FixedCode = Rules.RuleSources.Wrapper + """

                public sealed class Screen
                {
                    private readonly Wrapper.Cache cache = new Wrapper.Cache();
                    private readonly Wrapper.Notify notify = new Wrapper.Notify();

                    // Removing OnSuccess here would bring back the copied options' callback.
                    public object Copy(Wrapper.Options options) => options with
                    {
                        OnMutate = id =>
                        {
                            cache.Put(id, "new");
                            return null;
                        },
                        OnSuccess = Saved,
                    };

                    private void Saved(int data, string id, object? context) { }
                }

                """,
        }.RunAsync();

    [Fact]
    public Task An_async_local_function_in_a_with_expression_returns_a_completed_task() =>
        Test(
            """
                public AppMutation<int> Base { get; } = new AppMutation<int>();

                public AppMutation<int> MarkAsRead()
                {
                    return Base with
                    {
                        OnMutate = id => new Snapshot<NotificationsPage>(client.SetQueryData(notificationsKey, new NotificationsPage(null!))),
                        OnSuccessAsync = CelebrateAsync,
                    };

                    async Task {|CS1998:CelebrateAsync|}(Unit data, int id, Snapshot<NotificationsPage>? context)
                    {
                        [|toaster.Success("Marked as read")|];
                    }
                }
            }

            [Optimistic.Query.Annotations.MutationOptions]
            public sealed record AppMutation<TVariables>
            {
                [Optimistic.Query.Annotations.MutationCallback(Optimistic.Query.Annotations.MutationPhase.Mutate)]
                public System.Func<TVariables, Snapshot<NotificationsPage>>? OnMutate { get; init; }

                [Optimistic.Query.Annotations.MutationCallback(Optimistic.Query.Annotations.MutationPhase.Success)]
                public System.Func<Unit, TVariables, Snapshot<NotificationsPage>?, Task>? OnSuccessAsync { get; init; }

            """,
            """
                public AppMutation<int> Base { get; } = new AppMutation<int>();

                public AppMutation<int> MarkAsRead()
                {
                    return Base with
                    {
                        OnMutate = id => new Snapshot<NotificationsPage>(client.SetQueryData(notificationsKey, new NotificationsPage(null!))),
                        OnSuccessAsync = CelebrateAsync,
                    };

                    Task CelebrateAsync(Unit data, int id, Snapshot<NotificationsPage>? context) => Task.CompletedTask;
                }
            }

            [Optimistic.Query.Annotations.MutationOptions]
            public sealed record AppMutation<TVariables>
            {
                [Optimistic.Query.Annotations.MutationCallback(Optimistic.Query.Annotations.MutationPhase.Mutate)]
                public System.Func<TVariables, Snapshot<NotificationsPage>>? OnMutate { get; init; }

                [Optimistic.Query.Annotations.MutationCallback(Optimistic.Query.Annotations.MutationPhase.Success)]
                public System.Func<Unit, TVariables, Snapshot<NotificationsPage>?, Task>? OnSuccessAsync { get; init; }

            """,
            nonLocal: true).RunAsync();
}
