using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Optimistic.Query.Analyzers.Tests.Wrappers;
using Optimistic.Query.CodeFixes;

namespace Optimistic.Query.Analyzers.Tests.Fixes;

/// <summary>
/// OPT005's fix when the cache is written through a wrapper client (<c>FeatureClient.Set</c>, <c>[QueryWrite]</c>): the added
/// OnSettledAsync invalidates with the wrapper's own <c>[QueryInvalidate]</c> method, found by its role; a wrapper without
/// one gets no fix.
/// </summary>
public class OPT005WrapperClientTests
{
    private static CSharpCodeFixVerifier<OptimisticCreateOrDeleteAnalyzer, RemoveOptimisticUpdateCodeFixProvider>.Test Test(string members, string fixedMembers) =>
        new()
        {
            TestCode = WrapperSources.InViewModel(members),
            FixedCode = WrapperSources.InViewModel(fixedMembers),
            CodeActionEquivalenceKey = RemoveOptimisticUpdateCodeFixProvider.Key,
        };

    [Fact]
    public Task The_added_OnSettledAsync_invalidates_with_the_wrappers_QueryInvalidate_method() =>
        Test(
            """

                public object Delete() => client.CreateMutation(new MutationOptions<MarkAsReadInput, Unit, Snapshot<NotificationsPage>>
                {
                    [|Kind|] = MutationKind.Delete,
                    MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
                    OnMutateAsync = async input =>
                    {
                        await Feature.CancelAsync(notificationsKey);
                        var previous = Feature.Get<NotificationsPage>(notificationsKey);
                        Feature.Set(notificationsKey, new NotificationsPage(new Notification[0]));
                        return new Snapshot<NotificationsPage>(previous);
                    },
                    OnError = (error, input, context) =>
                    {
                        if (context?.Previous is { } previous) Feature.Set(notificationsKey, previous);
                    },
                });
            """,
            """

                public object Delete() => client.CreateMutation(new MutationOptions<MarkAsReadInput, Unit, Snapshot<NotificationsPage>>
                {
                    Kind = MutationKind.Delete,
                    MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
                    OnSettledAsync = (data, error, input, context) => Feature.InvalidateAsync(notificationsKey),
                });
            """).RunAsync();

    [Fact]
    public Task A_wrapper_client_without_an_invalidation_gets_no_fix()
    {
        const string members = """

                private WriteOnlyClient Writer => new WriteOnlyClient();

                public object Delete() => client.CreateMutation(new MutationOptions<MarkAsReadInput, Unit, Snapshot<NotificationsPage>>
                {
                    [|Kind|] = MutationKind.Delete,
                    MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
                    OnMutateAsync = async input =>
                    {
                        await client.CancelQueriesAsync(notificationsKey);
                        Writer.Set(notificationsKey, new NotificationsPage(new Notification[0]));
                        return new Snapshot<NotificationsPage>(null);
                    },
                });
            }

            public sealed class WriteOnlyClient
            {
                [QueryWrite] public void Set<T>([QueryKeyArgument] QueryKey key, T value) { }
            """;
        return Test(members, members).RunAsync();
    }
}
