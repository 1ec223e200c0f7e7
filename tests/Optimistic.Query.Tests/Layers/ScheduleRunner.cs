using Optimistic.Query.Tests.Support;

namespace Optimistic.Query.Tests.Layers;

/// <summary>How a schedule's mutations write optimistically and roll back.</summary>
public enum OptimisticPattern
{
    /// <summary><c>AddOptimisticLayer</c>; OnError <c>Rollback</c>, OnSuccess <c>Commit</c>.</summary>
    Layers,

    /// <summary>The contract's snapshot pattern: snapshot, <c>SetQueryData</c>; OnError restores the snapshot.</summary>
    Snapshot,

    /// <summary>RTK's pattern: <c>UpdateQueryData</c>; OnError <c>Undo</c>.</summary>
    Undo,
}

/// <summary>
/// Runs a schedule against a real <see cref="QueryClient"/>, one step at a time on the test's thread (fetch answers
/// complete synchronously, so the interleaving is exactly the schedule's), and records what readers see after each step
/// next to what the reference model says they should see.
/// </summary>
internal sealed class ScheduleRunner : IDisposable
{
    private static readonly QueryKey Key = QueryKey.Create("todos", new { page = 1 });

    private readonly QueryClient _client = new(new QueryClientOptions { TimeProvider = new FakeTimeProvider() });
    private readonly List<(TaskCompletionSource<string> Answer, string Captured)> _fetches = new();
    private readonly ScheduledMutation[] _mutations;
    private readonly object?[] _contexts;
    private readonly OptimisticPattern _pattern;
    private string _truth;

    public ScheduleRunner(OptimisticPattern pattern, string initial, bool initialLands, ScheduledMutation[] mutations)
    {
        // A fetch answer lands inside SetResult only where .NET inlines continuations: not under xunit's synchronization context.
        SynchronizationContext.SetSynchronizationContext(null);
        _pattern = pattern;
        _truth = initial;
        _mutations = mutations;
        _contexts = new object?[mutations.Length];
        Model = new LayerSpecModel(initial, mutations);
        _ = _client.FetchQueryAsync(Key, FetchAsync);
        Model.StartFetch(cancelRefetch: false);
        if (initialLands) Run(new Step(StepKind.Land, 0));
    }

    public LayerSpecModel Model { get; }

    public string? Visible => _client.GetQueryData<string>(Key);

    public string Truth => _truth;

    /// <summary>Runs one step on the client and on the model; returns (what readers see, what the model says).</summary>
    public (string? Actual, string? Expected) Run(Step step)
    {
        SynchronizationContext.SetSynchronizationContext(null);
        int fetchesBefore = _fetches.Count;
        switch (step.Kind)
        {
            case StepKind.Mutate: Mutate(step.Target); break;
            case StepKind.Resolve:
                if (_mutations[step.Target].Succeeds) _truth = Bits.Toggle(_truth, _mutations[step.Target].Item);
                break;
            case StepKind.Settle: Settle(step.Target); break;
            case StepKind.Invalidate: _ = _client.InvalidateQueriesAsync(Key, refetch: RefetchType.All); break;
            case StepKind.Refetch: _ = _client.FetchQueryAsync(Key, FetchAsync); break;
            case StepKind.Land: _fetches[step.Target].Answer.SetResult(_fetches[step.Target].Captured); break;
        }
        bool started = Model.Apply(step);
        if (_fetches.Count != fetchesBefore + (started ? 1 : 0))
            throw new InvalidOperationException($"{step}: the cache started {_fetches.Count - fetchesBefore} fetches, the model {(started ? 1 : 0)}.");
        return (Visible, Model.Visible);
    }

    /// <summary>Reconciles at the end: cancel, invalidate (a fetch that starts after every mutation settled), land everything.</summary>
    public void Reconcile()
    {
        _ = _client.CancelQueriesAsync(Key);
        Model.Cancel();
        _ = _client.InvalidateQueriesAsync(Key, refetch: RefetchType.All);
        Model.StartFetch(cancelRefetch: true);
        for (int f = 0; f < _fetches.Count; f++)
        {
            if (!_fetches[f].Answer.Task.IsCompleted) Run(new Step(StepKind.Land, f));
        }
    }

    /// <summary>Whether the key still has layers: a base write then does not read back as written.</summary>
    public bool HasLayersLeft()
    {
        var current = Visible;
        if (current is null) return false;
        var probe = new string('x', current.Length);
        _client.SetQueryData(Key, probe);
        return _client.GetQueryData<string>(Key) != probe;
    }

    public bool IsFetching => _client.GetQueryState<string>(Key)?.FetchStatus == FetchStatus.Fetching;

    public void Dispose() => _client.Dispose();

    private Task<string> FetchAsync(CancellationToken cancellationToken)
    {
        var answer = new TaskCompletionSource<string>(); // synchronous continuations: the answer lands inside SetResult
        _fetches.Add((answer, _truth));
        return answer.Task;
    }

    private void Mutate(int m)
    {
        _ = _client.CancelQueriesAsync(Key);
        int item = _mutations[m].Item;
        switch (_pattern)
        {
            case OptimisticPattern.Layers:
                _contexts[m] = _client.AddOptimisticLayer<string>(Key, s => Bits.Toggle(s, item));
                break;
            case OptimisticPattern.Snapshot:
                var previous = _client.GetQueryData<string>(Key);
                if (previous is not null) _client.SetQueryData(Key, Bits.Toggle(previous, item));
                _contexts[m] = new Snapshot<string>(previous);
                break;
            case OptimisticPattern.Undo:
                _contexts[m] = _client.UpdateQueryData<string>(Key, s => Bits.Toggle(s, item));
                break;
        }
    }

    private void Settle(int m)
    {
        bool succeeded = _mutations[m].Succeeds;
        switch (_contexts[m])
        {
            case OptimisticLayer<string> layer when succeeded: layer.Commit(); break;
            case OptimisticLayer<string> layer: layer.Rollback(); break;
            case Snapshot<string> { Previous: { } previous } when !succeeded: _client.SetQueryData(Key, previous); break;
            case PatchResult<string> patch when !succeeded: patch.Undo(); break;
        }
    }
}
