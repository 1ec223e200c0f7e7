using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Optimistic.Query.Annotations;
using Optimistic.Query.Cache;

namespace Optimistic.Query;

/// <summary>
/// A thread-safe query cache: reads, writes and patches by exact key; cancels and invalidates by key prefix
/// or by tag; fetches with de-duplication, staleness, retry and garbage collection; runs mutations.
/// </summary>
/// <remarks>
/// Exact lookups go through a lock-free hash table; prefix lookups through a trie over the keys' parts and tag lookups
/// through a reverse index, so both cost in proportion to the matches. Each entry changes state under its own lock;
/// no lock is held while user code runs (fetchers, updaters, recipes, listeners).
/// </remarks>
public sealed partial class QueryClient : IDisposable
{
    private readonly QueryStore _store;
    private readonly TimeProvider _time;
    private readonly TimeSpan _defaultStaleTime;
    private readonly TimeSpan _defaultGcTime;
    private volatile bool _disposed;

    /// <summary>Creates a client.</summary>
    /// <param name="options">Defaults for every query; null for the built-in defaults.</param>
    /// <exception cref="ArgumentException">A setting of <paramref name="options"/> is missing or out of range; the message names it.</exception>
    public QueryClient(QueryClientOptions? options = null)
    {
        Options = options ?? new QueryClientOptions();
        Guard.Options(Options);
        _time = Options.TimeProvider;
        _defaultStaleTime = Guard.Normalize(Options.StaleTime);
        _defaultGcTime = Guard.Normalize(Options.GcTime);
        _store = new QueryStore(_time);
    }

    /// <summary>The client's defaults.</summary>
    public QueryClientOptions Options { get; }

    /// <summary>How many entries the cache holds.</summary>
    public int Count => _store.Count;

    /// <summary>Reads the data of the entry at exactly <paramref name="key"/>. Never creates an entry.</summary>
    /// <typeparam name="T">The data's type.</typeparam>
    /// <param name="key">The exact key.</param>
    /// <returns>The data, or default on a miss.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="InvalidCastException">The entry holds a value of another type; the message names the key and both types.</exception>
    [QueryRead]
    public T? GetQueryData<T>([QueryKeyArgument] QueryKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _store.TryGet(key, out var entry) ? TypedData.Cast<T>(Materialize<T>(entry, _store.Changes).Data, key) : default;
    }

    /// <summary>Writes <paramref name="value"/> at exactly <paramref name="key"/>, creating the entry if needed, and notifies observers.</summary>
    /// <typeparam name="T">The data's type.</typeparam>
    /// <param name="key">The exact key.</param>
    /// <param name="value">The new data; null changes nothing.</param>
    /// <returns>The data the entry holds after the call.</returns>
    /// <remarks>
    /// A write sets the status to <see cref="QueryStatus.Success"/>, clears the error and the invalidation, and stamps
    /// <see cref="QueryState{T}.DataUpdatedAt"/>. An entry created here is unobserved, so it is collected after gcTime.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="InvalidCastException"><paramref name="value"/> is null and the entry holds a value of another type.</exception>
    [QueryWrite]
    public T? SetQueryData<T>([QueryKeyArgument] QueryKey key, T? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (value is null) return GetQueryData<T>(key);
        object data = value;
        var now = _time.GetUtcNow();
        while (true)
        {
            var entry = _store.AddWithData(key, _defaultGcTime, data, now, out bool created); // a new entry: written, gc running
            if (!created)
            {
                lock (entry)
                {
                    if (entry.Removed) continue; // collected between lookup and lock: write to its successor
                    entry.CommitData(data, DataWriteSource.Manual, now);
                }
            }
            entry.NotifyObservers(_store.Changes);
            return value;
        }
    }

