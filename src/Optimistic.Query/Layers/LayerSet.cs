using System;
using Microsoft.Extensions.Logging;

namespace Optimistic.Query.Layers;

/// <summary>
/// An immutable picture of one entry's optimistic layers: the base (server truth and manual writes), the pending layers
/// in creation order, and the memoized result of replaying them (<c>Outputs[i]</c> is the base with layers 0..i applied).
/// Every change builds a new set outside the entry's lock (recipes are user code) and installs it with a
/// compare-and-swap on the set's reference, so an operation that lost a race rebuilds from the newer set.
/// </summary>
/// <remarks>
/// A base without data (a miss, or null data) cannot take recipes: the layers stay pending, unapplied, and apply once
/// a base write brings data. <see cref="Outputs"/> is null after such a base write until the layers are replayed.
/// </remarks>
internal sealed class LayerSet
{
    private static readonly LayerRecord[] NoLayers = Array.Empty<LayerRecord>();
    private static readonly object?[] NoOutputs = Array.Empty<object?>();

    private LayerSet(object? baseData, bool hasBase, LayerRecord[] layers, object?[]? outputs, ILogger? logger)
    {
        Base = baseData;
        HasBase = hasBase;
        Layers = layers;
        Outputs = outputs;
        Logger = logger;
    }

    /// <summary>Server truth: the data a fetch or a manual write put there, under the layers.</summary>
    public object? Base { get; }

    public bool HasBase { get; }

    /// <summary>The pending layers, oldest first.</summary>
    public LayerRecord[] Layers { get; }

    /// <summary>The replayed values (one per layer), or null when the base changed and the layers await a replay.</summary>
    public object?[]? Outputs { get; }

    public ILogger? Logger { get; }

    public bool NeedsReplay => Outputs is null;

    public bool IsEmpty => Layers.Length == 0;

    /// <summary>What readers see: the base with every pending layer applied. Valid only when not <see cref="NeedsReplay"/>.</summary>
    public object? Visible => Layers.Length == 0 || Outputs is null ? Base : Outputs[Outputs.Length - 1];

    /// <summary>A set with no layer over the entry's current data.</summary>
    public static LayerSet Over(object? data, bool hasData, ILogger? logger) => new(data, hasData, NoLayers, NoOutputs, logger);

    /// <summary>The same layers over a new base (a base write under the layers); they await a replay. Runs no user code.</summary>
    public LayerSet WithBase(object? data) => new(data, true, Layers, null, Logger);

    public int IndexOf(LayerRecord record) => Array.IndexOf(Layers, record);

    /// <summary>Adds <paramref name="record"/> on top. Its recipe's exception propagates (the layer is then not added).</summary>
    public LayerSet Append(LayerRecord record, QueryKey key)
    {
        var layers = new LayerRecord[Layers.Length + 1];
        Layers.CopyTo(layers, 0);
        layers[Layers.Length] = record;
        var outputs = new object?[layers.Length];
        if (Outputs is null)
        {
            Replay(layers, 0, layers.Length - 1, Base, HasBase, outputs, key);
        }
        else
        {
            Outputs.CopyTo(outputs, 0);
        }
        var below = layers.Length == 1 ? Base : outputs[layers.Length - 2];
        outputs[layers.Length - 1] = CanApply(HasBase, below) ? record.Apply(below!, key) : below;
        return new LayerSet(Base, HasBase, layers, outputs, Logger);
    }

    /// <summary>Removes the layer at <paramref name="index"/> and replays the layers above it over what lay below it.</summary>
    public LayerSet Remove(int index, QueryKey key)
    {
        var layers = Without(index);
        var outputs = new object?[layers.Length];
        if (Outputs is null)
        {
            Replay(layers, 0, layers.Length, Base, HasBase, outputs, key);
        }
        else
        {
            Array.Copy(Outputs, 0, outputs, 0, index);
            Replay(layers, index, layers.Length, index == 0 ? Base : Outputs[index - 1], HasBase, outputs, key);
        }
        return new LayerSet(Base, HasBase, layers, outputs, Logger);
    }

    /// <summary>
    /// Folds the layer at <paramref name="index"/> into the base (base' = recipe(base)) and replays the others over the new
    /// base. Folding the oldest layer runs no recipe: its memoized output becomes the base and the rest stay as they are.
    /// </summary>
    public LayerSet Commit(int index, QueryKey key)
    {
        var layers = Without(index);
        object? folded;
        if (index == 0 && Outputs is not null)
        {
            folded = Outputs[0];
            var kept = new object?[layers.Length];
            Array.Copy(Outputs, 1, kept, 0, kept.Length);
            return new LayerSet(folded, HasBase, layers, kept, Logger);
        }

        folded = TryApply(Layers[index], Base, HasBase, key);
        var outputs = new object?[layers.Length];
        Replay(layers, 0, layers.Length, folded, HasBase, outputs, key);
        return new LayerSet(folded, HasBase, layers, outputs, Logger);
    }

    /// <summary>The set with every layer replayed over the current base (after a base write).</summary>
    public LayerSet Replayed(QueryKey key)
    {
        var outputs = new object?[Layers.Length];
        Replay(Layers, 0, Layers.Length, Base, HasBase, outputs, key);
        return new LayerSet(Base, HasBase, Layers, outputs, Logger);
    }

    private LayerRecord[] Without(int index)
    {
        if (Layers.Length == 1) return NoLayers;
        var layers = new LayerRecord[Layers.Length - 1];
        Array.Copy(Layers, 0, layers, 0, index);
        Array.Copy(Layers, index + 1, layers, index, layers.Length - index);
        return layers;
    }

    private static bool CanApply(bool hasBase, object? data) => hasBase && data is not null;

    /// <summary>Fills <paramref name="outputs"/>[from..to) by applying the layers in order, starting from <paramref name="input"/>.</summary>
    private void Replay(LayerRecord[] layers, int from, int to, object? input, bool hasBase, object?[] outputs, QueryKey key)
    {
        var current = input;
        for (int i = from; i < to; i++)
        {
            current = TryApply(layers[i], current, hasBase, key);
            outputs[i] = current;
        }
    }

    /// <summary>Applies a replayed layer; a recipe that throws is logged and skipped in this replay (the others still apply).</summary>
    private object? TryApply(LayerRecord layer, object? input, bool hasBase, QueryKey key)
    {
        if (!CanApply(hasBase, input)) return input;
        try
        {
            return layer.Apply(input!, key);
        }
        catch (Exception error)
        {
            LayerLog.RecipeThrew(Logger, key, error);
            return input;
        }
    }
}
