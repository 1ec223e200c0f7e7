using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using Optimistic.Query.Blazor.Internal;

namespace Optimistic.Query.Blazor.Tests;

/// <summary>
/// Prerendering and the interactive render are two renders with two clients (Blazor Server: the request's scope, then
/// the circuit's). The data fetched by the first reaches the second through PersistentComponentState.
/// </summary>
public sealed class PrerenderHandOffTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly QueryKey Key = QueryKey.Create("notifications", new { page = 0 });

    [Fact]
    public void Data_fetched_while_prerendering_is_not_fetched_again_by_the_first_interactive_render()
    {
        var handedOver = Prerender("from prerendering");

        var server = new FakeServer<string>();
        using var client = new QueryClient(); // stale time zero, the default
        using var interactive = new BunitContext();
        interactive.Services.AddSingleton(client);
        interactive.AddBunitPersistentComponentState().Persist(PrerenderHandOff.StateKey, handedOver);

        var view = RenderView(interactive, server);

        Assert.Equal("<p>data: from prerendering</p>", view.Markup.Trim());
        Assert.Equal(0, server.Requests);
        Assert.Equal(TimeSpan.Zero, client.Options.StaleTime);
    }

    [Fact]
    public async Task After_the_hand_off_the_query_is_live_an_invalidation_refetches()
    {
        var handedOver = Prerender("from prerendering");
        var server = new FakeServer<string>();
        using var client = new QueryClient();
        using var interactive = new BunitContext();
        interactive.Services.AddSingleton(client);
        interactive.AddBunitPersistentComponentState().Persist(PrerenderHandOff.StateKey, handedOver);
        var view = RenderView(interactive, server);

        var refetch = client.InvalidateQueriesAsync(Key);
        server.Answer("fresh");
        await refetch;

        Assert.Equal(1, server.Requests);
        view.WaitForAssertion(() => Assert.Equal("<p>data: fresh</p>", view.Markup.Trim()), Wait);
    }

    [Fact]
    public void After_the_hand_off_the_query_goes_stale_by_its_own_options_a_shown_tab_refetches()
    {
        var handedOver = Prerender("from prerendering");
        var server = new FakeServer<string>();
        using var client = new QueryClient(); // stale time zero: stale once handed over
        using var interactive = new BunitContext();
        interactive.Services.AddSingleton(client);
        interactive.AddBunitPersistentComponentState().Persist(PrerenderHandOff.StateKey, handedOver);
        var view = RenderView(interactive, server);
        Assert.Equal(0, server.Requests);

        client.SetFocused(false);
        client.SetFocused(true);

        Assert.Equal(1, server.Requests); // the hand-off spared the first fetch only, not every later one
        server.Answer("fresh");
        view.WaitForAssertion(() => Assert.Equal("<p>data: fresh</p>", view.Markup.Trim()), Wait);
    }

    [Fact]
    public void Without_the_hand_off_the_first_interactive_render_fetches()
    {
        var server = new FakeServer<string>();
        using var client = new QueryClient();
        using var interactive = new BunitContext();
        interactive.Services.AddSingleton(client);
        interactive.AddBunitPersistentComponentState();

        var view = RenderView(interactive, server);

        Assert.Equal(1, server.Requests);
        Assert.Equal("<p>loading</p>", view.Markup.Trim());
    }

    /// <summary>Renders the view with its own client, lets it fetch, persists, and returns what was handed over.</summary>
    private static string Prerender(string data)
    {
        var server = new FakeServer<string>();
        using var client = new QueryClient();
        using var prerendering = new BunitContext();
        prerendering.Services.AddSingleton(client);
        var state = prerendering.AddBunitPersistentComponentState();
        var view = RenderView(prerendering, server);
        server.Answer(data);
        view.WaitForAssertion(() => Assert.Contains(data, view.Markup), Wait);

        state.TriggerOnPersisting();

        Assert.True(state.TryTake<string>(PrerenderHandOff.StateKey, out var handedOver), "Nothing was persisted.");
        return handedOver!;
    }

    private static IRenderedComponent<QueryView<string>> RenderView(BunitContext context, FakeServer<string> server) =>
        context.Render<QueryView<string>>(p => p
            .Add(v => v.Key, Key)
            .Add(v => v.Fetcher, server.FetchAsync)
            .Add(v => v.Loading, "<p>loading</p>")
            .Add(v => v.ChildContent, data => $"<p>data: {data}</p>"));
}
