namespace Optimistic.Query;

/// <summary>Where an <see cref="OptimisticLayer{T}"/> is in its life.</summary>
public enum OptimisticLayerStatus
{
    /// <summary>The layer lies over the base: readers see its recipe applied.</summary>
    Pending = 0,

    /// <summary><see cref="OptimisticLayer{T}.Commit"/> folded the layer into the base (or the entry left the cache first).</summary>
    Committed = 1,

    /// <summary><see cref="OptimisticLayer{T}.Rollback"/> removed the layer (or the entry left the cache first).</summary>
    RolledBack = 2,
}
