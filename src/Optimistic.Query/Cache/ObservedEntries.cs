using System.Collections.Generic;

namespace Optimistic.Query.Cache;

/// <summary>
/// The entries that have at least one observer: what regaining focus or reconnecting visits
/// (<see cref="QueryClient.SetFocused"/>, <see cref="QueryClient.SetOnline"/>), so such an event costs in proportion to
/// the observed queries, never to the cache size.
/// </summary>
/// <remarks>
/// An entry joins with its first observer and leaves with its last, or when it leaves the cache. Callers hold the
/// entry's lock (lock order: the entry's, then this set's); nothing else is locked under this set's lock.
/// </remarks>
internal sealed class ObservedEntries
{
    private readonly HashSet<QueryEntry> _entries = new(ReferenceEqualityComparer.Instance);

    /// <summary>Adds the entry. Caller holds the entry's lock.</summary>
    public void AddLocked(QueryEntry entry)
    {
        lock (_entries) _entries.Add(entry);
    }

    /// <summary>Removes the entry (no-op when absent). Caller holds the entry's lock.</summary>
    public void RemoveLocked(QueryEntry entry)
    {
        lock (_entries) _entries.Remove(entry);
    }

    /// <summary>A copy of the observed entries, to visit without holding the lock.</summary>
    public List<QueryEntry> Snapshot()
    {
        lock (_entries) return new List<QueryEntry>(_entries);
    }
}
