using System.Reflection;
using Optimistic.Query.Cache;
using Optimistic.Query.Layers;

namespace Optimistic.Query.Tests.Layers;

/// <summary>
/// Regression, replayed step by step: ReadBase read the epoch just after an install had bumped it but before it stored
/// the layer set, saw no set, read the layered state, saw no set again after a rollback, found the epoch unchanged and
/// returned the layered value as the base (an updater then baked a rolled-back layer into the base). The install's
/// stores that happen inside the reader's window are made through reflection: they are not atomic, and a preempted
/// writer leaves exactly this state.
/// </summary>
public class LayerEpochTests
{
    private static readonly QueryKey Key = QueryKey.Create("epoch");

    private static FieldInfo Field(string name) =>
        typeof(QueryEntry).GetField(name, BindingFlags.Instance | BindingFlags.NonPublic)
        ?? throw new InvalidOperationException($"QueryEntry has no field {name}.");

    [Fact]
    public void A_layer_that_appears_and_goes_while_a_reader_looks_is_never_read_as_the_base()
    {
        var entry = new QueryEntry(Key, TimeSpan.MaxValue);
        lock (entry) entry.CommitData(0L, DataWriteSource.Manual, DateTimeOffset.UnixEpoch);
        var layered = LayerSet.Over(0L, hasData: true, logger: null).Append(new LayerRecord((data, _) => (long)data + 1_000_000), Key);
        var epoch = Field("_layerEpoch");
        epoch.SetValue(entry, (int)epoch.GetValue(entry)! + 1); // an install's first store, which the reader will see

        int reads = 0;
        object? baseData = entry.ReadBase<object?>((e, _) =>
        {
            if (reads++ > 0) return e.State;
            // The rest of that install (the set, then the state showing its layer) ...
            Field("_layers").SetValue(e, layered);
            var bare = e.State;
            Field("_state").SetValue(e, bare with { Data = layered.Visible, DataVersion = bare.DataVersion + 1, Version = bare.Version + 1 });
            var seen = e.State;
            // ... and the layer's rollback, all between the reader's two looks at the set.
            lock (e) e.InstallLayersLocked(layered.Remove(0, Key));
            return seen;
        }, null, out _, out bool hasBase);

        Assert.True(hasBase);
        Assert.Equal(0L, baseData);
        Assert.Equal(2, reads); // it looked again
    }
}
