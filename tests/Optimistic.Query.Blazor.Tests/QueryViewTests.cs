using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace Optimistic.Query.Blazor.Tests;

public sealed class QueryViewTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly QueryKey Key = QueryKey.Create("todos", 1);

    private readonly BunitContext _context = new();
    private readonly QueryClient _client = new();
    private readonly FakeServer<string> _server = new();

    public QueryViewTests() => _context.Services.AddSingleton(_client);

    public void Dispose()
    {
        _context.Dispose();
        _client.Dispose();
    }

    [Fact]
    public void Shows_the_loading_template_until_the_data_arrives_then_the_content()
    {
        var view = RenderView();

        Assert.Equal("<p>loading</p>", view.Markup.Trim());
        Assert.Equal(1, _server.Requests);

        _server.Answer("milk");
        view.WaitForAssertion(() => Assert.Equal("<p>data: milk</p>", view.Markup.Trim()), Wait);
    }

    [Fact]
    public void Shows_the_error_template_when_the_first_fetch_fails()
    {
        var view = RenderView();

        _server.Fail(new InvalidOperationException("server down"));

        view.WaitForAssertion(() => Assert.Equal("<p>error: server down</p>", view.Markup.Trim()), Wait);
    }

    [Fact]
    public void Keeps_showing_the_data_when_a_refetch_fails()
    {
        _client.SetQueryData(Key, "milk"); // stale at once (stale time zero): the view refetches
        var view = RenderView();
        Assert.Equal("<p>data: milk</p>", view.Markup.Trim());

        _server.Fail(new InvalidOperationException("server down"));

        view.WaitForAssertion(() => Assert.Equal("server down", view.Instance.Query.Error?.Message), Wait);
        Assert.Equal("<p>data: milk</p>", view.Markup.Trim());
    }

    [Fact]
    public async Task Re_renders_through_the_dispatcher_when_another_thread_changes_the_cache()
    {
        var view = RenderView();
        _server.Answer("milk");
        view.WaitForAssertion(() => Assert.Contains("milk", view.Markup), Wait);

        // A pool thread writes: rendering from there directly would throw "not associated with the Dispatcher".
        await Task.Run(() => _client.SetQueryData(Key, "bread"));

        view.WaitForAssertion(() => Assert.Equal("<p>data: bread</p>", view.Markup.Trim()), Wait);
    }

    [Fact]
    public void A_new_key_switches_the_view_to_it()
    {
        var view = RenderView();
        _server.Answer("page one");
        view.WaitForAssertion(() => Assert.Contains("page one", view.Markup), Wait);

        view.Render(p => p.Add(v => v.Key, QueryKey.Create("todos", 2)));
        _server.Answer("page two");

        view.WaitForAssertion(() => Assert.Equal("<p>data: page two</p>", view.Markup.Trim()), Wait);
        Assert.Equal(QueryKey.Create("todos", 2), view.Instance.Query.Key);
    }

    [Fact]
    public void With_keep_previous_data_a_new_key_shows_the_previous_data_until_its_own_arrives()
    {
        var view = RenderView(new QueryObserverOptions { KeepPreviousData = true });
        _server.Answer("page one");
        view.WaitForAssertion(() => Assert.Contains("page one", view.Markup), Wait);

        view.Render(p => p.Add(v => v.Key, QueryKey.Create("todos", 2)));

        Assert.Equal("<p>data: page one</p>", view.Markup.Trim()); // no "loading" flash
        Assert.True(view.Instance.Query.IsPlaceholderData);
        _server.Answer("page two");
        view.WaitForAssertion(() => Assert.Equal("<p>data: page two</p>", view.Markup.Trim()), Wait);
        Assert.False(view.Instance.Query.IsPlaceholderData);
    }

    [Fact]
    public async Task Stops_observing_when_disposed()
    {
        var view = RenderView();
        _server.Answer("milk");
        view.WaitForAssertion(() => Assert.Contains("milk", view.Markup), Wait);

        // Observed: an invalidation refetches.
        var refetch = _client.InvalidateQueriesAsync(Key);
        _server.Answer("bread");
        await refetch;
        Assert.Equal(2, _server.Requests);

        await _context.DisposeComponentsAsync();

        // No longer observed: an invalidation marks the entry but fetches nothing, and nothing re-renders.
        await _client.InvalidateQueriesAsync(Key);
        Assert.Equal(2, _server.Requests);
    }

    private IRenderedComponent<QueryView<string>> RenderView(QueryObserverOptions? observerOptions = null) =>
        _context.Render<QueryView<string>>(p => p
            .Add(v => v.Key, Key)
            .Add(v => v.ObserverOptions, observerOptions)
            .Add(v => v.Fetcher, _server.FetchAsync)
            .Add(v => v.Options, new FetchOptions { Retry = 0 })
            .Add(v => v.Loading, "<p>loading</p>")
            .Add(v => v.Error, error => $"<p>error: {error.Message}</p>")
            .Add(v => v.ChildContent, data => $"<p>data: {data}</p>"));
}
