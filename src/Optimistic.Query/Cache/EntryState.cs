using System;

namespace Optimistic.Query.Cache;

/// <summary>
/// An immutable snapshot of one entry's state. Each change replaces the whole snapshot, so readers (GetQueryData,
/// observers, GetQueryState) get a consistent view with one volatile read and no lock.
/// </summary>
/// <remarks>
/// Kept small (64 bytes) because every write allocates one: times are stored as UTC ticks (a
/// <see cref="TimeProvider"/>'s <c>GetUtcNow</c> has offset zero), the status fields as bytes, and the error with its
/// time in a side record that only entries that ever failed have (a write that clears the error keeps only its time).
/// </remarks>
internal sealed record EntryState
{
    private const long NoTime = long.MinValue;

    private readonly long _dataUpdatedAt = NoTime;
    private readonly ErrorRecord? _error;
    private readonly byte _status;
    private readonly byte _fetchStatus;

    public static readonly EntryState Empty = new();

    public object? Data { get; init; }

    public bool HasData { get; init; }

    public Exception? Error
    {
        get => _error?.Exception;
        init => _error = value is not null ? new ErrorRecord(value, _error?.At ?? NoTime)
            : _error is { Exception: not null, At: var at } ? (at == NoTime ? null : new ErrorRecord(null, at))
            : _error; // already without an exception: nothing to allocate
    }

    public QueryStatus Status
    {
        get => (QueryStatus)_status;
        init => _status = (byte)value;
    }

    public FetchStatus FetchStatus
    {
        get => (FetchStatus)_fetchStatus;
        init => _fetchStatus = (byte)value;
    }

    public DateTimeOffset? DataUpdatedAt
    {
        get => _dataUpdatedAt == NoTime ? null : new DateTimeOffset(_dataUpdatedAt, TimeSpan.Zero);
        init => _dataUpdatedAt = value is { } time ? time.UtcTicks : NoTime;
    }

    public DateTimeOffset? ErrorUpdatedAt
    {
        get => _error is { At: var at } && at != NoTime ? new DateTimeOffset(at, TimeSpan.Zero) : null;
        init => _error = value is { } time ? new ErrorRecord(_error?.Exception, time.UtcTicks)
            : _error?.Exception is { } exception ? new ErrorRecord(exception, NoTime)
            : null;
    }

    public bool IsInvalidated { get; init; }

    /// <summary>Bumped by each data write; optimistic updaters commit only if it did not move.</summary>
    public long DataVersion { get; init; }

    /// <summary>Bumped by each change; observers never deliver an older state after a newer one.</summary>
    public long Version { get; init; }

    /// <summary>Whether the data is missing, invalidated, or older than <paramref name="staleTime"/> at <paramref name="now"/>.</summary>
    public bool IsStale(TimeSpan staleTime, DateTimeOffset now)
    {
        if (!HasData || IsInvalidated || _dataUpdatedAt == NoTime) return true;
        if (staleTime == TimeSpan.MaxValue) return false;
        return now.UtcTicks - _dataUpdatedAt >= staleTime.Ticks;
    }

    public QueryState<T> ToQueryState<T>(QueryKey key) =>
        new(TypedData.Cast<T>(Data, key), Error, Status, FetchStatus, DataUpdatedAt, ErrorUpdatedAt, IsInvalidated);

    /// <summary>An error and when it happened (UTC ticks, or <see cref="NoTime"/>); either part may be missing.</summary>
    private sealed record ErrorRecord(Exception? Exception, long At);
}
