using System.Text;
using Optimistic.Query.Persistence;
using Optimistic.Query.Tests.Mutations;
using Optimistic.Query.Tests.Support;

namespace Optimistic.Query.Tests.Persistence;

/// <summary>Bad stores and failing storages: always discarded or reported, never thrown, and the live cache carries on.</summary>
public class CorruptStoreTests
{
    internal sealed record Todo(int Id, string Title);

    private static readonly QueryKey LiveKey = QueryKey.Create("live");
    private static readonly QueryKey StoredKey = QueryKey.Create("todos", new { page = 1 });

    private static byte[] SmallStore(FakeTimeProvider time)
    {
        using var client = new QueryClient(new QueryClientOptions { TimeProvider = time });
        client.SetQueryData(StoredKey, new[] { new Todo(1, "a"), new Todo(2, "b") });
        client.SetQueryData(QueryKey.Create("count"), 2);
        return client.Dehydrate().WithBuster("v1").ToUtf8Json();
    }

    private static (QueryClient Client, QueryPersister Persister, List<PersistenceEventArgs> Events, ListLogger Logger) Restore(
        IPersistenceStorage storage, FakeTimeProvider time)
    {
        var logger = new ListLogger();
        var client = new QueryClient(new QueryClientOptions { TimeProvider = time, Logger = logger });
        client.SetQueryData(LiveKey, "live value");
        var persister = new QueryPersister(client, new QueryPersisterOptions { Storage = storage, Buster = "v1" });
        var events = new List<PersistenceEventArgs>();
        persister.Reported += (_, e) => { lock (events) events.Add(e); };
        return (client, persister, events, logger);
    }

    private static void AssertLiveCacheIntact(QueryClient client)
    {
        Assert.Equal("live value", client.GetQueryData<string>(LiveKey));
        client.SetQueryData(LiveKey, "still writable");
        Assert.Equal("still writable", client.GetQueryData<string>(LiveKey));
    }

