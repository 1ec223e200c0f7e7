using System.Text;
using System.Text.Json;
using Optimistic.Query.Persistence;
using Optimistic.Query.Tests.Mutations;
using Optimistic.Query.Tests.Support;

namespace Optimistic.Query.Tests.Persistence;

public class HydrationTests
{
    internal sealed record Todo(int Id, string Title, bool Done);

    private static readonly QueryKey TodosKey = QueryKey.Create("todos", new { page = 1 });
    private static readonly QueryKey UserKey = QueryKey.Create("user", 7);

    private static QueryClient NewClient(FakeTimeProvider time, ListLogger? logger = null) =>
        new(new QueryClientOptions { TimeProvider = time, Logger = logger });

    [Fact]
    public void Dehydrate_includes_successful_entries_only_by_default()
    {
        var time = new FakeTimeProvider();
        using var client = NewClient(time);
        client.SetQueryData(TodosKey, new[] { new Todo(1, "a", false) });
        _ = client.FetchQueryAsync<int>(UserKey, _ => Task.FromException<int>(new InvalidOperationException("boom")));
        _ = client.FetchQueryAsync<int>(QueryKey.Create("pending"), _ => new TaskCompletionSource<int>().Task);

        var state = client.Dehydrate();

        var query = Assert.Single(state.Queries);
        Assert.Equal(TodosKey, query.Key);
        Assert.Equal(QueryStatus.Success, query.Status);
        Assert.Equal(time.GetUtcNow(), query.DataUpdatedAt);
        Assert.Equal(time.GetUtcNow(), state.Timestamp);
        Assert.Equal(JsonValueKind.Array, query.Data.ValueKind);
    }

    [Fact]
    public void A_filter_can_include_errors_and_they_round_trip()
    {
        var time = new FakeTimeProvider();
        using var client = NewClient(time);
        _ = client.FetchQueryAsync<int>(UserKey, _ => Task.FromException<int>(new InvalidOperationException("boom")));

        var state = client.Dehydrate(new DehydrateOptions { ShouldDehydrate = (_, s) => s.Status != QueryStatus.Pending });
        Assert.True(DehydratedState.TryParse(state.ToUtf8Json(), out var parsed, out var error), error);

        using var restored = NewClient(time);
        restored.Hydrate(parsed);
        var restoredState = restored.GetQueryState<int>(UserKey)!;
        Assert.Equal(QueryStatus.Error, restoredState.Status);
        var persisted = Assert.IsType<PersistedQueryException>(restoredState.Error);
        Assert.Equal("boom", persisted.Message);
        Assert.Equal(typeof(InvalidOperationException).FullName, persisted.OriginalType);
        Assert.Equal(FetchStatus.Idle, restoredState.FetchStatus);
    }

    [Fact]
    public void An_entry_refetching_is_dehydrated_with_its_data_and_never_restores_a_fetch()
    {
        var time = new FakeTimeProvider();
        using var client = NewClient(time);
        client.SetQueryData(TodosKey, new[] { new Todo(1, "a", false) });
        _ = client.InvalidateQueriesAsync(TodosKey, refetch: RefetchType.None);
        _ = client.FetchQueryAsync<Todo[]>(TodosKey, _ => new TaskCompletionSource<Todo[]>().Task);
        Assert.Equal(FetchStatus.Fetching, client.GetQueryState<object>(TodosKey)!.FetchStatus);

        var json = client.Dehydrate().ToUtf8Json();
        Assert.DoesNotContain("fetch", Encoding.UTF8.GetString(json), StringComparison.OrdinalIgnoreCase);

        using var restored = NewClient(time);
        Assert.True(DehydratedState.TryParse(json, out var state, out _));
        restored.Hydrate(state);
        var restoredState = restored.GetQueryState<Todo[]>(TodosKey)!;
        Assert.Equal(FetchStatus.Idle, restoredState.FetchStatus);
        Assert.Equal("a", restoredState.Data![0].Title);
    }

    [Fact]
    public void Values_round_trip_through_the_format_and_type_lazily_on_the_first_read()
    {
        var time = new FakeTimeProvider();
        using var client = NewClient(time);
        client.SetQueryData(TodosKey, new List<Todo> { new(1, "a", false), new(2, "b", true) });
        client.SetQueryData(UserKey, 42);
        var json = client.Dehydrate().ToUtf8Json();

        using var restored = NewClient(time);
        Assert.True(DehydratedState.TryParse(json, out var state, out _));
        restored.Hydrate(state);

        Assert.Equal(2, restored.Count);
        Assert.Equal(42, restored.GetQueryData<int>(UserKey));
        var first = restored.GetQueryData<List<Todo>>(TodosKey)!;
        Assert.Equal(new Todo(2, "b", true), first[1]);
        Assert.Same(first, restored.GetQueryData<List<Todo>>(TodosKey)); // swapped in once, not deserialized again
        Assert.Equal(time.GetUtcNow(), restored.GetQueryState<List<Todo>>(TodosKey)!.DataUpdatedAt);
    }

