namespace Optimistic.Query.Tests.Layers;

/// <summary>
/// The same schedules run with the contract's snapshot pattern, RTK's undo and layers: the first two clobber an
/// overlapping mutation or bring back data older than a server answer; layers do not.
/// </summary>
public class SideBySideTests
{
    // #0 toggles item 0 and fails; #1 toggles item 1 and succeeds. Both are in flight; #0 fails first.
    private static readonly ScheduledMutation[] Overlapping = { new(0, false), new(1, true) };

    private static readonly Step[] FailureFirst =
    {
        new(StepKind.Mutate, 0), new(StepKind.Mutate, 1), // readers see 11
        new(StepKind.Resolve, 0), new(StepKind.Resolve, 1), // the server refuses #0 and applies #1: 01
        new(StepKind.Settle, 0), // #0 rolls back
    };

    [Theory]
    [InlineData(OptimisticPattern.Layers, "01")]   // #1's toggle stays: right
    [InlineData(OptimisticPattern.Snapshot, "00")] // #0's snapshot (taken before #1) clobbers #1's toggle
    [InlineData(OptimisticPattern.Undo, "11")]     // #1 wrote after #0's patch, so #0's undo does nothing: the refused toggle stays
    public void A_rollback_while_another_mutation_is_pending(OptimisticPattern pattern, string seen)
    {
        using var runner = new ScheduleRunner(pattern, "00", initialLands: true, Overlapping);
        string? actual = null, expected = null;
        foreach (var step in FailureFirst) (actual, expected) = runner.Run(step);

        Assert.Equal("01", expected);
        Assert.Equal(seen, actual);
        Assert.Equal(pattern == OptimisticPattern.Layers, actual == expected);
    }

    [Theory]
    [InlineData(OptimisticPattern.Layers, "01")]   // the server's answer stays under the rollback
    [InlineData(OptimisticPattern.Snapshot, "00")] // the snapshot predates the server's answer: the answer is lost
    public void A_rollback_after_a_server_answer_landed(OptimisticPattern pattern, string seen)
    {
        using var runner = new ScheduleRunner(pattern, "00", initialLands: true, Overlapping);
        var steps = new[]
        {
            new Step(StepKind.Mutate, 0), new Step(StepKind.Mutate, 1),
            new Step(StepKind.Resolve, 1), new Step(StepKind.Settle, 1), new Step(StepKind.Invalidate, 1), // #1 done: refetch
            new Step(StepKind.Land, 1), // the server's answer (01) lands while #0 is pending
            new Step(StepKind.Resolve, 0), new Step(StepKind.Settle, 0), // #0 fails and rolls back
        };
        string? actual = null, expected = null;
        foreach (var step in steps) (actual, expected) = runner.Run(step);

        Assert.Equal("01", runner.Truth);
        Assert.Equal("01", expected);
        Assert.Equal(seen, actual);
    }
}
