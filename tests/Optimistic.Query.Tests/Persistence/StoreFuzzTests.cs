using System.Text;
using System.Text.Json;
using Optimistic.Query.Persistence;
using Optimistic.Query.Tests.Support;

namespace Optimistic.Query.Tests.Persistence;

/// <summary>
/// A realistic store (20 entries: nested records, non-ASCII strings, an error entry; a few KB), truncated at every
/// offset and hit by thousands of seeded 1–3 byte flips, in memory. Every damaged store is either restored exactly as
/// written or discarded with one report: no exception reaches the app, no changed data is restored, the live cache
/// carries on. (The file-based truncation test is in <see cref="CorruptStoreTests"/>.)
/// </summary>
public class StoreFuzzTests
{
    internal sealed record Address(string Street, string City, string? Country);

    internal sealed record Person(Guid Id, string Name, Address Home, string[] Tags, decimal Balance, DateTimeOffset Joined);

    internal sealed record Page(int Number, Person[] People, Dictionary<string, int> Counts);

    private const string Buster = "app-3.2.0";
    private const int Flips = 4000;
    private static readonly QueryKey LiveKey = QueryKey.Create("live");

    private static readonly string[] Names = ["Zoë Ångström", "Søren Kierkegaard", "李雷", "Đặng Thị Ngọc", "Οδυσσέας", "Nadia 🚀", "O'Brien \"Bob\"", "Ãlvaro\tTab"];

    private static byte[] RealisticStore(FakeTimeProvider time)
    {
        using var client = new QueryClient(new QueryClientOptions { TimeProvider = time });
        var random = new Random(7);
        for (int page = 0; page < 10; page++)
        {
            var people = Enumerable.Range(0, page % 5 == 0 ? 2 : 1).Select(i => new Person(
                new Guid(random.Next(), (short)i, (short)page, 1, 2, 3, 4, 5, 6, 7, 8),
                Names[(page + i) % Names.Length],
                new Address($"{page * 10 + i} Église", i % 2 == 0 ? "Zürich" : "Köln", i % 3 == 0 ? null : "ÇH"),
                page % 4 == 0 ? ["ünï", "🎉"] : [],
                page * 1000.25m + i,
                time.GetUtcNow().AddDays(-page))).ToArray();
            client.SetQueryData(QueryKey.Create("people", new { page, filter = new { active = page % 2 == 0 } }),
                new Page(page, people, new Dictionary<string, int> { ["ß"] = page }));
            time.Advance(TimeSpan.FromSeconds(1)); // distinct data times
        }
        foreach (var (name, value) in new[] { ("langue", "français"), ("größe", "groß"), ("時間帯", "東京"), ("city", "Kraków"), ("emoji", "👍🏽"), ("quote", "\"x\" \\ y") })
            client.SetQueryData(QueryKey.Create("setting", name), value);
        client.SetQueryData(QueryKey.Create("count"), 42);
        client.SetQueryData(QueryKey.Create("motd"), "Grüße aus Köln — ½ price ☕");
        client.SetQueryData(QueryKey.Create("flags", Guid.Parse("5b3d1f4e-0000-4000-8000-000000000001")), new[] { true, false, true });
        _ = client.FetchQueryAsync<int>(QueryKey.Create("user", 7), _ => Task.FromException<int>(new HttpRequestException("Service unavailable — réessayez")));
        var state = client.Dehydrate(new DehydrateOptions { ShouldDehydrate = (_, s) => s.Status != QueryStatus.Pending });
        Assert.Equal(20, state.Queries.Count);
        Assert.Single(state.Queries, q => q.Status == QueryStatus.Error);
        return state.WithBuster(Buster).ToUtf8Json();
    }