    [Fact]
    public void Updaters_and_patches_see_the_restored_value_typed()
    {
        var time = new FakeTimeProvider();
        using var client = NewClient(time);
        client.SetQueryData(UserKey, 41);
        client.SetQueryData(TodosKey, new Todo(1, "a", false));
        var state = client.Dehydrate();

        using var restored = NewClient(time);
        restored.Hydrate(state);
        Assert.Equal(42, restored.SetQueryData<int>(UserKey, n => n + 1));
        var patch = restored.UpdateQueryData<Todo>(TodosKey, t => t with { Done = true });
        Assert.True(patch.Applied);
        Assert.True(restored.GetQueryData<Todo>(TodosKey)!.Done);
        patch.Undo();
        Assert.False(restored.GetQueryData<Todo>(TodosKey)!.Done);
    }

    [Fact]
    public async Task A_cached_fetch_returns_the_restored_value_typed()
    {
        var time = new FakeTimeProvider();
        using var client = NewClient(time);
        client.SetQueryData(TodosKey, new Todo(1, "a", false));
        using var restored = NewClient(time);
        restored.Hydrate(client.Dehydrate());

        var todo = await restored.EnsureQueryDataAsync<Todo>(TodosKey, _ => throw new InvalidOperationException("not called"));
        Assert.Equal("a", todo.Title);
    }

    [Fact]
    public void Hydrate_never_overwrites_newer_data()
    {
        var time = new FakeTimeProvider();
        using var source = NewClient(time);
        source.SetQueryData(TodosKey, new Todo(1, "old", false));
        var state = source.Dehydrate();

        using var client = NewClient(time);
        time.Advance(TimeSpan.FromSeconds(1));
        client.SetQueryData(TodosKey, new Todo(1, "new", false));
        client.Hydrate(state);
        Assert.Equal("new", client.GetQueryData<Todo>(TodosKey)!.Title);

        // Older live data is replaced.
        using var same = NewClient(time);
        same.SetQueryData(TodosKey, new Todo(1, "live", false));
        time.Advance(TimeSpan.FromSeconds(1));
        source.SetQueryData(TodosKey, new Todo(1, "persisted", false));
        same.Hydrate(source.Dehydrate());
        Assert.Equal("persisted", same.GetQueryData<Todo>(TodosKey)!.Title); // older live data is replaced
    }

