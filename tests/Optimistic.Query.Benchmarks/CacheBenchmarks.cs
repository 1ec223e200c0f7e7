using BenchmarkDotNet.Attributes;

namespace Optimistic.Query.Benchmarks;

/// <summary>set-get-10k: 10,000 inserts, hits and updater writes per invocation (keys built in setup).</summary>
[MemoryDiagnoser]
public class SetGetBenchmarks
{
    private const int N = 10_000;
    private QueryKey[] _keys = null!;
    private Page[] _pages = null!;
    private QueryClient _filled = null!;

    [GlobalSetup]
    public void Setup()
    {
        _keys = Enumerable.Range(0, N).Select(Workloads.NotificationsKey).ToArray();
        _pages = Enumerable.Range(0, N).Select(i => Workloads.MakePage(i)).ToArray();
        _filled = new QueryClient();
        for (int i = 0; i < N; i++) _filled.SetQueryData(_keys[i], _pages[i]);
    }

    [GlobalCleanup]
    public void Cleanup() => _filled.Dispose();

    [Benchmark(OperationsPerInvoke = N)]
    public void Insert()
    {
        using var client = new QueryClient();
        for (int i = 0; i < N; i++) client.SetQueryData(_keys[i], _pages[i]);
    }

    [Benchmark(OperationsPerInvoke = N)]
    public int Get()
    {
        int hits = 0;
        for (int i = 0; i < N; i++) if (_filled.GetQueryData<Page>(_keys[i]) is not null) hits++;
        return hits;
    }

    [Benchmark(OperationsPerInvoke = N)]
    public void Update()
    {
        for (int i = 0; i < N; i++) _filled.SetQueryData<Page>(_keys[i], old => old!.WithRead(0, true));
    }
}

/// <summary>invalidate-prefix-1pct-of-100k and cancel-exact-of-100k, at growing cache sizes to show they stay flat.</summary>
[MemoryDiagnoser]
public class FilterBenchmarks
{
    private QueryClient _client = null!;
    private QueryKey[] _prefixes = null!;
    private QueryKey[] _keys = null!;
    private int _call;

    [Params(1_000, 10_000, 100_000)]
    public int CacheSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _client = Workloads.Populate(CacheSize, 100);
        _prefixes = Enumerable.Range(0, 100).Select(Workloads.RouterPrefix).ToArray();
        _keys = Enumerable.Range(0, 100).Select(c => Workloads.RouterKey(c % 100, c % (CacheSize / 100))).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup() => _client.Dispose();

    [Benchmark]
    public Task InvalidatePrefix() => _client.InvalidateQueriesAsync(_prefixes[_call++ % 100], exact: false, RefetchType.None);

    [Benchmark]
    public Task CancelExact() => _client.CancelQueriesAsync(_keys[_call++ % 100], exact: true);

    [Benchmark]
    public Task CancelPrefix() => _client.CancelQueriesAsync(_keys[_call++ % 100], exact: false);
}

/// <summary>optimistic-loop: cancel, get, set, invalidate, exact and prefix filters, at growing cache sizes.</summary>
[MemoryDiagnoser]
public class OptimisticLoopBenchmarks
{
    private QueryClient _client = null!;
    private QueryKey[] _keys = null!;
    private int _iteration;

    [Params(1_000, 10_000, 100_000)]
    public int CacheSize { get; set; }

    [Params(true, false)]
    public bool Exact { get; set; }

    [GlobalSetup]
    public void Setup() => (_client, _keys) = Workloads.NotificationsCache(CacheSize);

    [GlobalCleanup]
    public void Cleanup() => _client.Dispose();

    [Benchmark]
    public Task Iteration()
    {
        int it = _iteration++;
        return Workloads.OptimisticIterationAsync(_client, _keys[it % CacheSize], it, Exact);
    }
}

/// <summary>What building a key costs (the timed loops above build theirs in setup, as the anchor does).</summary>
[MemoryDiagnoser]
public class KeyConstructionBenchmarks
{
    private readonly QueryKey _left = Workloads.NotificationsKey(7);
    private readonly QueryKey _right = Workloads.NotificationsKey(7);
    private int _i;

    [Benchmark]
    public QueryKey NotificationsKey() => Workloads.NotificationsKey(_i++);

    [Benchmark]
    public QueryKey RouterPrefix() => Workloads.RouterPrefix(_i++ % 100);

    [Benchmark]
    public bool EqualKeysCompare() => _left.Equals(_right);
}
