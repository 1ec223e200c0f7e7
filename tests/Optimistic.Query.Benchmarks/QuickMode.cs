using System.Diagnostics;
using System.Globalization;

namespace Optimistic.Query.Benchmarks;

/// <summary>
/// <c>--quick</c>: every workload with a plain stopwatch loop (a warm-up, then about one second), one line per
/// measure: <c>&lt;workload&gt;/&lt;measure&gt;: &lt;ns per op&gt; ns/op</c>. The side-by-side script reads these lines.
/// BenchmarkDotNet (the default mode) gives the careful numbers with allocations. <c>--quick &lt;prefix&gt;</c> runs only
/// the measures whose name starts with the prefix (e.g. <c>--quick set-get</c>).
/// </summary>
public static class QuickMode
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(1);

    /// <summary>The hot set of the flatness measure: the same keys whatever the cache size.</summary>
    private const int HotKeys = 1_000;

    private static string _only = "";

    public static async Task RunAsync(TextWriter output, string only = "")
    {
        _only = only;
        output.WriteLine($"# Optimistic.Query quick benchmarks, .NET {Environment.Version}, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}");

        if (Wanted("set-get")) SetGet(output);
        if (Wanted("invalidate-prefix") || Wanted("cancel-exact")) await InvalidatePrefixAndCancelAsync(output);
        foreach (int size in new[] { 1_000, 10_000, 100_000 })
        {
            if (!Wanted("optimistic-loop")) break;
            var (client, keys) = Workloads.NotificationsCache(size);
            using (client)
            {
                foreach (bool exact in new[] { true, false })
                {
                    string kind = exact ? "exact" : "prefix";
                    // The anchor's loop: it walks every key, so its data working set grows with the cache.
                    int iteration = 0;
                    await MeasureAsync(output, $"optimistic-loop/{size}-{kind}", 1, async () =>
                    {
                        int it = iteration++;
                        await Workloads.OptimisticIterationAsync(client, keys[it % size], it, exact);
                    });
                    // Flatness: the same 1,000 hot keys at every cache size, so only the cache's own scaling shows.
                    int hot = 0;
                    await MeasureAsync(output, $"optimistic-loop-hot{HotKeys}/{size}-{kind}", 1, async () =>
                    {
                        int it = hot++;
                        await Workloads.OptimisticIterationAsync(client, keys[it % HotKeys], it, exact);
                    });
                }
            }
        }

        int n = 0;
        if (Wanted("keys/")) Measure(output, "keys/notifications-key", 1, () => Workloads.NotificationsKey(n++));
        if (Wanted("keys/")) Measure(output, "keys/router-prefix", 1, () => Workloads.RouterPrefix(n++ % 100));
    }

    /// <summary>Whether a measure group passes the <c>--quick &lt;prefix&gt;</c> filter (either one may be the longer).</summary>
    private static bool Wanted(string group) =>
        group.StartsWith(_only, StringComparison.Ordinal) || _only.StartsWith(group, StringComparison.Ordinal);

    private static void SetGet(TextWriter output)
    {
        const int N = 10_000;
        var keys = new QueryKey[N];
        var pages = new Page[N];
        for (int i = 0; i < N; i++)
        {
            keys[i] = Workloads.NotificationsKey(i);
            pages[i] = Workloads.MakePage(i);
        }

        // Insert needs a fresh cache each round: time only the inserts. Like the anchor's single pass into a new client,
        // a round starts from a collected heap: the previous round's 10,000 entries are garbage by then, and collecting
        // them belongs to no insert of this round (the anchor has no previous round).
        if ("set-get-10k/insert".StartsWith(_only, StringComparison.Ordinal))
        {
            var insert = Repeat(() =>
            {
                GC.Collect();
                using var client = new QueryClient();
                var watch = Stopwatch.StartNew();
                for (int i = 0; i < N; i++) client.SetQueryData(keys[i], pages[i]);
                return (watch.Elapsed, N);
            });
            Report(output, "set-get-10k/insert", insert);
        }

        using var cache = new QueryClient();
        for (int i = 0; i < N; i++) cache.SetQueryData(keys[i], pages[i]);
        Measure(output, "set-get-10k/get", N, () =>
        {
            int hits = 0;
            for (int i = 0; i < N; i++) if (cache.GetQueryData<Page>(keys[i]) is not null) hits++;
            if (hits != N) throw new InvalidOperationException("miss");
        });
        Measure(output, "set-get-10k/update", N, () =>
        {
            for (int i = 0; i < N; i++) cache.SetQueryData<Page>(keys[i], old => old!.WithRead(0, true));
        });
    }

    private static async Task InvalidatePrefixAndCancelAsync(TextWriter output)
    {
        using var client = Workloads.Populate(100_000, 100);
        var prefixes = Enumerable.Range(0, 100).Select(Workloads.RouterPrefix).ToArray();
        var exactKeys = Enumerable.Range(0, 100).Select(c => Workloads.RouterKey(c % 100, c)).ToArray();
        int c = 0;
        await MeasureAsync(output, "invalidate-prefix-1pct-of-100k/invalidate", 1,
            () => client.InvalidateQueriesAsync(prefixes[c++ % 100], exact: false, RefetchType.None));
        await MeasureAsync(output, "cancel-exact-of-100k/exact", 1,
            () => client.CancelQueriesAsync(exactKeys[c++ % 100], exact: true));
        await MeasureAsync(output, "cancel-exact-of-100k/prefix", 1,
            () => client.CancelQueriesAsync(exactKeys[c++ % 100], exact: false));
    }

    private static void Measure(TextWriter output, string name, int opsPerCall, Action body)
    {
        if (!name.StartsWith(_only, StringComparison.Ordinal)) return;
        Report(output, name, Repeat(() =>
        {
            var watch = Stopwatch.StartNew();
            body();
            return (watch.Elapsed, opsPerCall);
        }));
    }

    private static async Task MeasureAsync(TextWriter output, string name, int opsPerCall, Func<Task> body)
    {
        if (!name.StartsWith(_only, StringComparison.Ordinal)) return;
        // Batches of calls per timing, so the stopwatch's own cost stays out of sub-microsecond measures.
        const int Batch = 64;
        async Task<(TimeSpan, int)> RunBatchAsync()
        {
            var watch = Stopwatch.StartNew();
            for (int i = 0; i < Batch; i++) await body();
            return (watch.Elapsed, Batch * opsPerCall);
        }

        SettleGarbage();
        for (int i = 0; i < 3; i++) await RunBatchAsync(); // warm-up
        var total = TimeSpan.Zero;
        long ops = 0;
        while (total < Budget)
        {
            var (elapsed, count) = await RunBatchAsync();
            total += elapsed;
            ops += count;
        }
        Write(output, name, total, ops);
    }

    private static (TimeSpan Total, long Ops) Repeat(Func<(TimeSpan Elapsed, int Ops)> round)
    {
        SettleGarbage();
        for (int i = 0; i < 3; i++) round(); // warm-up: tiering and caches
        var total = TimeSpan.Zero;
        long ops = 0;
        while (total < Budget)
        {
            var (elapsed, count) = round();
            total += elapsed;
            ops += count;
        }
        return (total, ops);
    }

    /// <summary>Collects the previous workload's garbage first, so one measure does not pay for another's.</summary>
    private static void SettleGarbage()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static void Report(TextWriter output, string name, (TimeSpan Total, long Ops) result) =>
        Write(output, name, result.Total, result.Ops);

    private static void Write(TextWriter output, string name, TimeSpan total, long ops) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {total.TotalMilliseconds * 1_000_000 / ops:0.0} ns/op"));
}
