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
        var nodes = keys.Select(k => index.Add(new Optimistic.Query.Cache.QueryEntry(k, TimeSpan.Zero))).ToList();
        var found = new List<Optimistic.Query.Cache.QueryEntry>();
        index.CollectMatches(QueryKey.Create(), found);
        Assert.Equal(keys.Length, found.Count);

        foreach (var node in nodes.AsEnumerable().Reverse().Where((_, i) => i % 2 == 0)) index.Remove(node);
        Assert.False(index.IsEmpty);
        foreach (var node in nodes.AsEnumerable().Reverse().Where((_, i) => i % 2 == 1)) index.Remove(node);

        Assert.True(index.IsEmpty);
    }
}
