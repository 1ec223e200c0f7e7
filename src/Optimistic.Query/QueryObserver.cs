using System;
using System.Threading;
using System.Threading.Tasks;
using Optimistic.Query.Cache;

namespace Optimistic.Query;

/// <summary>
/// Watches one query (TanStack's <c>QueryObserver</c>), made by <see cref="QueryClient.Observe{T}"/>. While it lives the
/// entry is active: never collected, refetched by invalidation. Dispose it to stop observing.
/// </summary>
/// <typeparam name="T">The query's data type.</typeparam>
/// <remarks>
/// Listeners are called once per visible state change of the entry, outside every cache lock, one call at a time per
/// observer, in version order: a listener never sees an older state after a newer one, nor two calls at once. Usually
/// the call runs on the thread that made the change (a fetch completion, a write, an invalidation); a change made while
/// another thread is delivering to this observer (or from inside a listener) is handed to that delivery, which calls
/// the listeners with it right after its current call, so changes in quick succession may be coalesced into one call
/// with the newest state. A fetch's awaiters are released only once the listeners have seen its result, also when it
/// was handed to another thread's delivery: so a listener must not block on a fetch of its key (awaiting it is fine).
/// A listener may write to the cache, this key included. A listener that throws is logged
/// through <see cref="QueryClientOptions.Logger"/> and does not affect other listeners or the cache.
/// </remarks>
public sealed class QueryObserver<T> : IDisposable, IQueryEntryObserver
{
    private readonly QueryClient _client;
    private readonly QueryFetcher<T> _fetcher;
    private readonly FetchOptions? _options;
    private readonly object _gate = new();
    private volatile QueryEntry? _entry;
    private volatile CachedState? _cached;
    private Action<QueryState<T>>[] _listeners = Array.Empty<Action<QueryState<T>>>();
    private EntryState? _delivered;
    private QueryEntry? _deliveredEntry;
    private EntryState? _pending;
    private QueryEntry? _pendingEntry;
    private TaskCompletionSource? _pendingSeen; // completes once the listeners have returned from the pending state
    private TaskCompletionSource? _currentSeen; // the same for the state being delivered now
    private int _deliveringThread; // the managed thread id of the deliverer, or 0
    private bool _delivering;
    private bool _disposed;

    internal QueryObserver(QueryClient client, QueryKey key, QueryFetcher<T> fetcher, FetchOptions? options)
    {
        _client = client;
        _fetcher = fetcher;
        _options = options;
        Key = key;
        var entry = client.AttachObserver(this, key, fetcher, options);
        _entry = entry;
        client.FetchIfStale(entry, fetcher, options);
    }

    /// <summary>The observed key.</summary>
    public QueryKey Key { get; }

    /// <summary>The query's current state.</summary>
    /// <exception cref="InvalidCastException">The entry holds a value of another type than <typeparamref name="T"/>.</exception>
    public QueryState<T> State
    {
        get
        {
            var source = _entry!.State;
            var cached = _cached;
            if (cached is not null && ReferenceEquals(cached.Source, source)) return cached.State;
            var state = source.ToQueryState<T>(Key);
            _cached = new CachedState(source, state);
            return state;
        }
    }

