using Optimistic.Query.Tests.Support;

namespace Optimistic.Query.Tests.Layers;

/// <summary>
/// Real mutations on real threads: overlapping toggles with random failures and delays, a refetching reader, and
/// readers checking every value they see. After everything settled and a final refetch, readers see server truth.
/// </summary>
public class LayerConcurrencyTests
{
    private static readonly QueryKey Key = QueryKey.Create("todos");
    private const int Items = 8;

    private sealed class Server
    {
        private readonly object _gate = new();
        private string _truth = Bits.Zeros(Items);

        public string Truth
        {
            get
            {
                lock (_gate) return _truth;
            }
        }

        public void Toggle(int item)
        {
            lock (_gate) _truth = Bits.Toggle(_truth, item);
        }
    }

    [Fact]
    public async Task Overlapping_mutations_refetches_and_readers_on_real_threads_converge_to_server_truth()
    {
        for (int round = 0; round < 12; round++)
        {
            var random = new Random(round);
            var server = new Server();
            using var client = new QueryClient(new QueryClientOptions { TimeProvider = new FakeTimeProvider() });
            async Task<string> FetchAsync(CancellationToken ct)
            {
                var answer = server.Truth;
                await Task.Delay(Jitter(), CancellationToken.None);
                return answer;
            }
            using var observer = client.Observe(Key, FetchAsync);
            var notified = new List<string?>();
            using var subscription = observer.Subscribe(s => { lock (notified) notified.Add(s.Data); });
            await client.FetchQueryAsync(Key, FetchAsync);

            int Jitter()
            {
                lock (random) return random.Next(0, 3);
            }

            bool Fails()
            {
                lock (random) return random.Next(3) == 0;
            }

            var toggle = client.CreateMutation(new MutationOptions<int, Unit, OptimisticLayer<string>>
            {
                MutationFn = async (item, ct) =>
                {
                    await Task.Delay(Jitter(), ct);
                    if (Fails()) throw new InvalidOperationException("refused");
                    server.Toggle(item);
                    await Task.Delay(Jitter(), ct);
                    return Unit.Value;
                },
                OnMutateAsync = async item =>
                {
                    await client.CancelQueriesAsync(Key);
                    return client.AddOptimisticLayer<string>(Key, s => Bits.Toggle(s, item));
                },
                OnError = (error, item, layer) => layer?.Rollback(),
                OnSuccess = (data, item, layer) => layer?.Commit(),
                OnSettledAsync = (data, error, item, layer) => client.InvalidateQueriesAsync(Key),
            });

            using var stop = new CancellationTokenSource();
            int reads = 0;
            var reader = Task.Run(() =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var seen = client.GetQueryData<string>(Key);
                    Assert.NotNull(seen);
                    Assert.Equal(Items, seen!.Length);
                    Interlocked.Increment(ref reads);
                }
            });
            var refetcher = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    await observer.RefetchAsync();
                    await Task.Delay(1);
                }
            });

            var mutations = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
            {
                try
                {
                    await toggle.MutateAsync(i % 5); // items overlap: some toggles hit the same item
                }
                catch (InvalidOperationException)
                {
                    // refused by the server: rolled back
                }
            })).ToArray();
            await Task.WhenAll(mutations);
            stop.Cancel();
            await Task.WhenAll(reader, refetcher);

            await client.CancelQueriesAsync(Key);
            await client.InvalidateQueriesAsync(Key);
            Assert.Equal(server.Truth, client.GetQueryData<string>(Key));
            Assert.Equal(server.Truth, observer.State.Data);
            lock (notified) Assert.Equal(server.Truth, notified[^1]);
            Assert.True(reads > 0);

            client.SetQueryData(Key, "probe"); // no layer outlived its mutation
            Assert.Equal("probe", client.GetQueryData<string>(Key));
        }
    }

    [Fact]
    public async Task Updaters_racing_layers_that_come_and_go_lose_no_increment_and_bake_no_layer_into_the_base()
    {
        var key = QueryKey.Create("layered-counter");
        using var client = new QueryClient();
        client.SetQueryData(key, 0L);
        const int Writers = 3, PerWriter = 3_000;
        var writers = Enumerable.Range(0, Writers).Select(_ => Task.Run(() =>
        {
            for (int i = 0; i < PerWriter; i++) client.SetQueryData<long>(key, n => n + 1);
        })).ToArray();
        var layering = Task.Run(() =>
        {
            int round = 0;
            while (!writers.All(w => w.IsCompleted))
            {
                var layer = client.AddOptimisticLayer<long>(key, n => n + 1_000_000);
                if (round++ % 2 == 0) layer.Rollback();
                else layer.Commit();
            }
            return round;
        });
        await Task.WhenAll(writers);
        int rounds = await layering;

        long commits = rounds / 2;
        Assert.Equal(Writers * PerWriter + commits * 1_000_000, client.GetQueryData<long>(key));
    }

    [Fact]
    public async Task An_updater_never_mistakes_a_layer_that_came_and_went_for_the_base()
    {
        // Regression: an updater read "no layer", then the state while a layer showed, then "no layer" again after its
        // rollback, and took the layered value for the base. Rolled-back layers must leave no trace.
        var key = QueryKey.Create("flicker");
        using var client = new QueryClient();
        client.SetQueryData(key, 0L);
        const int PerWriter = 20_000;
        var writer = Task.Run(() =>
        {
            for (int i = 0; i < PerWriter; i++) client.SetQueryData<long>(key, n => n + 1);
        });
        var flicker = Task.Run(() =>
        {
            while (!writer.IsCompleted) client.AddOptimisticLayer<long>(key, n => n + 1_000_000).Rollback();
        });
        await Task.WhenAll(writer, flicker);

        Assert.Equal(PerWriter, client.GetQueryData<long>(key));
    }
}
