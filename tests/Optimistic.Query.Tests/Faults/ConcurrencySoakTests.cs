using System.Diagnostics;
using Optimistic.Query.Persistence;
using Optimistic.Query.Tests.Persistence;
using Xunit.Abstractions;

namespace Optimistic.Query.Tests.Faults;

/// <summary>
/// Mixed operations from 8 threads against an invariant checker. Counter keys only ever grow through
/// <c>SetQueryData</c> updaters (plus reads, observers, cancels and invalidations that must not change them): at the end
/// each holds exactly the number of increments made, every reader saw it grow monotonically, and a persisted copy restores
/// the same totals. Scratch keys take everything else (writes, patches and undos, fetches that succeed, fail or hang,
/// removals, hydration of raw values). No deadlock: the run has a deadline. 1,000,000 operations by default (a few seconds
/// on 2 cores); <c>OPTIMISTIC_QUERY_SOAK=1</c> runs 20,000,000.
/// </summary>
public class ConcurrencySoakTests
{
    internal sealed record Counter(long Value);

    internal sealed record Scratch(int Value);

    private const int Threads = 8;
    private const int CounterKeys = 256;
    private const int ScratchKeys = 128;

    private readonly ITestOutputHelper _output;

    public ConcurrencySoakTests(ITestOutputHelper output) => _output = output;

    private static bool Soak => Environment.GetEnvironmentVariable("OPTIMISTIC_QUERY_SOAK") == "1";

