using System;
using System.Collections.Generic;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Optimistic.Query.Blazor.Internal;

namespace Optimistic.Query.Blazor;

/// <summary>
/// A component base for code-first queries and mutations in <c>@code</c> (<c>@inherits QueryComponentBase</c>):
/// <see cref="UseQuery{T}"/> and <see cref="UseMutation{TVariables, TData, TContext}"/> return handles that re-render
/// this component through its dispatcher and are disposed with it. Queries observed while prerendering are handed to
/// the interactive render (see <see cref="QueryView{T}"/>).
/// </summary>
public abstract class QueryComponentBase : ComponentBase, IDisposable
{
    private readonly List<IDisposable> _handles = new();
    private PrerenderHandOff? _handOff;
    private PersistingComponentStateSubscription? _persisting;
    private bool _disposed;

    /// <summary>The app's (Blazor Server: the circuit's) query client.</summary>
    [Inject]
    protected QueryClient QueryClient { get; set; } = default!;

    [Inject]
    private IServiceProvider Services { get; set; } = default!;

    /// <summary>Creates a query handle bound to this component; call <see cref="QueryHandle{T}.ObserveAsync"/> to pick its key.</summary>
    /// <typeparam name="T">The query's data type.</typeparam>
    /// <returns>The handle, disposed with this component.</returns>
    /// <exception cref="ObjectDisposedException">The component is disposed.</exception>
    protected QueryHandle<T> UseQuery<T>()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _handOff ??= AttachHandOff();
        var handle = new QueryHandle<T>(QueryClient, RequestRender, _handOff);
        _handles.Add(handle);
        return handle;
    }

    /// <summary>Creates a mutation bound to this component: it re-renders after each callback and on each state change.</summary>
    /// <typeparam name="TVariables">The mutation's input.</typeparam>
    /// <typeparam name="TData">The server's result.</typeparam>
    /// <typeparam name="TContext">What OnMutate returns.</typeparam>
    /// <param name="options">The mutation's function and callbacks.</param>
    /// <returns>The handle, disposed with this component.</returns>
    /// <exception cref="ObjectDisposedException">The component is disposed.</exception>
    protected MutationHandle<TVariables, TData, TContext> UseMutation<TVariables, TData, TContext>(MutationOptions<TVariables, TData, TContext> options)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var handle = new MutationHandle<TVariables, TData, TContext>(QueryClient, options, RequestRender);
        _handles.Add(handle);
        return handle;
    }

    /// <summary>Disposes the handles: no more re-renders, the queries stop being observed.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the handles; override to release more, calling the base.</summary>
    /// <param name="disposing">True from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (_disposed || !disposing) return;
        _disposed = true;
        _persisting?.Dispose();
        foreach (var handle in _handles) handle.Dispose();
        _handles.Clear();
    }

    private System.Threading.Tasks.Task RequestRender() => InvokeAsync(StateHasChanged);

    private PrerenderHandOff? AttachHandOff()
    {
        if (Services.GetService<PersistentComponentState>() is not { } state) return null;
        var handOff = PrerenderHandOff.For(QueryClient, state);
        // The callback's target must be this component: the framework persists it for the component's render mode.
        if (handOff is not null) _persisting = state.RegisterOnPersisting(PersistQueries);
        return handOff;
    }

    private System.Threading.Tasks.Task PersistQueries()
    {
        _handOff?.Persist();
        return System.Threading.Tasks.Task.CompletedTask;
    }
}
