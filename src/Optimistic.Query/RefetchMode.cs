namespace Optimistic.Query;

/// <summary>
/// Whether an observer refetches its query when the app regains focus or the network comes back
/// (<see cref="QueryObserverOptions.RefetchOnFocus"/>, <see cref="QueryObserverOptions.RefetchOnReconnect"/>; their
/// defaults <see cref="QueryClientOptions.RefetchOnFocus"/>, <see cref="QueryClientOptions.RefetchOnReconnect"/>).
/// TanStack Query's <c>true</c>, <c>false</c> and <c>'always'</c>.
/// </summary>
public enum RefetchMode
{
    /// <summary>
    /// Refetch when the query is stale: no data, invalidated, or older than the observer's
    /// <see cref="FetchOptions.StaleTime"/> (TanStack's <c>true</c>, the default).
    /// </summary>
    IfStale = 0,

    /// <summary>Never refetch on this event (TanStack's <c>false</c>).</summary>
    Never = 1,

    /// <summary>Refetch even when the data is fresh (TanStack's <c>'always'</c>).</summary>
    Always = 2,
}
