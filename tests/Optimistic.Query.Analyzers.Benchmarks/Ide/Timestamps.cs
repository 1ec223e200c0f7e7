using System.Diagnostics;

namespace Optimistic.Query.Analyzers.Benchmarks.Ide;

/// <summary>
/// <see cref="Stopwatch"/> timestamps in nanoseconds. On Linux they are <c>CLOCK_MONOTONIC</c>, the clock
/// <c>perf record -k CLOCK_MONOTONIC</c> stamps its samples with, so a profile's samples can be matched to the edits.
/// </summary>
internal static class Timestamps
{
    public static long Nanoseconds(long timestamp) => (long)(timestamp * (1e9 / Stopwatch.Frequency));
}
