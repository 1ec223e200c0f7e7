using System;
using System.Collections.Generic;

namespace Optimistic.Query.Cache;

/// <summary>
/// Reverse index tag → entries with RTK Query semantics: a tag without an id selects every provider of a tag of that
/// type; a tag with an id selects the providers of exactly that tag. Lookups cost in proportion to the matches.
/// Thread-safe (one lock; tag changes are rare next to reads and writes of data). Each provider's tags are kept here,
/// not in the entry, so entries without tags (most of them) pay nothing for the feature.
/// </summary>
internal sealed class TagIndex
{
    private readonly object _gate = new();
    private readonly Dictionary<string, TypeProviders> _byType = new(StringComparer.Ordinal);
    private readonly Dictionary<QueryEntry, QueryTag[]> _tagsOf = new(ReferenceEqualityComparer.Instance);

    /// <summary>The tags <paramref name="entry"/> provides (empty when none).</summary>
    public QueryTag[] TagsOf(QueryEntry entry)
    {
        if (!entry.HasTags) return Array.Empty<QueryTag>();
        lock (_gate) return _tagsOf.TryGetValue(entry, out var tags) ? tags : Array.Empty<QueryTag>();
    }

    /// <summary>Replaces the tags <paramref name="entry"/> provides. Caller holds the entry's lock.</summary>
    public void SetTags(QueryEntry entry, QueryTag[] tags)
    {
        lock (_gate)
        {
            RemoveLocked(entry);
            if (tags.Length > 0)
            {
                _tagsOf[entry] = tags;
                entry.HasTags = true;
            }
            foreach (var tag in tags)
            {
                if (!_byType.TryGetValue(tag.Type, out var providers))
                {
                    providers = new TypeProviders();
                    _byType.Add(tag.Type, providers);
                }
                providers.Any.Add(entry);
                string id = tag.Id ?? TypeProviders.NoId;
                if (!providers.ById.TryGetValue(id, out var exact))
                {
                    exact = new HashSet<QueryEntry>();
                    providers.ById.Add(id, exact);
                }
                exact.Add(entry);
            }
        }
    }

    /// <summary>Forgets <paramref name="entry"/> (it left the cache). Caller holds the entry's lock.</summary>
    public void Remove(QueryEntry entry)
    {
        if (!entry.HasTags) return;
        lock (_gate) RemoveLocked(entry);
    }

    /// <summary>Appends the providers of any of <paramref name="tags"/> to <paramref name="results"/>, each once.</summary>
    public void CollectMatches(IReadOnlyList<QueryTag> tags, List<QueryEntry> results)
    {
        var seen = new HashSet<QueryEntry>();
        lock (_gate)
        {
            foreach (var tag in tags)
            {
                if (!_byType.TryGetValue(tag.Type, out var providers)) continue;
                HashSet<QueryEntry>? matches = tag.Id is null ? providers.Any
                    : providers.ById.TryGetValue(tag.Id, out var exact) ? exact : null;
                if (matches is null) continue;
                foreach (var entry in matches)
                {
                    if (seen.Add(entry)) results.Add(entry);
                }
            }
        }
    }

    private void RemoveLocked(QueryEntry entry)
    {
        if (!entry.HasTags || !_tagsOf.Remove(entry, out var tags)) return;
        entry.HasTags = false;
        foreach (var tag in tags)
        {
            if (!_byType.TryGetValue(tag.Type, out var providers)) continue;
            providers.Any.Remove(entry);
            string id = tag.Id ?? TypeProviders.NoId;
            if (providers.ById.TryGetValue(id, out var exact))
            {
                exact.Remove(entry);
                if (exact.Count == 0) providers.ById.Remove(id);
            }
            if (providers.Any.Count == 0) _byType.Remove(tag.Type);
        }
    }

    private sealed class TypeProviders
    {
        /// <summary>The id slot of a tag without id; not a string a user can pass as an id by accident (it has a NUL).</summary>
        public const string NoId = "\0no-id";

        public HashSet<QueryEntry> Any { get; } = new();

        public Dictionary<string, HashSet<QueryEntry>> ById { get; } = new(StringComparer.Ordinal);
    }
}
