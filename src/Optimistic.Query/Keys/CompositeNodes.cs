using System;
using System.Collections.Generic;
using System.Text;

namespace Optimistic.Query.Keys;

/// <summary>Helpers shared by the composite nodes.</summary>
internal static class CompositeSize
{
    /// <summary>One for the composite itself plus its children's sizes, saturating at <see cref="int.MaxValue"/>.</summary>
    public static int Of(KeyNode[] children)
    {
        long size = 1;
        foreach (var child in children) size += child.Size;
        return (int)Math.Min(size, int.MaxValue);
    }
}

/// <summary>An object part: properties sorted by ordinal name, so property order never matters.</summary>
internal sealed class ObjectNode : KeyNode
{
    /// <param name="names">Property names, sorted ordinally, without duplicates.</param>
    /// <param name="values">The values, in the order of <paramref name="names"/>.</param>
    public ObjectNode(string[] names, KeyNode[] values)
    {
        Names = names;
        Values = values;
        Size = CompositeSize.Of(values);
    }

    public override int Size { get; }

    public string[] Names { get; }

    public KeyNode[] Values { get; }

    public override KeyNodeKind Kind => KeyNodeKind.Object;

    public bool TryGetValue(string name, out KeyNode value)
    {
        int index = Array.BinarySearch(Names, name, StringComparer.Ordinal);
        if (index >= 0)
        {
            value = Values[index];
            return true;
        }
        value = null!;
        return false;
    }

    public override bool PartiallyMatches(KeyNode prefix)
    {
        if (prefix is not ObjectNode other) return false;
        for (int i = 0; i < other.Names.Length; i++)
        {
            if (!TryGetValue(other.Names[i], out var mine) || !mine.PartiallyMatches(other.Values[i])) return false;
        }
        return true;
    }

    public override void WriteJson(StringBuilder builder)
    {
        builder.Append('{');
        for (int i = 0; i < Names.Length; i++)
        {
            if (i > 0) builder.Append(',');
            WriteJsonString(builder, Names[i]);
            builder.Append(':');
            Values[i].WriteJson(builder);
        }
        builder.Append('}');
    }

    protected override int ComputeHash()
    {
        var hash = new HashCode();
        hash.Add(KeyNodeKind.Object);
        for (int i = 0; i < Names.Length; i++)
        {
            hash.Add(Names[i], StringComparer.Ordinal);
            hash.Add(Values[i]);
        }
        return hash.ToHashCode();
    }

    protected override bool EqualsSameKind(KeyNode other)
    {
        var that = (ObjectNode)other;
        if (that.Names.Length != Names.Length) return false;
        for (int i = 0; i < Names.Length; i++)
        {
            if (!string.Equals(Names[i], that.Names[i], StringComparison.Ordinal) || !Values[i].Equals(that.Values[i])) return false;
        }
        return true;
    }
}

/// <summary>A sequence part (array, list, any enumerable but a string or dictionary).</summary>
internal sealed class ArrayNode : KeyNode
{
    public ArrayNode(KeyNode[] items)
    {
        Items = items;
        Size = CompositeSize.Of(items);
    }

    public override int Size { get; }

    public KeyNode[] Items { get; }

    public override KeyNodeKind Kind => KeyNodeKind.Array;

    public override bool PartiallyMatches(KeyNode prefix)
    {
        if (prefix is not ArrayNode other || other.Items.Length > Items.Length) return false;
        for (int i = 0; i < other.Items.Length; i++)
        {
            if (!Items[i].PartiallyMatches(other.Items[i])) return false;
        }
        return true;
    }

    public override void WriteJson(StringBuilder builder) => WriteJsonArray(builder, Items);

    internal static void WriteJsonArray(StringBuilder builder, IReadOnlyList<KeyNode> items)
    {
        builder.Append('[');
        for (int i = 0; i < items.Count; i++)
        {
            if (i > 0) builder.Append(',');
            items[i].WriteJson(builder);
        }
        builder.Append(']');
    }

    protected override int ComputeHash()
    {
        var hash = new HashCode();
        hash.Add(KeyNodeKind.Array);
        hash.Add(Items.Length);
        foreach (var item in Items) hash.Add(item);
        return hash.ToHashCode();
    }

    protected override bool EqualsSameKind(KeyNode other)
    {
        var that = (ArrayNode)other;
        if (that.Items.Length != Items.Length) return false;
        for (int i = 0; i < Items.Length; i++)
        {
            if (!Items[i].Equals(that.Items[i])) return false;
        }
        return true;
    }
}
