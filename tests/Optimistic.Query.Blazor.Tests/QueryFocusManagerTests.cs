using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using Optimistic.Query.Blazor.Internal;

namespace Optimistic.Query.Blazor.Tests;

/// <summary>
/// &lt;QueryFocusManager /&gt;: imports its module after the first render, registers a .NET callback, forwards the
/// browser's focus and network changes to the client (which refetches), and unregisters when disposed.
/// </summary>
public sealed class QueryFocusManagerTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly QueryKey Key = QueryKey.Create("todos", 1);
    private const int RegistrationId = 7;

    private readonly BunitContext _context = new();
    private readonly ListLogger _logger = new();
    private readonly QueryClient _client;
    private readonly FakeServer<string> _server = new();
    private readonly BunitJSModuleInterop _module;

    public QueryFocusManagerTests()
    {
        _client = new QueryClient(new QueryClientOptions { Logger = _logger });
        _context.Services.AddSingleton(_client);
        _module = _context.JSInterop.SetupModule(QueryFocusManager.ModulePath);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync(); // disposes the rendered components, the manager's DisposeAsync included
        _client.Dispose();
    }

    [Fact]
    public void Imports_the_module_after_rendering_and_registers_a_callback()
    {
        SetUpRegister(focused: true, online: true);

        var manager = _context.Render<QueryFocusManager>();

        manager.WaitForAssertion(() => _module.VerifyInvoke("register"), Wait);
        var register = _module.VerifyInvoke("register");
        Assert.IsType<DotNetObjectReference<BrowserSignals>>(Assert.Single(register.Arguments));
        _context.JSInterop.VerifyInvoke("import");
        Assert.True(_client.IsFocused && _client.IsOnline);
    }

    [Fact]
    public void The_browsers_state_at_registration_reaches_the_client()
    {
        SetUpRegister(focused: false, online: false); // opened offline in a background tab

        var manager = _context.Render<QueryFocusManager>();

        manager.WaitForAssertion(() => Assert.False(_client.IsOnline), Wait);
        Assert.False(_client.IsFocused);
    }

    [Fact]
    public void The_tab_shown_again_refetches_the_stale_query_on_screen()
    {
        SetUpRegister(focused: true, online: true);
        var view = RenderView();
        _server.Answer("milk"); // stale at once: the default stale time is zero
        view.WaitForAssertion(() => Assert.Equal("<p>data: milk</p>", view.Markup.Trim()), Wait);
        var browser = RenderManager();

        browser.SetFocused(false); // visibilitychange: hidden
        Assert.Equal(1, _server.Requests);
        browser.SetFocused(true);  // visibilitychange: visible

        Assert.Equal(2, _server.Requests);
        _server.Answer("bread");
        view.WaitForAssertion(() => Assert.Equal("<p>data: bread</p>", view.Markup.Trim()), Wait);

        browser.SetFocused(true); // the window's focus event right after: no change, no fetch
        Assert.Equal(2, _server.Requests);
    }

    [Fact]
    public void The_network_back_refetches_the_stale_query_on_screen()
    {
        SetUpRegister(focused: true, online: true);
        var view = RenderView();
        _server.Answer("milk");
        view.WaitForAssertion(() => Assert.Equal("<p>data: milk</p>", view.Markup.Trim()), Wait);
        var browser = RenderManager();

        browser.SetOnline(false);
        Assert.False(_client.IsOnline);
        browser.SetOnline(true);

        Assert.Equal(2, _server.Requests);
        _server.Answer("bread");
        view.WaitForAssertion(() => Assert.Equal("<p>data: bread</p>", view.Markup.Trim()), Wait);
    }

    [Fact]
    public async Task Disposal_unregisters_and_releases_the_callback()
    {
        SetUpRegister(focused: true, online: true);
        RenderManager();
        _module.VerifyNotInvoke("unregister");

        await _context.DisposeComponentsAsync();

        var unregister = _module.VerifyInvoke("unregister");
        Assert.Equal(RegistrationId, Assert.Single(unregister.Arguments));
        NothingEscaped(_context);
        Assert.Throws<ObjectDisposedException>(() => Callback().Value); // a late browser event reaches nothing
    }

    [Fact]
    public async Task A_circuit_gone_at_disposal_is_swallowed()
    {
        SetUpRegister(focused: true, online: true, unregisterError: new JSDisconnectedException("The circuit is gone."));
        RenderManager();

        await _context.DisposeComponentsAsync();

        _module.VerifyInvoke("unregister");
        NothingEscaped(_context); // an escaping exception would end a Blazor Server circuit
        Assert.DoesNotContain(_logger.Entries, e => e.Id.Name == "QueryFocusManagerFailed"); // expected on teardown: not logged
        Assert.Throws<ObjectDisposedException>(() => Callback().Value);
    }

    [Fact]
    public async Task A_module_that_cannot_load_is_logged_and_does_not_break_the_page()
    {
        await using var context = new BunitContext(); // without the module set up by this class
        context.Services.AddSingleton(_client);
        context.JSInterop.AddInvocationHandler(new FailingImport(new JSException("Failed to fetch dynamically imported module")));

        var manager = context.Render<QueryFocusManager>();

        NothingEscaped(context);
        Assert.Equal("", manager.Markup);
        var logged = Assert.Single(_logger.Entries, e => e.Id.Name == "QueryFocusManagerFailed");
        Assert.IsType<JSException>(logged.Error);
        await context.DisposeComponentsAsync(); // nothing loaded: nothing to unregister
        NothingEscaped(context);
    }

    [Fact]
    public async Task A_module_that_throws_on_register_is_logged_and_released()
    {
        _module.Setup<BrowserState>("register", _ => true).SetException(new JSException("addEventListener is not a function"));

        var manager = _context.Render<QueryFocusManager>();

        manager.WaitForAssertion(() => Assert.Single(_logger.Entries, e => e.Id.Name == "QueryFocusManagerFailed"), Wait);
        await _context.DisposeComponentsAsync(); // not registered: no unregister (strict mode would fail one)
        _module.VerifyNotInvoke("unregister");
        NothingEscaped(_context);
        Assert.Throws<ObjectDisposedException>(() => Callback().Value);
    }

    /// <summary>No exception reached the renderer (it catches what a component's lifecycle or disposal throws).</summary>
    private static void NothingEscaped(BunitContext context)
    {
        var escaped = context.Renderer.UnhandledException;
        Assert.False(escaped.IsCompleted, escaped.IsCompleted ? escaped.Result.ToString() : null);
    }

    private void SetUpRegister(bool focused, bool online, Exception? unregisterError = null)
    {
        _module.Setup<BrowserState>("register", _ => true).SetResult(new BrowserState(RegistrationId, focused, online));
        var unregister = _module.SetupVoid("unregister", _ => true);
        if (unregisterError is null) unregister.SetVoidResult();
        else unregister.SetException(unregisterError);
    }

    /// <summary>Renders the manager and returns the callback the browser's module would call.</summary>
    private BrowserSignals RenderManager()
    {
        var manager = _context.Render<QueryFocusManager>();
        manager.WaitForAssertion(() => _module.VerifyInvoke("register"), Wait);
        return Callback().Value;
    }

    private DotNetObjectReference<BrowserSignals> Callback() =>
        (DotNetObjectReference<BrowserSignals>)_module.VerifyInvoke("register").Arguments[0]!;

    private IRenderedComponent<QueryView<string>> RenderView() =>
        _context.Render<QueryView<string>>(p => p
            .Add(v => v.Key, Key)
            .Add(v => v.Fetcher, _server.FetchAsync)
            .Add(v => v.Options, new FetchOptions { Retry = 0 })
            .Add(v => v.Loading, "<p>loading</p>")
            .Add(v => v.ChildContent, data => $"<p>data: {data}</p>"));

    /// <summary>An <c>import</c> that fails, as a module the server does not serve (bUnit's SetupModule cannot fail).</summary>
    private sealed class FailingImport : JSRuntimeInvocationHandlerBase<IJSObjectReference>
    {
        public FailingImport(Exception error) : base(invocation => invocation.Identifier == "import", isCatchAllHandler: false) =>
            SetExceptionBase(error);
    }
}
