using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Optimistic.Query.Keys;

namespace Optimistic.Query;

/// <summary>
/// An immutable, structural query key: a sequence of parts compared by value, like TanStack Query's array keys.
/// </summary>
/// <remarks>
/// <para>
/// Parts are normalized to JSON-like values when the key is made: strings, booleans and null stay as they are;
/// enums become their name, <see cref="Guid"/> its "D" text, dates and times their invariant round-trip text;
/// records, anonymous objects and dictionaries with string keys become objects compared by property name,
/// order-insensitive; tuples and any other sequence become arrays; a <see cref="QueryKey"/> part becomes the array
/// of its parts; a <c>JsonElement</c> or <c>JsonNode</c> is the JSON it holds. The key keeps no reference to the
/// objects it was made from, so changing them later does not change the key.
/// </para>
/// <para>
/// Numbers compare by value whatever their type: an integral value is one part whether it came as an
/// <see cref="int"/>, a <see cref="long"/>, a <see cref="double"/> or a <see cref="decimal"/>; integers beyond
/// <see cref="long"/> stay exact; other values compare as doubles, a <see cref="float"/> by the number it prints
/// as (<c>0.1f</c> is <c>0.1</c>).
/// </para>
/// <para>
/// A part may share references (the same object reached twice) but not contain a cycle; it may nest at most 64
/// levels and stand for at most 100,000 values once written out.
/// </para>
/// <para>
/// Equality and hashing are structural and the hash is computed once. <see cref="StartsWith"/> is TanStack's
/// partial match: each part of the prefix must equal the key's part at the same position, where an object
/// part matches when its properties are a subset, and an array part when its elements are a prefix.
/// </para>
/// <para>
/// As with any <c>params</c> method, a single <c>object[]</c> (or <c>string[]</c>) argument is the parts
/// themselves: <c>Create(new object[] { "todos", 1 })</c> is <c>Create("todos", 1)</c>. Pass a list, or a second
/// part, to make an array one part.
/// </para>
/// </remarks>
public sealed class QueryKey : IEquatable<QueryKey>
{
    // The key's own array plus the deepest part Create accepts.
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = KeyPartNormalizer.MaxDepth + 2 };

    private readonly int _hash;
    private string? _text;

    private QueryKey(KeyNode[] nodes)
    {
        Nodes = nodes;
        var hash = new HashCode();
        hash.Add(nodes.Length);
        foreach (var node in nodes) hash.Add(node);
        _hash = hash.ToHashCode();
    }

    /// <summary>The normalized parts, in order.</summary>
    internal KeyNode[] Nodes { get; }

    /// <summary>The number of parts.</summary>
    public int Count => Nodes.Length;

    /// <summary>Creates a key from its parts.</summary>
    /// <param name="parts">The parts, outermost first; see the type's remarks for what a part may be.</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parts"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// A part cannot be compared structurally (a delegate, a stream, a task, a cancellation token, an object without
    /// public properties, a non-finite number, a dictionary with non-string keys, a string with a lone surrogate),
    /// contains a reference cycle, is too deep or too large, or threw while being read (a property getter or an
    /// enumeration; the original exception is the inner one). The message names the part's index and its type.
    /// </exception>
    public static QueryKey Create(params object?[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var nodes = new KeyNode[parts.Length];
        for (int i = 0; i < parts.Length; i++) nodes[i] = KeyPartNormalizer.Normalize(parts[i], i);
        return new QueryKey(nodes);
    }

    /// <summary>Parses the text form written by <see cref="ToString"/> (a JSON array of the parts).</summary>
    /// <param name="text">The text form.</param>
    /// <returns>A key equal to the one that wrote <paramref name="text"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException">
    /// <paramref name="text"/> is not a JSON array, or holds what a key cannot (a number out of the range of a double,
    /// a lone surrogate, nesting deeper than <see cref="Create"/> accepts).
    /// </exception>
    public static QueryKey Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // JsonDocument transcodes the text to UTF-8 first and throws ArgumentException on a lone surrogate.
        if (IndexOfLoneSurrogate(text) is var at and >= 0)
            throw new FormatException($"'{Truncate(text)}' is not the text form of a query key: a lone surrogate (U+{(int)text[at]:X4}) at index {at}.");
        try
        {
            using var document = JsonDocument.Parse(text, ParseOptions);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
                throw new FormatException($"A query key's text form is a JSON array; got {document.RootElement.ValueKind}.");
            var nodes = new List<KeyNode>();
            foreach (var element in document.RootElement.EnumerateArray()) nodes.Add(KeyJsonReader.Read(element));
            return new QueryKey(nodes.ToArray());
        }
        catch (JsonException ex)
        {
            throw new FormatException($"'{Truncate(text)}' is not the text form of a query key: {ex.Message}", ex);
        }
    }

    private static int IndexOfLoneSurrogate(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(text[i])) return i;
        }
        return -1;
    }

    /// <summary>Whether <paramref name="prefix"/> matches the start of this key (TanStack's partial match).</summary>
    /// <param name="prefix">The prefix; an empty key matches every key.</param>
    /// <returns><see langword="true"/> when every part of the prefix matches this key's part at the same position.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="prefix"/> is null.</exception>
    public bool StartsWith(QueryKey prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var prefixNodes = prefix.Nodes;
        if (prefixNodes.Length > Nodes.Length) return false;
        for (int i = 0; i < prefixNodes.Length; i++)
        {
            if (!Nodes[i].PartiallyMatches(prefixNodes[i])) return false;
        }
        return true;
    }

    /// <summary>The stable text form: a JSON array of the parts, object properties sorted by name.</summary>
    /// <returns>The text form, used in logs and persistence; <see cref="Parse"/> reads it back.</returns>
    public override string ToString()
    {
        if (_text is null)
        {
            var builder = new StringBuilder();
            ArrayNode.WriteJsonArray(builder, Nodes);
            _text = builder.ToString();
        }
        return _text;
    }

    /// <inheritdoc />
    public bool Equals(QueryKey? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || other._hash != _hash || other.Nodes.Length != Nodes.Length) return false;
        for (int i = 0; i < Nodes.Length; i++)
        {
            if (!Nodes[i].Equals(other.Nodes[i])) return false;
        }
        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as QueryKey);

    /// <inheritdoc />
    public override int GetHashCode() => _hash;

    /// <summary>Structural equality.</summary>
    public static bool operator ==(QueryKey? left, QueryKey? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Structural inequality.</summary>
    public static bool operator !=(QueryKey? left, QueryKey? right) => !(left == right);

    private static string Truncate(string text) =>
        text.Length <= 80 ? text : text.Substring(0, 80).ToString(CultureInfo.InvariantCulture) + "…";
}