    /// <summary>Writes the result of <paramref name="updater"/> applied to the current data (default on a miss).</summary>
    /// <typeparam name="T">The data's type.</typeparam>
    /// <param name="key">The exact key.</param>
    /// <param name="updater">
    /// Computes the new data from the current data; returning null changes nothing. With optimistic layers pending it
    /// receives the base (the value this write replaces, without the layers), not the visible value.
    /// </param>
    /// <returns>
    /// The data written (with layers pending, the new base: readers see it with the layers replayed over it), or, when
    /// <paramref name="updater"/> returns null, the value it received.
    /// </returns>
    /// <remarks>
    /// <para>Like every manual write, the result lands in the base, under pending optimistic layers
    /// (<see cref="AddOptimisticLayer{T}"/>), which are then replayed over it: the visible value is the new base with the
    /// layers applied, and rolling a layer back leaves the new base without it. Computing from the visible value would
    /// bake the layers into the base and apply them twice.</para>
    /// Atomic per entry: the result is written only if no other write reached the entry while
    /// <paramref name="updater"/> ran; otherwise <paramref name="updater"/> runs again on the newer data (as with
    /// <c>ConcurrentDictionary.AddOrUpdate</c>), so concurrent updaters never lose each other's writes. Keep it free of
    /// side effects: under contention it may run more than once. No lock is held while it runs. Adding or settling a
    /// layer meanwhile does not make it run again (it does not change the base), unless a layer was folded into the
    /// base (committed).
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="updater"/> is null.</exception>
    /// <exception cref="InvalidCastException">The entry holds a value of another type.</exception>
    [QueryWrite]
    public T? SetQueryData<T>([QueryKeyArgument] QueryKey key, Func<T?, T?> updater)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(updater);
        while (true)
        {
            _store.TryGet(key, out var observed);
            long expectedVersion = 0; // a new entry's base has never been written
            object? baseData = observed?.ReadBase(Materialize<T>, _store.Changes, out expectedVersion, out _);
            T? current = TypedData.Cast<T>(baseData, key);
            T? next = updater(current);
            if (next is null) return current;

            bool created = false;
            var entry = observed ?? _store.GetOrAdd(key, _defaultGcTime, out created);
            var now = _time.GetUtcNow();
            bool committed;
            lock (entry)
            {
                if (created) _store.ScheduleGcLocked(entry); // a new entry is unobserved, whether or not this write lands
                committed = !entry.Removed && entry.BaseVersion == expectedVersion;
                if (committed) entry.CommitData(next, DataWriteSource.Manual, now);
            }
            if (!committed) continue;
            entry.NotifyObservers(_store.Changes);
            return next;
        }
    }

    /// <summary>
    /// Patches an existing entry (RTK Query's <c>updateQueryData</c>): on a miss the recipe is not called and
    /// <see cref="PatchResult{T}.Applied"/> is false.
    /// </summary>
    /// <typeparam name="T">The data's type.</typeparam>
    /// <param name="key">The exact key.</param>
    /// <param name="recipe">
    /// Computes the patched data from the current data. With optimistic layers pending it receives the base (the value
    /// the patch replaces, without the layers), not the visible value.
    /// </param>
    /// <returns>Whether the patch applied, and its undo.</returns>
    /// <remarks>
    /// An entry without data counts as a miss (with layers pending: a base without data); a recipe returning null applies
    /// nothing. The recipe should return a new value rather than mutate its argument: <see cref="PatchResult{T}.Undo"/>
    /// restores the very object it received. Atomic per entry like <see cref="SetQueryData{T}(QueryKey, Func{T, T})"/>
    /// (the recipe may run again under contention). The patch is a base write: pending layers are replayed over it.
    /// Undo restores the replaced base value (layers still pending are replayed over it) only while the base still holds
    /// the patch's write: no later base write of any kind reached it (a manual write, a fetch result, another patch or
    /// undo, a layer folded into the base by a commit, hydration). Adding or rolling back layers does not count.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="recipe"/> is null.</exception>
    /// <exception cref="InvalidCastException">The entry holds a value of another type.</exception>
    [QueryPatch]
    public PatchResult<T> UpdateQueryData<T>([QueryKeyArgument] QueryKey key, Func<T, T> recipe)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(recipe);
        while (true)
        {
            if (!_store.TryGet(key, out var entry)) return NotApplied<T>.Instance;
            object? replaced = entry.ReadBase(Materialize<T>, _store.Changes, out long baseVersion, out bool hasBase);
            if (!hasBase || replaced is null) return NotApplied<T>.Instance;
            T next = recipe(TypedData.Cast<T>(replaced, key)!);
            if (next is null) return NotApplied<T>.Instance;

            var now = _time.GetUtcNow();
            long patchedVersion = 0;
            bool committed;
            lock (entry)
            {
                committed = !entry.Removed && entry.BaseVersion == baseVersion;
                if (committed)
                {
                    entry.CommitData(next, DataWriteSource.Manual, now);
                    patchedVersion = entry.BaseVersion;
                }
            }
            if (!committed) continue;
            entry.NotifyObservers(_store.Changes);
            return new PatchResult<T>(true, () => UndoPatch(entry, patchedVersion, replaced));
        }
    }

    /// <summary>
    /// Cancels the in-flight fetches of the entries matching <paramref name="key"/>. A cancelled fetch's result is never
    /// written, even if its fetcher ignores the token; fetch status and error revert; data is untouched. When the
    /// returned task completes, no cancelled fetch touches the cache any more.
    /// </summary>
    /// <param name="key">The key, or a prefix of the keys, to cancel.</param>
    /// <param name="exact">Match <paramref name="key"/> exactly instead of as a prefix.</param>
    /// <param name="cancellationToken">Stops waiting; the fetches are cancelled regardless.</param>
    /// <returns>A task that completes when the cancelled fetches can no longer write.</returns>
    /// <remarks>
    /// The fetches are detached from their entries synchronously, so the returned task is already complete. Callers
    /// waiting on a cancelled fetch (<see cref="FetchQueryAsync{T}"/>) get an <see cref="OperationCanceledException"/>
    /// (TanStack's <c>CancelledError</c>); the fetcher's token is cancelled.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    [QueryCancel]
    public Task CancelQueriesAsync([QueryKeyArgument] QueryKey key, bool exact = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        foreach (var entry in _store.Match(key, exact)) CancelFetch(entry);
        return Task.CompletedTask;
    }

    /// <summary>Marks the entries matching <paramref name="key"/> invalidated and refetches them per <paramref name="refetch"/>.</summary>
    /// <param name="key">The key, or a prefix of the keys, to invalidate.</param>
    /// <param name="exact">Match <paramref name="key"/> exactly instead of as a prefix.</param>
    /// <param name="refetch">Which of the matches to refetch now.</param>
    /// <param name="cancellationToken">Stops waiting for the refetches.</param>
    /// <returns>A task that completes when the refetches have finished.</returns>
    /// <remarks>
    /// Only entries with a known fetcher are refetched. A fetch already in flight for an entry with data is cancelled and
    /// replaced (its data may predate the change that caused the invalidation); its waiters get the new result. Refetch
    /// errors do not fault the returned task: they land in the entries' state and are logged through
    /// <see cref="QueryClientOptions.Logger"/>.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="refetch"/> is not a defined <see cref="RefetchType"/>.</exception>
    [QueryInvalidate]
    public Task InvalidateQueriesAsync([QueryKeyArgument] QueryKey key, bool exact = false,
        RefetchType refetch = RefetchType.Active, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!Enum.IsDefined(refetch))
            throw new ArgumentOutOfRangeException(nameof(refetch), refetch, "Not a defined RefetchType.");
        return InvalidateAndRefetch(_store.Match(key, exact), refetch, cancellationToken);
    }

    /// <summary>Invalidates the entries that provide any of <paramref name="tags"/> and refetches the observed ones.</summary>
    /// <param name="tags">The tags; a tag without an id matches every tag of its type.</param>
    /// <returns>A task that completes when the refetches have finished.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tags"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="tags"/> contains <c>default(QueryTag)</c>.</exception>
    [QueryInvalidate]
    public Task InvalidateTagsAsync(params QueryTag[] tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        foreach (var tag in tags)
        {
            if (tag.Type is null) throw new ArgumentException("The tags contain default(QueryTag); create tags with a type.", nameof(tags));
        }
        var matches = new List<QueryEntry>();
        _store.Tags.CollectMatches(tags, matches);
        return InvalidateAndRefetch(matches, RefetchType.Active, CancellationToken.None);
    }

    /// <summary>
    /// Fetches <paramref name="key"/> with <paramref name="fetcher"/> and writes the result, joining a fetch already in
    /// flight for the same key. Returns cached data without fetching while it is fresh (per <see cref="FetchOptions.StaleTime"/>).
    /// </summary>
    /// <typeparam name="T">The data's type.</typeparam>
    /// <param name="key">The exact key.</param>
    /// <param name="fetcher">Loads the data; receives a token cancelled by <see cref="CancelQueriesAsync"/>.</param>
    /// <param name="options">Per-query settings, or null for the client's defaults.</param>
    /// <param name="cancellationToken">Stops this caller's wait; the shared fetch goes on for other callers.</param>
    /// <returns>
    /// The server's answer: the fetched data, or the fresh cached base. With optimistic layers pending
    /// (<see cref="AddOptimisticLayer{T}"/>) the cached path returns the base under them, as the network path does, not
    /// the visible value <see cref="GetQueryData{T}"/> returns.
    /// </returns>
    /// <remarks>
    /// Invalidated data is stale. Imperative fetches retry only when <see cref="FetchOptions.Retry"/> says so. On failure
    /// the entry keeps its data and records the error (status <see cref="QueryStatus.Error"/> only without data) and the
    /// task faults with the fetcher's exception. Only a cancel of ours cancels the task (with an
    /// <see cref="OperationCanceledException"/>): <see cref="CancelQueriesAsync"/>, a removal, or
    /// <paramref name="cancellationToken"/> for this caller's wait. An <see cref="OperationCanceledException"/> the
    /// fetcher throws on its own (an <c>HttpClient</c> timeout) is a failure like any other: retried, recorded as the
    /// entry's error, logged when a refetch fails, and the task faults with it. The fetcher and options become the
    /// entry's, used to refetch on invalidation.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="fetcher"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting of <paramref name="options"/> is negative.</exception>
    /// <exception cref="ObjectDisposedException">The client is disposed.</exception>
    public Task<T> FetchQueryAsync<T>(QueryKey key, Func<CancellationToken, Task<T>> fetcher, FetchOptions? options = null,
        CancellationToken cancellationToken = default) =>
        FetchCore(key, fetcher, options, returnAnyCachedData: false, cancellationToken);

    /// <summary>Returns the cached data when there is any (stale or not); otherwise fetches as <see cref="FetchQueryAsync{T}"/>.</summary>
    /// <typeparam name="T">The data's type.</typeparam>
    /// <param name="key">The exact key.</param>
    /// <param name="fetcher">Loads the data on a miss.</param>
    /// <param name="options">Per-query settings, or null for the client's defaults.</param>
    /// <param name="cancellationToken">Stops this caller's wait.</param>
    /// <returns>
    /// The cached base or the fetched data: server truth either way. With optimistic layers pending
    /// (<see cref="AddOptimisticLayer{T}"/>) the cached path returns the base under them, not the visible value
    /// <see cref="GetQueryData{T}"/> returns; a base without data (layers pending over a miss) is fetched.
    /// </returns>
    /// <remarks>Failures and cancellation as in <see cref="FetchQueryAsync{T}"/>.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="fetcher"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting of <paramref name="options"/> is negative.</exception>
    /// <exception cref="ObjectDisposedException">The client is disposed.</exception>
    public Task<T> EnsureQueryDataAsync<T>(QueryKey key, Func<CancellationToken, Task<T>> fetcher, FetchOptions? options = null,
        CancellationToken cancellationToken = default) =>
        FetchCore(key, fetcher, options, returnAnyCachedData: true, cancellationToken);

    /// <summary>
    /// Observes the entry at <paramref name="key"/>: the entry stays active (never collected, refetched on invalidation)
    /// until the observer is disposed, and is fetched now when it has no data or its data is stale or invalidated
    /// (unless <see cref="QueryObserverOptions.Enabled"/> is false).
    /// </summary>
    /// <typeparam name="T">The data's type.</typeparam>
    /// <param name="key">The exact key.</param>
    /// <param name="fetcher">Loads the data; becomes the entry's fetcher for refetches.</param>
    /// <param name="options">Per-query settings; retries default to <see cref="QueryClientOptions.ObserverRetry"/>.</param>
    /// <param name="observerOptions">This observer's own settings (enabled, keep the previous data, refetch on focus and on reconnect); null for the defaults.</param>
    /// <returns>The observer; subscribe to it to hear its current state and every change; dispose it to stop observing.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="fetcher"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting of <paramref name="options"/> is negative, or a refetch mode of <paramref name="observerOptions"/> is not a defined <see cref="RefetchMode"/>.</exception>
    /// <exception cref="ObjectDisposedException">The client is disposed.</exception>
    public QueryObserver<T> Observe<T>(QueryKey key, Func<CancellationToken, Task<T>> fetcher, FetchOptions? options = null,
        QueryObserverOptions? observerOptions = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        var queryFetcher = ObserverFetcher(fetcher, options);
        Guard.Observer(observerOptions, nameof(observerOptions));
        return new QueryObserver<T>(this, key, queryFetcher, options, observerOptions);
    }

    /// <summary>A snapshot of the state of the entry at exactly <paramref name="key"/>, or null on a miss. Never creates an entry.</summary>
    /// <typeparam name="T">The data's type; <see cref="object"/> reads any entry.</typeparam>
    /// <param name="key">The exact key.</param>
    /// <returns>The entry's state, or null when there is no entry.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="InvalidCastException">The entry holds a value of another type.</exception>
    public QueryState<T>? GetQueryState<T>(QueryKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _store.TryGet(key, out var entry) ? entry.State.ToQueryState<T>(key) : null;
    }

    /// <summary>
    /// Removes the entries matching <paramref name="key"/> from the cache. Their in-flight fetches are cancelled (waiters
    /// get <see cref="OperationCanceledException"/>); observers keep their last state and re-create the entry on their next refetch.
    /// </summary>
    /// <param name="key">The key, or a prefix of the keys, to remove.</param>
    /// <param name="exact">Match <paramref name="key"/> exactly instead of as a prefix.</param>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public void RemoveQueries(QueryKey key, bool exact = false)
    {
        ArgumentNullException.ThrowIfNull(key);
        foreach (var entry in _store.Match(key, exact)) RemoveEntry(entry);
    }

    /// <summary>Removes every entry, as <see cref="RemoveQueries"/> with an empty prefix.</summary>
    public void Clear()
    {
        foreach (var entry in _store.Snapshot()) RemoveEntry(entry);
    }

    /// <summary>The keys in the cache, all of them or those that start with <paramref name="prefix"/>.</summary>
    /// <param name="prefix">A key prefix (TanStack partial match), or null for every key.</param>
    /// <returns>A snapshot of the keys, in no particular order.</returns>
    public IReadOnlyList<QueryKey> GetQueryKeys(QueryKey? prefix = null)
    {
        var entries = prefix is null ? _store.Snapshot() : _store.Match(prefix, exact: false);
        var keys = new QueryKey[entries.Count];
        for (int i = 0; i < keys.Length; i++) keys[i] = entries[i].Key;
        return keys;
    }

    /// <summary>Stops every timer and cancels every in-flight fetch.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _store.Dispose();
        foreach (var entry in _store.Snapshot()) CancelFetch(entry);
    }

    // ---- Observer plumbing (used by QueryObserver<T>) ----

    /// <summary>Checks an observer's fetcher and options and wraps the fetcher with the observer retry defaults.</summary>
    internal QueryFetcher<T> ObserverFetcher<T>(Func<CancellationToken, Task<T>> fetcher, FetchOptions? options)
    {
        ArgumentNullException.ThrowIfNull(fetcher);
        Guard.Fetch(options, nameof(options));
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new QueryFetcher<T>(fetcher, options?.Retry ?? Options.ObserverRetry, options?.RetryDelay ?? Options.RetryDelay);
    }

    /// <summary>Makes an observer's new fetcher and options the entry's (its settings changed, its key did not).</summary>
    internal void RegisterObserverFetcher(QueryEntry entry, QueryFetcher fetcher, FetchOptions? options)
    {
        lock (entry)
        {
            if (!entry.Removed) RegisterLocked(entry, fetcher, options);
        }
    }

    /// <summary>Registers <paramref name="observer"/> on the entry at <paramref name="key"/> (created if needed) and stops its gc.</summary>
    internal QueryEntry AttachObserver(IQueryEntryObserver observer, QueryKey key, QueryFetcher fetcher, FetchOptions? options)
    {
        while (true)
        {
            var entry = _store.GetOrAdd(key, GcTimeOf(options), out _); // observed at once: no gc countdown to start
            lock (entry)
            {
                if (entry.Removed) continue;
                RegisterLocked(entry, fetcher, options);
                if (!entry.HasObservers) _store.Observed.AddLocked(entry);
                entry.AddObserver(observer);
                _store.CancelGcLocked(entry);
            }
            return entry;
        }
    }

    /// <summary>Unregisters <paramref name="observer"/>; the entry's gc countdown starts when it becomes idle.</summary>
    internal void DetachObserver(IQueryEntryObserver observer, QueryEntry entry)
    {
        lock (entry)
        {
            if (!entry.RemoveObserver(observer)) return;
            if (!entry.HasObservers && !entry.Removed) _store.Observed.RemoveLocked(entry); // a removed entry already left
            _store.ScheduleGcLocked(entry);
        }
    }

    /// <summary>Starts (or joins) a fetch when the entry has no data, or stale or invalidated data.</summary>
    internal void FetchIfStale(QueryEntry entry, QueryFetcher fetcher, FetchOptions? options)
    {
        if (IsStale(entry.State, options, _time.GetUtcNow())) _ = StartOrJoinFetch(entry, fetcher, cancelRefetch: false);
    }

    /// <summary>Whether <paramref name="state"/> has no data, or invalidated data, or data older than the stale time of <paramref name="options"/>.</summary>
    internal bool IsStale(EntryState state, FetchOptions? options, DateTimeOffset now) => state.IsStale(StaleTimeOf(options), now);

    /// <summary>
    /// Joins the entry's in-flight fetch or starts one. With <paramref name="cancelRefetch"/> and data present, an
    /// in-flight fetch is replaced instead (its waiters get the new result). Null when the entry left the cache.
    /// </summary>
    internal Task<object?>? StartOrJoinFetch(QueryEntry entry, QueryFetcher fetcher, bool cancelRefetch)
    {
        FetchRun run;
        FetchRun? superseded = null;
        lock (entry)
        {
            if (entry.Removed || _disposed) return null;
            if (entry.Fetch is { } current)
            {
                if (!cancelRefetch || !entry.State.HasData) return current.Task;
                superseded = current;
                run = new FetchRun(entry, fetcher, current.ErrorBefore, current.StatusBefore, current.DataVersionAtStart);
                entry.Fetch = run;
            }
            else
            {
                var state = entry.State;
                run = new FetchRun(entry, fetcher, state.Error, state.Status, state.DataVersion);
                entry.Fetch = run;
                entry.BeginFetch();
            }
        }
        if (superseded is null)
        {
            entry.NotifyObservers(_store.Changes);
        }
        else
        {
            superseded.ForwardTo(run);
            CancelToken(superseded);
        }
        _ = RunFetchAsync(run);
        return run.Task;
    }

    // ---- Internals ----

    private TimeSpan StaleTimeOf(FetchOptions? options) =>
        options?.StaleTime is { } staleTime ? Guard.Normalize(staleTime) : _defaultStaleTime;

    private TimeSpan GcTimeOf(FetchOptions? options) =>
        options?.GcTime is { } gcTime ? Guard.Normalize(gcTime) : _defaultGcTime;

    private Task<T> FetchCore<T>(QueryKey key, Func<CancellationToken, Task<T>> fetcher, FetchOptions? options,
        bool returnAnyCachedData, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(fetcher);
        Guard.Fetch(options, nameof(options));
        ObjectDisposedException.ThrowIf(_disposed, this);

        var queryFetcher = new QueryFetcher<T>(fetcher, options?.Retry ?? 0, options?.RetryDelay ?? Options.RetryDelay);
        var staleTime = StaleTimeOf(options);
        while (true)
        {
            var entry = _store.GetOrCreate(key, GcTimeOf(options));
            lock (entry)
            {
                if (entry.Removed) continue;
                RegisterLocked(entry, queryFetcher, options);
            }
            // Server truth, as the network path returns: the base, without pending optimistic layers (typing a restored value).
            object? baseData = entry.ReadBase(Materialize<T>, _store.Changes, out _, out bool hasBase);
            bool useCache = hasBase && (returnAnyCachedData || !entry.State.IsStale(staleTime, _time.GetUtcNow()));
            if (useCache) return Task.FromResult(TypedData.Cast<T>(baseData, key)!);

            var fetch = StartOrJoinFetch(entry, queryFetcher, cancelRefetch: false);
            if (fetch is null)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                continue; // removed meanwhile: fetch into its successor
            }
            return AwaitTyped<T>(fetch, key, cancellationToken);
        }
    }

    /// <summary>
    /// The shared fetch, typed, with this caller's token. Not an async method: one turns any
    /// <see cref="OperationCanceledException"/> into a cancelled task, and a fetcher's own (an HttpClient timeout) is a
    /// failure that must fault the caller's task with that very exception. Only our cancel cancels it.
    /// </summary>
    private static Task<T> AwaitTyped<T>(Task<object?> fetch, QueryKey key, CancellationToken cancellationToken)
    {
        var waited = cancellationToken.CanBeCanceled ? fetch.WaitAsync(cancellationToken) : fetch;
        var typed = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        waited.ContinueWith(static (task, state) =>
        {
            var (completion, key) = ((TaskCompletionSource<T>, QueryKey))state!;
            if (task.IsCanceled)
            {
                try
                {
                    task.GetAwaiter().GetResult();
                }
                catch (OperationCanceledException canceled)
                {
                    completion.TrySetCanceled(canceled.CancellationToken);
                }
            }
            else if (task.Exception is { } error)
            {
                completion.TrySetException(error.InnerExceptions);
            }
            else
            {
                try
                {
                    completion.TrySetResult(TypedData.Cast<T>(task.Result, key)!);
                }
                catch (InvalidCastException mismatch)
                {
                    completion.TrySetException(mismatch);
                }
            }
        }, (typed, key), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return typed.Task;
    }

    /// <summary>Makes <paramref name="fetcher"/> and <paramref name="options"/> the entry's. Caller holds the entry's lock.</summary>
    private void RegisterLocked(QueryEntry entry, QueryFetcher fetcher, FetchOptions? options)
    {
        entry.Fetcher = fetcher;
        if (options is null) return;
        if (options.GcTime is { } gcTime)
        {
            // As TanStack: the longest gcTime any user asked for wins.
            var normalized = Guard.Normalize(gcTime);
            if (normalized > entry.GcTime) entry.GcTime = normalized;
        }
        if (options.Tags is { } tags && !SameTags(_store.Tags.TagsOf(entry), tags))
        {
            var copy = new QueryTag[tags.Count];
            for (int i = 0; i < copy.Length; i++) copy[i] = tags[i];
            _store.Tags.SetTags(entry, copy);
        }
    }

    private static bool SameTags(QueryTag[] current, IReadOnlyList<QueryTag> next)
    {
        if (current.Length != next.Count) return false;
        for (int i = 0; i < current.Length; i++)
        {
            if (current[i] != next[i]) return false;
        }
        return true;
    }

    /// <summary>Runs the fetcher with retries; writes the outcome only while the run is still the entry's fetch.</summary>
    private async Task RunFetchAsync(FetchRun run)
    {
        var token = run.Cancellation.Token;
        var fetcher = run.Fetcher;
        int attempt = 0;
        while (true)
        {
            object? data;
            try
            {
                data = await fetcher.InvokeAsync(token).ConfigureAwait(false);
            }
            catch (Exception error)
            {
                if (token.IsCancellationRequested) return; // whoever cancelled the run has settled it
                if (attempt >= fetcher.Retry)
                {
                    FailFetch(run, error);
                    return;
                }
                attempt++;
                try
                {
                    var delay = fetcher.RetryDelay(attempt, error);
                    if (delay > TimeSpan.Zero) await Task.Delay(delay, _time, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception delayError)
                {
                    FailFetch(run, delayError); // a throwing RetryDelay or a delay no timer can take
                    return;
                }
                if (token.IsCancellationRequested) return;
                continue;
            }
            CompleteFetch(run, data);
            return;
        }
    }

    private void CompleteFetch(FetchRun run, object? data)
    {
        var entry = run.Entry;
        var now = _time.GetUtcNow();
        lock (entry)
        {
            if (!ReferenceEquals(entry.Fetch, run)) return; // cancelled, replaced or removed: never write
            entry.Fetch = null;
            entry.CommitData(data, DataWriteSource.Fetch, now);
            _store.ScheduleGcLocked(entry);
        }
        // Listeners first: when a caller's await of this fetch returns, every listener has seen the new state, also when
        // another thread was delivering to an observer and took the state over (then the awaiters wait for it).
        Task? seen = null;
        try
        {
            seen = entry.NotifyObservers(_store.Changes);
        }
        finally
        {
            if (seen is null) run.Completion.TrySetResult(data);
            else AfterDelivery(seen, () => run.Completion.TrySetResult(data));
        }
    }

    private void FailFetch(FetchRun run, Exception error)
    {
        var entry = run.Entry;
        var now = _time.GetUtcNow();
        lock (entry)
        {
            if (!ReferenceEquals(entry.Fetch, run)) return;
            entry.Fetch = null;
            entry.FailFetch(error, now);
            _store.ScheduleGcLocked(entry);
        }
        Task? seen = null;
        try
        {
            seen = entry.NotifyObservers(_store.Changes); // listeners first, as in CompleteFetch
        }
        finally
        {
            if (seen is null) run.Fail(error);
            else AfterDelivery(seen, () => run.Fail(error));
        }
    }

    /// <summary>Runs <paramref name="release"/> (completes a fetch's awaiters) once a delivery another thread took over is done.</summary>
    private static void AfterDelivery(Task seen, Action release) =>
        seen.ContinueWith(static (_, state) => ((Action)state!)(), release, CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>Detaches the entry's in-flight fetch, reverts its fetch status and error, and fails its waiters with a cancellation.</summary>
    private void CancelFetch(QueryEntry entry)
    {
        FetchRun? run;
        lock (entry)
        {
            run = entry.Fetch;
            if (run is null) return;
            entry.Fetch = null;
            entry.RevertFetch(run);
            _store.ScheduleGcLocked(entry);
        }
        CancelToken(run);
        try
        {
            entry.NotifyObservers(_store.Changes);
        }
        finally
        {
            run.Completion.TrySetCanceled(run.Cancellation.Token);
        }
    }

    private void RemoveEntry(QueryEntry entry)
    {
        FetchRun? run;
        lock (entry)
        {
            run = entry.Fetch;
            entry.Fetch = null;
            _store.RemoveLocked(entry);
        }
        if (run is null) return;
        CancelToken(run);
        run.Completion.TrySetCanceled(run.Cancellation.Token);
    }

    /// <summary>Cancels a detached run's token; callbacks the fetcher registered may throw, which must not escape.</summary>
    private void CancelToken(FetchRun run)
    {
        try
        {
            run.Cancellation.Cancel();
        }
        catch (AggregateException error)
        {
            CacheLog.CancelCallbackThrew(Options.Logger, run.Entry.Key, error);
        }
    }

    private void UndoPatch(QueryEntry entry, long patchedVersion, object? replaced)
    {
        var now = _time.GetUtcNow();
        lock (entry)
        {
            if (entry.Removed || entry.BaseVersion != patchedVersion) return; // a later write (or undo) won
            entry.CommitData(replaced, DataWriteSource.Undo, now);
        }
        entry.NotifyObservers(_store.Changes);
    }

    private Task InvalidateAndRefetch(List<QueryEntry> matches, RefetchType refetch, CancellationToken cancellationToken)
    {
        List<(QueryEntry Entry, Task<object?> Fetch)>? refetches = null;
        foreach (var entry in matches)
        {
            bool changed;
            bool active;
            bool disabled;
            QueryFetcher? fetcher;
            lock (entry)
            {
                if (entry.Removed) continue;
                changed = entry.Invalidate();
                active = entry.HasEnabledObservers;
                disabled = !active && entry.HasObservers; // observed only by disabled observers: never refetched (TanStack)
                fetcher = entry.Fetcher;
            }
            if (changed) entry.NotifyObservers(_store.Changes);
            if (disabled) continue;
            bool wanted = refetch switch
            {
                RefetchType.Active => active,
                RefetchType.Inactive => !active,
                RefetchType.All => true,
                _ => false,
            };
            if (!wanted || fetcher is null) continue;
            if (StartOrJoinFetch(entry, fetcher, cancelRefetch: true) is { } fetch) (refetches ??= new()).Add((entry, fetch));
        }
        return refetches is null ? Task.CompletedTask : AwaitRefetches(refetches, cancellationToken);
    }

    private async Task AwaitRefetches(List<(QueryEntry Entry, Task<object?> Fetch)> refetches, CancellationToken cancellationToken)
    {
        foreach (var (entry, fetch) in refetches)
        {
            try
            {
                await fetch.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (fetch.IsCanceled)
            {
                // Cancelled by a later CancelQueriesAsync or removal (only our cancel cancels a fetch): nothing failed.
            }
            catch (Exception error) when (fetch.IsFaulted)
            {
                // Any failure of the fetcher, its own OperationCanceledException (an HttpClient timeout) included.
                CacheLog.RefetchThrew(Options.Logger, entry.Key, error);
            }
        }
    }

    private static class NotApplied<T>
    {
        public static readonly PatchResult<T> Instance = new(false, null);
    }
}