    /// <summary>Everything a restore reads, as text: two snapshots with the same text restore the same cache.</summary>
    private static string Describe(DehydratedState state)
    {
        var text = new StringBuilder().Append(state.Buster).Append('|').Append(state.Timestamp.ToString("O")).Append('\n');
        foreach (var q in state.Queries.OrderBy(q => q.Key.ToString(), StringComparer.Ordinal))
        {
            text.Append(q.Key).Append('|').Append(q.Status).Append('|').Append(q.DataUpdatedAt?.ToString("O")).Append('|')
                .Append(q.ErrorUpdatedAt?.ToString("O")).Append('|').Append(q.ErrorType).Append('|').Append(q.ErrorMessage).Append('|')
                .Append(q.Data.ValueKind == JsonValueKind.Undefined ? "-" : q.Data.GetRawText()).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Restores <paramref name="bytes"/> through a persister over a live cache; checks the outcome is all or nothing.</summary>
    private static async Task<bool> RestoreAndCheckAsync(byte[] bytes, DehydratedState original, FakeTimeProvider time, string what)
    {
        // The parser alone: never throws, and what it accepts is what was written.
        if (DehydratedState.TryParse(bytes, out var parsed, out _))
            Assert.True(Describe(original) == Describe(parsed), $"{what}: a changed store was accepted");

        var storage = new MemoryStorage(bytes);
        using var client = new QueryClient(new QueryClientOptions { TimeProvider = time });
        client.SetQueryData(LiveKey, "live");
        using var persister = new QueryPersister(client, new QueryPersisterOptions { Storage = storage, Buster = Buster });
        var events = new List<PersistenceEventArgs>();
        persister.Reported += (_, e) => events.Add(e);

        bool restored = await persister.StartAsync(); // an exception here fails the test: it would reach the app
        Assert.Equal("live", client.GetQueryData<string>(LiveKey));
        if (!restored)
        {
            var e = Assert.Single(events);
            Assert.True(e.Reason is PersistenceEventReason.Corrupt or PersistenceEventReason.FormatVersionMismatch, $"{what}: {e.Reason}");
            Assert.Null(storage.Content); // deleted: the next launch starts clean
            Assert.Equal(1, client.Count);
            return false;
        }
        Assert.Empty(events);
        Assert.Equal(original.Queries.Count + 1, client.Count);
        foreach (var query in original.Queries.Where(q => q.Status == QueryStatus.Success))
        {
            var raw = Assert.IsType<JsonElement>(client.GetQueryData<object>(query.Key));
            Assert.True(query.Data.GetRawText() == raw.GetRawText(), $"{what}: {query.Key} restored changed");
        }
        return true;
    }

    [Fact]
    public async Task Every_truncation_of_a_realistic_store_is_discarded_with_one_report()
    {
        var time = new FakeTimeProvider();
        var store = RealisticStore(time);
        Assert.InRange(store.Length, 2_000, 8_000); // a few KB
        Assert.True(DehydratedState.TryParse(store, out var original, out var error), error);

        for (int length = 0; length < store.Length; length++)
            Assert.False(await RestoreAndCheckAsync(store[..length], original, time, $"truncated to {length} bytes"));
        Assert.True(await RestoreAndCheckAsync(store, original, time, "the whole store"));
    }

    [Fact]
    public async Task Seeded_byte_flips_are_restored_unchanged_or_discarded_never_thrown()
    {
        var time = new FakeTimeProvider();
        var store = RealisticStore(time);
        Assert.True(DehydratedState.TryParse(store, out var original, out var error), error);
        var random = new Random(20_261_202);
        int discarded = 0;
        for (int round = 0; round < Flips; round++)
        {
            var bytes = (byte[])store.Clone();
            int count = random.Next(1, 4);
            var positions = new List<int>();
            for (int i = 0; i < count; i++)
            {
                int at = random.Next(bytes.Length);
                bytes[at] ^= (byte)random.Next(1, 256); // always a change
                positions.Add(at);
            }
            if (!await RestoreAndCheckAsync(bytes, original, time, $"round {round}, flips at {string.Join(", ", positions)}")) discarded++;
        }
        Assert.Equal(Flips, discarded); // with every byte under the envelope or the checksum, no flip goes unnoticed
    }
}
