using System;
using System.Globalization;

namespace Optimistic.Query;

/// <summary>
/// A tag a query provides (through <see cref="FetchOptions.Tags"/>) and a mutation invalidates
/// (through <see cref="QueryClient.InvalidateTagsAsync"/>), as in RTK Query.
/// </summary>
/// <remarks>
/// Invalidating a tag without an <see cref="Id"/> invalidates every query that provides a tag of that type,
/// with or without an id; invalidating a tag with an id invalidates the queries that provide exactly that tag.
/// </remarks>
public readonly record struct QueryTag
{
    /// <summary>Creates a tag.</summary>
    /// <param name="type">The tag's type, such as <c>"Post"</c>.</param>
    /// <param name="id">The optional id within the type, such as a post's id.</param>
    /// <exception cref="ArgumentException"><paramref name="type"/> is null or empty.</exception>
    public QueryTag(string type, string? id = null)
    {
        if (string.IsNullOrEmpty(type)) throw new ArgumentException("A query tag needs a non-empty type.", nameof(type));
        Type = type;
        Id = id;
    }

    /// <summary>The tag's type.</summary>
    public string Type { get; }

    /// <summary>The id within the type, or null for the whole type.</summary>
    public string? Id { get; }

    /// <summary>Creates a tag whose id is <paramref name="id"/> in its invariant text form.</summary>
    /// <param name="type">The tag's type.</param>
    /// <param name="id">The id, formatted with the invariant culture.</param>
    /// <returns>The tag.</returns>
    public static QueryTag Of(string type, IFormattable id) => new(type, id?.ToString(null, CultureInfo.InvariantCulture));

    /// <summary>A tag of the whole <paramref name="type"/>.</summary>
    public static implicit operator QueryTag(string type) => new(type);

    /// <inheritdoc />
    public override string ToString() => Id is null ? Type : $"{Type}:{Id}";
}
