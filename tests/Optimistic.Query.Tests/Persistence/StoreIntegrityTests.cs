using System.Text;
using Optimistic.Query.Persistence;
using Optimistic.Query.Tests.Mutations;
using Optimistic.Query.Tests.Support;

namespace Optimistic.Query.Tests.Persistence;

/// <summary>
/// Format version 2: a SHA-256 over the payload catches every changed byte the restore would read; bytes that are not
/// UTF-8 are corrupt, never an exception; a version-1 store is discarded once.
/// </summary>
public class StoreIntegrityTests
{
    internal sealed record Todo(int Id, string Title);

    private static readonly QueryKey LiveKey = QueryKey.Create("live");
    private static readonly QueryKey TodosKey = QueryKey.Create("todos", "broken");

    private static byte[] Store(FakeTimeProvider time)
    {
        using var client = new QueryClient(new QueryClientOptions { TimeProvider = time });
        client.SetQueryData(TodosKey, new[] { new Todo(1, "Milk"), new Todo(2, "Eggs") });
        client.SetQueryData(QueryKey.Create("count"), 2);
        return client.Dehydrate().WithBuster("v1").ToUtf8Json();
    }

    private sealed class Restorer : IDisposable
    {
        public Restorer(byte[] content, FakeTimeProvider time)
        {
            Storage = new MemoryStorage(content);
            Client = new QueryClient(new QueryClientOptions { TimeProvider = time, Logger = Logger });
            Client.SetQueryData(LiveKey, "live value");
            Persister = new QueryPersister(Client, new QueryPersisterOptions { Storage = Storage, Buster = "v1" });
            Persister.Reported += (_, e) => { lock (Events) Events.Add(e); };
        }

        public MemoryStorage Storage { get; }
        public ListLogger Logger { get; } = new();
        public QueryClient Client { get; }
        public QueryPersister Persister { get; }
        public List<PersistenceEventArgs> Events { get; } = new();

        /// <summary>Nothing but the live entry, which is still readable and writable.</summary>
        public void AssertOnlyTheLiveCache()
        {
            Assert.Equal(1, Client.Count);
            Assert.Equal("live value", Client.GetQueryData<string>(LiveKey));
            Client.SetQueryData(LiveKey, "still writable");
            Assert.Equal("still writable", Client.GetQueryData<string>(LiveKey));
        }

        public void Dispose()
        {
            Persister.Dispose();
            Client.Dispose();
        }
    }

    [Fact]
    public async Task Invalid_utf8_inside_a_json_string_is_reported_corrupt_and_deleted_not_thrown_at_the_app()
    {
        var time = new FakeTimeProvider();
        var store = Store(time);
        store[StoreBytes.IndexOf(store, "Milk") + 1] = 0xFF; // "M\xFFlk": still well-formed JSON, not UTF-8

        Assert.False(DehydratedState.TryParse(store, out _, out var error));
        Assert.Contains("UTF-8", error, StringComparison.Ordinal);

        using var r = new Restorer(store, time);
        Assert.False(await r.Persister.StartAsync());
        var e = Assert.Single(r.Events);
        Assert.Equal(PersistenceEventReason.Corrupt, e.Reason);
        Assert.Null(r.Storage.Content);
        Assert.Equal(1, r.Storage.Deletes);
        Assert.Contains(r.Logger.Entries, l => l.EventId.Id == 100);
        r.AssertOnlyTheLiveCache();
    }

