using System;
using System.Threading;
using System.Threading.Tasks;
using Optimistic.Query.Cache;

namespace Optimistic.Query;

/// <summary>
/// Watches one query (TanStack's <c>QueryObserver</c>), made by <see cref="QueryClient.Observe{T}"/>. While it lives the
/// entry is active: never collected, refetched by invalidation (unless <see cref="QueryObserverOptions.Enabled"/> is
/// false). <see cref="SetOptions"/> switches it to another key. Dispose it to stop observing.
/// </summary>
/// <typeparam name="T">The query's data type.</typeparam>
/// <remarks>
/// Listeners get the current state when they subscribe, then each visible state change, outside every cache lock, one
/// call at a time per observer, in order: a listener never sees an older state after a newer one, nor the same state
/// twice, nor two calls at once. Usually the call runs on the thread that made the change (a fetch completion, a write,
/// an invalidation, a key switch, a <see cref="Subscribe"/>); a change made while another thread is delivering to this
/// observer (or from inside a listener) is handed to that delivery, which calls the listeners with it right after its
/// current call, so changes in quick succession may be coalesced into one call with the newest state. A fetch's
/// awaiters are released only once the listeners have seen its result, also when it was handed to another thread's
/// delivery: so a listener must not block on a fetch of its key (awaiting it is fine). A listener may write to the
/// cache, this key included. A listener that throws goes to <see cref="QueryClientOptions.OnListenerError"/> and
/// <see cref="QueryClientOptions.Logger"/>, and does not affect other listeners or the cache.
/// </remarks>
public sealed class QueryObserver<T> : IDisposable, IQueryEntryObserver
{
    private readonly QueryClient _client;
    private readonly object _gate = new();

    // Written under _gate; the volatile ones are also read without it.
    private QueryFetcher<T> _fetcher;
    private FetchOptions? _options;
    private bool _keepPreviousData;
    private RefetchMode _refetchOnFocus;
    private RefetchMode _refetchOnReconnect;
    private volatile bool _enabled;
    private volatile QueryEntry? _entry;
    private volatile QueryKey _key;
    private volatile Placeholder? _placeholder; // the previous key's data, shown while the entry it was made for has none
    private volatile CachedState? _cached;
    private Subscription[] _subscriptions = Array.Empty<Subscription>();

    // Delivery (under _gate): the last state taken for delivery, numbered; the next one; who waits for them.
    private EntryState? _delivered;
    private QueryEntry? _deliveredEntry;
    private Placeholder? _deliveredPlaceholder;
    private long _deliveredNumber;
    private EntryState? _pending;
    private QueryEntry? _pendingEntry;
    private bool _behind; // a subscription wants the current state (it subscribed after the last delivery started)
    private TaskCompletionSource? _pendingSeen; // completes once the listeners have returned from the pending state
    private TaskCompletionSource? _currentSeen; // the same for the state being delivered now
    private int _deliveringThread; // the managed thread id of the deliverer, or 0
    private bool _delivering;
    private bool _disposed;

    internal QueryObserver(QueryClient client, QueryKey key, QueryFetcher<T> fetcher, FetchOptions? options, QueryObserverOptions? observerOptions)
    {
        _client = client;
        _fetcher = fetcher;
        _options = options;
        _enabled = observerOptions?.Enabled ?? true;
        _keepPreviousData = observerOptions?.KeepPreviousData ?? false;
        (_refetchOnFocus, _refetchOnReconnect) = RefetchModes(client, observerOptions);
        _key = key;
        var entry = client.AttachObserver(this, key, fetcher, options);
        _entry = entry;
        if (_enabled) client.FetchIfStale(entry, fetcher, options);
    }

    /// <summary>The observed key; it follows <see cref="SetOptions"/>.</summary>
    public QueryKey Key => _key;

    /// <summary>The query's current state (with <see cref="QueryObserverOptions.KeepPreviousData"/>, possibly the previous key's data as a placeholder).</summary>
    /// <exception cref="InvalidCastException">The entry holds a value of another type than <typeparamref name="T"/>.</exception>
    public QueryState<T> State
    {
        get
        {
            var entry = _entry!;
            var placeholder = _placeholder;
            var source = entry.State;
            var cached = _cached;
            if (cached is not null && ReferenceEquals(cached.Source, source) && ReferenceEquals(cached.Entry, entry)
                && ReferenceEquals(cached.Placeholder, placeholder))
            {
                return cached.State;
            }
            var state = ViewOf(entry, source, placeholder);
            _cached = new CachedState(source, entry, placeholder, state);
            return state;
        }
    }

    bool IQueryEntryObserver.IsEnabled => _enabled;

