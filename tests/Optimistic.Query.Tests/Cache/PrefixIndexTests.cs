using Optimistic.Query.Cache;
using Optimistic.Query.Tests.Support;

namespace Optimistic.Query.Tests.Cache;

public class PrefixIndexTests
{
    [Fact]
    public void Prefix_lookups_agree_with_a_brute_force_scan_on_random_keys_and_removals()
    {
        var random = new Random(20240601);
        var time = new FakeTimeProvider();
        using var client = new QueryClient(new QueryClientOptions { TimeProvider = time, GcTime = Timeout.InfiniteTimeSpan });
        var live = new HashSet<QueryKey>();

        for (int i = 0; i < 4000; i++)
        {
            var key = RandomKey(random);
            client.SetQueryData(key, i);
            live.Add(key);
        }
        foreach (var key in live.Where(_ => random.Next(4) == 0).ToList())
        {
            client.RemoveQueries(key, exact: true);
            live.Remove(key);
        }
        Assert.Equal(live.Count, client.Count);

        var keys = live.ToList();
        for (int i = 0; i < 2000; i++)
        {
            // Half the prefixes are cut from live keys (so they match), half are random.
            var prefix = i % 2 == 0 ? CutPrefix(keys[random.Next(keys.Count)], random) : RandomPrefix(random);
            var expected = live.Where(k => k.StartsWith(prefix)).Select(k => k.ToString()).OrderBy(s => s, StringComparer.Ordinal).ToList();
            var actual = client.GetQueryKeys(prefix).Select(k => k.ToString()).OrderBy(s => s, StringComparer.Ordinal).ToList();
            Assert.True(expected.SequenceEqual(actual), $"prefix {prefix}: expected {expected.Count} keys, got {actual.Count}");
        }

        // Prefix removal cleans the index too.
        var removedPrefix = QueryKey.Create((object)new[] { "r1" });
        client.RemoveQueries(removedPrefix);
        live.RemoveWhere(k => k.StartsWith(removedPrefix));
        Assert.Equal(live.Count, client.Count);
        Assert.Empty(client.GetQueryKeys(removedPrefix));
        Assert.Equal(live.Count, client.GetQueryKeys(QueryKey.Create()).Count);
    }

    [Fact]
    public void The_benchmark_shape_prefix_finds_exactly_its_router()
    {
        using var client = new QueryClient(new QueryClientOptions { TimeProvider = new FakeTimeProvider() });
        for (int router = 0; router < 5; router++)
        {
            for (int i = 0; i < 200; i++)
            {
                client.SetQueryData(QueryKey.Create(new[] { $"router{router}", "getList" },
                    new { input = new { limit = 20, offset = i, unreadOnly = false }, type = "query" }), i);
            }
        }

        Assert.Equal(200, client.GetQueryKeys(QueryKey.Create((object)new[] { "router3" })).Count);
        Assert.Equal(200, client.GetQueryKeys(QueryKey.Create(new[] { "router3", "getList" }, new { type = "query" })).Count);
        Assert.Single(client.GetQueryKeys(QueryKey.Create(new[] { "router3" }, new { input = new { offset = 7 } })));
        Assert.Empty(client.GetQueryKeys(QueryKey.Create((object)new[] { "router3", "getList", "x" })));
        Assert.Empty(client.GetQueryKeys(QueryKey.Create("router3"))); // a scalar part never matches an array part
        // Beware: a lone string[] binds as the params array itself, so this is the scalar key ["router3"].
        Assert.Empty(client.GetQueryKeys(QueryKey.Create(new[] { "router3" })));
    }

    private static readonly string[] Words = { "r1", "r2", "list", "detail" };

    private static object? RandomScalar(Random random) => random.Next(6) switch
    {
        0 => Words[random.Next(Words.Length)],
        1 => random.Next(3),
        2 => random.Next(2) == 0,
        3 => null,
        4 => 1.5,
        _ => Words[random.Next(2)],
    };

    private static object? RandomPart(Random random, int depth)
    {
        int kind = random.Next(depth > 1 ? 1 : 4);
        return kind switch
        {
            0 => RandomScalar(random),
            1 => Enumerable.Range(0, random.Next(4)).Select(_ => RandomPart(random, depth + 1)).ToArray(),
            2 => RandomObject(random, depth),
            _ => RandomScalar(random),
        };
    }

