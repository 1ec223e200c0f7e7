using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Optimistic.Query.Keys;

/// <summary>
/// Turns a user-supplied key part into its <see cref="KeyNode"/>. Scalars are converted directly; objects are
/// read through a <see cref="TypeShape"/> cached per type, so reflection runs once per type, never per key.
/// </summary>
/// <remarks>
/// Composite parts are walked with their chain of ancestors, so a reference cycle is refused while a shared,
/// acyclic reference (a diamond) is accepted; each shared object is normalized once per part and its node reused.
/// Limits keep a part cheap to compare and print: <see cref="MaxDepth"/> levels and <see cref="MaxSize"/> values
/// once written out.
/// </remarks>
internal static class KeyPartNormalizer
{
    /// <summary>How deep a part may nest (the text form stays within what <see cref="QueryKey.Parse"/> reads).</summary>
    public const int MaxDepth = 64;

    /// <summary>How many values a part may stand for once written out, shared references counted each time.</summary>
    public const int MaxSize = 100_000;

    public static KeyNode Normalize(object? part, int partIndex)
    {
        var node = TryNormalizeScalar(part, partIndex) ?? new Walk(partIndex).Normalize(part!, depth: 0);
        if (node.Size > MaxSize) throw TooLarge(partIndex, part!.GetType());
        return node;
    }

    /// <summary>The node of a value that needs no walk, or null for a composite.</summary>
    private static KeyNode? TryNormalizeScalar(object? value, int partIndex)
    {
        switch (value)
        {
            case null: return NullNode.Instance;
            case string s: return String(s, partIndex);
            case bool b: return BooleanNode.Of(b);
            case Guid g: return new StringNode(g.ToString("D"));
            case char c: return String(c.ToString(), partIndex);
            case DateTime v: return new StringNode(v.ToString("O", CultureInfo.InvariantCulture));
            case DateTimeOffset v: return new StringNode(v.ToString("O", CultureInfo.InvariantCulture));
            case DateOnly v: return new StringNode(v.ToString("O", CultureInfo.InvariantCulture));
            case TimeOnly v: return new StringNode(v.ToString("O", CultureInfo.InvariantCulture));
            case TimeSpan v: return new StringNode(v.ToString("c", CultureInfo.InvariantCulture));
            case Uri v: return String(v.OriginalString, partIndex);
            case QueryKey key: return new ArrayNode(key.Nodes);
            case KeyNode node: return node;
            case JsonElement json: return FromJson(json, partIndex);
            case JsonNode json: return FromJson(json, partIndex);
            default: return KeyNumbers.TryNormalize(value, partIndex);
        }
    }

