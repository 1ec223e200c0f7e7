namespace Optimistic.Query.Tests.Support;

/// <summary>
/// The system clock with timers that fire inline, on the thread that arms them, when due in under a millisecond: such
/// providers exist (fakes, schedulers that run due work at once), and the cache must not run its timer callback inside
/// its own locks when it meets one. Longer due times go to the system's timers.
/// </summary>
public sealed class SynchronousTimeProvider : TimeProvider
{
    private int _inlineFires;

    /// <summary>How many callbacks ran inline, inside CreateTimer or Change.</summary>
    public int InlineFires => Volatile.Read(ref _inlineFires);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new InlineTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class InlineTimer : ITimer
    {
        private readonly SynchronousTimeProvider _owner;
        private readonly TimerCallback _callback;
        private readonly object? _state;
        private ITimer? _system;

        public InlineTimer(SynchronousTimeProvider owner, TimerCallback callback, object? state)
        {
            _owner = owner;
            _callback = callback;
            _state = state;
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Interlocked.Exchange(ref _system, null)?.Dispose();
            if (dueTime == Timeout.InfiniteTimeSpan) return true;
            if (dueTime < TimeSpan.FromMilliseconds(1))
            {
                Interlocked.Increment(ref _owner._inlineFires);
                _callback(_state);
                return true;
            }
            Interlocked.Exchange(ref _system, TimeProvider.System.CreateTimer(_callback, _state, dueTime, period))?.Dispose();
            return true;
        }

        public void Dispose() => Interlocked.Exchange(ref _system, null)?.Dispose();

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