    [Theory]
    [InlineData("\"key\":\"[\\\"a", new byte[] { 0xC3, 0x28 })]           // a broken two-byte sequence in a key
    [InlineData("\"buster\":\"", new byte[] { 0xED, 0xA0, 0x80 })]         // an encoded surrogate in the buster
    [InlineData("\"message\":\"", new byte[] { 0xF8, 0x88, 0x80, 0x80 })] // a five-byte form in an error message
    [InlineData("\"data\":\"", new byte[] { 0x80 })]                        // a lone continuation byte in a value
    public void Invalid_utf8_is_corrupt_even_under_a_matching_checksum(string after, byte[] invalid)
    {
        string payload = """
            {"buster":"v1","timestamp":"2024-01-01T00:00:00+00:00","queries":[
              {"key":"[\"a\"]","status":"error","errorUpdatedAt":"2024-01-01T00:00:00+00:00","error":{"type":"T","message":"m"}},
              {"key":"[\"b\"]","status":"success","dataUpdatedAt":"2024-01-01T00:00:00+00:00","data":"x"}
            ]}
            """;
        var bytes = Encoding.UTF8.GetBytes(payload).ToList();
        bytes.InsertRange(StoreBytes.IndexOf(bytes.ToArray(), after) + Encoding.UTF8.GetByteCount(after), invalid);
        var store = StoreBytes.Wrap(bytes.ToArray());

        Assert.False(DehydratedState.TryParse(store, out _, out var error));
        Assert.Contains("UTF-8", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\\ud800")]         // a lone high surrogate
    [InlineData("\\udc00x")]        // a lone low surrogate
    [InlineData("\\ud800\\ud800")]  // two high surrogates
    public void Escaped_lone_surrogates_under_a_matching_checksum_never_throw(string escape)
    {
        foreach (string field in new[] { "buster", "key", "status", "message", "type", "timestamp" })
        {
            string Value(string name, string normal) => name == field ? normal + escape : normal;
            string payload =
                "{\"buster\":\"" + Value("buster", "v1") + "\",\"timestamp\":\"" + Value("timestamp", "2024-01-01T00:00:00+00:00") + "\",\"queries\":[" +
                "{\"key\":\"[\\\"" + Value("key", "a") + "\\\"]\",\"status\":\"" + Value("status", "error") + "\",\"errorUpdatedAt\":\"2024-01-01T00:00:00+00:00\"," +
                "\"error\":{\"type\":\"" + Value("type", "T") + "\",\"message\":\"" + Value("message", "m") + "\"}}]}";
            var store = StoreBytes.Wrap(payload);
            var events = new List<PersistenceEventArgs>();
            var result = DehydratedState.Read(store, new PersistenceReporter(null, events.Add)); // must not throw
            if (result.State is { } state)
            {
                using var client = new QueryClient();
                client.Hydrate(state);
                _ = client.GetQueryState<object>(QueryKey.Create("a"));
            }
        }
    }

    [Theory]
    [InlineData("Milk", ";ilk")]                                 // a value
    [InlineData("broken", "troken")]                             // a key part
    [InlineData("\"v1\"", "\"v2\"")]                             // the buster
    [InlineData("\"timestamp\":\"2024-01-01T00:00:00", "\"timestamp\":\"2024-01-01T00:00:09")]
    [InlineData("\"dataUpdatedAt\":\"2024-01-01T00", "\"dataUpdatedAt\":\"2024-01-09T00")]
    [InlineData("\"success\"", "\"sUccess\"")]                   // a status
    [InlineData("\"Id\":2", "\"Id\":3")]
    public async Task A_changed_byte_that_keeps_the_json_valid_is_caught_by_the_checksum(string from, string to)
    {
        var time = new FakeTimeProvider();
        var store = StoreBytes.Replace(Store(time), from, to);

        Assert.False(DehydratedState.TryParse(store, out _, out var error));
        Assert.Contains("checksum", error, StringComparison.Ordinal);

        using var r = new Restorer(store, time);
        Assert.False(await r.Persister.RestoreAsync());
        Assert.Equal(PersistenceEventReason.Corrupt, Assert.Single(r.Events).Reason);
        Assert.Null(r.Storage.Content);
        r.AssertOnlyTheLiveCache();
    }

    [Fact]
    public async Task The_unchanged_store_restores()
    {
        var time = new FakeTimeProvider();
        using var r = new Restorer(Store(time), time);
        Assert.True(await r.Persister.RestoreAsync());
        Assert.Empty(r.Events);
        Assert.Equal("Milk", r.Client.GetQueryData<Todo[]>(TodosKey)![0].Title);
    }

    [Fact]
    public async Task A_version_1_store_is_discarded_once_as_another_format_and_the_cache_starts_empty()
    {
        var time = new FakeTimeProvider();
        var v1 = Encoding.UTF8.GetBytes("""
            {"formatVersion":1,"buster":"v1","timestamp":"2024-01-01T00:00:00.0000000+00:00","queries":[
              {"key":"[\"todos\",\"broken\"]","status":"success","dataUpdatedAt":"2024-01-01T00:00:00.0000000+00:00","data":[{"Id":1,"Title":"Milk"}]}
            ]}
            """);
        using var r = new Restorer(v1, time);
        Assert.False(await r.Persister.StartAsync());
        var e = Assert.Single(r.Events);
        Assert.Equal(PersistenceEventReason.FormatVersionMismatch, e.Reason);
        Assert.Contains("format version 1", e.Message, StringComparison.Ordinal);
        Assert.Null(r.Storage.Content);
        r.AssertOnlyTheLiveCache();

        // The next write is version 2 and restores.
        await r.Persister.FlushAsync();
        using var next = new Restorer(r.Storage.Content!, time);
        Assert.True(await next.Persister.RestoreAsync());
        Assert.Empty(next.Events);
    }

    [Theory]
    [InlineData("""{"formatVersion":2,"payload":{"buster":"v1","timestamp":"2024-01-01T00:00:00+00:00","queries":[]}}""", "no sha256")]
    [InlineData("""{"formatVersion":2,"sha256":"00","payload":{"buster":"v1","timestamp":"2024-01-01T00:00:00+00:00","queries":[]}}""", "checksum")]
    [InlineData("""{"formatVersion":2,"sha256":7,"payload":{}}""", "sha256")]
    [InlineData("""{"formatVersion":2,"sha256":"0000000000000000000000000000000000000000000000000000000000000000"}""", "no payload")]
    public void A_store_without_a_matching_checksum_is_corrupt(string json, string why)
    {
        Assert.False(DehydratedState.TryParse(Encoding.UTF8.GetBytes(json), out _, out var error));
        Assert.Contains(why, error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_checksum_covers_the_payload_as_written_and_a_second_payload_is_corrupt()
    {
        var time = new FakeTimeProvider();
        var store = Store(time);
        var payload = StoreBytes.Payload(store);
        Assert.Equal(store, StoreBytes.Wrap(payload)); // the documented layout, byte for byte

        // A payload property appended after the hashed one: the reader would otherwise have to pick one of the two.
        var doubled = store[..^1].Concat(Encoding.UTF8.GetBytes(",\"payload\":")).Concat(payload).Append((byte)'}').ToArray();
        Assert.False(DehydratedState.TryParse(doubled, out _, out var error));
        Assert.Contains("more than one", error, StringComparison.Ordinal);

        // Whitespace inside the payload is part of the hashed bytes: re-indenting the payload is a change.
        var spaced = store.ToList();
        spaced.Insert(StoreBytes.IndexOf(store, "{\"buster\"") + 1, (byte)' ');
        Assert.False(DehydratedState.TryParse(spaced.ToArray(), out _, out error));
        Assert.Contains("checksum", error, StringComparison.Ordinal);
    }
}
