using System;
using System.Collections.Generic;
using System.Threading;

namespace Optimistic.Query.Cache;

/// <summary>
/// Garbage collection of idle entries with one timer per client: a min-heap of (due time, entry), the timer armed for
/// the earliest due time. An entry is queued at most once; re-scheduling a queued entry only moves its "idle since"
/// stamp (O(1)), and the heap item, due no later than the real due time, is re-keyed when it comes up. Cancelling
/// takes the item out (O(log n)), so a removed entry is never kept alive by the heap.
/// </summary>
/// <remarks>
/// Lock order: an entry's lock, then the scheduler's. The timer callback pops due entries under the scheduler's lock,
/// releases it, then checks each entry again under the entry's lock before collecting it.
/// </remarks>
internal sealed class GcScheduler
{
    /// <summary>The longest due time an <see cref="ITimer"/> accepts; a longer gcTime means "never collect".</summary>
    public static readonly TimeSpan MaxTimerDue = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    /// <summary>The <see cref="QueryEntry.GcIdleSince"/> of an entry whose countdown is not running.</summary>
    public const long NotCounting = long.MinValue;

    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly Action<QueryEntry> _collect;
    private readonly long _frequency;
    private Item[] _heap = new Item[16];
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

    /// <summary>(Re)starts the entry's countdown if it is idle. Caller holds the entry's lock.</summary>
    public void ScheduleLocked(QueryEntry entry)
    {
        if (entry.Removed || !entry.IsIdle || entry.GcTime > MaxTimerDue)
        {
            CancelLocked(entry);
            return;
        }
        long now = _time.GetTimestamp();
        lock (_gate)
        {
            if (_disposed) return;
            entry.GcIdleSince = now;
            // A queued item is due no later than now + GcTime (GcTime only grows): it is re-keyed when it comes up.
            if (entry.GcHeapIndex >= 0) return;
            long due = now + ToTimestamp(entry.GcTime);
            Push(entry, due);
            if (due < _armedDue) Arm(due, now);
        }
    }

    /// <summary>Stops the entry's countdown (it gained an observer, or it is leaving). Caller holds the entry's lock.</summary>
    public void CancelLocked(QueryEntry entry)
    {
        if (entry.GcIdleSince == NotCounting && entry.GcHeapIndex < 0) return;
        lock (_gate)
        {
            entry.GcIdleSince = NotCounting;
            if (entry.GcHeapIndex < 0) return;
            RemoveAt(entry.GcHeapIndex);
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
            for (int i = 0; i < _count; i++) _heap[i].Entry.GcHeapIndex = -1;
            Array.Clear(_heap, 0, _count);
            _count = 0;
        }
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
            while (_count > 0 && _heap[0].Due <= now)
            {
                var entry = _heap[0].Entry;
                long idleSince = entry.GcIdleSince;
                var gcTime = entry.GcTime;
                if (idleSince == NotCounting || gcTime > MaxTimerDue)
                {
                    RemoveAt(0); // never collected (its gcTime grew to "never"); a later schedule queues it again
                    continue;
                }
                long actual = idleSince + ToTimestamp(gcTime);
                if (actual > now)
                {
                    // Became idle again (or its gcTime grew) since it was queued: wait for the real due time.
                    _heap[0].Due = actual;
                    SiftDown(0);
                    continue;
                }
                RemoveAt(0);
                (due ??= new()).Add((entry, idleSince));
            }
            if (_count > 0) Arm(_heap[0].Due, now);
        }
        if (due is null) return;
        foreach (var (entry, idleSince) in due)
        {
            lock (entry)
            {
                // Between the pop and this lock the entry may have been observed, fetched, re-scheduled or removed.
                if (entry.Removed || !entry.IsIdle || entry.GcIdleSince != idleSince || entry.GcTime > MaxTimerDue) continue;
                long actual = idleSince + ToTimestamp(entry.GcTime);
                if (actual > now)
                {
                    Requeue(entry, actual); // its gcTime grew meanwhile
                    continue;
                }
                _collect(entry);
            }
        }
    }

    /// <summary>Queues an entry again for its own due time, its idle stamp unchanged. Caller holds the entry's lock.</summary>
    private void Requeue(QueryEntry entry, long due)
    {
        lock (_gate)
        {
            if (_disposed || entry.GcHeapIndex >= 0) return;
            Push(entry, due);
            if (due < _armedDue) Arm(due, _time.GetTimestamp());
        }
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
            _timer = _time.CreateTimer(static state => ((GcScheduler)state!).OnTimer(), this, delay, Timeout.InfiniteTimeSpan);
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

    // ---- The indexed binary min-heap (each entry knows its slot, for O(log n) removal) ----

    private struct Item
    {
        public long Due;
        public QueryEntry Entry;
    }

    private void Push(QueryEntry entry, long due)
    {
        if (_count == _heap.Length) Array.Resize(ref _heap, _heap.Length * 2);
        _heap[_count] = new Item { Due = due, Entry = entry };
        entry.GcHeapIndex = _count;
        _count++;
        SiftUp(_count - 1);
    }

    private void RemoveAt(int index)
    {
        var removed = _heap[index].Entry;
        removed.GcHeapIndex = -1;
        int last = --_count;
        if (index != last)
        {
            _heap[index] = _heap[last];
            _heap[index].Entry.GcHeapIndex = index;
            _heap[last] = default;
            if (index > 0 && _heap[index].Due < _heap[(index - 1) / 2].Due) SiftUp(index);
            else SiftDown(index);
        }
        else
        {
            _heap[last] = default;
        }
        if (_heap.Length > 64 && _count < _heap.Length / 4) Array.Resize(ref _heap, _heap.Length / 2);
    }

    private void SiftUp(int index)
    {
        var item = _heap[index];
        while (index > 0)
        {
            int parent = (index - 1) / 2;
            if (_heap[parent].Due <= item.Due) break;
            _heap[index] = _heap[parent];
            _heap[index].Entry.GcHeapIndex = index;
            index = parent;
        }
        _heap[index] = item;
        item.Entry.GcHeapIndex = index;
    }

    private void SiftDown(int index)
    {
        var item = _heap[index];
        while (true)
        {
            int child = 2 * index + 1;
            if (child >= _count) break;
            if (child + 1 < _count && _heap[child + 1].Due < _heap[child].Due) child++;
            if (item.Due <= _heap[child].Due) break;
            _heap[index] = _heap[child];
            _heap[index].Entry.GcHeapIndex = index;
            index = child;
        }
        _heap[index] = item;
        item.Entry.GcHeapIndex = index;
    }
}