    /// <summary>Calls <paramref name="listener"/> with each new state until the returned handle is disposed.</summary>
    /// <param name="listener">Receives each new state; not called for the current one.</param>
    /// <returns>The subscription; dispose it to stop listening.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="listener"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The observer is disposed.</exception>
    public IDisposable Subscribe(Action<QueryState<T>> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var next = new Action<QueryState<T>>[_listeners.Length + 1];
            _listeners.CopyTo(next, 0);
            next[^1] = listener;
            _listeners = next;
        }
        return new Subscription(this, listener);
    }

    /// <summary>
    /// Fetches the query now, whether or not its data is stale; a fetch in flight is replaced when the query has data
    /// (TanStack's <c>cancelRefetch</c>), joined otherwise. Completes when that fetch settles.
    /// </summary>
    /// <param name="cancellationToken">Stops this caller's wait; the fetch goes on.</param>
    /// <returns>A task that completes when the fetch settles. Fetch errors do not fault it: they are in <see cref="State"/>.</returns>
    /// <exception cref="ObjectDisposedException">The observer is disposed.</exception>
    public Task RefetchAsync(CancellationToken cancellationToken = default)
    {
        QueryEntry entry;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            entry = _entry!;
            if (entry.Removed)
            {
                // The entry was removed (RemoveQueries, Clear): observe its successor.
                entry = _client.AttachObserver(this, Key, _fetcher, _options);
                _entry = entry;
            }
        }
        var fetch = _client.StartOrJoinFetch(entry, _fetcher, cancelRefetch: true);
        return fetch is null ? Task.CompletedTask : WaitQuietly(fetch, cancellationToken);
    }

    /// <summary>Stops observing: listeners are dropped and the entry's gc countdown starts once it is idle.</summary>
    public void Dispose()
    {
        QueryEntry? entry;
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _listeners = Array.Empty<Action<QueryState<T>>>();
            entry = _entry;
        }
        if (entry is not null) _client.DetachObserver(this, entry);
        Seen(ref _pendingSeen); // nothing more is delivered
    }

    Task? IQueryEntryObserver.OnEntryChanged(QueryEntry entry, EntryState state)
    {
        lock (_gate)
        {
            var attached = _entry;
            if (_disposed || (attached is not null && !ReferenceEquals(attached, entry))) return null;
            // Never an older state after a newer one: drop what is not newer than the last delivered or queued state.
            if (ReferenceEquals(_deliveredEntry, entry) && _delivered is not null && state.Version <= _delivered.Version)
                return WaitForOtherDelivererLocked(ref _currentSeen);
            if (_pending is not null && ReferenceEquals(_pendingEntry, entry) && state.Version <= _pending.Version)
                return WaitForOtherDelivererLocked(ref _pendingSeen);
            _pending = state;
            _pendingEntry = entry;
            // One delivering thread at a time: if another thread (or this one, from inside a listener) is delivering,
            // it picks this state up right after its current call. No user code ever runs under _gate, and no thread
            // waits for the deliverer, so a listener may write to the cache (this key included) without deadlock or
            // reorder; a fetch's awaiters, though, are released only once the deliverer has passed its state on.
            if (_delivering) return WaitForOtherDelivererLocked(ref _pendingSeen);
            _delivering = true;
            _deliveringThread = Environment.CurrentManagedThreadId;
        }
        Deliver();
        return null;
    }

    /// <summary>
    /// When another thread delivers, a task that completes once it has passed the state on (<paramref name="seen"/>);
    /// null when this thread is the deliverer (a change made from inside a listener: it cannot wait for itself).
    /// </summary>
    private Task? WaitForOtherDelivererLocked(ref TaskCompletionSource? seen)
    {
        if (!_delivering || _deliveringThread == Environment.CurrentManagedThreadId) return null;
        return (seen ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
    }

    private void Seen(ref TaskCompletionSource? seen)
    {
        TaskCompletionSource? done;
        lock (_gate)
        {
            done = seen;
            seen = null;
        }
        done?.TrySetResult();
    }

    /// <summary>The single-consumer delivery loop: the thread that set <see cref="_delivering"/> drains the newest states.</summary>
    private void Deliver()
    {
        bool done = false;
        try
        {
            while (true)
            {
                EntryState? state = null;
                Action<QueryState<T>>[] listeners = _listeners;
                TaskCompletionSource? finished, alsoFinished = null;
                lock (_gate)
                {
                    finished = _currentSeen; // the state before this one was fully delivered (or nothing was)
                    _currentSeen = null;
                    if (_pending is null || _disposed)
                    {
                        _pending = null;
                        _pendingEntry = null;
                        _delivering = false;
                        _deliveringThread = 0;
                        alsoFinished = _pendingSeen; // disposed: nothing more is delivered
                        _pendingSeen = null;
                        done = true;
                    }
                    else
                    {
                        state = _pending;
                        _delivered = state;
                        _deliveredEntry = _pendingEntry;
                        _pending = null;
                        _pendingEntry = null;
                        _currentSeen = _pendingSeen;
                        _pendingSeen = null;
                        listeners = _listeners;
                    }
                }
                finished?.TrySetResult();
                alsoFinished?.TrySetResult();
                if (done) return;
                if (listeners.Length > 0) Invoke(listeners, state!);
            }
        }
        finally
        {
            if (!done)
            {
                // Only reached on an unexpected exception (listener failures are caught): let the next change deliver,
                // and release whoever waits for a delivery rather than leave them waiting.
                lock (_gate)
                {
                    _delivering = false;
                    _deliveringThread = 0;
                }
                Seen(ref _currentSeen);
                Seen(ref _pendingSeen);
            }
        }
    }

    private void Invoke(Action<QueryState<T>>[] listeners, EntryState state)
    {
        QueryState<T> typed;
        try
        {
            typed = state.ToQueryState<T>(Key);
        }
        catch (InvalidCastException error)
        {
            CacheLog.ObserverStateThrew(_client.Options.Logger, Key, error);
            ListenerFailures.Report(_client.Options, error);
            return;
        }
        foreach (var listener in listeners)
        {
            try
            {
                listener(typed);
            }
            catch (Exception error) // a listener's failure is logged, never allowed to break the cache or other listeners
            {
                CacheLog.ListenerThrew(_client.Options.Logger, Key, error);
                ListenerFailures.Report(_client.Options, error);
            }
        }
    }

    private static async Task WaitQuietly(Task<object?> fetch, CancellationToken cancellationToken)
    {
        try
        {
            await fetch.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The fetch failed or was cancelled: that is in State, not an error of this call.
        }
    }

    private void Unsubscribe(Action<QueryState<T>> listener)
    {
        lock (_gate)
        {
            int index = Array.IndexOf(_listeners, listener);
            if (index < 0) return;
            var next = new Action<QueryState<T>>[_listeners.Length - 1];
            Array.Copy(_listeners, 0, next, 0, index);
            Array.Copy(_listeners, index + 1, next, index, _listeners.Length - index - 1);
            _listeners = next;
        }
    }

    private sealed record CachedState(EntryState Source, QueryState<T> State);

    private sealed class Subscription : IDisposable
    {
        private QueryObserver<T>? _owner;
        private readonly Action<QueryState<T>> _listener;

        public Subscription(QueryObserver<T> owner, Action<QueryState<T>> listener)
        {
            _owner = owner;
            _listener = listener;
        }

        public void Dispose() => Interlocked.Exchange(ref _owner, null)?.Unsubscribe(_listener);
    }
}
