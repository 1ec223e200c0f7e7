using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Optimistic.Query.Keys;

namespace Optimistic.Query.Cache;

/// <summary>
/// One cache entry. State lives in an immutable <see cref="EntryState"/> swapped on each change; every transition
/// happens under <c>lock (entry)</c>, and no user code (fetchers, updaters, observers) ever runs under that lock.
/// </summary>
/// <remarks>
/// The entry is also its own node in the store's indexes: a link of its <see cref="EntryTable"/> chain and, while no
/// other key passes through its key, its own leaf in the <see cref="PrefixIndex"/>.
/// </remarks>
internal sealed partial class QueryEntry : PrefixIndex.Node
{
    private static readonly IQueryEntryObserver[] NoObservers = Array.Empty<IQueryEntryObserver>();

    private volatile EntryState _state = EntryState.Empty;
    private volatile IQueryEntryObserver[] _observers = NoObservers;
    private volatile bool _removed;

    public QueryEntry(QueryKey key, TimeSpan gcTime)
    {
        Key = key;
        KeyHash = key.GetHashCode();
        TokenHash = Token?.GetHashCode() ?? 0;
        GcTime = gcTime;
    }

    public QueryKey Key { get; }

    /// <summary>The key's hash, kept here so a table lookup compares it without touching the key.</summary>
    public int KeyHash { get; }

    /// <summary>The next entry in this one's <see cref="EntryTable"/> chain. Guarded by the index lock; read without a lock.</summary>
    internal QueryEntry? NextInTable;

    /// <summary>The key's last part: the edge to this entry when it is a leaf of the <see cref="PrefixIndex"/>.</summary>
    public override KeyNode? Token => Key.Nodes.Length == 0 ? null : Key.Nodes[Key.Nodes.Length - 1];

    /// <summary>The current state; read without a lock.</summary>
    public EntryState State => _state;

    /// <summary>Whether the entry left the cache (gc, RemoveQueries, Clear); a removed entry takes no more writes.</summary>
    public bool Removed => _removed;

    // The fields below are guarded by lock (this).

    /// <summary>The in-flight fetch, or null. Only the run this points at may write its result.</summary>
    public FetchRun? Fetch { get; set; }

    /// <summary>The last known fetcher, used to refetch on invalidation.</summary>
    public QueryFetcher? Fetcher { get; set; }

    /// <summary>Whether the entry provides tags (the <see cref="TagIndex"/> keeps them). Written under the tag index's lock.</summary>
    public bool HasTags { get; set; }

    /// <summary>How long the entry stays cached once idle; <see cref="TimeSpan.MaxValue"/> for never.</summary>
    public TimeSpan GcTime { get; set; }

    /// <summary>
    /// When the entry's gc countdown started (a <see cref="TimeProvider.GetTimestamp"/> value), or
    /// <see cref="GcScheduler.NotCounting"/>. Written under this lock and the scheduler's.
    /// </summary>
    public long GcIdleSince { get; set; } = GcScheduler.NotCounting;

    /// <summary>
    /// Until when (a <see cref="TimeProvider.GetTimestamp"/> value) the gc keeps the entry whatever its gcTime, or
    /// <see cref="GcScheduler.NotRetained"/>: a restored entry is kept until its data is older than the persister's MaxAge.
    /// Guarded by this lock.
    /// </summary>
    public long GcRetainUntil { get; set; } = GcScheduler.NotRetained;

    /// <summary>The gc queue the entry waits in, or null. Guarded by the scheduler's lock.</summary>
    public GcScheduler.Queue? GcQueue { get; set; }

    /// <summary>The entry before this one in its gc queue. Guarded by the scheduler's lock.</summary>
    public QueryEntry? GcPrevious { get; set; }

    /// <summary>The entry after this one in its gc queue. Guarded by the scheduler's lock.</summary>
    public QueryEntry? GcNext { get; set; }

    public bool HasObservers => _observers.Length > 0;

    /// <summary>Whether an observer that fetches on its own watches the entry (TanStack's <c>isActive</c>).</summary>
    public bool HasEnabledObservers
    {
        get
        {
            foreach (var observer in _observers)
            {
                if (observer.IsEnabled) return true;
            }
            return false;
        }
    }

    /// <summary>
    /// The fetcher to refetch with when <paramref name="appEvent"/> happens: the first observer's that asks for it
    /// (<see cref="IQueryEntryObserver.FetcherOn"/>), or null when none does. Runs observer code that takes the
    /// observers' own locks: call it without holding any cache lock.
    /// </summary>
    public QueryFetcher? FetcherOn(AppEvent appEvent, DateTimeOffset now)
    {
        foreach (var observer in _observers)
        {
            if (observer.FetcherOn(appEvent, this, now) is { } fetcher) return fetcher;
        }
        return null;
    }

    /// <summary>Nobody observes the entry, nothing fetches it and no optimistic layer is pending: the gc may collect it.</summary>
    public bool IsIdle => _observers.Length == 0 && Fetch is null && _layers is null;

    public void MarkRemoved() => _removed = true;

    /// <summary>Replaces the state wholesale (hydration, lazy typing of restored values). Caller holds the lock.</summary>
    public void SetStateLocked(EntryState state)
    {
        var before = _state;
        _state = state;
        if (state.DataVersion != before.DataVersion && !ReferenceEquals(state.Data, before.Data)) BumpBaseLocked();
    }

