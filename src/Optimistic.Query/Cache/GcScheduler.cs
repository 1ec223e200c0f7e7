using System;
using System.Collections.Generic;
using System.Threading;

namespace Optimistic.Query.Cache;

/// <summary>
/// Garbage collection of idle entries with one timer per client and one FIFO queue per distinct gcTime: an entry's
/// countdown starts at an "idle since" stamp taken under the scheduler's lock, so stamps only grow along a queue, and
/// each queue is ordered by due time too. Scheduling appends (O(1)), re-scheduling moves the entry to its queue's end
/// (O(1)), and cancelling unlinks it (O(1)): the queues are doubly linked through the entries themselves
/// (<see cref="QueryEntry.GcPrevious"/>, <see cref="QueryEntry.GcNext"/>), so they cost no allocation per entry and never
/// keep a cancelled or removed entry alive. The timer is armed for the earliest queue head.
/// </summary>
/// <remarks>
/// <para>An entry's gcTime can grow while it waits (the longest gcTime asked for wins): it stays in its first queue,
/// where it comes up no later than it is really due, and then moves to the queue of its new gcTime, in stamp order.
/// A timer tick costs in proportion to the entries it pops plus the number of distinct gcTimes in use (empty queues
/// are dropped, by a tick or when their last entry leaves, except the most recently used one).</para>
/// <para>Lock order: an entry's lock, then the scheduler's. The timer callback pops due entries under the scheduler's
/// lock, releases it, then checks each entry again under the entry's lock before collecting it.</para>
/// </remarks>
internal sealed class GcScheduler
{
    /// <summary>The longest due time an <see cref="ITimer"/> accepts; a longer gcTime means "never collect".</summary>
    public static readonly TimeSpan MaxTimerDue = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    /// <summary>The <see cref="QueryEntry.GcIdleSince"/> of an entry whose countdown is not running.</summary>
    public const long NotCounting = long.MinValue;

    /// <summary>The <see cref="QueryEntry.GcRetainUntil"/> of an entry that has no retention (every entry but restored ones).</summary>
    public const long NotRetained = long.MinValue;

    /// <summary>A retention's countdown ends on a whole minute: restored entries then share a few queues, not one each.</summary>
    private static readonly long RetentionStep = TimeSpan.TicksPerMinute;

    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly Action<QueryEntry> _collect;
    private readonly long _frequency;
    private readonly Dictionary<TimeSpan, Queue> _queues = new();
    private Queue? _lastQueue; // most entries share one gcTime: skips the dictionary
    private int _count;
    private ITimer? _timer;
    private long _armedDue = long.MaxValue;
    private bool _disposed;

    /// <param name="time">The clock.</param>
    /// <param name="collect">Removes an entry; called under the entry's lock once it is confirmed idle and due.</param>
    public GcScheduler(TimeProvider time, Action<QueryEntry> collect)
    {
        _time = time;
        _collect = collect;
        _frequency = time.TimestampFrequency;
    }

    /// <summary>How many entries are queued (tests and diagnostics).</summary>
    public int QueuedCount
    {
        get
        {
            lock (_gate) return _count;
        }
    }

    /// <summary>How many distinct gcTimes have a queue (tests: empty queues go away).</summary>
    internal int QueueCount
    {
        get
        {
            lock (_gate) return _queues.Count;
        }
    }

    /// <summary>(Re)starts the entry's countdown if it is idle. Caller holds the entry's lock.</summary>
    public void ScheduleLocked(QueryEntry entry)
    {
        if (entry.Removed || !entry.IsIdle || entry.GcTime > MaxTimerDue)
        {
            CancelLocked(entry);
            return;
        }
        lock (_gate)
        {
            if (_disposed) return;
            long now = _time.GetTimestamp(); // under the lock: stamps grow along every queue
            var previous = entry.GcQueue;
            if (previous is not null) Unlink(previous, entry);
            entry.GcIdleSince = now;
            var queue = QueueFor(entry.GcTime);
            Append(queue, entry);
            if (previous is not null && !ReferenceEquals(previous, queue)) DropIfEmpty(previous);
            long due = now + queue.Span;
            if (due < _armedDue) Arm(due, now);
        }
    }

    /// <summary>
    /// Keeps the entry from being collected for <paramref name="span"/> from now (<see cref="TimeSpan.MaxValue"/>: for
    /// good), whatever its gcTime: a countdown that ends earlier waits for the retention's end (rounded up to a whole
    /// minute). A retention only ever grows. Removal ignores it. Caller holds the entry's lock.
    /// </summary>
    public void RetainLocked(QueryEntry entry, TimeSpan span)
    {
        if (span <= TimeSpan.Zero) return;
        // Beyond a century is for good (and would overflow the timestamp arithmetic).
        long until = span > TimeSpan.FromDays(36_500) ? long.MaxValue : _time.GetTimestamp() + ToTimestamp(span);
        if (until > entry.GcRetainUntil) entry.GcRetainUntil = until;
    }