    /// <summary>Strings must be valid UTF-16: the text form is JSON, which cannot carry a lone surrogate.</summary>
    private static StringNode String(string value, int partIndex)
    {
        var text = value.AsSpan();
        int surrogate = text.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (surrogate >= 0)
        {
            for (int i = surrogate; i < text.Length; i++)
            {
                if (!char.IsSurrogate(text[i])) continue;
                if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                    continue;
                }
                throw KeyPartErrors.Unsupported(partIndex, typeof(string),
                    $"it holds a lone surrogate (U+{(int)text[i]:X4}) at index {i}, which JSON text cannot carry");
            }
        }
        return new StringNode(value);
    }

    private static KeyNode FromJson(JsonElement json, int partIndex)
    {
        try
        {
            return KeyJsonReader.Read(json);
        }
        catch (FormatException ex)
        {
            throw KeyPartErrors.Unsupported(partIndex, typeof(JsonElement), ex.Message.TrimEnd('.'));
        }
    }

    private static KeyNode FromJson(JsonNode json, int partIndex)
    {
        using var document = JsonDocument.Parse(json.ToJsonString());
        return FromJson(document.RootElement, partIndex);
    }

    private static ArgumentException TooLarge(int partIndex, Type type) =>
        KeyPartErrors.Unsupported(partIndex, type, $"it stands for more than {MaxSize} values once written out");

    /// <summary>The walk of one composite part: its ancestors (for cycles) and the objects already normalized (for sharing).</summary>
    private sealed class Walk
    {
        private readonly int _partIndex;

        // One map for both jobs: null while the object is being walked (an ancestor: meeting it again is a cycle),
        // its node once done (a shared reference: reuse the node).
        private readonly Dictionary<object, KeyNode?> _seen = new(ReferenceEqualityComparer.Instance);

        public Walk(int partIndex) => _partIndex = partIndex;

        public KeyNode Normalize(object? value, int depth)
        {
            var scalar = TryNormalizeScalar(value, _partIndex);
            if (scalar is not null) return scalar;

            var type = value!.GetType();
            var shape = TypeShape.For(type);
            switch (shape.Kind)
            {
                case TypeShapeKind.Rejected: throw KeyPartErrors.Unsupported(_partIndex, type, shape.Rejection!);
                case TypeShapeKind.Enum: return new StringNode(value.ToString()!);
            }

            if (depth >= MaxDepth) throw KeyPartErrors.Unsupported(_partIndex, type, $"it nests more than {MaxDepth} levels deep");
            if (shape.IsValueType) return NormalizeComposite(value, type, shape, depth);

            if (_seen.TryGetValue(value, out var seen))
                return seen ?? throw KeyPartErrors.Unsupported(_partIndex, type, "it contains a reference cycle");
            // No cleanup on failure: an exception abandons the whole walk.
            _seen.Add(value, null);
            var node = NormalizeComposite(value, type, shape, depth);
            _seen[value] = node;
            return node;
        }

        private KeyNode NormalizeComposite(object value, Type type, TypeShape shape, int depth)
        {
            KeyNode node = shape.Kind switch
            {
                TypeShapeKind.Dictionary => NormalizeDictionary(shape.DictionaryReader!(value), type, depth),
                TypeShapeKind.Tuple => NormalizeTuple((ITuple)value, depth),
                TypeShapeKind.Sequence => NormalizeSequence((IEnumerable)value, type, depth),
                _ => NormalizeObject(value, type, shape, depth),
            };
            if (node.Size > MaxSize) throw TooLarge(_partIndex, type);
            return node;
        }

        private ArrayNode NormalizeTuple(ITuple tuple, int depth)
        {
            var items = new KeyNode[tuple.Length];
            for (int i = 0; i < items.Length; i++) items[i] = Normalize(tuple[i], depth + 1);
            return new ArrayNode(items);
        }

        private ArrayNode NormalizeSequence(IEnumerable sequence, Type type, int depth)
        {
            var items = new List<KeyNode>();
            long size = 1;
            ForEach(sequence, type, item =>
            {
                var node = Normalize(item, depth + 1);
                // Checked as it grows, so an endless sequence stops here.
                size += node.Size;
                if (size > MaxSize) throw TooLarge(_partIndex, type);
                items.Add(node);
            });
            return new ArrayNode(items.ToArray());
        }

        private ObjectNode NormalizeDictionary(IEnumerable entries, Type type, int depth)
        {
            var properties = new SortedDictionary<string, KeyNode>(StringComparer.Ordinal);
            long size = 1;
            ForEach(entries, type, item =>
            {
                var entry = (DictionaryEntry)item!;
                if (entry.Key is not string name)
                    throw KeyPartErrors.Unsupported(_partIndex, type, $"its dictionary key '{entry.Key}' is not a string");
                var node = Normalize(entry.Value, depth + 1);
                size += node.Size;
                if (size > MaxSize) throw TooLarge(_partIndex, type);
                properties[name] = node;
            });

            var names = new string[properties.Count];
            var values = new KeyNode[properties.Count];
            int i = 0;
            foreach (var property in properties)
            {
                names[i] = property.Key;
                values[i++] = property.Value;
            }
            return new ObjectNode(names, values);
        }

        private ObjectNode NormalizeObject(object value, Type type, TypeShape shape, int depth)
        {
            var names = shape.PropertyNames;
            var values = new KeyNode[names.Length];
            for (int i = 0; i < names.Length; i++)
            {
                object? property;
                try
                {
                    property = shape.Getters[i](value);
                }
                catch (Exception ex)
                {
                    throw KeyPartErrors.ReadFailed(_partIndex, type, $"its property '{names[i]}'", Unwrap(ex));
                }
                values[i] = Normalize(property, depth + 1);
            }
            return new ObjectNode(names, values);
        }

        /// <summary>Visits the items; a failure of the sequence itself (not of <paramref name="visit"/>) names the part.</summary>
        private void ForEach(IEnumerable sequence, Type type, Action<object?> visit)
        {
            IEnumerator enumerator;
            try
            {
                enumerator = sequence.GetEnumerator();
            }
            catch (Exception ex)
            {
                throw KeyPartErrors.ReadFailed(_partIndex, type, "enumerating it", Unwrap(ex));
            }

            try
            {
                while (true)
                {
                    object? item;
                    try
                    {
                        if (!enumerator.MoveNext()) break;
                        item = enumerator.Current;
                    }
                    catch (Exception ex)
                    {
                        throw KeyPartErrors.ReadFailed(_partIndex, type, "enumerating it", Unwrap(ex));
                    }
                    visit(item);
                }
            }
            finally
            {
                (enumerator as IDisposable)?.Dispose();
            }
        }

        private static Exception Unwrap(Exception ex) =>
            ex is TargetInvocationException { InnerException: { } inner } ? inner : ex;
    }
}