    [Fact]
    public async Task Hydrate_notifies_observers_and_keeps_a_live_fetch_running()
    {
        var time = new FakeTimeProvider();
        using var source = NewClient(time);
        source.SetQueryData(TodosKey, new Todo(1, "persisted", false));
        var state = source.Dehydrate();

        using var client = NewClient(time);
        var pending = new TaskCompletionSource<Todo>();
        using var observer = client.Observe<Todo>(TodosKey, _ => pending.Task);
        var seen = new List<QueryState<Todo>>();
        using var subscription = observer.Subscribe(seen.Add);
        client.Hydrate(state);

        Assert.Equal("persisted", observer.State.Data!.Title);
        Assert.Equal(FetchStatus.Fetching, observer.State.FetchStatus);
        Assert.Contains(seen, s => s.Data?.Title == "persisted"); // the hydration itself was delivered (not only the current state)
        time.Advance(TimeSpan.FromSeconds(1));
        pending.SetResult(new Todo(1, "server", false));
        await client.FetchQueryAsync<Todo>(TodosKey, _ => pending.Task).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("server", client.GetQueryData<Todo>(TodosKey)!.Title);
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_discarded_with_an_event_and_reads_as_a_miss()
    {
        var time = new FakeTimeProvider();
        var logger = new ListLogger();
        using var source = NewClient(time);
        source.SetQueryData(TodosKey, "not a todo");
        var events = new List<PersistenceEventArgs>();

        using var client = NewClient(time, logger);
        client.Hydrate(source.Dehydrate(), new HydrateOptions { OnEvent = events.Add });

        Assert.Null(client.GetQueryData<Todo>(TodosKey));
        var e = Assert.Single(events);
        Assert.Equal(PersistenceEventReason.ValueTypeMismatch, e.Reason);
        Assert.Equal(TodosKey, e.Key);
        Assert.Contains(logger.Entries, l => l.EventId.Id == 100);
        var state = client.GetQueryState<object>(TodosKey)!;
        Assert.Equal(QueryStatus.Pending, state.Status);
        Assert.Null(state.DataUpdatedAt);
        // Discarded for good: a read as the original type is a miss too, and no second event.
        Assert.Null(client.GetQueryData<string>(TodosKey));
        Assert.Single(events);
    }

    [Fact]
    public void An_untyped_read_sees_the_json_without_fixing_the_type()
    {
        var time = new FakeTimeProvider();
        using var source = NewClient(time);
        source.SetQueryData(TodosKey, new Todo(3, "c", true));
        using var client = NewClient(time);
        client.Hydrate(source.Dehydrate());

        var raw = Assert.IsType<JsonElement>(client.GetQueryData<object>(TodosKey));
        Assert.Equal(3, raw.GetProperty("Id").GetInt32());
        Assert.Equal(3, client.GetQueryData<Todo>(TodosKey)!.Id);
    }

    [Fact]
    public void Serializer_options_apply_both_ways_and_unserializable_values_are_skipped_with_an_event()
    {
        var time = new FakeTimeProvider();
        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
        using var source = NewClient(time);
        source.SetQueryData(TodosKey, new Todo(1, "a", false));
        source.SetQueryData(UserKey, new Func<int>(() => 1));
        var events = new List<PersistenceEventArgs>();

        var state = source.Dehydrate(new DehydrateOptions { JsonSerializerOptions = options, OnEvent = events.Add });
        Assert.Equal(TodosKey, Assert.Single(state.Queries).Key);
        Assert.Equal(PersistenceEventReason.SerializationFailed, Assert.Single(events).Reason);
        Assert.Contains("\"title\"", Encoding.UTF8.GetString(state.ToUtf8Json()));

        using var client = NewClient(time);
        client.Hydrate(state, new HydrateOptions { JsonSerializerOptions = options });
        Assert.Equal("a", client.GetQueryData<Todo>(TodosKey)!.Title);
    }

    [Fact]
    public void The_format_is_versioned_checksummed_and_documented()
    {
        var time = new FakeTimeProvider();
        using var client = NewClient(time);
        client.SetQueryData(QueryKey.Create("n"), 5);
        var bytes = client.Dehydrate().WithBuster("v2").ToUtf8Json();
        using var document = JsonDocument.Parse(bytes);
        var root = document.RootElement;
        Assert.Equal(new[] { "formatVersion", "sha256", "payload" }, root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, root.GetProperty("formatVersion").GetInt32());
        var payloadBytes = StoreBytes.Payload(bytes);
        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(payloadBytes)).ToLowerInvariant(),
            root.GetProperty("sha256").GetString());
        var payload = root.GetProperty("payload");
        Assert.Equal(Encoding.UTF8.GetString(payloadBytes), payload.GetRawText());
        Assert.Equal("v2", payload.GetProperty("buster").GetString());
        Assert.Equal(time.GetUtcNow(), payload.GetProperty("timestamp").GetDateTimeOffset());
        var query = payload.GetProperty("queries")[0];
        Assert.Equal("[\"n\"]", query.GetProperty("key").GetString());
        Assert.Equal("success", query.GetProperty("status").GetString());
        Assert.Equal(5, query.GetProperty("data").GetInt32());
        Assert.Equal(time.GetUtcNow(), query.GetProperty("dataUpdatedAt").GetDateTimeOffset());
    }

    [Fact]
    public void Invalid_entries_are_skipped_and_the_others_restored()
    {
        var payload = """
            {"buster":"","timestamp":"2024-01-01T00:00:00+00:00","queries":[
              {"key":"not a key","status":"success","dataUpdatedAt":"2024-01-01T00:00:00+00:00","data":1},
              {"key":"[\"ok\"]","status":"success","dataUpdatedAt":"2024-01-01T00:00:00+00:00","data":2},
              {"key":"[\"nodate\"]","status":"success","data":3},
              42
            ]}
            """;
        var events = new List<PersistenceEventArgs>();
        var result = DehydratedState.Read(StoreBytes.Wrap(payload), new PersistenceReporter(null, events.Add));
        Assert.NotNull(result.State);
        Assert.Equal(QueryKey.Create("ok"), Assert.Single(result.State!.Queries).Key);
        Assert.Equal(3, events.Count);
        Assert.All(events, e => Assert.Equal(PersistenceEventReason.EntrySkipped, e.Reason));
    }
}
