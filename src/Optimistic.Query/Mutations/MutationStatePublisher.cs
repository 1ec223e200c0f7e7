using System;
using System.Threading;
using Microsoft.Extensions.Logging;

namespace Optimistic.Query.Mutations;

/// <summary>
/// Holds a mutation's state (that of its latest started run) and tells the listeners about every change.
/// A run that finishes after a newer one started no longer owns the state, so its outcome is not published.
/// </summary>
/// <remarks>
/// Changes are published under a lock so listeners see them in order, never an older state after a newer one.
/// A listener that throws is logged and skipped; once <see cref="IDisposable.Dispose"/> of its subscription has
/// returned, it is not called again.
/// </remarks>
internal sealed class MutationStatePublisher<TData>
{
    private readonly object _lock = new();
    private readonly ILogger? _logger;
    private Action<MutationState<TData>>[] _listeners = Array.Empty<Action<MutationState<TData>>>();
    private MutationState<TData> _state = MutationState<TData>.Idle;
    private long _latestRun;

    public MutationStatePublisher(ILogger? logger) => _logger = logger;

    public MutationState<TData> State => Volatile.Read(ref _state);

    /// <summary>Starts a run: it becomes the latest and the state turns <see cref="MutationStatus.Pending"/>.</summary>
    /// <returns>The run's number, to pass to <see cref="Complete"/>.</returns>
    public long Start()
    {
        lock (_lock)
        {
            long run = ++_latestRun;
            Publish(new MutationState<TData>(MutationStatus.Pending, default, null));
            return run;
        }
    }

    /// <summary>Publishes the outcome of <paramref name="run"/> if it is still the latest run.</summary>
    public void Complete(long run, MutationState<TData> outcome)
    {
        lock (_lock)
        {
            if (run == _latestRun) Publish(outcome);
        }
    }

    public IDisposable Subscribe(Action<MutationState<TData>> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        lock (_lock)
        {
            var listeners = new Action<MutationState<TData>>[_listeners.Length + 1];
            _listeners.CopyTo(listeners, 0);
            listeners[^1] = listener;
            _listeners = listeners;
        }
        return new Subscription(this, listener);
    }

    private void Unsubscribe(Action<MutationState<TData>> listener)
    {
        lock (_lock)
        {
            int index = Array.IndexOf(_listeners, listener);
            if (index < 0) return;
            var listeners = new Action<MutationState<TData>>[_listeners.Length - 1];
            Array.Copy(_listeners, 0, listeners, 0, index);
            Array.Copy(_listeners, index + 1, listeners, index, _listeners.Length - index - 1);
            _listeners = listeners;
        }
    }

    private void Publish(MutationState<TData> state)
    {
        // Equal states (a second run starting while the first is pending) are not a change.
        if (state.Equals(_state)) return;
        Volatile.Write(ref _state, state);
        foreach (var listener in _listeners)
        {
            try
            {
                listener(state);
            }
            catch (Exception ex)
            {
                MutationLog.ListenerFailed(_logger, ex);
            }
        }
    }

    private sealed class Subscription : IDisposable
    {
        private MutationStatePublisher<TData>? _publisher;
        private readonly Action<MutationState<TData>> _listener;

        public Subscription(MutationStatePublisher<TData> publisher, Action<MutationState<TData>> listener)
        {
            _publisher = publisher;
            _listener = listener;
        }

        public void Dispose() => Interlocked.Exchange(ref _publisher, null)?.Unsubscribe(_listener);
    }
}
