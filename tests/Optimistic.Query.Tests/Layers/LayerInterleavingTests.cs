namespace Optimistic.Query.Tests.Layers;

/// <summary>
/// Overlapping optimistic mutations (up to 8 toggles, random failures, random refetches, fetch answers landing in any
/// order), driven step by step from fixed seeds, against a reference model of the layers' specification.
/// </summary>
public class LayerInterleavingTests
{
    private const int Schedules = 3000;

    [Fact]
    public void Layers_meet_the_specification_on_thousands_of_random_schedules()
    {
        int steps = 0;
        for (int seed = 0; seed < Schedules; seed++)
        {
            var (initial, initialLands, mutations, schedule) = LayerSpecModel.Generate(seed);
            using var runner = new ScheduleRunner(OptimisticPattern.Layers, initial, initialLands, mutations);
            for (int i = 0; i < schedule.Count; i++)
            {
                var (actual, expected) = runner.Run(schedule[i]);
                // While mutations are pending: the base (server truth as fetched, plus commits) with the pending layers in order.
                if (actual != expected) Assert.Fail(Describe(seed, mutations, schedule, i, actual, expected));
                Assert.True(runner.IsFetching == (runner.Model.Current is not null), $"seed {seed}, step {i}: fetch status");
                steps++;
            }

            // Everything settled and a refetch that started afterwards landed: readers see server truth, no layer is left.
            runner.Reconcile();
            Assert.True(runner.Visible == runner.Truth, $"seed {seed}: after reconciling, {runner.Visible} instead of the server's {runner.Truth}");
            Assert.False(runner.HasLayersLeft(), $"seed {seed}: a layer outlived its mutation");
        }
        Assert.True(steps > Schedules * 8, $"only {steps} steps ran");
    }

    [Theory]
    [InlineData(OptimisticPattern.Snapshot)]
    [InlineData(OptimisticPattern.Undo)]
    public void The_plain_patterns_break_the_specification_on_schedules_layers_get_right(OptimisticPattern pattern)
    {
        int broken = 0;
        for (int seed = 0; seed < 1000; seed++)
        {
            var (initial, initialLands, mutations, schedule) = LayerSpecModel.Generate(seed);
            using var runner = new ScheduleRunner(pattern, initial, initialLands, mutations);
            bool wrong = false;
            foreach (var step in schedule)
            {
                var (actual, expected) = runner.Run(step);
                wrong |= actual != expected;
            }
            if (wrong) broken++;

            // The OnSettled invalidation still heals them in the end: the damage is what users see meanwhile.
            runner.Reconcile();
            Assert.Equal(runner.Truth, runner.Visible);
        }
        Assert.True(broken > 50, $"{pattern} broke only {broken} of 1000 schedules");
    }

    private static string Describe(int seed, ScheduledMutation[] mutations, List<Step> schedule, int failedAt, string? actual, string? expected) =>
        $"seed {seed}: after step {failedAt} ({schedule[failedAt]}) readers see {actual ?? "<miss>"}, the specification says {expected ?? "<miss>"}.\n" +
        $"mutations: {string.Join(", ", mutations.Select((m, i) => $"#{i} toggles {m.Item} {(m.Succeeds ? "ok" : "fails")}"))}\n" +
        $"steps: {string.Join(" ", schedule.Take(failedAt + 1))}";
}
