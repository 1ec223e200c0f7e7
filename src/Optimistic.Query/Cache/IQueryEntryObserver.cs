using System;
using System.Threading.Tasks;

namespace Optimistic.Query.Cache;

/// <summary>Something that watches one entry (a <see cref="QueryObserver{T}"/>); keeps the entry active.</summary>
internal interface IQueryEntryObserver
{
    /// <summary>
    /// Called outside every cache lock after the entry's state changed to <paramref name="state"/>. Returns null when the
    /// observer is done with the state, or a task that completes when another thread, delivering to it, has passed the
    /// state (or a newer one) on to its listeners.
    /// </summary>
    Task? OnEntryChanged(QueryEntry entry, EntryState state);

    /// <summary>Whether the observer fetches on its own (<see cref="QueryObserverOptions.Enabled"/>): only enabled observers make the entry refetch on invalidation.</summary>
    bool IsEnabled { get; }

    /// <summary>
    /// The fetcher to refetch <paramref name="entry"/> with when <paramref name="appEvent"/> happens (the app regained
    /// focus or reconnected), or null when this observer does not ask for it: disabled, its option for the event off,
    /// its data fresh by its own stale time, disposed, or now observing another entry.
    /// </summary>
    QueryFetcher? FetcherOn(AppEvent appEvent, QueryEntry entry, DateTimeOffset now);
}
