using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Optimistic.Query.Blazor.Internal;

namespace Optimistic.Query.Blazor;

/// <summary>
/// Wires the browser's focus and network events to the app's <see cref="QueryClient"/> (Blazor Server: the circuit's),
/// so stale queries refetch when the tab is shown again or the network comes back
/// (<see cref="QueryClient.SetFocused"/>, <see cref="QueryClient.SetOnline"/>; per observer
/// <see cref="QueryObserverOptions.RefetchOnFocus"/> and <see cref="QueryObserverOptions.RefetchOnReconnect"/>).
/// Put <c>&lt;QueryFocusManager /&gt;</c> once in the layout, in an interactive render mode. It renders nothing.
/// </summary>
/// <remarks>
/// <para>A small JavaScript module shipped with this library (<c>_content/Optimistic.Query.Blazor/queryFocusManager.js</c>)
/// listens to <c>visibilitychange</c> (a hidden page is unfocused, a visible one focused), the window's <c>focus</c>,
/// and <c>online</c>/<c>offline</c>, and reports the state it finds when it starts (a page opened in a background tab
/// or offline). It starts after the first interactive render, so prerendering never touches JavaScript, and its
/// listeners are removed when the component is disposed.</para>
/// <para>Failures never reach the app: a circuit that went away (<see cref="JSDisconnectedException"/>) is ignored; a
/// module that cannot load or a JavaScript error is logged through <see cref="QueryClientOptions.Logger"/>, and the
/// client then simply is not told about focus and network changes.</para>
/// </remarks>
public sealed class QueryFocusManager : ComponentBase, IAsyncDisposable
{
    /// <summary>Where the module is served from (a Razor class library's static web assets).</summary>
    internal const string ModulePath = "./_content/Optimistic.Query.Blazor/queryFocusManager.js";

    private IJSObjectReference? _module;
    private DotNetObjectReference<BrowserSignals>? _callback;
    private int? _registration;
    private bool _starting;
    private bool _disposed;

    [Inject]
    private QueryClient QueryClient { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    /// <inheritdoc />
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || _disposed) return;
        _starting = true;
        try
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", ModulePath);
            if (!_disposed)
            {
                _callback = DotNetObjectReference.Create(new BrowserSignals(QueryClient));
                var state = await _module.InvokeAsync<BrowserState>("register", _callback);
                _registration = state.Id;
                if (!_disposed)
                {
                    QueryClient.SetOnline(state.Online); // first: regaining focus while offline refetches nothing
                    QueryClient.SetFocused(state.Focused);
                }
            }
        }
        catch (JSDisconnectedException)
        {
            // Blazor Server: the circuit went away while starting; there is no browser left to listen to.
        }
        catch (Exception error) when (error is JSException or OperationCanceledException)
        {
            // The module could not load (not served, blocked) or threw, or interop timed out: log, never break the page.
            BlazorLog.FocusManagerFailed(QueryClient.Options.Logger, error);
        }
        finally
        {
            _starting = false;
        }
        if (_disposed) await StopAsync(); // disposed while starting: the start stops what it started
    }

    /// <summary>Removes the browser's listeners and releases the module; never throws, also on a circuit that went away.</summary>
    /// <returns>A task that completes when the listeners are removed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_starting) await StopAsync();
    }

    private async Task StopAsync()
    {
        var module = _module;
        var registration = _registration;
        var callback = _callback;
        _module = null;
        _registration = null;
        _callback = null;
        try
        {
            if (module is not null)
            {
                if (registration is { } id) await module.InvokeVoidAsync("unregister", id);
                await module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // Blazor Server circuit teardown: the page, and its listeners, are gone already.
        }
        catch (Exception error) when (error is JSException or OperationCanceledException)
        {
            BlazorLog.FocusManagerFailed(QueryClient.Options.Logger, error);
        }
        finally
        {
            callback?.Dispose(); // a late browser event then finds no .NET object: the module swallows that
        }
    }
}