    private static Dictionary<string, object?> RandomObject(Random random, int depth)
    {
        var result = new Dictionary<string, object?>();
        int count = random.Next(4);
        for (int i = 0; i < count; i++) result[((char)('a' + random.Next(4))).ToString()] = RandomPart(random, depth + 1);
        return result;
    }

    private static QueryKey RandomKey(Random random) =>
        QueryKey.Create(Enumerable.Range(0, 1 + random.Next(4)).Select(_ => RandomPart(random, 0)).ToArray());

    private static QueryKey RandomPrefix(Random random) =>
        QueryKey.Create(Enumerable.Range(0, random.Next(3)).Select(_ => RandomPart(random, 0)).ToArray());

    /// <summary>A prefix of <paramref name="key"/>: fewer parts, the last array part shortened, the last object part thinned.</summary>
    private static QueryKey CutPrefix(QueryKey key, Random random)
    {
        var parts = System.Text.Json.JsonDocument.Parse(key.ToString()).RootElement.EnumerateArray().Select(ToObject).ToList();
        int count = random.Next(parts.Count + 1);
        parts = parts.Take(count).ToList();
        if (count > 0)
        {
            parts[count - 1] = parts[count - 1] switch
            {
                object?[] array => array.Take(random.Next(array.Length + 1)).ToArray(),
                Dictionary<string, object?> obj => obj.Where(_ => random.Next(2) == 0).ToDictionary(p => p.Key, p => p.Value),
                var scalar => scalar,
            };
        }
        return QueryKey.Create(parts.ToArray());
    }

    private static object? ToObject(System.Text.Json.JsonElement element) => element.ValueKind switch
    {
        System.Text.Json.JsonValueKind.Array => element.EnumerateArray().Select(ToObject).ToArray(),
        System.Text.Json.JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => ToObject(p.Value)),
        System.Text.Json.JsonValueKind.String => element.GetString(),
        System.Text.Json.JsonValueKind.Number => element.TryGetInt64(out var l) ? l : element.GetDouble(),
        System.Text.Json.JsonValueKind.True => true,
        System.Text.Json.JsonValueKind.False => false,
        _ => null,
    };
}

public class PrefixIndexObjectTests
{
    [Fact]
    public void Interleaved_adds_removes_and_partial_object_and_array_prefixes_agree_with_a_brute_force_scan()
    {
        var random = new Random(987654);
        var index = new PrefixIndex();
        var nodes = new Dictionary<QueryKey, QueryEntry>();
        var live = new List<QueryKey>();
        int lookups = 0, nonEmpty = 0;

        for (int step = 0; step < 8_000; step++)
        {
            int op = random.Next(10);
            if (op < 5 || live.Count == 0)
            {
                var key = RichKey(random);
                if (nodes.ContainsKey(key)) continue;
                nodes.Add(key, PrefixIndexTestExtensions.AddEntry(index, key));
                live.Add(key);
            }
            else if (op < 7)
            {
                int at = random.Next(live.Count);
                var key = live[at];
                live[at] = live[^1];
                live.RemoveAt(live.Count - 1);
                index.Remove(nodes[key]);
                nodes.Remove(key);
            }
            else
            {
                var prefix = random.Next(3) == 0 ? QueryKey.Create(Enumerable.Range(0, random.Next(3)).Select(_ => RichPart(random, 0)).ToArray())
                    : Thin(live[random.Next(live.Count)], random);
                var expected = live.Where(k => k.StartsWith(prefix)).Select(k => k.ToString()).OrderBy(t => t, StringComparer.Ordinal).ToList();
                var found = new List<QueryEntry>();
                index.CollectMatches(prefix, found);
                var actual = found.Select(e => e.Key.ToString()).OrderBy(t => t, StringComparer.Ordinal).ToList();
                Assert.True(expected.SequenceEqual(actual), $"prefix {prefix}: expected {expected.Count} keys, got {actual.Count}");
                lookups++;
                if (expected.Count > 0) nonEmpty++;
            }
            if (step % 1000 == 0) index.CheckInvariants();
        }
        index.CheckInvariants();
        Assert.True(nonEmpty > lookups / 2, $"only {nonEmpty} of {lookups} lookups matched anything");

        foreach (var key in live) index.Remove(nodes[key]);
        Assert.True(index.IsEmpty);
    }

