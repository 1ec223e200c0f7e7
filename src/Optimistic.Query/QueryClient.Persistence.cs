using System;
using System.Collections.Generic;
using System.Text.Json;
using Optimistic.Query.Cache;
using Optimistic.Query.Persistence;

namespace Optimistic.Query;

public sealed partial class QueryClient
{
    /// <summary>The store's change hook, for <see cref="QueryPersister"/>.</summary>
    internal CacheChangeSignal Changes => _store.Changes;

    /// <summary>
    /// Takes a serializable snapshot of the cache (TanStack's <c>dehydrate</c>): by default every successful query with
    /// its data; <see cref="DehydrateOptions.ShouldDehydrate"/> can include failed ones. In-flight fetches are never
    /// included (a query that is refetching is included with its current data). A query with pending optimistic layers
    /// (<see cref="AddOptimisticLayer{T}"/>) is included with its base, the server truth under the layers, never with the
    /// optimistic value readers see: a restart before the mutation settles must not restore a guess as truth.
    /// </summary>
    /// <param name="options">Which queries to include and how to serialize them; null for the defaults.</param>
    /// <returns>The snapshot, stamped with the client's clock. A value that cannot be serialized leaves its query out (reported, logged).</returns>
    public DehydratedState Dehydrate(DehydrateOptions? options = null) =>
        DehydrateCore(options, new PersistenceReporter(Options.Logger, options?.OnEvent));

