using System.Text;
using Optimistic.Query.Persistence;
using Optimistic.Query.Tests.Mutations;
using Optimistic.Query.Tests.Support;

namespace Optimistic.Query.Tests.Persistence;

public class PersisterTests
{
    internal sealed record Todo(int Id, string Title);

    private static readonly QueryKey Key = QueryKey.Create("todos");

    private sealed class Harness : IDisposable
    {
        public Harness(MemoryStorage? storage = null, string buster = "", TimeSpan? maxAge = null, bool defaultMaxAge = true, FakeTimeProvider? time = null)
        {
            Time = time ?? new FakeTimeProvider();
            Storage = storage ?? new MemoryStorage();
            Client = new QueryClient(new QueryClientOptions { TimeProvider = Time, Logger = Logger });
            Persister = new QueryPersister(Client, new QueryPersisterOptions
            {
                Storage = Storage,
                Buster = buster,
                MaxAge = defaultMaxAge ? QueryPersisterOptions.DefaultMaxAge : maxAge,
            });
            Persister.Reported += (_, e) => { lock (Events) Events.Add(e); };
        }

        public FakeTimeProvider Time { get; }
        public MemoryStorage Storage { get; }
        public ListLogger Logger { get; } = new();
        public QueryClient Client { get; }
        public QueryPersister Persister { get; }
        public List<PersistenceEventArgs> Events { get; } = new();

        public void Dispose()
        {
            Persister.Dispose();
            Client.Dispose();
        }
    }

    private static byte[] Stored(FakeTimeProvider time, string buster = "", params (QueryKey Key, object Value)[] values)
    {
        using var client = new QueryClient(new QueryClientOptions { TimeProvider = time });
        foreach (var (key, value) in values) client.SetQueryData(key, value);
        return client.Dehydrate().WithBuster(buster).ToUtf8Json();
    }

    [Fact]
    public async Task Start_restores_then_writes_changes_throttled_and_coalesced()
    {
        using var h = new Harness();
        h.Storage.Content = Stored(h.Time, values: (Key, new Todo(1, "a")));

        Assert.True(await h.Persister.StartAsync());
        Assert.Equal("a", h.Client.GetQueryData<Todo>(Key)!.Title);
        Assert.Equal(0, h.Storage.Writes);

        h.Client.SetQueryData(Key, new Todo(1, "b"));
        h.Client.SetQueryData(QueryKey.Create("other"), 1);
        h.Client.SetQueryData(Key, new Todo(1, "c"));
        h.Time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(0, h.Storage.Writes);
        h.Time.Advance(TimeSpan.FromMilliseconds(1));
        await h.Persister.PendingWrite;
        Assert.Equal(1, h.Storage.Writes);

        using var next = new Harness(new MemoryStorage(h.Storage.Content), time: h.Time);
        Assert.True(await next.Persister.RestoreAsync());
        Assert.Equal("c", next.Client.GetQueryData<Todo>(Key)!.Title);
        Assert.Equal(1, next.Client.GetQueryData<int>(QueryKey.Create("other")));
        Assert.Empty(h.Events);
    }

    [Fact]
    public async Task Nothing_stored_restores_nothing_without_an_event()
    {
        using var h = new Harness();
        Assert.False(await h.Persister.StartAsync());
        Assert.Empty(h.Events);
    }

