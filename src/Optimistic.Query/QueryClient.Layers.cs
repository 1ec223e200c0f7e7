using System;
using Optimistic.Query.Annotations;
using Optimistic.Query.Cache;
using Optimistic.Query.Layers;

namespace Optimistic.Query;

public sealed partial class QueryClient
{
    /// <summary>
    /// Writes optimistically as a layer over server truth (Apollo Client's optimistic layers): readers see the entry's
    /// base with every pending layer's recipe applied, oldest first, until the layer is rolled back (removed, the others
    /// replayed) or committed (folded into the base).
    /// </summary>
    /// <typeparam name="T">The query's data type.</typeparam>
    /// <param name="key">The exact key; the entry is created if needed.</param>
    /// <param name="recipe">
    /// Computes the layered value from the value below it. Keep it pure and return a new value rather than mutate its
    /// argument: it is replayed whenever the base or a layer below changes (a server answer landing, another mutation
    /// rolling back). Prefer recipes that set a value (<c>done = true</c>) over ones that flip it: a server answer that
    /// already contains the change gets the recipe once more until the layer settles. Returning null means "no change".
    /// </param>
    /// <returns>The layer; return it from OnMutate as the context, then <see cref="OptimisticLayer{T}.Rollback"/> it in
    /// OnError and <see cref="OptimisticLayer{T}.Commit"/> it in OnSuccess.</returns>
    /// <remarks>
    /// <para>On a miss (no entry, no data, or null data) the recipe is not called, and the layer stays pending,
    /// invisible: when a base write brings data while it is pending (a fetch that was not cancelled, a manual write), the
    /// layer applies over it. Reads stay misses meanwhile.</para>
    /// <para>The base is everything but the layers: fetch results, <see cref="SetQueryData{T}(QueryKey, T)"/>,
    /// <see cref="UpdateQueryData{T}"/> and <see cref="PatchResult{T}.Undo"/> write it, under the pending layers, which
    /// are replayed over the new base. So a snapshot restore (the plain pattern, still supported) made while layers are
    /// pending writes the snapshot — which shows the layers pending when it was taken — into the base: do not mix the two
    /// patterns on one key; with several mutations in flight on a key, use layers (or invalidate in OnError).</para>
    /// <para><see cref="GetQueryData{T}"/>, <see cref="GetQueryState{T}"/> and observers see the visible value (base plus
    /// layers); <see cref="FetchQueryAsync{T}"/> and <see cref="EnsureQueryDataAsync{T}"/> return server truth, the base,
    /// from the network and from the cache alike; <see cref="Dehydrate"/> and persistence write the base, and hydration
    /// writes it, under the layers. Layer changes touch only the data: staleness,
    /// invalidation and the error stay. Observers are notified once per change of the visible value (adding a layer,
    /// removing one, a base write however many layers it replays). An entry with pending layers is not garbage-collected.</para>
    /// <para>Atomic per entry: the recipe runs outside every lock and, if another write reached the entry meanwhile, runs
    /// again on the newer value. If the recipe throws here, the exception propagates and no layer is added; a recipe that
    /// throws during a later replay is skipped in that replay and logged through <see cref="QueryClientOptions.Logger"/>.</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="recipe"/> is null.</exception>
    /// <exception cref="InvalidCastException">The entry holds a value of another type.</exception>
    [QueryLayer]
    public OptimisticLayer<T> AddOptimisticLayer<T>([QueryKeyArgument] QueryKey key, Func<T, T> recipe)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(recipe);
        var record = new LayerRecord((data, k) => recipe(TypedData.Cast<T>(data, k)!));
        var layer = new OptimisticLayer<T>(this, key, record);
        while (true)
        {
            var entry = _store.GetOrCreate(key, _defaultGcTime);
            var layers = entry.Layers;
            var state = entry.State;
            if (entry.Removed) continue;
            var next = (layers ?? LayerSet.Over(state.Data, state.HasData, Options.Logger)).Append(record, key);
            bool changed;
            lock (entry)
            {
                if (entry.Removed || !ReferenceEquals(entry.Layers, layers) || entry.State.DataVersion != state.DataVersion) continue;
                record.Entry = entry;
                changed = entry.InstallLayersLocked(next);
                _store.CancelGcLocked(entry); // not idle while a layer is pending; settling the last one restarts the countdown
            }
            if (changed) entry.NotifyObservers(_store.Changes);
            return layer;
        }
    }

    /// <summary>Rolls back (removes) or commits (folds into the base) a pending layer; no-op once it settled.</summary>
    internal void SettleLayer<T>(OptimisticLayer<T> layer, bool commit)
    {
        var record = layer.Record;
        var settled = commit ? OptimisticLayerStatus.Committed : OptimisticLayerStatus.RolledBack;
        var entry = record.Entry;
        if (entry is null) return; // never added (cannot happen for a layer handed out)
        while (true)
        {
            if (record.Status != OptimisticLayerStatus.Pending) return;
            var layers = entry.Layers;
            int index = layers?.IndexOf(record) ?? -1;
            LayerSet? next = null;
            if (index >= 0 && !entry.Removed) next = commit ? layers!.Commit(index, layer.Key) : layers!.Remove(index, layer.Key);
            bool changed = false;
            lock (entry)
            {
                if (record.Status != OptimisticLayerStatus.Pending) return;
                if (next is not null && !entry.Removed)
                {
                    if (!ReferenceEquals(entry.Layers, layers)) continue;
                    changed = entry.InstallLayersLocked(next);
                    if (next.IsEmpty) _store.ScheduleGcLocked(entry);
                }
                record.Settle(settled); // the entry left the cache: its layers went with it
            }
            if (changed) entry.NotifyObservers(_store.Changes);
            return;
        }
    }
}