    internal DehydratedState DehydrateCore(DehydrateOptions? options, PersistenceReporter reporter)
    {
        var queries = new List<DehydratedQuery>();
        foreach (var entry in _store.Snapshot())
        {
            if (entry.Removed) continue;
            var state = BaseStateOf(entry);
            if (state.Status == QueryStatus.Pending) continue;
            if (!ShouldDehydrate(entry.Key, state, options, reporter)) continue;
            var data = default(JsonElement);
            if (state.HasData)
            {
                try
                {
                    data = state.Data switch
                    {
                        PersistedValue persisted => persisted.Element,
                        null => JsonSerializer.SerializeToElement<object?>(null),
                        var value => JsonSerializer.SerializeToElement(value, value.GetType(), options?.JsonSerializerOptions),
                    };
                }
                catch (Exception error) when (error is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
                {
                    reporter.Report(new PersistenceEventArgs(PersistenceEventReason.SerializationFailed,
                        $"The value of query {entry.Key} ({TypedData.Describe(state.Data!.GetType())}) could not be serialized; the query is not persisted.",
                        entry.Key, error));
                    continue;
                }
            }
            if (state.Status == QueryStatus.Success)
            {
                if (state.DataUpdatedAt is null) continue;
                queries.Add(new DehydratedQuery(entry.Key, QueryStatus.Success, data, state.DataUpdatedAt));
            }
            else
            {
                var error = state.Error;
                queries.Add(new DehydratedQuery(entry.Key, QueryStatus.Error, data, state.HasData ? state.DataUpdatedAt : null)
                {
                    ErrorMessage = error?.Message,
                    ErrorType = error is PersistedQueryException { OriginalType: { } original } ? original : error?.GetType().FullName,
                    ErrorUpdatedAt = state.ErrorUpdatedAt,
                });
            }
        }
        return new DehydratedState(_time.GetUtcNow(), queries);
    }

    /// <summary>The entry's state with the base (the data under pending optimistic layers) as its data; the filter sees this too.</summary>
    private static EntryState BaseStateOf(QueryEntry entry)
    {
        lock (entry) // the layer set and the state change together under this lock
        {
            var state = entry.State;
            return entry.Layers is { } layers ? state with { Data = layers.Base, HasData = layers.HasBase } : state;
        }
    }

    /// <summary>
    /// Restores a snapshot (TanStack's <c>hydrate</c>). A query is written only when the cache has no data for it or
    /// older data (by <see cref="QueryState{T}.DataUpdatedAt"/>): hydration never overwrites newer data. A persisted
    /// time later than the client's clock (a clock set back, an edited store) is taken as now, so the entry goes stale
    /// normally and never beats live data. Restored data is server truth: it lands in the base, under pending optimistic
    /// layers, which are replayed over it. No fetch is restored; a live in-flight fetch of the same key carries on. Values stay raw JSON until their first typed read
    /// (<see cref="GetQueryData{T}"/> and the like), which deserializes them; a value that cannot be read as the
    /// requested type is discarded (reported, logged) and reads as a miss.
    /// </summary>
    /// <param name="state">The snapshot.</param>
    /// <param name="options">How to deserialize values and where to report; null for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The client is disposed.</exception>
    public void Hydrate(DehydratedState state, HydrateOptions? options = null) =>
        HydrateCore(state, options, new PersistenceReporter(Options.Logger, options?.OnEvent), maxAge: null);

    /// <param name="state">The snapshot.</param>
    /// <param name="options">How to deserialize values.</param>
    /// <param name="reporter">Where to report.</param>
    /// <param name="maxAge">
    /// The persister's MaxAge (<see cref="TimeSpan.MaxValue"/>: none), or null for a plain <see cref="Hydrate"/>: each
    /// restored entry is kept from the gc until its data is that old, whatever its gcTime.
    /// </param>
    internal void HydrateCore(DehydratedState state, HydrateOptions? options, PersistenceReporter reporter, TimeSpan? maxAge)
    {
        ArgumentNullException.ThrowIfNull(state);
        ObjectDisposedException.ThrowIf(_disposed, this);
        foreach (var query in state.Queries)
        {
            if (query is null || query.Status == QueryStatus.Pending) continue;
            HydrateOne(query, options?.JsonSerializerOptions, reporter, maxAge);
        }
    }

    private void HydrateOne(DehydratedQuery query, JsonSerializerOptions? serializerOptions, PersistenceReporter reporter, TimeSpan? maxAge)
    {
        var now = _time.GetUtcNow();
        // A time from the future would keep the entry fresh for ever and win every comparison with live data.
        var dataUpdatedAt = NotAfter(query.DataUpdatedAt, now);
        var errorUpdatedAt = NotAfter(query.ErrorUpdatedAt, now);
        bool withData = query.Data.ValueKind != JsonValueKind.Undefined && dataUpdatedAt is not null;
        while (true)
        {
            if (_store.TryGet(query.Key, out var existing) && !IsOlder(existing.State, query.Status, dataUpdatedAt, errorUpdatedAt)) return;
            var entry = existing ?? _store.GetOrCreate(query.Key, _defaultGcTime);
            lock (entry)
            {
                if (entry.Removed) continue;
                if (!IsOlder(entry.State, query.Status, dataUpdatedAt, errorUpdatedAt)) return;
                // The base write path of every server write: under pending layers, the data becomes their new base.
                if (withData) entry.CommitData(new PersistedValue(query.Data, serializerOptions, reporter), DataWriteSource.Hydrate, dataUpdatedAt!.Value);
                if (query.Status == QueryStatus.Error)
                {
                    var current = entry.State;
                    entry.SetStateLocked(current with
                    {
                        Error = new PersistedQueryException(query.ErrorMessage ?? "The query failed before the cache was persisted.")
                        {
                            OriginalType = query.ErrorType,
                        },
                        ErrorUpdatedAt = errorUpdatedAt ?? current.ErrorUpdatedAt,
                        Status = current.HasData || withData ? QueryStatus.Success : QueryStatus.Error,
                        Version = current.Version + 1,
                    });
                }
                if (maxAge is { } age && (withData ? dataUpdatedAt : errorUpdatedAt) is { } writtenAt)
                    _store.RetainLocked(entry, age == TimeSpan.MaxValue ? age : writtenAt + age - now);
            }
            entry.NotifyObservers(_store.Changes); // replays pending layers over the new base first
            return;
        }
    }

    private static DateTimeOffset? NotAfter(DateTimeOffset? time, DateTimeOffset now) => time > now ? now : time;

    /// <summary>Whether the live state is older than the persisted query (its times already brought back to now), so hydration may replace it.</summary>
    private static bool IsOlder(EntryState current, QueryStatus status, DateTimeOffset? dataUpdatedAt, DateTimeOffset? errorUpdatedAt)
    {
        if (status == QueryStatus.Success)
            return !current.HasData || current.DataUpdatedAt is not { } live || live < dataUpdatedAt!.Value;
        // A persisted error never replaces live data, nor a live error at least as recent.
        if (current.HasData && (dataUpdatedAt is not { } persisted || current.DataUpdatedAt is not { } liveAt || liveAt >= persisted))
            return false;
        if (current.Error is not null && (errorUpdatedAt is not { } at || current.ErrorUpdatedAt is not { } liveError || liveError >= at))
            return false;
        return true;
    }

    private bool ShouldDehydrate(QueryKey key, EntryState state, DehydrateOptions? options, PersistenceReporter reporter)
    {
        if (options?.ShouldDehydrate is not { } filter) return state.Status == QueryStatus.Success;
        try
        {
            return filter(key, state.ToQueryState<object>(key));
        }
        catch (Exception error)
        {
            reporter.Report(new PersistenceEventArgs(PersistenceEventReason.SerializationFailed,
                $"The dehydrate filter threw for query {key}; the query is not persisted.", key, error));
            return false;
        }
    }

    /// <summary>
    /// The entry's state with a restored raw value turned into a <typeparamref name="T"/> (swapped in, once, if the
    /// entry still holds the same restored value at the same data version) or discarded when it cannot be read as
    /// <typeparamref name="T"/> (reported; the entry then holds no data). Every typed reader that has the entry calls this.
    /// </summary>
    private static EntryState Materialize<T>(QueryEntry entry, CacheChangeSignal changes)
    {
        while (true)
        {
            var state = entry.State;
            if (state.Data is not PersistedValue persisted) return state;
            if (typeof(T) == typeof(object) || typeof(T) == typeof(JsonElement))
                return state with { Data = persisted.Element }; // an untyped read does not fix the type

            bool converted = persisted.TryConvert(typeof(T), out var value, out var error);
            bool changed = false;
            lock (entry)
            {
                var current = entry.State;
                if (!entry.Removed && ReferenceEquals(current.Data, persisted) && current.DataVersion == state.DataVersion)
                {
                    // Typing keeps the data version: the logical value did not change, so no updater has to retry.
                    entry.SetStateLocked(converted
                        ? current with { Data = value, Version = current.Version + 1 }
                        : current with
                        {
                            Data = null,
                            HasData = false,
                            DataUpdatedAt = null,
                            Status = current.Error is null ? QueryStatus.Pending : QueryStatus.Error,
                            DataVersion = current.DataVersion + 1,
                            Version = current.Version + 1,
                        });
                    changed = true;
                }
            }
            if (changed && !converted)
            {
                persisted.Reporter.Report(new PersistenceEventArgs(PersistenceEventReason.ValueTypeMismatch,
                    $"The restored value of query {entry.Key} cannot be read as {TypedData.Describe(typeof(T))}; it was discarded.",
                    entry.Key, error));
                entry.NotifyObservers(changes);
            }
            if (entry.Removed) return converted ? state with { Data = value } : EntryState.Empty;
        }
    }
}