    [Fact]
    public async Task An_expired_store_is_discarded_with_an_event()
    {
        using var h = new Harness();
        h.Storage.Content = Stored(h.Time, values: (Key, 1));
        h.Time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));

        Assert.False(await h.Persister.RestoreAsync());
        Assert.Equal(PersistenceEventReason.Expired, Assert.Single(h.Events).Reason);
        Assert.Null(h.Storage.Content);
        Assert.Equal(0, h.Client.Count);
        Assert.Contains(h.Logger.Entries, l => l.Message.Contains("Expired", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_store_exactly_max_age_old_is_restored()
    {
        using var h = new Harness();
        h.Storage.Content = Stored(h.Time, values: (Key, 1));
        h.Time.Advance(TimeSpan.FromHours(24));
        Assert.True(await h.Persister.RestoreAsync());
    }

    [Fact]
    public async Task A_disabled_max_age_never_expires()
    {
        using var h = new Harness(defaultMaxAge: false, maxAge: null);
        h.Storage.Content = Stored(h.Time, values: (Key, 1));
        h.Time.Advance(TimeSpan.FromDays(400));
        Assert.True(await h.Persister.RestoreAsync());
    }

    [Fact]
    public async Task A_buster_mismatch_discards_the_store()
    {
        using var h = new Harness(buster: "v2");
        h.Storage.Content = Stored(h.Time, buster: "v1", values: (Key, 1));
        Assert.False(await h.Persister.RestoreAsync());
        Assert.Equal(PersistenceEventReason.BusterMismatch, Assert.Single(h.Events).Reason);
        Assert.Equal(0, h.Client.Count);
    }

    [Fact]
    public async Task Another_format_version_discards_the_store()
    {
        using var h = new Harness();
        h.Storage.Content = Encoding.UTF8.GetBytes("""{"formatVersion":3,"sha256":"","payload":{"buster":"","timestamp":"2024-01-01T00:00:00+00:00","queries":[]}}""");
        Assert.False(await h.Persister.RestoreAsync());
        Assert.Equal(PersistenceEventReason.FormatVersionMismatch, Assert.Single(h.Events).Reason);
    }

    [Fact]
    public async Task The_buster_is_written_and_a_store_from_the_future_is_discarded()
    {
        using var h = new Harness(buster: "v9");
        await h.Persister.StartAsync();
        h.Client.SetQueryData(Key, 1);
        await h.Persister.FlushAsync();
        Assert.Contains("\"buster\":\"v9\"", Encoding.UTF8.GetString(h.Storage.Content!));

        var future = new FakeTimeProvider(h.Time.GetUtcNow().AddDays(1));
        using var past = new Harness(new MemoryStorage(Stored(future, "v9", (Key, 1))), buster: "v9", time: h.Time);
        Assert.False(await past.Persister.RestoreAsync());
        Assert.Equal(PersistenceEventReason.Expired, Assert.Single(past.Events).Reason);
    }

    [Fact]
    public async Task Dispose_async_writes_pending_changes_and_dispose_stops_listening()
    {
        using var h = new Harness();
        await h.Persister.StartAsync();
        h.Client.SetQueryData(Key, 1);
        await h.Persister.DisposeAsync();
        Assert.Equal(1, h.Storage.Writes);
        h.Client.SetQueryData(Key, 2);
        h.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, h.Storage.Writes);
    }

    [Fact]
    public async Task Remove_deletes_the_store()
    {
        using var h = new Harness(new MemoryStorage(new byte[] { 1 }));
        await h.Persister.RemoveAsync();
        Assert.Null(h.Storage.Content);
    }

    [Fact]
    public async Task The_filter_chooses_what_is_persisted()
    {
        var time = new FakeTimeProvider();
        var storage = new MemoryStorage();
        using var client = new QueryClient(new QueryClientOptions { TimeProvider = time });
        using var persister = new QueryPersister(client, new QueryPersisterOptions
        {
            Storage = storage,
            Filter = (key, state) => state.Status == QueryStatus.Success && !key.StartsWith(QueryKey.Create("secret")),
        });
        client.SetQueryData(QueryKey.Create("secret", 1), "token");
        client.SetQueryData(Key, 1);
        await persister.FlushAsync();
        Assert.True(DehydratedState.TryParse(storage.Content, out var state, out _));
        Assert.Equal(Key, Assert.Single(state.Queries).Key);
    }

    [Fact]
    public async Task The_file_storage_writes_atomically_and_round_trips()
    {
        string directory = Path.Combine(Path.GetTempPath(), "oq-persist-" + Guid.NewGuid().ToString("N"));
        try
        {
            var storage = new FileStorage(Path.Combine(directory, "nested", "cache.json"));
            Assert.Null(await storage.ReadAsync(CancellationToken.None));
            await storage.DeleteAsync(CancellationToken.None); // nothing stored: no exception

            var time = new FakeTimeProvider();
            using var client = new QueryClient(new QueryClientOptions { TimeProvider = time });
            using var persister = new QueryPersister(client, new QueryPersisterOptions { Storage = storage });
            client.SetQueryData(Key, new Todo(1, "file"));
            await persister.FlushAsync();
            client.SetQueryData(Key, new Todo(1, "file2"));
            await persister.FlushAsync();

            Assert.Equal(new[] { "cache.json" }, Directory.GetFiles(Path.Combine(directory, "nested")).Select(Path.GetFileName));
            using var restored = new QueryClient(new QueryClientOptions { TimeProvider = time });
            using var reader = new QueryPersister(restored, new QueryPersisterOptions { Storage = storage });
            Assert.True(await reader.RestoreAsync());
            Assert.Equal("file2", restored.GetQueryData<Todo>(Key)!.Title);

            await storage.DeleteAsync(CancellationToken.None);
            Assert.Null(await storage.ReadAsync(CancellationToken.None));
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Negative_settings_are_rejected_at_construction()
    {
        using var client = new QueryClient();
        Assert.Throws<ArgumentOutOfRangeException>(() => new QueryPersister(client, new QueryPersisterOptions { MaxAge = TimeSpan.FromSeconds(-1), Storage = new MemoryStorage() }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new QueryPersister(client, new QueryPersisterOptions { Throttle = TimeSpan.FromSeconds(-1), Storage = new MemoryStorage() }));
        using var infinite = new QueryPersister(client, new QueryPersisterOptions { MaxAge = Timeout.InfiniteTimeSpan, Storage = new MemoryStorage() });
    }
}
