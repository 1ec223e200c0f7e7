using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Optimistic.Query.Mutations;

/// <summary>
/// Lets the mutations of one scope run one at a time, in the order they asked (FIFO). One gate per
/// <see cref="QueryClient"/>, shared by all its mutations. A scope exists only while a mutation holds it,
/// so idle scopes cost nothing and never accumulate.
/// </summary>
internal sealed class MutationScopeGate
{
    private readonly object _lock = new();

    // A scope is busy while it has an entry; the entry queues the mutations waiting for it.
    private readonly Dictionary<string, LinkedList<Waiter>> _busyScopes = new(StringComparer.Ordinal);

    /// <summary>The number of scopes currently held (tests use it to prove idle scopes are removed).</summary>
    internal int BusyScopeCount
    {
        get
        {
            lock (_lock) return _busyScopes.Count;
        }
    }

    /// <summary>
    /// Waits for <paramref name="scope"/>'s turn and holds it until the returned lease is disposed.
    /// A null scope never waits. Cancelling <paramref name="cancellationToken"/> while queued leaves the queue
    /// and throws <see cref="OperationCanceledException"/>; the turn passes to the next in line.
    /// </summary>
    public ValueTask<IDisposable> EnterAsync(string? scope, CancellationToken cancellationToken)
    {
        if (scope is null) return new ValueTask<IDisposable>(NoScopeLease.Instance);

        Waiter waiter;
        lock (_lock)
        {
            if (!_busyScopes.TryGetValue(scope, out var queue))
            {
                _busyScopes.Add(scope, new LinkedList<Waiter>());
                return new ValueTask<IDisposable>(new Lease(this, scope));
            }
            if (cancellationToken.IsCancellationRequested) return ValueTask.FromCanceled<IDisposable>(cancellationToken);
            waiter = new Waiter(this, scope);
            waiter.Node = queue.AddLast(waiter);
        }
        return new ValueTask<IDisposable>(waiter.WaitAsync(cancellationToken));
    }

    private void Release(string scope)
    {
        lock (_lock)
        {
            var queue = _busyScopes[scope];
            if (queue.First is not { } next)
            {
                _busyScopes.Remove(scope);
                return;
            }
            queue.RemoveFirst();
            // The turn passes straight to the next waiter: the scope stays busy, so nobody can cut in.
            next.Value.Grant();
        }
    }

    private void Abandon(Waiter waiter, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            // Already granted: the turn is the waiter's; its caller sees the cancellation and releases it.
            if (waiter.Node?.List is not { } queue) return;
            queue.Remove(waiter.Node);
            waiter.Cancel(cancellationToken);
        }
    }

    private sealed class Waiter
    {
        private readonly MutationScopeGate _gate;
        private readonly string _scope;
        private readonly TaskCompletionSource _turn = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Waiter(MutationScopeGate gate, string scope)
        {
            _gate = gate;
            _scope = scope;
        }

        public LinkedListNode<Waiter>? Node { get; set; }

        public void Grant() => _turn.TrySetResult();

        public void Cancel(CancellationToken cancellationToken) => _turn.TrySetCanceled(cancellationToken);

        public async Task<IDisposable> WaitAsync(CancellationToken cancellationToken)
        {
            using (cancellationToken.Register(static state =>
            {
                var (waiter, token) = ((Waiter, CancellationToken))state!;
                waiter._gate.Abandon(waiter, token);
            }, (this, cancellationToken)))
            {
                await _turn.Task.ConfigureAwait(false);
            }
            return new Lease(_gate, _scope);
        }
    }

    /// <summary>Holds a scope's turn; disposing it (once; later calls do nothing) passes the turn on.</summary>
    private sealed class Lease : IDisposable
    {
        private MutationScopeGate? _gate;
        private readonly string _scope;

        public Lease(MutationScopeGate gate, string scope)
        {
            _gate = gate;
            _scope = scope;
        }

        public void Dispose() => Interlocked.Exchange(ref _gate, null)?.Release(_scope);
    }

    private sealed class NoScopeLease : IDisposable
    {
        public static readonly NoScopeLease Instance = new();

        public void Dispose()
        {
        }
    }
}
