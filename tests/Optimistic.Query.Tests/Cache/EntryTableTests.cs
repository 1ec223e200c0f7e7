using Optimistic.Query.Cache;

namespace Optimistic.Query.Tests.Cache;

public class EntryTableTests
{
    private static QueryEntry Entry(string name, int i) => new(QueryKey.Create(name, i), TimeSpan.Zero);

    [Fact]
    public void Adds_finds_and_removes_through_growth_and_shrinking()
    {
        var gate = new object();
        var table = new EntryTable(gate);
        int initialBuckets = table.BucketCount;
        var entries = Enumerable.Range(0, 10_000).Select(i => Entry("k", i)).ToList();
        lock (gate)
        {
            foreach (var entry in entries) table.AddLocked(entry);
        }
        Assert.Equal(10_000, table.Count);
        Assert.True(table.BucketCount >= 4_096, $"{table.BucketCount} buckets for 10,000 entries");
        foreach (var entry in entries)
        {
            Assert.True(table.TryGet(QueryKey.Create("k", entry.Key.Count == 2 ? Offset(entry) : -1), out var found));
            Assert.Same(entry, found);
        }

        lock (gate)
        {
            foreach (var entry in entries.Skip(10)) Assert.True(table.RemoveLocked(entry));
            Assert.False(table.RemoveLocked(entries[^1])); // already out
        }
        Assert.Equal(10, table.Count);
        Assert.True(table.BucketCount <= 128, $"{table.BucketCount} buckets left for 10 entries");
        Assert.True(table.BucketCount >= initialBuckets);
        for (int i = 0; i < entries.Count; i++)
        {
            bool present = table.TryGet(QueryKey.Create("k", i), out var found);
            Assert.Equal(i < 10, present);
            if (present) Assert.Same(entries[i], found);
            else Assert.Null(entries[i].NextInTable); // a removed entry links to nothing, so it keeps nothing alive
        }
        lock (gate) Assert.Equal(10, table.ToListLocked().Count);
    }

    [Fact]
    public async Task Readers_never_miss_a_present_key_while_a_writer_adds_removes_and_resizes()
    {
        var gate = new object();
        var table = new EntryTable(gate);
        var stable = Enumerable.Range(0, 64).Select(i => Entry("stable", i)).ToArray();
        var stableKeys = stable.Select(e => QueryKey.Create("stable", Offset(e))).ToArray(); // equal keys, other instances
        var neverKeys = Enumerable.Range(0, 64).Select(i => QueryKey.Create("never", i)).ToArray();
        lock (gate)
        {
            foreach (var entry in stable) table.AddLocked(entry);
        }

        using var done = new CancellationTokenSource();
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        long lookups = 0;
        using var started = new CountdownEvent(2);
        var readers = Enumerable.Range(0, 2).Select(r => Task.Factory.StartNew(() =>
        {
            long local = 0;
            started.Signal();
            while (!done.IsCancellationRequested)
            {
                for (int i = 0; i < stableKeys.Length; i++)
                {
                    if (!table.TryGet(stableKeys[i], out var found) || !ReferenceEquals(found, stable[i]))
                        failures.Enqueue($"stable key {i} missed or wrong");
                    if (table.TryGet(neverKeys[i], out _)) failures.Enqueue($"never-added key {i} found");
                    local += 2;
                }
            }
            Interlocked.Add(ref lookups, local);
        }, TaskCreationOptions.LongRunning)).ToArray();
        Assert.True(started.Wait(TimeSpan.FromSeconds(30)), "the readers did not start");

        // Waves of adds and removals: the table grows from 64 to 8,000+ entries and shrinks back, many times.
        var churn = Enumerable.Range(0, 8_000).Select(i => Entry("churn", i)).ToArray();
        var random = new Random(4242);
        for (int wave = 0; wave < 20; wave++)
        {
            random.Shuffle(churn);
            foreach (var entry in churn)
            {
                lock (gate) table.AddLocked(entry);
            }
            random.Shuffle(churn);
            foreach (var entry in churn)
            {
                lock (gate) table.RemoveLocked(entry);
            }
        }
        done.Cancel();
        await Task.WhenAll(readers);

        Assert.Empty(failures);
        Assert.True(lookups > 0);
        Assert.Equal(64, table.Count);
    }

    [Fact]
    public async Task Concurrent_inserts_removals_and_reads_through_the_client_keep_table_trie_and_count_in_agreement()
    {
        using var client = new QueryClient();
        var stableKey = QueryKey.Create("stable", new { id = 1 });
        client.SetQueryData(stableKey, "here");
        var keys = Enumerable.Range(0, 2_000).Select(i => QueryKey.Create("pool", i % 10, new { id = i })).ToArray();
        int misses = 0;

        var workers = Enumerable.Range(0, 4).Select(w => Task.Run(() =>
        {
            var random = new Random(w);
            for (int step = 0; step < 40_000; step++)
            {
                var key = keys[random.Next(keys.Length)];
                switch (random.Next(4))
                {
                    case 0:
                    case 1:
                        client.SetQueryData(key, step);
                        break;
                    case 2:
                        client.RemoveQueries(key, exact: true);
                        break;
                    default:
                        client.GetQueryData<int>(key);
                        break;
                }
                if (client.GetQueryData<string>(stableKey) != "here") Interlocked.Increment(ref misses);
            }
        })).ToArray();
        await Task.WhenAll(workers);

        Assert.Equal(0, misses);
        var present = keys.Where(k => client.GetQueryState<int>(k) is not null).ToHashSet();
        Assert.Equal(present.Count + 1, client.Count);
        Assert.Equal(present.Count + 1, client.GetQueryKeys().Count);
        Assert.True(present.SetEquals(client.GetQueryKeys(QueryKey.Create("pool"))));
        for (int p = 0; p < 10; p++)
            Assert.Equal(present.Count(k => k.StartsWith(QueryKey.Create("pool", p))), client.GetQueryKeys(QueryKey.Create("pool", p)).Count);

        client.RemoveQueries(QueryKey.Create("pool"));
        Assert.Equal(1, client.Count);
        Assert.Equal("here", client.GetQueryData<string>(stableKey));
    }

    private static int Offset(QueryEntry entry) => int.Parse(entry.Key.ToString().Split(',')[1].TrimEnd(']'), System.Globalization.CultureInfo.InvariantCulture);
}