    [Fact]
    public async Task Mixed_operations_from_8_threads_lose_nothing_and_never_deadlock()
    {
        long operations = Soak ? 20_000_000 : 1_000_000;
        var deadline = Soak ? TimeSpan.FromMinutes(30) : TimeSpan.FromSeconds(90);
        var counters = Enumerable.Range(0, CounterKeys).Select(i => QueryKey.Create("counter", i)).ToArray();
        var scratch = Enumerable.Range(0, ScratchKeys).Select(i => QueryKey.Create("scratch", new { id = i })).ToArray();
        var expected = new long[CounterKeys];
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var storage = new MemoryStorage();
        long observerReorders = 0;

        // A long gcTime: gc would drop unobserved counters (its countdown runs from creation, not from the last write).
        using var client = new QueryClient(new QueryClientOptions { ObserverRetry = 0, GcTime = TimeSpan.FromHours(1) });
        await using var persister = new QueryPersister(client, new QueryPersisterOptions { Storage = storage, Throttle = TimeSpan.FromMilliseconds(20) });
        persister.Reported += (_, e) => failures.Enqueue("persistence event: " + e);
        await persister.StartAsync();

        // A raw snapshot of scratch values, hydrated now and then so typed reads race with lazy materialization.
        using (var source = new QueryClient())
        {
            foreach (var key in scratch) source.SetQueryData(key, new Scratch(-1));
            var hydratable = source.Dehydrate();
            await RunAsync(hydratable);
        }

        async Task RunAsync(DehydratedState hydratable)
        {
            var watch = Stopwatch.StartNew();
            long perThread = operations / Threads;
            var workers = Enumerable.Range(0, Threads).Select(t => Task.Factory.StartNew(
                () => Worker(t, perThread, hydratable), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
            var all = Task.WhenAll(workers);
            var finished = await Task.WhenAny(all, Task.Delay(deadline));
            Assert.True(finished == all, $"deadlock or livelock: not done after {deadline}");
            await all;
            _output.WriteLine($"{operations:N0} operations in {watch.Elapsed}; listener deliveries out of order: {Interlocked.Read(ref observerReorders)}");
        }

        void Worker(int thread, long count, DehydratedState hydratable)
        {
            var random = new Random(1000 + thread);
            var lastRead = new long[CounterKeys];
            var observers = new Queue<(QueryObserver<Counter> Observer, IDisposable Subscription)>();
            try
            {
                for (long op = 0; op < count; op++)
                {
                    int roll = random.Next(100);
                    if (roll < 30)
                    {
                        int i = random.Next(CounterKeys);
                        client.SetQueryData<Counter>(counters[i], c => new Counter((c?.Value ?? 0) + 1));
                        Interlocked.Increment(ref expected[i]);
                    }
                    else if (roll < 55)
                    {
                        int i = random.Next(CounterKeys);
                        long value = client.GetQueryData<Counter>(counters[i])?.Value ?? 0;
                        if (value < lastRead[i]) failures.Enqueue($"counter {i} went back from {lastRead[i]} to {value}");
                        lastRead[i] = value;
                    }
                    else if (roll < 62)
                    {
                        var key = scratch[random.Next(ScratchKeys)];
                        client.SetQueryData(key, new Scratch(random.Next(1000)));
                    }
                    else if (roll < 69)
                    {
                        var patch = client.UpdateQueryData<Scratch>(scratch[random.Next(ScratchKeys)], s => s with { Value = s.Value + 1 });
                        if (random.Next(2) == 0) patch.Undo();
                    }
                    else if (roll < 75)
                    {
                        var key = scratch[random.Next(ScratchKeys)];
                        int kind = random.Next(3);
                        Task<Scratch> fetch = kind switch
                        {
                            0 => client.FetchQueryAsync(key, _ => Task.FromResult(new Scratch(7))),
                            1 => client.FetchQueryAsync<Scratch>(key, _ => Task.FromException<Scratch>(new FetchFault())),
                            _ => client.FetchQueryAsync<Scratch>(key, ct => Task.Delay(Timeout.Infinite, ct).ContinueWith(_ => new Scratch(0), TaskScheduler.Default)),
                        };
                        Observe(fetch);
                    }
                    else if (roll < 80)
                    {
                        bool counter = random.Next(2) == 0;
                        var key = counter ? counters[random.Next(CounterKeys)] : scratch[random.Next(ScratchKeys)];
                        Observe(client.CancelQueriesAsync(key, exact: random.Next(2) == 0));
                    }
                    else if (roll < 85)
                    {
                        var key = random.Next(4) == 0 ? QueryKey.Create("scratch") : counters[random.Next(CounterKeys)];
                        Observe(client.InvalidateQueriesAsync(key, refetch: random.Next(2) == 0 ? RefetchType.Active : RefetchType.None));
                    }
                    else if (roll < 89)
                    {
                        int i = random.Next(CounterKeys);
                        var observer = client.Observe<Counter>(counters[i], ct => Task.Delay(Timeout.Infinite, ct).ContinueWith(_ => new Counter(0), TaskScheduler.Default));
                        long last = 0;
                        var subscription = observer.Subscribe(s =>
                        {
                            long value = s.Data?.Value ?? 0;
                            long before = Interlocked.Exchange(ref last, Math.Max(value, Interlocked.Read(ref last)));
                            if (value < before) Interlocked.Increment(ref observerReorders);
                        });
                        observers.Enqueue((observer, subscription));
                        if (observers.Count > 4)
                        {
                            var (old, oldSubscription) = observers.Dequeue();
                            oldSubscription.Dispose();
                            old.Dispose();
                        }
                    }
                    else if (roll < 92)
                    {
                        client.RemoveQueries(scratch[random.Next(ScratchKeys)], exact: true);
                    }
                    else if (roll < 94)
                    {
                        client.Hydrate(hydratable);
                    }
                    else
                    {
                        var key = scratch[random.Next(ScratchKeys)];
                        var state = client.GetQueryState<Scratch>(key);
                        _ = client.GetQueryData<Scratch>(key);
                        if (state is { Status: QueryStatus.Success, DataUpdatedAt: null }) failures.Enqueue($"{key} has data without a timestamp");
                    }
                }
            }
            catch (Exception error)
            {
                failures.Enqueue($"thread {thread}: {error}");
            }
            finally
            {
                while (observers.Count > 0)
                {
                    var (observer, subscription) = observers.Dequeue();
                    subscription.Dispose();
                    observer.Dispose();
                }
            }
        }

        void Observe(Task task)
        {
            if (task.IsCompleted) Check(task);
            else task.ContinueWith(Check, TaskScheduler.Default);
        }

        void Check(Task task)
        {
            if (task.Exception?.GetBaseException() is { } error and not FetchFault and not OperationCanceledException)
                failures.Enqueue("unexpected task failure: " + error);
        }

        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(20)));
        Assert.Equal(0, Interlocked.Read(ref observerReorders)); // a listener never sees an older state after a newer one
        for (int i = 0; i < CounterKeys; i++)
        {
            Assert.Equal(expected[i], client.GetQueryData<Counter>(counters[i])?.Value ?? 0);
        }
        Assert.Equal(operations / Threads * Threads, operations);

        // What the persister writes restores the same totals.
        await persister.FlushAsync();
        using var restored = new QueryClient();
        Assert.True(DehydratedState.TryParse(storage.Content, out var persisted, out var parseError), parseError);
        restored.Hydrate(persisted);
        for (int i = 0; i < CounterKeys; i++)
        {
            Assert.Equal(expected[i], restored.GetQueryData<Counter>(counters[i])?.Value ?? 0);
        }
    }

    [Fact]
    public async Task Concurrent_first_typed_reads_and_updaters_on_restored_values_lose_nothing()
    {
        var keys = Enumerable.Range(0, 64).Select(i => QueryKey.Create("restored", i)).ToArray();
        using var source = new QueryClient();
        foreach (var key in keys) source.SetQueryData(key, new Counter(1000));
        var state = source.Dehydrate();

        for (int round = 0; round < (Soak ? 200 : 20); round++)
        {
            using var client = new QueryClient();
            client.Hydrate(state);
            var workers = Enumerable.Range(0, Threads).Select(t => Task.Run(() =>
            {
                foreach (var key in keys)
                {
                    if (t % 2 == 0) _ = client.GetQueryData<Counter>(key);
                    client.SetQueryData<Counter>(key, c => new Counter(c!.Value + 1));
                    _ = client.GetQueryState<Counter>(key);
                }
            })).ToArray();
            await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(30));
            foreach (var key in keys) Assert.Equal(1000 + Threads, client.GetQueryData<Counter>(key)!.Value);
        }
    }

    private sealed class FetchFault : Exception
    {
    }
}
