using System;
using System.Threading;
using Optimistic.Query.Layers;

namespace Optimistic.Query.Cache;

/// <summary>The entry's optimistic layers (see <see cref="LayerSet"/>). <see cref="EntryState.Data"/> always holds the visible value.</summary>
internal sealed partial class QueryEntry
{
    private volatile LayerSet? _layers;

    // Bumped (under the lock) each time a layer set appears where there was none, before _layers is stored, and each
    // time one goes away, before the state shows the bare base. ReadBase checks it so that "no layers, then a layer came
    // and went" is not mistaken for "no layers all along".
    private int _layerEpoch; // an int: a wrap-around would need four billion layer sets during one ReadBase

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
        var state = _state;
        bool baseMoved = !ReferenceEquals(next.Base, _layers is { } current ? current.Base : state.Data); // a layer folded into the base
        // ReadBase (no lock) takes the state for the base only when it sees no layer set before and after reading it: so
        // a set appears before the state shows its layers, and disappears only after the state shows the bare base.
        if (next.IsEmpty)
        {
            // A set going away moves the epoch too, before the state shows the bare base: a reader that saw the new
            // epoch of its appearance but not yet the set itself (the two stores are not atomic) could otherwise read its
            // layered state, see no set again after it left, find the epoch unchanged and take that state for the base.
            if (_layers is not null) Volatile.Write(ref _layerEpoch, _layerEpoch + 1);
        }
        else
        {
            if (_layers is null) Volatile.Write(ref _layerEpoch, _layerEpoch + 1);
            _layers = next;
        }
        var visible = next.Visible;
        bool hasData = next.HasBase;
        var status = hasData ? QueryStatus.Success : state.Status;
        bool changed = !(ReferenceEquals(visible, state.Data) && hasData == state.HasData && status == state.Status);
        if (changed)
        {
            _state = state with
            {
                Data = visible,
                HasData = hasData,
                Status = status,
                DataVersion = state.DataVersion + 1,
                Version = state.Version + 1,
            };
        }
        if (next.IsEmpty) _layers = null;
        if (baseMoved) BumpBaseLocked(); // after the new base is stored, in the layer set or the state
        return changed;
    }

    /// <summary>
    /// The base (the data under the pending layers, or the data when there are none) read consistently with
    /// <see cref="BaseVersion"/>, without a lock: <paramref name="read"/> gets the entry's state (and
    /// <paramref name="argument"/>) when no layer is pending (it may type a restored value) and returns its data. A writer
    /// that commits only while <see cref="BaseVersion"/> still equals <paramref name="version"/> replaces exactly this base.
    /// </summary>
    public object? ReadBase<TArgument>(Func<QueryEntry, TArgument, EntryState> read, TArgument argument, out long version, out bool hasBase)
    {
        while (true)
        {
            version = BaseVersion;
            int epoch = Volatile.Read(ref _layerEpoch);
            var layers = _layers;
            if (layers is not null)
            {
                hasBase = layers.HasBase;
                return layers.Base;
            }
            var state = read(this, argument);
            // Every layered state is written after its set's first epoch bump and store, and replaced by the bare base
            // after its last bump: seeing no set on both sides and the same epoch means no layered state was read.
            if (_layers is null && Volatile.Read(ref _layerEpoch) == epoch)
            {
                hasBase = state.HasData;
                return state.Data;
            }
        }
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
