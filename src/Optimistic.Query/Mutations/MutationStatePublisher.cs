using System;
using System.Threading;

namespace Optimistic.Query.Mutations;

/// <summary>
/// Holds a mutation's state (that of its latest started run) and tells the listeners about every change.
/// A run that finishes after a newer one started (or after a reset) no longer owns the state, so its outcome is not
/// published.
/// </summary>
/// <remarks>
/// One thread at a time delivers, outside the lock: the thread that made a change drains the newest state to every
/// listener that has not seen it; a change made meanwhile (on another thread, or from inside a listener) is left to that
/// thread, which delivers it right after its current call. Each subscription remembers the version it last saw, so a
/// listener never sees an older state after a newer one, nor the same state twice, nor two calls at once; changes in
/// quick succession may be coalesced into the newest. A new subscription is behind by definition: the delivery hands it
/// the current state first. No user code runs under the lock, so listeners may start, reset or subscribe to the
/// mutation.
/// </remarks>
internal sealed class MutationStatePublisher<TVariables, TData>
{
    private readonly object _lock = new();
    private readonly QueryClientOptions _options;
    private Subscription[] _subscriptions = Array.Empty<Subscription>();
    private MutationState<TVariables, TData> _state = MutationState<TVariables, TData>.Idle;
    private long _version; // bumped by each change of _state
    private long _latestRun;
    private bool _behind; // some subscription may not have seen _version
    private bool _delivering;

    public MutationStatePublisher(QueryClientOptions options) => _options = options;

    public MutationState<TVariables, TData> State => Volatile.Read(ref _state);

    /// <summary>Starts a run: it becomes the latest and the state turns <see cref="MutationStatus.Pending"/>.</summary>
    /// <returns>The run's number, to pass to <see cref="Complete"/>.</returns>
    public long Start(TVariables variables, DateTimeOffset submittedAt)
    {
        long run;
        bool deliver;
        lock (_lock)
        {
            run = ++_latestRun;
            deliver = ChangeLocked(new MutationState<TVariables, TData>(MutationStatus.Pending, default, null, variables, submittedAt));
        }
        if (deliver) Deliver();
        return run;
    }

    /// <summary>Publishes the outcome of <paramref name="run"/> if it is still the latest run.</summary>
    public void Complete(long run, MutationState<TVariables, TData> outcome)
    {
        bool deliver;
        lock (_lock)
        {
            deliver = run == _latestRun && ChangeLocked(outcome);
        }
        if (deliver) Deliver();
    }

    /// <summary>Returns the state to Idle; the runs under way no longer own it.</summary>
    public void Reset()
    {
        bool deliver;
        lock (_lock)
        {
            _latestRun++;
            deliver = ChangeLocked(MutationState<TVariables, TData>.Idle);
        }
        if (deliver) Deliver();
    }

    public IDisposable Subscribe(Action<MutationState<TVariables, TData>> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        var subscription = new Subscription(this, listener);
        bool deliver;
        lock (_lock)
        {
            var subscriptions = new Subscription[_subscriptions.Length + 1];
            _subscriptions.CopyTo(subscriptions, 0);
            subscriptions[^1] = subscription;
            _subscriptions = subscriptions;
            deliver = BehindLocked();
        }
        if (deliver) Deliver();
        return subscription;
    }

    private void Unsubscribe(Subscription subscription)
    {
        subscription.Active = false;
        lock (_lock)
        {
            int index = Array.IndexOf(_subscriptions, subscription);
            if (index < 0) return;
            var subscriptions = new Subscription[_subscriptions.Length - 1];
            Array.Copy(_subscriptions, 0, subscriptions, 0, index);
            Array.Copy(_subscriptions, index + 1, subscriptions, index, _subscriptions.Length - index - 1);
            _subscriptions = subscriptions;
        }
    }

    /// <summary>Records a change; true when the caller must deliver (no other thread is delivering).</summary>
    private bool ChangeLocked(MutationState<TVariables, TData> state)
    {
        // Equal states (say, a reset of an idle mutation) are not a change.
        if (state.Equals(_state)) return false;
        Volatile.Write(ref _state, state);
        _version++;
        return BehindLocked();
    }

    private bool BehindLocked()
    {
        _behind = true;
        if (_delivering) return false; // the deliverer picks it up after its current call
        _delivering = true;
        return true;
    }

    /// <summary>The single-consumer delivery loop: runs until every subscription has seen the newest state.</summary>
    private void Deliver()
    {
        bool done = false;
        try
        {
            while (true)
            {
                MutationState<TVariables, TData> state;
                long version;
                Subscription[] subscriptions;
                lock (_lock)
                {
                    if (!_behind)
                    {
                        _delivering = false;
                        done = true;
                        return;
                    }
                    _behind = false;
                    state = _state;
                    version = _version;
                    subscriptions = _subscriptions;
                }
                foreach (var subscription in subscriptions)
                {
                    // Only the deliverer reads or writes Seen, and deliverers hand over under the lock.
                    if (!subscription.Active || subscription.Seen >= version) continue;
                    subscription.Seen = version;
                    try
                    {
                        subscription.Listener(state);
                    }
                    catch (Exception error) // a listener's bug must not break the mutation or the other listeners
                    {
                        MutationLog.ListenerFailed(_options.Logger, error);
                        ListenerFailures.Report(_options, error);
                    }
                }
            }
        }
        finally
        {
            if (!done)
            {
                // Only reached when the logger itself threw: let the next change deliver rather than stall.
                lock (_lock) _delivering = false;
            }
        }
    }

    private sealed class Subscription : IDisposable
    {
        private MutationStatePublisher<TVariables, TData>? _publisher;

        public Subscription(MutationStatePublisher<TVariables, TData> publisher, Action<MutationState<TVariables, TData>> listener)
        {
            _publisher = publisher;
            Listener = listener;
        }

        public Action<MutationState<TVariables, TData>> Listener { get; }

        /// <summary>The version of the state this listener last received; -1 before the first.</summary>
        public long Seen { get; set; } = -1;

        public volatile bool Active = true;

        public void Dispose() => Interlocked.Exchange(ref _publisher, null)?.Unsubscribe(this);
    }
}
