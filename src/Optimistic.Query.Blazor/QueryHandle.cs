using System;
using System.Threading;
using System.Threading.Tasks;
using Optimistic.Query.Blazor.Internal;

namespace Optimistic.Query.Blazor;

/// <summary>
/// A component's view of one query (TanStack's <c>useQuery</c> result): observes a key, re-renders the component on each
/// change through the renderer's dispatcher, and stops observing when disposed. Made by
/// <see cref="QueryComponentBase.UseQuery{T}"/> (disposed with the component) or by hand.
/// </summary>
/// <typeparam name="T">The query's data type.</typeparam>
/// <remarks>
/// Cache changes arrive on whatever thread made them (a fetch completion on the thread pool, another circuit's write to a
/// shared client); the handle never touches the component from there: it calls the render callback, which marshals to
/// the renderer (<c>() =&gt; InvokeAsync(StateHasChanged)</c>). A render that fails goes to
/// <see cref="QueryClientOptions.OnListenerError"/> and <see cref="QueryClientOptions.Logger"/>, never into the cache.
/// </remarks>
public sealed class QueryHandle<T> : IDisposable
{
    private static readonly QueryState<T> NothingObserved = new(default, null, QueryStatus.Pending, FetchStatus.Idle, null, null, false);

    private readonly QueryClient _client;
    private readonly Func<Task> _requestRender;
    private readonly PrerenderHandOff? _handOff;
    private readonly object _gate = new();
    private QueryObserver<T>? _observer;
    private IDisposable? _subscription;
    private TaskCompletionSource? _firstResult;
    private bool _disposed;

    /// <summary>Creates a handle that observes nothing until <see cref="ObserveAsync"/>.</summary>
    /// <param name="client">The cache.</param>
    /// <param name="requestRender">
    /// Re-renders the component on its dispatcher; in a component, <c>() =&gt; InvokeAsync(StateHasChanged)</c>.
    /// Called from any thread.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> or <paramref name="requestRender"/> is null.</exception>
    public QueryHandle(QueryClient client, Func<Task> requestRender)
        : this(client, requestRender, handOff: null)
    {
    }

