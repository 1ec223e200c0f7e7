using System;
using System.Threading;
using Optimistic.Query.Cache;

namespace Optimistic.Query.Layers;

/// <summary>
/// The untyped side of one <see cref="OptimisticLayer{T}"/>: its recipe and its status. The status moves from pending to
/// committed or rolled back exactly once, under the lock of the layer's entry.
/// </summary>
internal sealed class LayerRecord
{
    private readonly Func<object, QueryKey, object?> _apply;
    private int _status; // OptimisticLayerStatus

    public LayerRecord(Func<object, QueryKey, object?> apply) => _apply = apply;

    /// <summary>The entry the layer lies on, set when the layer is added.</summary>
    public QueryEntry? Entry { get; set; }

    public OptimisticLayerStatus Status => (OptimisticLayerStatus)Volatile.Read(ref _status);

    /// <summary>Settles the layer; call under the entry's lock (or before the layer was ever published).</summary>
    public void Settle(OptimisticLayerStatus status) => Volatile.Write(ref _status, (int)status);

    /// <summary>Runs the recipe (user code: never under a lock) on <paramref name="data"/>; null from the recipe means "no change".</summary>
    public object Apply(object data, QueryKey key) => _apply(data, key) ?? data;
}
