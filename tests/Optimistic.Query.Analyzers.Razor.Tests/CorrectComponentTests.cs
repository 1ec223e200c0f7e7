using Optimistic.Query.Analyzers.Razor.Tests.Infrastructure;

namespace Optimistic.Query.Analyzers.Razor.Tests;

/// <summary>Components that break no rule raise nothing: the canonical mutation in <c>@code</c>, and a page with no mutation.</summary>
/// <remarks>
/// In a page with no mutation the rules cost one cached type lookup per object creation: they reject every creation whose
/// type is not <c>[MutationOptions]</c> before they look at the tree (<c>MutationRuleAnalyzer</c>). Roslyn still builds the
/// operation trees of the generated code for them (not charged to any analyzer); the overhead script's component variant
/// measures the whole (ANALYZER-OVERHEAD.md). This test checks what can be checked here: nothing is reported.
/// </remarks>
public class CorrectComponentTests
{
    [Fact]
    public Task The_canonical_mutation_in_a_component_raises_nothing() =>
        new AllRulesRazorTest
        {
            RazorSources =
            {
                ("Pages/Notifications.razor", """
                    @page "/notifications"
                    @using Consumer
                    @inject QueryClient Client
                    @inject ITodoApi Api
                    @inject IToaster Toaster

                    <button @onclick="() => markAsRead.MutateAsync(1)">Mark as read</button>

                    @code {
                        private static readonly QueryKey TodosKey = QueryKey.Create("todos");
                        private Mutation<int, Unit, Snapshot<TodoList>> markAsRead = default!;

                        protected override void OnInitialized() =>
                            markAsRead = Client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoList>>
                            {
                                MutationFn = (id, ct) => Api.ToggleAsync(id, ct),
                                OnMutateAsync = async id =>
                                {
                                    await Client.CancelQueriesAsync(TodosKey);
                                    var previous = Client.GetQueryData<TodoList>(TodosKey);
                                    if (previous is not null) Client.SetQueryData(TodosKey, previous.Toggle(id));
                                    return new Snapshot<TodoList>(previous);
                                },
                                OnError = (error, id, context) =>
                                {
                                    if (context?.Previous is { } previous) Client.SetQueryData(TodosKey, previous);
                                    Toaster.Error("Failed to mark as read", error);
                                },
                                OnSettledAsync = (data, error, id, context) => Client.InvalidateQueriesAsync(TodosKey),
                            });
                    }
                    """),
            },
        }.RunAsync();

    [Fact]
    public Task A_page_with_no_mutation_raises_nothing() =>
        new AllRulesRazorTest
        {
            RazorSources =
            {
                ("Pages/Counter.razor", """
                    @page "/counter"
                    @inject QueryClient Client

                    <h1>Counter</h1>
                    <p role="status">Current count: @currentCount</p>
                    @foreach (var step in steps)
                    {
                        <button @onclick="() => Increment(step)">+@step</button>
                    }

                    @code {
                        private readonly List<int> steps = new() { 1, 5, 10 };
                        private int currentCount;

                        private void Increment(int step)
                        {
                            currentCount += step;
                            Client.SetQueryData(QueryKey.Create("counter"), currentCount);
                        }
                    }
                    """),
            },
        }.RunAsync();
}