    [Fact]
    public void A_full_object_key_used_as_a_prefix_matches_only_itself_and_its_supersets_among_many_siblings()
    {
        var index = new PrefixIndex();
        QueryKey Key(int offset, object? extra = null) => extra is null
            ? QueryKey.Create(new[] { "notification", "get" }, new { input = new { limit = 20, offset, unreadOnly = false }, type = "query" })
            : QueryKey.Create(new[] { "notification", "get" }, new { input = new { limit = 20, offset, unreadOnly = false }, type = "query", extra });
        var nodes = new List<QueryEntry>();
        for (int i = 0; i < 1000; i++) nodes.Add(PrefixIndexTestExtensions.AddEntry(index, Key(i)));
        PrefixIndexTestExtensions.AddEntry(index, Key(7, "x"));
        PrefixIndexTestExtensions.AddEntry(index, QueryKey.Create(new[] { "notification", "get" }, new { input = new { limit = 20, offset = 7, unreadOnly = false }, type = "query" }, "page2"));

        var found = new List<QueryEntry>();
        index.CollectMatches(Key(7), found);
        Assert.Equal(3, found.Count);

        found.Clear();
        index.CollectMatches(QueryKey.Create(new[] { "notification" }, new { input = new { offset = 999 } }), found);
        Assert.Single(found);

        found.Clear();
        index.CollectMatches(QueryKey.Create(new[] { "notification" }, new Dictionary<string, object?>()), found);
        Assert.Equal(1002, found.Count);

        found.Clear();
        index.CollectMatches(QueryKey.Create(new[] { "notification" }, new { input = new { offset = 1000 } }), found);
        Assert.Empty(found);

        foreach (var node in nodes) index.Remove(node);
        index.CheckInvariants();
    }

