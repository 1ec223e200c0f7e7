using System;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Optimistic.Query.Annotations;

namespace Optimistic.Query.Persistence;

/// <summary>Settings of a <see cref="QueryPersister"/> (TanStack's <c>persistQueryClient</c> options).</summary>
public sealed class QueryPersisterOptions
{
    /// <summary>The default <see cref="MaxAge"/>: 24 hours.</summary>
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromHours(24);

    /// <summary>Where the cache is stored. Default: a <see cref="FileStorage"/> at <see cref="FileStorage.DefaultPath"/>.</summary>
    public IPersistenceStorage? Storage { get; init; }

    /// <summary>
    /// How old a stored cache may be (from its timestamp) before restore discards it. Default: 24 hours. Null,
    /// <see cref="TimeSpan.MaxValue"/> or <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> disable the limit,
    /// which rule OPT011 flags: a user back after a month would see month-old data as if it were current.
    /// </summary>
    /// <remarks>
    /// It is also how long restored queries are kept: a restored entry is not garbage-collected before MaxAge has passed
    /// since its <see cref="QueryState{T}.DataUpdatedAt"/> (its gc countdown is the longer of its gcTime and the rest of
    /// MaxAge, rounded up to a whole minute), so an app left open does not drop the restored cache from the next write.
    /// Removing it (<see cref="QueryClient.RemoveQueries"/>, <see cref="QueryClient.Clear"/>) still removes it. With the
    /// limit disabled, restored entries are kept until removed.
    /// </remarks>
    [PersistenceMaxAge]
    public TimeSpan? MaxAge { get; init; } = DefaultMaxAge;

    /// <summary>
    /// A version string for the stored cache (for example the app or schema version). A store written with another
    /// buster is discarded on restore. Default: empty.
    /// </summary>
    public string Buster { get; init; } = string.Empty;

    /// <summary>The shortest interval between two writes; changes in between are coalesced into one write. Default: 1 s.</summary>
    public TimeSpan Throttle { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How values are serialized on write and deserialized on their first typed read. Default: System.Text.Json's defaults.</summary>
    public JsonSerializerOptions? JsonSerializerOptions { get; init; }

    /// <summary>Which queries are persisted (see <see cref="DehydrateOptions.ShouldDehydrate"/>). Default: successful ones.</summary>
    public Func<QueryKey, QueryState<object>, bool>? Filter { get; init; }

    /// <summary>Where persistence events are logged. Default: the client's <see cref="QueryClientOptions.Logger"/>.</summary>
    public ILogger? Logger { get; init; }

    /// <summary>The clock for <see cref="MaxAge"/> and <see cref="Throttle"/>. Default: the client's <see cref="QueryClientOptions.TimeProvider"/>.</summary>
    public TimeProvider? TimeProvider { get; init; }
}
