using System;
using System.Collections.Generic;

namespace Optimistic.Query.Cache;

/// <summary>
/// The entries of one client: exact lookups through the <see cref="EntryTable"/> (lock-free reads), prefix lookups
/// through the <see cref="PrefixIndex"/>, tag lookups through the <see cref="TagIndex"/>, and garbage collection of
/// idle entries.
/// </summary>
/// <remarks>
/// Lock order: an entry's lock, then the index lock (or the tag index's lock); an entry's lock, then the gc
/// scheduler's; the index lock, then the scheduler's, only in <see cref="AddWithData"/> (for an entry not yet published).
/// The scheduler never waits for the index lock or an entry's lock while it holds its own, so none of these cycle. The table
/// and the prefix index change together under the index lock, so they always agree. A reader may hold an entry that is
/// being removed; every transition checks <see cref="QueryEntry.Removed"/> under the entry's lock.
/// </remarks>
internal sealed class QueryStore
{
    private readonly object _indexGate = new();
    private readonly EntryTable _entries;
    private readonly PrefixIndex _prefixIndex = new();
    private readonly GcScheduler _gc;

    public QueryStore(TimeProvider time)
    {
        _entries = new EntryTable(_indexGate);
        _gc = new GcScheduler(time, RemoveLocked);
    }

    public TagIndex Tags { get; } = new();

    /// <summary>The entries with observers, for the app events that refetch them (focus, reconnect).</summary>
    public ObservedEntries Observed { get; } = new();

    /// <summary>Raised when any entry changes or leaves (the persister listens).</summary>
    public CacheChangeSignal Changes { get; } = new();

    public int Count => _entries.Count;

    public bool TryGet(QueryKey key, out QueryEntry entry) => _entries.TryGet(key, out entry!);

    /// <summary>Returns the entry at <paramref name="key"/>, creating it (unobserved, so scheduled for gc) on a miss.</summary>
    public QueryEntry GetOrCreate(QueryKey key, TimeSpan gcTime)
    {
        var entry = GetOrAdd(key, gcTime, out bool created);
        if (created)
        {
            lock (entry) ScheduleGcLocked(entry);
        }
        return entry;
    }

    /// <summary>
    /// Returns the entry at <paramref name="key"/>, creating it on a miss without starting its gc countdown: a caller
    /// that gets <paramref name="created"/> must call <see cref="ScheduleGcLocked"/> (or attach an observer) under the
    /// entry's lock, which saves a second lock round on the write path.
    /// </summary>
    public QueryEntry GetOrAdd(QueryKey key, TimeSpan gcTime, out bool created) =>
        GetOrAddCore(key, gcTime, withData: false, data: null, now: default, out created);

    /// <summary>
    /// Returns the entry at <paramref name="key"/>, untouched; on a miss creates it holding <paramref name="data"/>
    /// (written at <paramref name="now"/>) with its gc countdown running, and sets <paramref name="created"/>. The new
    /// entry gets its data and its countdown before anyone can see it, so neither takes the entry's lock.
    /// </summary>
    public QueryEntry AddWithData(QueryKey key, TimeSpan gcTime, object data, DateTimeOffset now, out bool created) =>
        GetOrAddCore(key, gcTime, withData: true, data, now, out created);

    private QueryEntry GetOrAddCore(QueryKey key, TimeSpan gcTime, bool withData, object? data, DateTimeOffset now, out bool created)
    {
        created = false;
        if (_entries.TryGet(key, out var entry)) return entry;
        lock (_indexGate)
        {
            var existing = _entries.FindLocked(key);
            if (existing is not null) return existing;
            entry = new QueryEntry(key, gcTime);
            if (withData)
            {
                entry.CommitData(data, DataWriteSource.Manual, now); // unpublished: no lock needed
                // Scheduled before it is published, without its lock (only the gc can reach it), which saves a lock round
                // per insert. A countdown that ends at once cannot collect it half-published: a timer firing inside
                // ScheduleLocked defers to the thread pool, and a collection on the timer thread waits for this index
                // lock before it takes the entry out of the indexes.
                _gc.ScheduleLocked(entry);
            }
            _prefixIndex.Add(entry);
            _entries.AddLocked(entry);
        }
        created = true;
        return entry;
    }

    /// <summary>The entries matching <paramref name="key"/>: exactly, or every key that starts with it.</summary>
    public List<QueryEntry> Match(QueryKey key, bool exact)
    {
        var results = new List<QueryEntry>();
        if (exact)
        {
            if (_entries.TryGet(key, out var entry)) results.Add(entry);
            return results;
        }
        lock (_indexGate) _prefixIndex.CollectMatches(key, results);
        return results;
    }

    public List<QueryEntry> Snapshot()
    {
        lock (_indexGate) return _entries.ToListLocked();
    }

    /// <summary>Takes the entry out of the cache and both indexes. Caller holds the entry's lock.</summary>
    public void RemoveLocked(QueryEntry entry)
    {
        if (entry.Removed) return;
        entry.MarkRemoved();
        CancelGcLocked(entry);
        lock (_indexGate)
        {
            if (_entries.RemoveLocked(entry)) _prefixIndex.Remove(entry);
        }
        Tags.Remove(entry);
        if (entry.HasObservers) Observed.RemoveLocked(entry); // observed entries only: the gc's removals skip the set's lock
        Changes.Raise(entry);
    }

    /// <summary>
    /// Starts (or restarts) the entry's gc countdown if it is idle (no observer, no fetch). Caller holds the entry's
    /// lock. A countdown that ends after the entry became busy again, or after a newer countdown started, does nothing.
    /// </summary>
    public void ScheduleGcLocked(QueryEntry entry) => _gc.ScheduleLocked(entry);

    /// <summary>Keeps the entry from the gc for <paramref name="span"/> from now, whatever its gcTime. Caller holds the entry's lock.</summary>
    public void RetainLocked(QueryEntry entry, TimeSpan span) => _gc.RetainLocked(entry, span);

    /// <summary>Stops the entry's gc countdown (it gained an observer, or it is leaving). Caller holds the entry's lock.</summary>
    public void CancelGcLocked(QueryEntry entry) => _gc.CancelLocked(entry);

    /// <summary>Stops the gc timer; no new countdown starts.</summary>
    public void Dispose() => _gc.Dispose();
}