    QueryFetcher? IQueryEntryObserver.FetcherOn(AppEvent appEvent, QueryEntry entry, DateTimeOffset now)
    {
        QueryFetcher<T> fetcher;
        FetchOptions? options;
        RefetchMode mode;
        lock (_gate)
        {
            // Only the entry this observer watches now: a key switch detaches the old one just after this lock.
            if (_disposed || !_enabled || !ReferenceEquals(_entry, entry)) return null;
            mode = appEvent == AppEvent.Focus ? _refetchOnFocus : _refetchOnReconnect;
            fetcher = _fetcher;
            options = _options;
        }
        return mode switch
        {
            RefetchMode.Always => fetcher,
            RefetchMode.IfStale when _client.IsStale(entry.State, options, now) => fetcher,
            _ => null,
        };
    }

    /// <summary>
    /// Calls <paramref name="listener"/> with the current state at once, then with each new state, until the returned
    /// handle is disposed.
    /// </summary>
    /// <param name="listener">
    /// Receives the current state, then each new state, through the observer's one delivery (see the remarks on
    /// <see cref="QueryObserver{T}"/>): never an older state after a newer one, never the same state twice, never two
    /// calls at once. The current state is delivered before <see cref="Subscribe"/> returns, unless another thread is
    /// delivering to this observer (or this is a call from inside a listener): then that delivery hands it over right
    /// after its current call, as the newest state by then.
    /// </param>
    /// <returns>
    /// The subscription; dispose it to stop listening (the listener is not called after that, except for a call another
    /// thread had already started).
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="listener"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The observer is disposed.</exception>
    public IDisposable Subscribe(Action<QueryState<T>> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        var subscription = new Subscription(this, listener);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var next = new Subscription[_subscriptions.Length + 1];
            _subscriptions.CopyTo(next, 0);
            next[^1] = subscription;
            _subscriptions = next;
            _behind = true;
            if (!BecomeDelivererLocked()) return subscription; // the current deliverer hands it the state
        }
        Deliver();
        return subscription;
    }

    /// <summary>
    /// Switches the observer to <paramref name="key"/> with these settings (TanStack's <c>setOptions</c>): it leaves the
    /// old entry (whose gc countdown starts once idle) and observes the new one, fetching it when it has no data or
    /// stale or invalidated data, unless disabled. <see cref="Key"/> and <see cref="State"/> follow at once, and the
    /// listeners get the new key's state; nothing of the old key reaches them any more, not even a fetch of it that
    /// completes later.
    /// </summary>
    /// <param name="key">The key to observe; the same key only updates the settings.</param>
    /// <param name="fetcher">Loads the data; becomes the entry's fetcher for refetches.</param>
    /// <param name="options">Per-query settings, as for <see cref="QueryClient.Observe{T}"/>.</param>
    /// <param name="observerOptions">This observer's settings; null for the defaults (enabled, no previous data kept).</param>
    /// <remarks>
    /// With <see cref="QueryObserverOptions.KeepPreviousData"/>, while the new key has no data the state shows the data
    /// the observer showed before the switch, flagged <see cref="QueryState{T}.IsPlaceholderData"/>. With the same key,
    /// the observer fetches only if it was disabled and now is enabled (and the data is stale).
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="fetcher"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting of <paramref name="options"/> is negative, or a refetch mode of <paramref name="observerOptions"/> is not a defined <see cref="RefetchMode"/>.</exception>
    /// <exception cref="ObjectDisposedException">The observer or its client is disposed.</exception>
    public void SetOptions(QueryKey key, Func<CancellationToken, Task<T>> fetcher, FetchOptions? options = null,
        QueryObserverOptions? observerOptions = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        var queryFetcher = _client.ObserverFetcher(fetcher, options);
        Guard.Observer(observerOptions, nameof(observerOptions));
        bool enabled = observerOptions?.Enabled ?? true;
        QueryEntry entry;
        QueryEntry? left = null;
        bool fetch;
        bool deliver = false;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var previous = _entry!;
            bool switching = previous.Removed || !previous.Key.Equals(key);
            fetch = enabled && (switching || !_enabled);
            _fetcher = queryFetcher;
            _options = options;
            _enabled = enabled;
            _keepPreviousData = observerOptions?.KeepPreviousData ?? false;
            (_refetchOnFocus, _refetchOnReconnect) = RefetchModes(_client, observerOptions);
            if (switching)
            {
                T? shown = default;
                bool keep = _keepPreviousData && TryGetVisibleData(previous, out shown);
                entry = _client.AttachObserver(this, key, queryFetcher, options);
                _placeholder = keep ? new Placeholder(entry, shown) : null;
                _entry = entry;
                _key = key;
                left = previous;
                // The switch is a visible change: the new entry's state replaces whatever of the old one was queued
                // (unless it is what the listeners saw last: a switch back before anything was delivered).
                bool seen = DeliveredLocked(entry, entry.State);
                _pending = seen ? null : entry.State;
                _pendingEntry = seen ? null : entry;
                deliver = !seen && BecomeDelivererLocked();
            }
            else
            {
                entry = previous;
                _client.RegisterObserverFetcher(entry, queryFetcher, options);
            }
        }
        if (left is not null) _client.DetachObserver(this, left);
        if (fetch) _client.FetchIfStale(entry, queryFetcher, options);
        if (deliver) Deliver();
    }

    /// <summary>
    /// Fetches the query now, whether or not its data is stale, and whether or not the observer is enabled; a fetch in
    /// flight is replaced when the query has data (TanStack's <c>cancelRefetch</c>), joined otherwise. Completes when
    /// that fetch settles.
    /// </summary>
    /// <param name="cancellationToken">Stops this caller's wait; the fetch goes on.</param>
    /// <returns>A task that completes when the fetch settles. Fetch errors do not fault it: they are in <see cref="State"/>.</returns>
    /// <exception cref="ObjectDisposedException">The observer is disposed.</exception>
    public Task RefetchAsync(CancellationToken cancellationToken = default)
    {
        QueryEntry entry;
        QueryFetcher<T> fetcher;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            entry = _entry!;
            fetcher = _fetcher;
            if (entry.Removed)
            {
                // The entry was removed (RemoveQueries, Clear): observe its successor.
                entry = _client.AttachObserver(this, _key, fetcher, _options);
                _entry = entry;
            }
        }
        var fetch = _client.StartOrJoinFetch(entry, fetcher, cancelRefetch: true);
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
            foreach (var subscription in _subscriptions) subscription.Active = false;
            _subscriptions = Array.Empty<Subscription>();
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
            // A detached entry (the key switched) is not this observer's any more: its late changes never show.
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
            if (!BecomeDelivererLocked()) return WaitForOtherDelivererLocked(ref _pendingSeen);
        }
        Deliver();
        return null;
    }

    /// <summary>True when the caller must deliver: nobody else is. Caller holds <see cref="_gate"/>.</summary>
    private bool BecomeDelivererLocked()
    {
        if (_delivering) return false;
        _delivering = true;
        _deliveringThread = Environment.CurrentManagedThreadId;
        return true;
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

    /// <summary>
    /// The single-consumer delivery loop: the thread that set <see cref="_delivering"/> drains the newest states. Each
    /// state taken is numbered; each subscription remembers the number it last got, so a subscription that came late
    /// gets the current state once, and nobody gets a state twice.
    /// </summary>
    private void Deliver()
    {
        bool done = false;
        try
        {
            while (true)
            {
                EntryState state;
                QueryEntry entry;
                Placeholder? placeholder;
                long number;
                Subscription[] subscriptions;
                TaskCompletionSource? finished, alsoFinished = null;
                lock (_gate)
                {
                    finished = _currentSeen; // the state before this one was fully delivered (or nothing was)
                    _currentSeen = null;
                    if (_pending is null && _behind && !_disposed) QueueCurrentLocked();
                    if (_pending is not null && !_disposed)
                    {
                        state = _pending;
                        entry = _pendingEntry!;
                        placeholder = _placeholder;
                        number = ++_deliveredNumber;
                        _delivered = state;
                        _deliveredEntry = entry;
                        _deliveredPlaceholder = placeholder;
                        _pending = null;
                        _pendingEntry = null;
                        _currentSeen = _pendingSeen;
                        _pendingSeen = null;
                        _behind = false; // every subscription is behind a new number
                    }
                    else if (_behind && !_disposed)
                    {
                        // A late subscription: the current state is the one delivered last.
                        state = _delivered!;
                        entry = _deliveredEntry!;
                        placeholder = _deliveredPlaceholder;
                        number = _deliveredNumber;
                        _behind = false;
                    }
                    else
                    {
                        _pending = null;
                        _pendingEntry = null;
                        _delivering = false;
                        _deliveringThread = 0;
                        alsoFinished = _pendingSeen; // disposed: nothing more is delivered
                        _pendingSeen = null;
                        done = true;
                        state = null!;
                        entry = null!;
                        placeholder = null;
                        number = 0;
                    }
                    subscriptions = _subscriptions;
                }
                finished?.TrySetResult();
                alsoFinished?.TrySetResult();
                if (done) return;
                Invoke(subscriptions, entry, state, placeholder, number);
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

    /// <summary>
    /// Queues the attached entry's state for a late subscription, unless it is the one delivered last. It may be newer
    /// than the last delivered (a change whose notification has not arrived yet): it is then delivered to everyone, and
    /// its notification, when it comes, is dropped as not newer. Caller holds <see cref="_gate"/>.
    /// </summary>
    private void QueueCurrentLocked()
    {
        var entry = _entry!;
        var current = entry.State;
        if (DeliveredLocked(entry, current)) return;
        _pending = current;
        _pendingEntry = entry;
    }

    /// <summary>
    /// Whether the listeners' view of <paramref name="state"/> of <paramref name="entry"/> is the one taken for delivery
    /// last (same entry, not newer, and the same placeholder where one could show). Caller holds <see cref="_gate"/>.
    /// </summary>
    private bool DeliveredLocked(QueryEntry entry, EntryState state) =>
        _delivered is not null && ReferenceEquals(_deliveredEntry, entry) && state.Version <= _delivered.Version
        && (state.HasData || ReferenceEquals(_deliveredPlaceholder, _placeholder));

    private void Invoke(Subscription[] subscriptions, QueryEntry entry, EntryState state, Placeholder? placeholder, long number)
    {
        bool anyBehind = false;
        foreach (var subscription in subscriptions) anyBehind |= subscription.Active && subscription.Seen < number;
        if (!anyBehind) return; // no listener: no typed state to build

        QueryState<T> typed;
        try
        {
            typed = ViewOf(entry, state, placeholder);
        }
        catch (InvalidCastException error)
        {
            CacheLog.ObserverStateThrew(_client.Options.Logger, entry.Key, error);
            ListenerFailures.Report(_client.Options, error);
            return;
        }
        foreach (var subscription in subscriptions)
        {
            // Only the deliverer reads or writes Seen, and deliverers hand over under _gate.
            if (!subscription.Active || subscription.Seen >= number) continue;
            subscription.Seen = number;
            try
            {
                subscription.Listener(typed);
            }
            catch (Exception error) // a listener's failure is reported, never allowed to break the cache or other listeners
            {
                CacheLog.ListenerThrew(_client.Options.Logger, entry.Key, error);
                ListenerFailures.Report(_client.Options, error);
            }
        }
    }

    /// <summary>This observer's refetch modes on focus and on reconnect: its options', else the client's defaults.</summary>
    private static (RefetchMode OnFocus, RefetchMode OnReconnect) RefetchModes(QueryClient client, QueryObserverOptions? observerOptions) =>
        (observerOptions?.RefetchOnFocus ?? client.Options.RefetchOnFocus,
         observerOptions?.RefetchOnReconnect ?? client.Options.RefetchOnReconnect);

    /// <summary>What the observer shows for <paramref name="state"/>: the entry's state, or the placeholder while it has no data.</summary>
    private static QueryState<T> ViewOf(QueryEntry entry, EntryState state, Placeholder? placeholder)
    {
        var view = state.ToQueryState<T>(entry.Key);
        if (placeholder is not null && ReferenceEquals(placeholder.For, entry) && !state.HasData && state.Status == QueryStatus.Pending)
            view = view with { Data = placeholder.Data, Status = QueryStatus.Success, IsPlaceholderData = true };
        return view;
    }

    /// <summary>The data the observer shows for <paramref name="entry"/>, a placeholder included; false when none or unreadable.</summary>
    private bool TryGetVisibleData(QueryEntry entry, out T? data)
    {
        data = default;
        try
        {
            var state = entry.State;
            var view = ViewOf(entry, state, _placeholder);
            if (!state.HasData && !view.IsPlaceholderData) return false;
            data = view.Data;
            return true;
        }
        catch (InvalidCastException)
        {
            return false; // the old entry holds another type: nothing to keep (State reports it)
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

    private void Unsubscribe(Subscription subscription)
    {
        subscription.Active = false;
        lock (_gate)
        {
            int index = Array.IndexOf(_subscriptions, subscription);
            if (index < 0) return;
            var next = new Subscription[_subscriptions.Length - 1];
            Array.Copy(_subscriptions, 0, next, 0, index);
            Array.Copy(_subscriptions, index + 1, next, index, _subscriptions.Length - index - 1);
            _subscriptions = next;
        }
    }

    /// <summary>The previous key's data, shown while <see cref="For"/> (the entry switched to) has none.</summary>
    private sealed record Placeholder(QueryEntry For, T? Data);

    private sealed record CachedState(EntryState Source, QueryEntry Entry, Placeholder? Placeholder, QueryState<T> State);

    private sealed class Subscription : IDisposable
    {
        private QueryObserver<T>? _owner;

        public Subscription(QueryObserver<T> owner, Action<QueryState<T>> listener)
        {
            _owner = owner;
            Listener = listener;
        }

        public Action<QueryState<T>> Listener { get; }

        /// <summary>The number of the state this listener last received; 0 before the first.</summary>
        public long Seen { get; set; }

        public volatile bool Active = true;

        public void Dispose() => Interlocked.Exchange(ref _owner, null)?.Unsubscribe(this);
    }
}