    [Fact]
    public async Task A_file_truncated_at_every_byte_offset_is_discarded_with_an_event()
    {
        var time = new FakeTimeProvider();
        var full = SmallStore(time);
        Assert.InRange(full.Length, 100, 1000);
        string directory = Path.Combine(Path.GetTempPath(), "oq-truncate-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            string path = Path.Combine(directory, "cache.json");
            for (int length = 0; length < full.Length; length++)
            {
                await File.WriteAllBytesAsync(path, full.AsMemory(0, length).ToArray());
                var (client, persister, events, logger) = Restore(new FileStorage(path), time);
                using (client)
                using (persister)
                {
                    Assert.False(await persister.RestoreAsync(), $"length {length}");
                    var e = Assert.Single(events);
                    Assert.Equal(PersistenceEventReason.Corrupt, e.Reason);
                    Assert.Contains(logger.Entries, l => l.EventId.Id == 100);
                    Assert.False(File.Exists(path), $"the corrupt store of length {length} was not deleted");
                    Assert.Equal(1, client.Count);
                    AssertLiveCacheIntact(client);
                }
            }

            // The untruncated file restores.
            await File.WriteAllBytesAsync(path, full);
            var (ok, okPersister, okEvents, _) = Restore(new FileStorage(path), time);
            using (ok)
            using (okPersister)
            {
                Assert.True(await okPersister.RestoreAsync());
                Assert.Empty(okEvents);
                Assert.Equal(3, ok.Count);
                Assert.Equal("b", ok.GetQueryData<Todo[]>(StoredKey)![1].Title);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Random_bytes_are_discarded_as_corrupt()
    {
        var time = new FakeTimeProvider();
        var random = new Random(1234);
        for (int i = 0; i < 300; i++)
        {
            var bytes = new byte[random.Next(0, 400)];
            random.NextBytes(bytes);
            if (i % 3 == 0 && bytes.Length > 0) bytes[0] = (byte)'{'; // get past the first byte now and then
            var (client, persister, events, _) = Restore(new MemoryStorage(bytes), time);
            using (client)
            using (persister)
            {
                Assert.False(await persister.RestoreAsync());
                Assert.Equal(PersistenceEventReason.Corrupt, Assert.Single(events).Reason);
                AssertLiveCacheIntact(client);
            }
        }
    }

    [Theory]
    [InlineData("[]", PersistenceEventReason.Corrupt)]
    [InlineData("{}", PersistenceEventReason.Corrupt)]
    [InlineData("null", PersistenceEventReason.Corrupt)]
    [InlineData("42", PersistenceEventReason.Corrupt)]
    [InlineData("\"cache\"", PersistenceEventReason.Corrupt)]
    [InlineData("{\"formatVersion\":\"2\"}", PersistenceEventReason.Corrupt)]
    [InlineData("{\"formatVersion\":2}", PersistenceEventReason.Corrupt)]
    [InlineData("{\"formatVersion\":2,\"payload\":{}} trailing", PersistenceEventReason.Corrupt)]
    [InlineData("{\"formatVersion\":1.5,\"buster\":\"v1\",\"timestamp\":\"2024-01-01T00:00:00Z\",\"queries\":[]}", PersistenceEventReason.FormatVersionMismatch)]
    [InlineData("{\"formatVersion\":0,\"queries\":[]}", PersistenceEventReason.FormatVersionMismatch)]
    [InlineData("{\"formatVersion\":1,\"buster\":\"v1\",\"timestamp\":\"2024-01-01T00:00:00Z\",\"queries\":[]}", PersistenceEventReason.FormatVersionMismatch)]
    [InlineData("{\"formatVersion\":3,\"sha256\":\"?\",\"whatever\":[]}", PersistenceEventReason.FormatVersionMismatch)]
    public async Task Valid_json_of_the_wrong_shape_is_discarded(string json, PersistenceEventReason reason)
    {
        var time = new FakeTimeProvider();
        var (client, persister, events, _) = Restore(new MemoryStorage(Encoding.UTF8.GetBytes(json)), time);
        using (client)
        using (persister)
        {
            Assert.False(await persister.RestoreAsync());
            Assert.Equal(reason, Assert.Single(events).Reason);
            AssertLiveCacheIntact(client);
        }
    }

    [Theory]
    [InlineData("[]", PersistenceEventReason.Corrupt)]
    [InlineData("42", PersistenceEventReason.Corrupt)]
    [InlineData("{\"buster\":\"v1\",\"timestamp\":\"yesterday\",\"queries\":[]}", PersistenceEventReason.Corrupt)]
    [InlineData("{\"buster\":\"v1\",\"timestamp\":\"2024-01-01T00:00:00Z\",\"queries\":{}}", PersistenceEventReason.Corrupt)]
    [InlineData("{\"buster\":7,\"timestamp\":\"2024-01-01T00:00:00Z\",\"queries\":[]}", PersistenceEventReason.Corrupt)]
    [InlineData("{\"buster\":\"v1\",\"queries\":[]}", PersistenceEventReason.Corrupt)]
    [InlineData("{\"buster\":\"v0\",\"timestamp\":\"2024-01-01T00:00:00Z\",\"queries\":[]}", PersistenceEventReason.BusterMismatch)]
    public async Task A_payload_of_the_wrong_shape_under_a_matching_checksum_is_discarded(string payload, PersistenceEventReason reason)
    {
        var time = new FakeTimeProvider();
        var (client, persister, events, _) = Restore(new MemoryStorage(StoreBytes.Wrap(payload)), time);
        using (client)
        using (persister)
        {
            Assert.False(await persister.RestoreAsync());
            Assert.Equal(reason, Assert.Single(events).Reason);
            AssertLiveCacheIntact(client);
        }
    }

    [Fact]
    public async Task Nesting_deeper_than_the_reader_accepts_is_corrupt_not_a_crash()
    {
        var json = new string('[', 100_000) + new string(']', 100_000);
        var (client, persister, events, _) = Restore(new MemoryStorage(Encoding.UTF8.GetBytes(json)), new FakeTimeProvider());
        using (client)
        using (persister)
        {
            Assert.False(await persister.RestoreAsync());
            Assert.Equal(PersistenceEventReason.Corrupt, Assert.Single(events).Reason);
        }
    }

    [Fact]
    public async Task Entries_with_bad_keys_or_fields_are_skipped_and_the_rest_restored()
    {
        var payload = """
            {"buster":"v1","timestamp":"2024-01-01T00:00:00+00:00","queries":[
              {"key":"[\"ok\"]","status":"success","dataUpdatedAt":"2024-01-01T00:00:00+00:00","data":{"Id":1,"Title":"t"}},
              {"key":"[unclosed","status":"success","dataUpdatedAt":"2024-01-01T00:00:00+00:00","data":1},
              {"key":"[\"s\"]","status":"pending","dataUpdatedAt":"2024-01-01T00:00:00+00:00","data":1},
              {"key":"[\"d\"]","status":"success","dataUpdatedAt":"soon","data":1}
            ]}
            """;
        var (client, persister, events, _) = Restore(new MemoryStorage(StoreBytes.Wrap(payload)), new FakeTimeProvider());
        using (client)
        using (persister)
        {
            Assert.True(await persister.RestoreAsync());
            Assert.Equal(3, events.Count);
            Assert.All(events, e => Assert.Equal(PersistenceEventReason.EntrySkipped, e.Reason));
            Assert.Equal("t", client.GetQueryData<Todo>(QueryKey.Create("ok"))!.Title);
            AssertLiveCacheIntact(client);
        }
    }

    [Fact]
    public async Task Values_of_the_wrong_type_read_as_a_miss_with_an_event_through_the_persister()
    {
        var time = new FakeTimeProvider();
        var (client, persister, events, _) = Restore(new MemoryStorage(SmallStore(time)), time);
        using (client)
        using (persister)
        {
            Assert.True(await persister.RestoreAsync());
            Assert.Null(client.GetQueryData<Dictionary<string, int>>(StoredKey)); // an array is not a dictionary
            Assert.Null(client.GetQueryData<Guid?>(QueryKey.Create("count")));
            Assert.Equal(new[] { PersistenceEventReason.ValueTypeMismatch, PersistenceEventReason.ValueTypeMismatch }, events.Select(e => e.Reason));
            Assert.False(client.UpdateQueryData<int>(QueryKey.Create("count"), n => n + 1).Applied); // discarded: a miss for everyone
            AssertLiveCacheIntact(client);
        }
    }

    [Fact]
    public async Task A_storage_that_throws_on_write_is_reported_and_the_next_write_succeeds()
    {
        var time = new FakeTimeProvider();
        var storage = new MemoryStorage { FailWrites = true };
        var (client, persister, events, logger) = Restore(storage, time);
        using (client)
        using (persister)
        {
            await persister.StartAsync();
            client.SetQueryData(StoredKey, new[] { new Todo(1, "a") });
            time.Advance(TimeSpan.FromSeconds(1));
            await persister.PendingWrite;
            Assert.Equal(PersistenceEventReason.WriteFailed, Assert.Single(events).Reason);
            Assert.IsType<IOException>(events[0].Exception);
            Assert.Contains(logger.Entries, l => l.EventId.Id == 101 && l.Level == Microsoft.Extensions.Logging.LogLevel.Error);
            AssertLiveCacheIntact(client);

            storage.FailWrites = false;
            client.SetQueryData(StoredKey, new[] { new Todo(1, "b") });
            time.Advance(TimeSpan.FromSeconds(1));
            await persister.PendingWrite;
            Assert.Equal(1, storage.Writes);
            Assert.Single(events);
        }
    }

    [Fact]
    public async Task A_read_only_storage_reports_write_and_delete_failures_and_never_throws()
    {
        var time = new FakeTimeProvider();
        var storage = new MemoryStorage(Encoding.UTF8.GetBytes("{broken")) { ReadOnly = true };
        var (client, persister, events, _) = Restore(storage, time);
        using (client)
        using (persister)
        {
            Assert.False(await persister.StartAsync());
            Assert.Equal(new[] { PersistenceEventReason.Corrupt, PersistenceEventReason.DeleteFailed }, events.Select(e => e.Reason));

            client.SetQueryData(StoredKey, new[] { new Todo(1, "a") });
            await persister.FlushAsync();
            await persister.RemoveAsync();
            Assert.Equal(
                new[] { PersistenceEventReason.Corrupt, PersistenceEventReason.DeleteFailed, PersistenceEventReason.WriteFailed, PersistenceEventReason.DeleteFailed },
                events.Select(e => e.Reason));
            Assert.All(events.Skip(1), e => Assert.IsType<UnauthorizedAccessException>(e.Exception));
            AssertLiveCacheIntact(client);
        }
    }

    [Fact]
    public async Task A_storage_that_throws_on_read_is_reported()
    {
        var (client, persister, events, _) = Restore(new MemoryStorage(new byte[] { 1 }) { FailReads = true }, new FakeTimeProvider());
        using (client)
        using (persister)
        {
            Assert.False(await persister.StartAsync());
            Assert.Equal(PersistenceEventReason.ReadFailed, Assert.Single(events).Reason);
            AssertLiveCacheIntact(client);
        }
    }

    [Fact]
    public async Task A_file_storage_on_a_path_it_cannot_write_reports_instead_of_throwing()
    {
        string blocker = Path.Combine(Path.GetTempPath(), "oq-blocker-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(blocker, "a file where the store's directory should be");
        try
        {
            var (client, persister, events, _) = Restore(new FileStorage(Path.Combine(blocker, "cache.json")), new FakeTimeProvider());
            using (client)
            using (persister)
            {
                Assert.False(await persister.RestoreAsync());
                await persister.FlushAsync();
                Assert.Equal(PersistenceEventReason.WriteFailed, Assert.Single(events).Reason);
                AssertLiveCacheIntact(client);
            }
        }
        finally
        {
            File.Delete(blocker);
        }
    }

    [Fact]
    public async Task A_throwing_event_handler_is_logged_and_the_other_handlers_still_run()
    {
        var time = new FakeTimeProvider();
        var (client, persister, events, logger) = Restore(new MemoryStorage(Encoding.UTF8.GetBytes("nope")), time);
        using (client)
        using (persister)
        {
            persister.Reported += (_, _) => throw new InvalidOperationException("handler bug");
            var after = 0;
            persister.Reported += (_, _) => after++;
            Assert.False(await persister.RestoreAsync());
            Assert.Single(events);
            Assert.Equal(1, after);
            Assert.Contains(logger.Entries, l => l.Exception is InvalidOperationException { Message: "handler bug" });
        }
    }
}
