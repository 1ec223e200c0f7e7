using System.Runtime.CompilerServices;
using Optimistic.Query.Cache;
using Optimistic.Query.Tests.Support;

namespace Optimistic.Query.Tests.Cache;

/// <summary>The gc scheduler's FIFO queues (one per distinct gcTime, linked through the entries), driven directly.</summary>
public class GcQueueTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly List<(string Key, TimeSpan At)> _collected = new();
    private readonly DateTimeOffset _start;
    private readonly GcScheduler _gc;

    public GcQueueTests()
    {
        _start = _time.GetUtcNow();
        _gc = new GcScheduler(_time, entry =>
        {
            entry.MarkRemoved();
            _collected.Add((entry.Key.ToString(), _time.GetUtcNow() - _start));
        });
    }

    private QueryEntry Schedule(string name, TimeSpan gcTime)
    {
        var entry = new QueryEntry(QueryKey.Create(name), gcTime);
        lock (entry) _gc.ScheduleLocked(entry);
        return entry;
    }

    private static TimeSpan Min(double minutes) => TimeSpan.FromMinutes(minutes);

    [Fact]
    public void Entries_of_several_gc_times_are_each_collected_at_their_own_due_time_through_one_timer()
    {
        Schedule("a", Min(5));
        _time.Advance(Min(1));
        Schedule("b", Min(1));
        Schedule("c", Min(3));
        _time.Advance(Min(1));
        Schedule("d", Min(1));
        Assert.Equal(1, _time.ArmedTimers);
        Assert.Equal(3, _gc.QueueCount);

        _time.Advance(Min(10));

        Assert.Equal(new[] { ("[\"b\"]", Min(2)), ("[\"d\"]", Min(3)), ("[\"c\"]", Min(4)), ("[\"a\"]", Min(5)) }, _collected);
        Assert.Equal(0, _gc.QueuedCount);
        Assert.Equal(0, _gc.QueueCount); // emptied queues go away
        Assert.Equal(0, _time.ArmedTimers);
    }

    [Fact]
    public void Rescheduling_moves_the_entry_to_the_end_of_its_queue_and_cancelling_unlinks_it()
    {
        var a = Schedule("a", Min(5));
        _time.Advance(Min(1));
        var b = Schedule("b", Min(5));
        _time.Advance(Min(1));
        lock (a) _gc.ScheduleLocked(a); // a restarts at 2 min, behind b
        var c = Schedule("c", Min(5));
        lock (c) _gc.CancelLocked(c);
        Assert.Null(c.GcQueue);
        Assert.Null(c.GcNext);
        Assert.Null(c.GcPrevious);
        Assert.Equal(2, _gc.QueuedCount);
        Assert.Same(a, b.GcNext);

        _time.Advance(Min(10));

        Assert.Equal(new[] { ("[\"b\"]", Min(6)), ("[\"a\"]", Min(7)) }, _collected);
    }

    [Fact]
    public void Queues_emptied_by_cancelling_go_away_without_a_tick_but_the_last_used_one()
    {
        var entries = new[] { Schedule("a", Min(1)), Schedule("b", Min(2)), Schedule("c", Min(3)) };
        Assert.Equal(3, _gc.QueueCount);
        foreach (var entry in entries)
        {
            lock (entry) _gc.CancelLocked(entry);
        }

        Assert.Equal(1, _gc.QueueCount); // the 3-minute queue, kept for the next schedule
        Assert.Equal(0, _time.ArmedTimers);
        var d = Schedule("d", Min(3));
        lock (d) d.GcTime = Min(4);
        lock (d) _gc.ScheduleLocked(d); // moves to a new queue: the old one, emptied, goes
        Assert.Equal(1, _gc.QueueCount);
    }

    [Fact]
    public void A_gc_time_that_grows_while_queued_moves_the_entry_into_its_new_queue_in_stamp_order()
    {
        var a = Schedule("a", Min(1));      // stamp 0
        _time.Advance(TimeSpan.FromSeconds(30));
        Schedule("b", Min(10));             // stamp 0:30
        _time.Advance(TimeSpan.FromSeconds(10));
        Schedule("c", Min(10));             // stamp 0:40
        lock (a) a.GcTime = Min(10);        // as RegisterLocked does: the longest gcTime wins, the countdown runs on

        _time.Advance(Min(1) + TimeSpan.FromSeconds(20)); // 2:00: a comes up, is not due, moves ahead of b
        Assert.Empty(_collected);
        Assert.Null(a.GcPrevious);
        Assert.Equal(3, _gc.QueuedCount);
        Assert.Equal(1, _gc.QueueCount);

        _time.Advance(Min(10));
        Assert.Equal(new[] { ("[\"a\"]", Min(10)), ("[\"b\"]", Min(10.5)), ("[\"c\"]", Min(10) + TimeSpan.FromSeconds(40)) }, _collected);
    }

    [Fact]
    public void A_busy_entry_that_comes_up_is_dropped_and_queued_again_when_it_is_scheduled()
    {
        var a = Schedule("a", Min(1));
        lock (a) a.Fetch = new FetchRun(a, null!, null, QueryStatus.Pending, 0); // busy: a fetch in flight
        _time.Advance(Min(2));
        Assert.Empty(_collected);
        Assert.Equal(0, _gc.QueuedCount);

        lock (a)
        {
            a.Fetch = null;
            _gc.ScheduleLocked(a); // the fetch settled: the countdown restarts
        }
        _time.Advance(Min(1));
        Assert.Equal(new[] { ("[\"a\"]", Min(3)) }, _collected);
    }

    [Fact]
    public void Removed_entries_are_not_kept_alive_by_the_gc_queues()
    {
        using var client = new QueryClient(new QueryClientOptions { TimeProvider = _time, GcTime = Min(5) });
        var payloads = FillAndRemoveHalf(client);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.All(payloads.Where((_, i) => i % 2 == 0), w => Assert.False(w.IsAlive, "a removed entry's data is still reachable"));
        Assert.All(payloads.Where((_, i) => i % 2 == 1), w => Assert.True(w.IsAlive));
        Assert.Equal(500, client.Count);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static List<WeakReference> FillAndRemoveHalf(QueryClient client)
    {
        var payloads = new List<WeakReference>();
        for (int i = 0; i < 1_000; i++)
        {
            var payload = new byte[64];
            payloads.Add(new WeakReference(payload));
            client.SetQueryData(QueryKey.Create("payload", i), payload);
        }
        for (int i = 0; i < 1_000; i += 2) client.RemoveQueries(QueryKey.Create("payload", i), exact: true);
        return payloads;
    }
}