    [Fact]
    public void Lookups_through_objects_cost_in_proportion_to_the_candidates_not_the_siblings()
    {
        var index = new PrefixIndex();
        for (int i = 0; i < 50_000; i++)
            PrefixIndexTestExtensions.AddEntry(index, QueryKey.Create("k", new { offset = i, type = "query" }, i % 2));
        var found = new List<QueryEntry>();
        index.CollectMatches(QueryKey.Create("k", new { offset = 123, type = "query" }, 1), found); // builds the postings once
        Assert.Single(found);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < 10_000; i++)
        {
            found.Clear();
            index.CollectMatches(QueryKey.Create("k", new { offset = i, type = "query" }), found);
            Assert.Single(found);
        }
        // A scan of the 50,000 siblings per lookup would take seconds; the postings take microseconds.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"10,000 lookups took {watch.Elapsed}");
    }

    private static readonly string[] Words = { "n", "list", "detail", "query" };

    private static object? Scalar(Random random) => random.Next(7) switch
    {
        0 => Words[random.Next(Words.Length)],
        1 => random.Next(4),
        2 => random.Next(2) == 0,
        3 => null,
        4 => 1.5,
        5 => random.Next(30),
        _ => Words[random.Next(2)],
    };

    private static object? RichPart(Random random, int depth) => (depth >= 3 ? 0 : random.Next(5)) switch
    {
        1 => Enumerable.Range(0, random.Next(4)).Select(_ => RichPart(random, depth + 1)).ToArray(),
        2 or 3 => RichObject(random, depth),
        _ => Scalar(random),
    };

    private static Dictionary<string, object?> RichObject(Random random, int depth)
    {
        var result = new Dictionary<string, object?>();
        int count = random.Next(5);
        for (int i = 0; i < count; i++) result[((char)('a' + random.Next(5))).ToString()] = RichPart(random, depth + 1);
        return result;
    }

    /// <summary>Keys of a few shapes with many siblings (so postings are built and used) and free-form keys.</summary>
    private static QueryKey RichKey(Random random)
    {
        switch (random.Next(3))
        {
            case 0:
                var input = new Dictionary<string, object?> { ["limit"] = random.Next(2) == 0 ? 20 : 10, ["offset"] = random.Next(40) };
                if (random.Next(2) == 0) input["unread"] = random.Next(2) == 0;
                if (random.Next(3) == 0) input["tags"] = Enumerable.Range(0, random.Next(3)).Select(_ => Words[random.Next(Words.Length)]).ToArray();
                if (random.Next(4) == 0) input["filter"] = RichObject(random, 1);
                var parts = new List<object?> { new[] { "notification", random.Next(2) == 0 ? "get" : "list" },
                    new Dictionary<string, object?> { ["input"] = input, ["type"] = random.Next(3) == 0 ? "infinite" : "query" } };
                if (random.Next(3) == 0) parts.Add(Scalar(random));
                return QueryKey.Create(parts.ToArray());
            case 1:
                return QueryKey.Create(new object?[] { "items", new Dictionary<string, object?> { ["page"] = random.Next(50), ["sort"] = new object?[] { Words[random.Next(4)], random.Next(2) == 0 } } });
            default:
                return QueryKey.Create(Enumerable.Range(0, 1 + random.Next(3)).Select(_ => RichPart(random, 0)).ToArray());
        }
    }

    /// <summary>A prefix of <paramref name="key"/>: fewer parts, and every part thinned (object subsets, array prefixes), at any depth.</summary>
    private static QueryKey Thin(QueryKey key, Random random)
    {
        var parts = System.Text.Json.JsonDocument.Parse(key.ToString()).RootElement.EnumerateArray().Select(ToObject).ToList();
        int count = random.Next(parts.Count + 1);
        return QueryKey.Create(parts.Take(count).Select(p => random.Next(3) == 0 ? p : ThinPart(p, random)).ToArray());
    }

    private static object? ThinPart(object? part, Random random) => part switch
    {
        object?[] array => array.Take(random.Next(array.Length + 1)).Select(p => random.Next(2) == 0 ? p : ThinPart(p, random)).ToArray(),
        Dictionary<string, object?> obj => obj.Where(_ => random.Next(3) != 0).ToDictionary(p => p.Key, p => random.Next(2) == 0 ? p.Value : ThinPart(p.Value, random)),
        var scalar => scalar,
    };

    private static object? ToObject(System.Text.Json.JsonElement element) => element.ValueKind switch
    {
        System.Text.Json.JsonValueKind.Array => element.EnumerateArray().Select(ToObject).ToArray(),
        System.Text.Json.JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => ToObject(p.Value)),
        System.Text.Json.JsonValueKind.String => element.GetString(),
        System.Text.Json.JsonValueKind.Number => element.TryGetInt64(out var l) ? l : element.GetDouble(),
        System.Text.Json.JsonValueKind.True => true,
        System.Text.Json.JsonValueKind.False => false,
        _ => null,
    };
}

public class PrefixIndexPruningTests
{
    [Fact]
    public void Removing_every_entry_prunes_the_trie_to_its_root()
    {
        var index = new Optimistic.Query.Cache.PrefixIndex();
        var keys = new[]
        {
            QueryKey.Create("a"),
            QueryKey.Create("a", "b"),
            QueryKey.Create(new[] { "a", "b" }, new { x = 1 }),
            QueryKey.Create(new object[] { new[] { 1, 2 }, new[] { 3 } }, null, 1.5),
            QueryKey.Create(),
        };
        var nodes = keys.Select(k => PrefixIndexTestExtensions.AddEntry(index, k)).ToList();
        var found = new List<Optimistic.Query.Cache.QueryEntry>();
        index.CollectMatches(QueryKey.Create(), found);
        Assert.Equal(keys.Length, found.Count);

        foreach (var node in nodes.AsEnumerable().Reverse().Where((_, i) => i % 2 == 0)) index.Remove(node);
        Assert.False(index.IsEmpty);
        foreach (var node in nodes.AsEnumerable().Reverse().Where((_, i) => i % 2 == 1)) index.Remove(node);

        Assert.True(index.IsEmpty);
    }
}

internal static class PrefixIndexTestExtensions
{
    /// <summary>Indexes a new entry at <paramref name="key"/> and returns it (the handle for <see cref="PrefixIndex.Remove"/>).</summary>
    public static QueryEntry AddEntry(PrefixIndex index, QueryKey key)
    {
        var entry = new QueryEntry(key, TimeSpan.Zero);
        index.Add(entry);
        return entry;
    }
}
