using System;

namespace Optimistic.Query;

/// <summary>A snapshot of one cache entry's state.</summary>
/// <typeparam name="T">The entry's data type.</typeparam>
/// <param name="Data">The data, or default when there is none.</param>
/// <param name="Error">The last fetch error, or null.</param>
/// <param name="Status">Whether the entry holds data.</param>
/// <param name="FetchStatus">Whether a fetch is in flight.</param>
/// <param name="DataUpdatedAt">When the data was last written, or null.</param>
/// <param name="ErrorUpdatedAt">When the last error happened, or null.</param>
/// <param name="IsInvalidated">Whether the entry was invalidated since its data was last written.</param>
public sealed record QueryState<T>(
    T? Data,
    Exception? Error,
    QueryStatus Status,
    FetchStatus FetchStatus,
    DateTimeOffset? DataUpdatedAt,
    DateTimeOffset? ErrorUpdatedAt,
    bool IsInvalidated)
{
    /// <summary>
    /// Whether <see cref="Data"/> is not this query's but the previous key's, shown by an observer with
    /// <see cref="QueryObserverOptions.KeepPreviousData"/> while the new key has no data yet (the status then reads
    /// <see cref="QueryStatus.Success"/>; the other fields are the new key's). Always false outside an observer.
    /// </summary>
    public bool IsPlaceholderData { get; init; }
}