    /// <summary>Stops the entry's countdown (it gained an observer, or it is leaving). Caller holds the entry's lock.</summary>
    public void CancelLocked(QueryEntry entry)
    {
        // Under the entry's lock only this thread can queue the entry, so a null queue stays null.
        if (entry.GcIdleSince == NotCounting && entry.GcQueue is null) return;
        lock (_gate)
        {
            entry.GcIdleSince = NotCounting;
            if (entry.GcQueue is not { } queue) return;
            Unlink(queue, entry);
            DropIfEmpty(queue);
            if (_count == 0 && _armedDue != long.MaxValue && !_disposed)
            {
                _armedDue = long.MaxValue;
                _timer!.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>Stops the timer and forgets every countdown; no new one starts.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _timer?.Dispose();
            _timer = null;
            _armedDue = long.MaxValue;
            foreach (var queue in _queues.Values)
            {
                while (queue.Head is { } entry) Unlink(queue, entry);
            }
            _queues.Clear();
            _lastQueue = null;
        }
    }

    /// <summary>
    /// The timer's callback. A provider may fire it inline, inside <see cref="Arm"/> (a due time under its resolution):
    /// then this thread holds the scheduler's lock and maybe an entry's (a caller of <see cref="ScheduleLocked"/>), and
    /// collecting there could remove that caller's entry mid-change or lock entries out of order; so it runs later, on
    /// the thread pool.
    /// </summary>
    private void OnTimerFired()
    {
        if (Monitor.IsEntered(_gate))
        {
            ThreadPool.UnsafeQueueUserWorkItem(static scheduler => scheduler.OnTimer(), this, preferLocal: false);
            return;
        }
        OnTimer();
    }

    private void OnTimer()
    {
        List<(QueryEntry Entry, long IdleSince)>? due = null;
        long now;
        lock (_gate)
        {
            if (_disposed) return;
            _armedDue = long.MaxValue;
            now = _time.GetTimestamp();
            List<QueryEntry>? moved = null;
            List<Queue>? emptied = null;
            foreach (var queue in _queues.Values)
            {
                while (queue.Head is { } entry && entry.GcIdleSince + queue.Span <= now)
                {
                    Unlink(queue, entry);
                    long idleSince = entry.GcIdleSince;
                    var gcTime = entry.GcTime;
                    if (gcTime != queue.GcTime)
                    {
                        if (gcTime > MaxTimerDue) continue; // never collected now; a later schedule queues it again
                        if (idleSince + ToTimestamp(gcTime) > now)
                        {
                            (moved ??= new()).Add(entry); // its gcTime grew: it waits in the queue of its new gcTime
                            continue;
                        }
                    }
                    (due ??= new()).Add((entry, idleSince));
                }
                if (queue.Head is null) (emptied ??= new()).Add(queue);
            }
            if (emptied is not null)
            {
                foreach (var queue in emptied)
                {
                    _queues.Remove(queue.GcTime);
                    if (ReferenceEquals(_lastQueue, queue)) _lastQueue = null;
                }
            }
            if (moved is not null)
            {
                foreach (var entry in moved) InsertByStamp(QueueFor(entry.GcTime), entry);
            }
            ArmForEarliestHead(now);
        }
        if (due is null) return;
        foreach (var (entry, idleSince) in due)
        {
            lock (entry)
            {
                // Between the pop and this lock the entry may have been observed, fetched, re-scheduled or removed.
                if (entry.Removed || !entry.IsIdle || entry.GcIdleSince != idleSince || entry.GcQueue is not null || entry.GcTime > MaxTimerDue) continue;
                if (idleSince + ToTimestamp(entry.GcTime) > now)
                {
                    Requeue(entry); // its gcTime grew meanwhile
                    continue;
                }
                if (entry.GcRetainUntil > now)
                {
                    RequeueUntilRetained(entry); // restored, and its data is younger than the persister's MaxAge
                    continue;
                }
                _collect(entry);
            }
        }
    }

    /// <summary>Queues an entry again for its own due time, its idle stamp unchanged. Caller holds the entry's lock.</summary>
    private void Requeue(QueryEntry entry)
    {
        lock (_gate)
        {
            if (_disposed || entry.GcQueue is not null) return;
            var queue = QueueFor(entry.GcTime);
            InsertByStamp(queue, entry);
            long due = entry.GcIdleSince + queue.Span;
            if (due < _armedDue) Arm(due, _time.GetTimestamp());
        }
    }

    /// <summary>
    /// Queues a retained entry, its idle stamp unchanged, in the queue whose span reaches the retention's end (rounded up
    /// to a whole minute); when that comes up, the gcTime check finds it long due and the retention over. Caller holds
    /// the entry's lock.
    /// </summary>
    private void RequeueUntilRetained(QueryEntry entry)
    {
        if (entry.GcRetainUntil == long.MaxValue) return; // retained for good: no countdown (a later schedule checks again)
        lock (_gate)
        {
            if (_disposed || entry.GcQueue is not null) return;
            long ticks = _time.GetElapsedTime(entry.GcIdleSince, entry.GcRetainUntil).Ticks;
            long rounded = ticks / RetentionStep * RetentionStep;
            if (rounded < ticks) rounded += RetentionStep;
            var queue = QueueFor(TimeSpan.FromTicks(rounded));
            InsertByStamp(queue, entry);
            long due = entry.GcIdleSince + queue.Span;
            if (due < _armedDue) Arm(due, _time.GetTimestamp());
        }
    }

    private void ArmForEarliestHead(long now)
    {
        long earliest = long.MaxValue;
        foreach (var queue in _queues.Values)
        {
            if (queue.Head is { } head) earliest = Math.Min(earliest, head.GcIdleSince + queue.Span);
        }
        if (earliest != long.MaxValue) Arm(earliest, now);
    }

    private Queue QueueFor(TimeSpan gcTime)
    {
        if (_lastQueue is { } last && last.GcTime == gcTime) return last;
        if (!_queues.TryGetValue(gcTime, out var queue))
        {
            queue = new Queue(gcTime, ToTimestamp(gcTime));
            _queues.Add(gcTime, queue);
        }
        return _lastQueue = queue;
    }

    /// <summary>
    /// Forgets <paramref name="queue"/> once empty, unless it is the one most recently used (likely used again soon):
    /// without a tick (the timer is disarmed when nothing waits) an emptied queue would otherwise stay for good.
    /// </summary>
    private void DropIfEmpty(Queue queue)
    {
        if (queue.Head is null && !ReferenceEquals(queue, _lastQueue)) _queues.Remove(queue.GcTime);
    }

    private void Append(Queue queue, QueryEntry entry)
    {
        entry.GcQueue = queue;
        entry.GcPrevious = queue.Tail;
        entry.GcNext = null;
        if (queue.Tail is { } tail) tail.GcNext = entry;
        else queue.Head = entry;
        queue.Tail = entry;
        _count++;
    }

    /// <summary>Inserts <paramref name="entry"/> after the last entry with a stamp no later than its own (from the end: moves are rare and recent).</summary>
    private void InsertByStamp(Queue queue, QueryEntry entry)
    {
        var after = queue.Tail;
        while (after is not null && after.GcIdleSince > entry.GcIdleSince) after = after.GcPrevious;
        entry.GcQueue = queue;
        entry.GcPrevious = after;
        var before = after is null ? queue.Head : after.GcNext;
        entry.GcNext = before;
        if (after is null) queue.Head = entry;
        else after.GcNext = entry;
        if (before is null) queue.Tail = entry;
        else before.GcPrevious = entry;
        _count++;
    }

    private void Unlink(Queue queue, QueryEntry entry)
    {
        var previous = entry.GcPrevious;
        var next = entry.GcNext;
        if (previous is null) queue.Head = next;
        else previous.GcNext = next;
        if (next is null) queue.Tail = previous;
        else next.GcPrevious = previous;
        entry.GcQueue = null;
        entry.GcPrevious = null;
        entry.GcNext = null;
        _count--;
    }

    private void Arm(long due, long now)
    {
        _armedDue = due;
        long delta = due - now;
        TimeSpan delay;
        if (delta <= 0) delay = TimeSpan.Zero;
        else if (_frequency == TimeSpan.TicksPerSecond) delay = TimeSpan.FromTicks(delta);
        else delay = TimeSpan.FromTicks((long)Math.Ceiling(delta * ((double)TimeSpan.TicksPerSecond / _frequency)));
        if (delay > MaxTimerDue) delay = MaxTimerDue;
        if (_timer is null)
            _timer = _time.CreateTimer(static state => ((GcScheduler)state!).OnTimerFired(), this, delay, Timeout.InfiniteTimeSpan);
        else
            _timer.Change(delay, Timeout.InfiniteTimeSpan);
    }

    private long ToTimestamp(TimeSpan span)
    {
        long ticks = span.Ticks;
        if (_frequency == TimeSpan.TicksPerSecond) return ticks;
        if (_frequency % TimeSpan.TicksPerSecond == 0) return ticks * (_frequency / TimeSpan.TicksPerSecond);
        return (long)Math.Ceiling(ticks * ((double)_frequency / TimeSpan.TicksPerSecond));
    }

    /// <summary>The entries counting down one gcTime, oldest stamp first. Guarded by the scheduler's lock.</summary>
    internal sealed class Queue
    {
        public Queue(TimeSpan gcTime, long span)
        {
            GcTime = gcTime;
            Span = span;
        }

        public TimeSpan GcTime { get; }

        /// <summary>The gcTime in <see cref="TimeProvider.GetTimestamp"/> units.</summary>
        public long Span { get; }

        public QueryEntry? Head { get; set; }

        public QueryEntry? Tail { get; set; }
    }
}
