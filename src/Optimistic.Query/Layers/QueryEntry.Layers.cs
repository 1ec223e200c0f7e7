using System;
using Optimistic.Query.Layers;

namespace Optimistic.Query.Cache;

/// <summary>The entry's optimistic layers (see <see cref="LayerSet"/>). <see cref="EntryState.Data"/> always holds the visible value.</summary>
internal sealed partial class QueryEntry
{
    private volatile LayerSet? _layers;

    /// <summary>The pending layers, or null when there are none. Replaced only under <c>lock (this)</c>.</summary>
    public LayerSet? Layers => _layers;

    /// <summary>
    /// The base-write hook of <see cref="CommitData"/> (caller holds the lock): with layers pending, the data becomes the
    /// new base under them. The recipes are user code, so they are not replayed here: readers keep the previous visible
    /// value (with the write's metadata) until <see cref="NotifyObservers"/>, which every writer calls right after its
    /// lock, replays them outside the lock. Returns false when there are no layers (the plain write proceeds).
    /// </summary>
    private bool CommitUnderLayers(object? data, DataWriteSource source, DateTimeOffset now)
    {
        var layers = _layers;
        if (layers is null) return false;
        _layers = layers.WithBase(data);
        var state = _state;
        _state = state with
        {
            Error = null,
            Status = state.HasData ? QueryStatus.Success : QueryStatus.Pending,
            FetchStatus = source == DataWriteSource.Fetch ? FetchStatus.Idle : state.FetchStatus,
            DataUpdatedAt = now,
            IsInvalidated = false,
            DataVersion = state.DataVersion + 1,
            Version = state.Version + 1,
        };
        return true;
    }

    /// <summary>
    /// Installs <paramref name="next"/> (null or empty: no layer left, the base shows) and publishes its visible value.
    /// Caller holds the lock and has checked that the set it built <paramref name="next"/> from is still current.
    /// Layer changes touch the data only: staleness, invalidation, fetch status and error stay. Returns whether readers
    /// see something new (then the caller notifies observers once, outside the lock).
    /// </summary>
    public bool InstallLayersLocked(LayerSet next)
    {
        _layers = next.IsEmpty ? null : next;
        var state = _state;
        var visible = next.Visible;
        bool hasData = next.HasBase;
        var status = hasData ? QueryStatus.Success : state.Status;
        if (ReferenceEquals(visible, state.Data) && hasData == state.HasData && status == state.Status) return false;
        _state = state with
        {
            Data = visible,
            HasData = hasData,
            Status = status,
            DataVersion = state.DataVersion + 1,
            Version = state.Version + 1,
        };
        return true;
    }

    /// <summary>
    /// Replays the layers over a base written under them (see <see cref="CommitUnderLayers"/>). Outside every lock;
    /// compare-and-retry on the layer set, as concurrent writers may replace it meanwhile.
    /// </summary>
    private void ReplayLayers()
    {
        while (true)
        {
            var layers = _layers;
            if (layers is null || !layers.NeedsReplay) return;
            var replayed = layers.Replayed(Key);
            lock (this)
            {
                if (_removed) return;
                if (ReferenceEquals(_layers, layers))
                {
                    InstallLayersLocked(replayed);
                    return;
                }
            }
        }
    }
}
