using System;
using System.Text.Json;

namespace Optimistic.Query.Persistence;

/// <summary>One persisted query: its key, status, timestamps, and its data as JSON.</summary>
public sealed class DehydratedQuery
{
    /// <summary>Creates a persisted query.</summary>
    /// <param name="key">The query's key.</param>
    /// <param name="status"><see cref="QueryStatus.Success"/> or <see cref="QueryStatus.Error"/>.</param>
    /// <param name="data">The data as JSON (<see cref="JsonValueKind.Undefined"/> for a failed query).</param>
    /// <param name="dataUpdatedAt">When the data was written; required for a successful query.</param>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="status"/> is Pending, or a successful query has no <paramref name="dataUpdatedAt"/>.</exception>
    public DehydratedQuery(QueryKey key, QueryStatus status, JsonElement data, DateTimeOffset? dataUpdatedAt)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (status == QueryStatus.Pending) throw new ArgumentException("A pending query has nothing to persist.", nameof(status));
        if (status == QueryStatus.Success && dataUpdatedAt is null)
            throw new ArgumentException("A successful query needs its dataUpdatedAt.", nameof(dataUpdatedAt));
        Key = key;
        Status = status;
        Data = data;
        DataUpdatedAt = dataUpdatedAt;
    }

    /// <summary>The query's key (persisted as <see cref="QueryKey.ToString"/>, read back with <see cref="QueryKey.Parse"/>).</summary>
    public QueryKey Key { get; }

    /// <summary><see cref="QueryStatus.Success"/> or <see cref="QueryStatus.Error"/>.</summary>
    public QueryStatus Status { get; }

    /// <summary>The data as JSON; <see cref="JsonValueKind.Undefined"/> when the query failed without data.</summary>
    public JsonElement Data { get; }

    /// <summary>When the data was written (the live entry's <see cref="QueryState{T}.DataUpdatedAt"/>).</summary>
    public DateTimeOffset? DataUpdatedAt { get; }

    /// <summary>The error's message, for a failed query.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>The full name of the error's type, for a failed query.</summary>
    public string? ErrorType { get; init; }

    /// <summary>When the error happened, for a failed query.</summary>
    public DateTimeOffset? ErrorUpdatedAt { get; init; }
}
