using Optimistic.Query.Tests.Support;

namespace Optimistic.Query.Tests.Cache;

public class FakeTimeProviderTests
{
    [Fact]
    public void A_timer_fires_once_at_its_due_time()
    {
        var time = new FakeTimeProvider();
        var start = time.GetUtcNow();
        var fired = new List<DateTimeOffset>();
        using var timer = time.CreateTimer(_ => fired.Add(time.GetUtcNow()), null, TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromSeconds(4));
        Assert.Empty(fired);
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(new[] { start + TimeSpan.FromSeconds(5) }, fired);
        Assert.Equal(start + TimeSpan.FromSeconds(14), time.GetUtcNow());
    }

    [Fact]
    public void A_periodic_timer_fires_every_period_in_order_with_others()
    {
        var time = new FakeTimeProvider();
        var fired = new List<string>();
        using var periodic = time.CreateTimer(_ => fired.Add("p"), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        using var once = time.CreateTimer(_ => fired.Add("o"), null, TimeSpan.FromSeconds(4), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(new[] { "p", "p", "o", "p" }, fired); // 1, 3, 4, 5
    }

    [Fact]
    public void Change_rearms_and_Dispose_stops_a_timer()
    {
        var time = new FakeTimeProvider();
        int fired = 0;
        var timer = time.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        Assert.True(timer.Change(TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan));
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(0, fired);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, fired);

        Assert.True(timer.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan));
        timer.Dispose();
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, fired);
        Assert.False(timer.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan));
        Assert.Equal(0, time.ArmedTimers);
    }

    [Fact]
    public async Task Task_Delay_completes_when_the_clock_reaches_it()
    {
        var time = new FakeTimeProvider();
        var delay = Task.Delay(TimeSpan.FromSeconds(3), time);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(delay.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        await delay.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