    private long _baseVersion;

    /// <summary>
    /// Bumped by each write of the base (the data under the optimistic layers; the data itself when there are none):
    /// every <see cref="CommitData"/>, a layer folded into the base, hydration. Not by adding, removing or replaying
    /// layers. Updaters and patches compute from the base and commit only if it did not move. Read without a lock.
    /// </summary>
    public long BaseVersion => Volatile.Read(ref _baseVersion);

    /// <summary>
    /// Publishes a base write. Call after the new base is stored (in <see cref="_state"/> or the layer set): a reader that
    /// sees the new version then sees the new base too (<see cref="ReadBase"/> reads the version first).
    /// </summary>
    private void BumpBaseLocked() => Volatile.Write(ref _baseVersion, _baseVersion + 1);

    /// <summary>
    /// The single path every data write of the entry goes through (manual writes, undo, fetch results). Caller holds
    /// the lock. With optimistic layers pending, every write lands in the base under them (Layers/QueryEntry.Layers.cs).
    /// </summary>
    public void CommitData(object? data, DataWriteSource source, DateTimeOffset now)
    {
        if (CommitUnderLayers(data, source, now))
        {
            BumpBaseLocked();
            return;
        }
        var state = _state;
        _state = state with
        {
            Data = data,
            HasData = true,
            Error = null,
            Status = QueryStatus.Success,
            FetchStatus = source == DataWriteSource.Fetch ? FetchStatus.Idle : state.FetchStatus,
            DataUpdatedAt = now,
            IsInvalidated = false,
            DataVersion = state.DataVersion + 1,
            Version = state.Version + 1,
        };
        BumpBaseLocked();
    }

    /// <summary>Enters the fetching state (TanStack: without data, the error clears and the status is pending again).</summary>
    public void BeginFetch()
    {
        var state = _state;
        _state = state.HasData
            ? state with { FetchStatus = FetchStatus.Fetching, Version = state.Version + 1 }
            : state with { FetchStatus = FetchStatus.Fetching, Error = null, Status = QueryStatus.Pending, Version = state.Version + 1 };
    }

    /// <summary>Records a failed fetch: data is kept; the status is Error only when there is no data.</summary>
    public void FailFetch(Exception error, DateTimeOffset now)
    {
        var state = _state;
        _state = state with
        {
            Error = error,
            ErrorUpdatedAt = now,
            FetchStatus = FetchStatus.Idle,
            Status = state.HasData ? QueryStatus.Success : QueryStatus.Error,
            Version = state.Version + 1,
        };
    }

    /// <summary>Undoes <see cref="BeginFetch"/> for a cancelled run: fetch status and error revert, data stays.</summary>
    public void RevertFetch(FetchRun run)
    {
        var state = _state;
        _state = state.DataVersion == run.DataVersionAtStart
            ? state with { FetchStatus = FetchStatus.Idle, Error = run.ErrorBefore, Status = run.StatusBefore, Version = state.Version + 1 }
            : state with { FetchStatus = FetchStatus.Idle, Version = state.Version + 1 };
    }

    /// <summary>Marks the entry invalidated; false when it already was.</summary>
    public bool Invalidate()
    {
        var state = _state;
        if (state.IsInvalidated) return false;
        _state = state with { IsInvalidated = true, Version = state.Version + 1 };
        return true;
    }

    public void AddObserver(IQueryEntryObserver observer)
    {
        var current = _observers;
        var next = new IQueryEntryObserver[current.Length + 1];
        current.CopyTo(next, 0);
        next[current.Length] = observer;
        _observers = next;
    }

    public bool RemoveObserver(IQueryEntryObserver observer)
    {
        var current = _observers;
        int index = Array.IndexOf(current, observer);
        if (index < 0) return false;
        if (current.Length == 1)
        {
            _observers = NoObservers;
            return true;
        }
        var next = new IQueryEntryObserver[current.Length - 1];
        Array.Copy(current, 0, next, 0, index);
        Array.Copy(current, index + 1, next, index, current.Length - index - 1);
        _observers = next;
        return true;
    }

    /// <summary>
    /// Tells every observer about the current state, and <paramref name="changes"/> (the store's change hook, for
    /// persistence; passed in rather than kept per entry). Call outside the lock. Returns null when every observer's
    /// listeners have seen the state, or a task that completes when they have (an observer that another thread was
    /// delivering to takes the state over): a fetch releases its awaiters only then.
    /// </summary>
    public Task? NotifyObservers(CacheChangeSignal changes)
    {
        if (_layers is { NeedsReplay: true }) ReplayLayers(); // a base write under layers: replay them (user code) first
        changes.Raise(this);
        var observers = _observers;
        if (observers.Length == 0) return null;
        var state = _state;
        Task? first = null;
        List<Task>? all = null;
        foreach (var observer in observers)
        {
            if (observer.OnEntryChanged(this, state) is not { } seen) continue;
            if (first is null) first = seen;
            else (all ??= new List<Task> { first }).Add(seen);
        }
        return all is null ? first : Task.WhenAll(all);
    }
}
