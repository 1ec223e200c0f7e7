using Optimistic.Query.Cache;

namespace Optimistic.Query.Tests.Cache;

public class EntryStateTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void The_error_and_its_time_change_independently_through_with_expressions()
    {
        var failure = new InvalidOperationException("first");
        var failed = EntryState.Empty with { Error = failure, ErrorUpdatedAt = At };
        Assert.Same(failure, failed.Error);
        Assert.Equal(At, failed.ErrorUpdatedAt);

        var written = failed with { Error = null, Data = 1, HasData = true }; // a write clears the error, keeps its time
        Assert.Null(written.Error);
        Assert.Equal(At, written.ErrorUpdatedAt);
        var again = written with { Error = null, Data = 2 };
        Assert.Null(again.Error);
        Assert.Equal(At, again.ErrorUpdatedAt);

        var second = new TimeoutException("second");
        var refailed = again with { Error = second }; // a new error without a new time keeps the old time
        Assert.Same(second, refailed.Error);
        Assert.Equal(At, refailed.ErrorUpdatedAt);
        var untimed = refailed with { ErrorUpdatedAt = null };
        Assert.Same(second, untimed.Error);
        Assert.Null(untimed.ErrorUpdatedAt);
        var cleared = untimed with { Error = null };
        Assert.Null(cleared.Error);
        Assert.Null(cleared.ErrorUpdatedAt);

        Assert.Null(EntryState.Empty.Error);
        Assert.Null(EntryState.Empty.ErrorUpdatedAt);
        Assert.Null((EntryState.Empty with { Error = null }).ErrorUpdatedAt);
        Assert.Equal(At, (EntryState.Empty with { ErrorUpdatedAt = At }).ErrorUpdatedAt);
    }
}
