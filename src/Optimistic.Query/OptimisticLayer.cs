using Optimistic.Query.Annotations;
using Optimistic.Query.Layers;

namespace Optimistic.Query;

/// <summary>
/// An optimistic write recorded as a layer over server truth, returned by
/// <see cref="QueryClient.AddOptimisticLayer{T}"/>. Return it from OnMutate as the mutation context; call
/// <see cref="Rollback"/> in OnError and <see cref="Commit"/> in OnSuccess.
/// </summary>
/// <remarks>
/// Unlike a snapshot restore or <see cref="PatchResult{T}.Undo"/>, removing a layer never clobbers what happened after
/// it: the other pending layers are replayed over the base, and server answers that landed meanwhile stay. Both methods
/// are idempotent and thread-safe, and only the first of them counts: <see cref="Commit"/> after <see cref="Rollback"/>
/// (or the reverse) does nothing. If the entry leaves the cache (RemoveQueries, Clear) its layers go with it and both
/// methods only record the status.
/// </remarks>
/// <typeparam name="T">The query's data type.</typeparam>
public sealed class OptimisticLayer<T>
{
    private readonly QueryClient _client;

    internal OptimisticLayer(QueryClient client, QueryKey key, LayerRecord record)
    {
        _client = client;
        Key = key;
        Record = record;
    }

    /// <summary>The key of the query the layer lies on.</summary>
    public QueryKey Key { get; }

    /// <summary>Whether the layer is still pending, committed or rolled back.</summary>
    public OptimisticLayerStatus Status => Record.Status;

    /// <summary>Whether readers still see the layer as a layer (neither committed nor rolled back).</summary>
    public bool IsPending => Record.Status == OptimisticLayerStatus.Pending;

    internal LayerRecord Record { get; }

    /// <summary>
    /// Removes the layer: readers see the base with the other pending layers replayed over it, in order. Observers are
    /// notified once if the visible value changed. Does nothing when the layer is no longer pending.
    /// </summary>
    [LayerRollback]
    public void Rollback() => _client.SettleLayer(this, commit: false);

    /// <summary>
    /// Folds the layer into the base: the base becomes the recipe applied to it, and the other pending layers are
    /// replayed over the new base. Committing the oldest layer runs no recipe and changes nothing readers see. Does
    /// nothing when the layer is no longer pending. Still invalidate the key in OnSettled: the server's answer is the truth.
    /// </summary>
    [LayerCommit]
    public void Commit() => _client.SettleLayer(this, commit: true);

    /// <inheritdoc/>
    public override string ToString() => $"OptimisticLayer {Key} ({Status})";
}
