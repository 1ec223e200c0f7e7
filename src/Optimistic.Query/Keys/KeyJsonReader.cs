using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace Optimistic.Query.Keys;

/// <summary>Reads JSON (the text form of a key, or a <see cref="JsonElement"/> part) into the same nodes <see cref="QueryKey.Create"/> makes.</summary>
internal static class KeyJsonReader
{
    /// <exception cref="FormatException">The JSON holds something a key part cannot be (a non-finite number, a lone surrogate, undefined).</exception>
    public static KeyNode Read(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Null: return NullNode.Instance;
            case JsonValueKind.True: return BooleanNode.True;
            case JsonValueKind.False: return BooleanNode.False;
            case JsonValueKind.String: return new StringNode(ReadString(element));
            case JsonValueKind.Number: return ReadNumber(element);
            case JsonValueKind.Array:
                var items = new List<KeyNode>();
                foreach (var item in element.EnumerateArray()) items.Add(Read(item));
                return new ArrayNode(items.ToArray());
            case JsonValueKind.Object:
                var properties = new SortedDictionary<string, KeyNode>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject()) properties[property.Name] = Read(property.Value);
                var names = new string[properties.Count];
                var values = new KeyNode[properties.Count];
                int i = 0;
                foreach (var pair in properties)
                {
                    names[i] = pair.Key;
                    values[i++] = pair.Value;
                }
                return new ObjectNode(names, values);
            default:
                throw new FormatException($"A query key part cannot be the JSON value kind {element.ValueKind}.");
        }
    }

    private static string ReadString(JsonElement element)
    {
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException ex)
        {
            // A lone surrogate: Create refuses such strings too.
            throw new FormatException($"A query key string is not valid UTF-16: {ex.Message}", ex);
        }
    }

    /// <summary>Numbers land on the node Create would make: integer syntax stays exact; the rest is a double.</summary>
    private static KeyNode ReadNumber(JsonElement element)
    {
        if (element.TryGetInt64(out long integer)) return IntegerNode.Of(integer);
        string raw = element.GetRawText();
        if (raw.AsSpan().IndexOfAny('.', 'e', 'E') < 0)
            return KeyNumbers.FromBigInteger(BigInteger.Parse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        if (!element.TryGetDouble(out double real) || !double.IsFinite(real))
            throw new FormatException($"The number {raw} in a query key is out of the range of a double.");
        return KeyNumbers.FromDouble(real, typeof(double), 0);
    }
}