    internal QueryHandle(QueryClient client, Func<Task> requestRender, PrerenderHandOff? handOff)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(requestRender);
        _client = client;
        _requestRender = requestRender;
        _handOff = handOff;
    }

    /// <summary>The observed key, or null before <see cref="ObserveAsync"/>.</summary>
    public QueryKey? Key => _observer?.Key;

    /// <summary>The query's current state (pending and idle before <see cref="ObserveAsync"/>).</summary>
    public QueryState<T> State => _observer?.State ?? NothingObserved;

    /// <summary>The data, or default when there is none yet.</summary>
    public T? Data => State.Data;

    /// <summary>The last fetch error, or null.</summary>
    public Exception? Error => State.Error;

    /// <summary>No data yet (TanStack's <c>isPending</c>): show a loading state.</summary>
    public bool IsPending => State.Status == QueryStatus.Pending;

    /// <summary>The query holds data.</summary>
    public bool IsSuccess => State.Status == QueryStatus.Success;

    /// <summary>The last fetch failed (the data of an earlier success, if any, is still in <see cref="Data"/>).</summary>
    public bool IsError => State.Status == QueryStatus.Error;

    /// <summary>
    /// <see cref="Data"/> is the previous key's, kept while the new key loads
    /// (<see cref="QueryObserverOptions.KeepPreviousData"/>): show it dimmed, and do not act on it as the new key's.
    /// </summary>
    public bool IsPlaceholderData => State.IsPlaceholderData;

    /// <summary>A fetch is in flight (the first one or a background refetch).</summary>
    public bool IsFetching => State.FetchStatus == FetchStatus.Fetching;

    /// <summary>
    /// Observes <paramref name="key"/> (fetching it when it has no data or stale data, unless disabled). A later call with
    /// another key switches the handle to it (TanStack's <c>setOptions</c>); with the same key it only updates the
    /// settings.
    /// </summary>
    /// <param name="key">The exact key; build it from the same state the page reads (page, filter).</param>
    /// <param name="fetcher">Loads the data; becomes the entry's fetcher for refetches.</param>
    /// <param name="options">Per-query settings, or null for the client's defaults.</param>
    /// <param name="observerOptions">
    /// This handle's settings: <see cref="QueryObserverOptions.KeepPreviousData"/> for a paged list that does not flash
    /// "Loading", <see cref="QueryObserverOptions.Enabled"/> for a query that waits for its input. Null: the defaults.
    /// </param>
    /// <returns>
    /// A task that completes once the key has a result (data, kept previous data, or an error) or nothing is fetching;
    /// it never faults. Await it in <c>OnInitializedAsync</c> so prerendering waits for the data.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="fetcher"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The handle is disposed.</exception>
    public Task ObserveAsync(QueryKey key, Func<CancellationToken, Task<T>> fetcher, FetchOptions? options = null,
        QueryObserverOptions? observerOptions = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(fetcher);
        TaskCompletionSource? previousResult = null;
        TaskCompletionSource firstResult;
        QueryObserver<T> observer;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            bool sameKey = _observer is { } current && current.Key.Equals(key);
            if (!sameKey) _handOff?.Track(key);
            var effective = sameKey ? options : _handOff?.OptionsForFirstObserver(key, options) ?? options;
            if (_observer is null)
            {
                _observer = _client.Observe(key, fetcher, effective, observerOptions);
                _firstResult = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var created = _observer;
                _subscription = created.Subscribe(state => OnChanged(created, state));
            }
            else
            {
                if (!sameKey)
                {
                    previousResult = _firstResult;
                    _firstResult = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
                _observer.SetOptions(key, fetcher, effective, observerOptions);
            }
            // The hand-off's infinite stale time only spares the fetch above; from now on the query goes stale by its own
            // options (a refetch on focus or reconnect, a key switch back). Same key: this changes settings, fetches nothing.
            if (!ReferenceEquals(effective, options)) _observer.SetOptions(key, fetcher, options, observerOptions);
            observer = _observer;
            firstResult = _firstResult!;
        }
        previousResult?.TrySetResult();
        if (HasResult(observer.State)) firstResult.TrySetResult();
        return firstResult.Task;
    }

    /// <summary>Fetches the observed query now, stale or not; completes when the fetch settles (errors are in <see cref="State"/>).</summary>
    /// <param name="cancellationToken">Stops this caller's wait; the fetch goes on.</param>
    /// <returns>A task that completes when the fetch settles.</returns>
    public Task RefetchAsync(CancellationToken cancellationToken = default) =>
        _observer?.RefetchAsync(cancellationToken) ?? Task.CompletedTask;

    /// <summary>Stops observing and re-rendering.</summary>
    public void Dispose()
    {
        QueryObserver<T>? observer;
        IDisposable? subscription;
        TaskCompletionSource? firstResult;
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            observer = _observer;
            subscription = _subscription;
            firstResult = _firstResult;
        }
        subscription?.Dispose();
        observer?.Dispose();
        firstResult?.TrySetResult();
    }

    private void OnChanged(QueryObserver<T> observer, QueryState<T> state)
    {
        TaskCompletionSource? firstResult;
        lock (_gate)
        {
            if (_disposed || !ReferenceEquals(observer, _observer)) return;
            firstResult = _firstResult;
        }
        // Render first: whoever awaits the first result then finds the render requested.
        RenderRequest.Send(_requestRender, _client.Options);
        if (HasResult(state)) firstResult?.TrySetResult();
    }

    private static bool HasResult(QueryState<T> state) =>
        state.Status != QueryStatus.Pending || state.FetchStatus == FetchStatus.Idle;
}
