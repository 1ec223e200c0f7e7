using System;

namespace Optimistic.Query.Cache;

/// <summary>
/// An immutable snapshot of one entry's state. Each change replaces the whole snapshot, so readers (GetQueryData,
/// observers, GetQueryState) get a consistent view with one volatile read and no lock.
/// </summary>
internal sealed record EntryState(
    object? Data,
    bool HasData,
    Exception? Error,
    QueryStatus Status,
    FetchStatus FetchStatus,
    DateTimeOffset? DataUpdatedAt,
    DateTimeOffset? ErrorUpdatedAt,
    bool IsInvalidated,
    long DataVersion,
    long Version)
{
    public static readonly EntryState Empty =
        new(null, false, null, QueryStatus.Pending, FetchStatus.Idle, null, null, false, 0, 0);

    /// <summary>Whether the data is missing, invalidated, or older than <paramref name="staleTime"/> at <paramref name="now"/>.</summary>
    public bool IsStale(TimeSpan staleTime, DateTimeOffset now)
    {
        if (!HasData || IsInvalidated || DataUpdatedAt is not { } updatedAt) return true;
        if (staleTime == TimeSpan.MaxValue) return false;
        return now - updatedAt >= staleTime;
    }

    public QueryState<T> ToQueryState<T>(QueryKey key) =>
        new(TypedData.Cast<T>(Data, key), Error, Status, FetchStatus, DataUpdatedAt, ErrorUpdatedAt, IsInvalidated);
}
