using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;

namespace Optimistic.Query.Keys;

/// <summary>
/// Turns a user-supplied key part into its <see cref="KeyNode"/>. Scalars are converted directly; objects are
/// read through a <see cref="TypeShape"/> cached per type, so reflection runs once per type, never per key.
/// </summary>
internal static class KeyPartNormalizer
{
    private const int MaxDepth = 32;

    public static KeyNode Normalize(object? part, int partIndex)
    {
        var path = new List<object>();
        return Normalize(part, partIndex, path, depth: 0);
    }

    private static KeyNode Normalize(object? value, int partIndex, List<object> path, int depth)
    {
        if (value is null) return NullNode.Instance;
        switch (value)
        {
            case string s: return new StringNode(s);
            case bool b: return BooleanNode.Of(b);
            case int i: return IntegerNode.Of(i);
            case long l: return IntegerNode.Of(l);
            case Guid g: return new StringNode(g.ToString("D"));
            case KeyNode node: return node;
            case QueryKey key: return new ArrayNode(key.Nodes);
        }

        var type = value.GetType();
        if (type.IsEnum) return new StringNode(value.ToString()!);

        var scalar = NormalizeOtherScalar(value, partIndex);
        if (scalar is not null) return scalar;

        var shape = TypeShape.For(type);
        if (shape.Rejection is not null) throw Unsupported(partIndex, type, shape.Rejection);
        if (depth >= MaxDepth) throw Unsupported(partIndex, type, $"it nests more than {MaxDepth} levels deep");

        if (!type.IsValueType)
        {
            foreach (var seen in path)
            {
                if (ReferenceEquals(seen, value)) throw Unsupported(partIndex, type, "it contains a reference cycle");
            }
        }

        path.Add(value);
        try
        {
            return shape.Kind switch
            {
                TypeShapeKind.Dictionary => NormalizeDictionary(value, partIndex, path, depth),
                TypeShapeKind.Sequence => NormalizeSequence((IEnumerable)value, partIndex, path, depth),
                _ => NormalizeObject(value, shape, partIndex, path, depth),
            };
        }
        finally
        {
            path.RemoveAt(path.Count - 1);
        }
    }

    private static KeyNode? NormalizeOtherScalar(object value, int partIndex)
    {
        switch (value)
        {
            case byte v: return IntegerNode.Of(v);
            case sbyte v: return IntegerNode.Of(v);
            case short v: return IntegerNode.Of(v);
            case ushort v: return IntegerNode.Of(v);
            case uint v: return IntegerNode.Of(v);
            case ulong v: return v <= long.MaxValue ? IntegerNode.Of((long)v) : Real(v, partIndex);
            case float v: return Real(v, partIndex);
            case double v: return Real(v, partIndex);
            case decimal v:
                return decimal.Truncate(v) == v && v >= long.MinValue && v <= long.MaxValue
                    ? IntegerNode.Of((long)v)
                    : Real((double)v, partIndex);
            case char v: return new StringNode(v.ToString());
            case DateTime v: return new StringNode(v.ToString("O", CultureInfo.InvariantCulture));
            case DateTimeOffset v: return new StringNode(v.ToString("O", CultureInfo.InvariantCulture));
            case DateOnly v: return new StringNode(v.ToString("O", CultureInfo.InvariantCulture));
            case TimeOnly v: return new StringNode(v.ToString("O", CultureInfo.InvariantCulture));
            case TimeSpan v: return new StringNode(v.ToString("c", CultureInfo.InvariantCulture));
            case Uri v: return new StringNode(v.OriginalString);
            default: return null;
        }
    }

    /// <summary>Numbers follow JSON: an integral value is an integer whatever its CLR type (1, 1L and 1.0 are one key).</summary>
    private static KeyNode Real(double value, int partIndex)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
            throw new ArgumentException($"Query key part {partIndex} is the number {value.ToString(CultureInfo.InvariantCulture)}, which has no stable text form. Use a finite number.", "parts");
        if (Math.Floor(value) == value && value >= long.MinValue && value < long.MaxValue) return IntegerNode.Of((long)value);
        return new RealNode(value);
    }

    private static KeyNode NormalizeSequence(IEnumerable sequence, int partIndex, List<object> path, int depth)
    {
        var items = new List<KeyNode>();
        foreach (var item in sequence) items.Add(Normalize(item, partIndex, path, depth + 1));
        return new ArrayNode(items.ToArray());
    }

    private static KeyNode NormalizeDictionary(object dictionary, int partIndex, List<object> path, int depth)
    {
        var entries = new SortedDictionary<string, KeyNode>(StringComparer.Ordinal);
        foreach (var (name, value) in TypeShape.EnumerateDictionary(dictionary))
        {
            if (name is not string text)
                throw Unsupported(partIndex, dictionary.GetType(), $"its dictionary key '{name}' is not a string");
            entries[text] = Normalize(value, partIndex, path, depth + 1);
        }
        return ToObjectNode(entries);
    }

    private static KeyNode NormalizeObject(object value, TypeShape shape, int partIndex, List<object> path, int depth)
    {
        var names = shape.PropertyNames;
        var values = new KeyNode[names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            values[i] = Normalize(shape.Getters[i](value), partIndex, path, depth + 1);
        }
        return new ObjectNode(names, values);
    }

    private static ObjectNode ToObjectNode(SortedDictionary<string, KeyNode> entries)
    {
        var names = new string[entries.Count];
        var values = new KeyNode[entries.Count];
        int i = 0;
        foreach (var entry in entries)
        {
            names[i] = entry.Key;
            values[i] = entry.Value;
            i++;
        }
        return new ObjectNode(names, values);
    }

    private static ArgumentException Unsupported(int partIndex, Type type, string reason) =>
        new($"Query key part {partIndex} of type '{type.FullName}' is not supported: {reason}. " +
            "Key parts are strings, numbers, booleans, enums, Guids, null, records, anonymous objects, dictionaries with string keys, and sequences of these.",
            "parts");
}
