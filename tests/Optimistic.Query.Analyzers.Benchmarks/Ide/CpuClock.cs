using System.Runtime.InteropServices;

namespace Optimistic.Query.Analyzers.Benchmarks.Ide;

/// <summary>
/// The process's CPU time at nanosecond resolution (Linux <c>clock_gettime(CLOCK_PROCESS_CPUTIME_ID)</c>; elsewhere
/// <see cref="System.Diagnostics.Process.TotalProcessorTime"/>). On a loaded machine wall time grows with the load; CPU time
/// mostly does not, so the quick mode reports both.
/// </summary>
internal static class CpuClock
{
    private const int ClockProcessCpuTimeId = 2;

    public static TimeSpan Now()
    {
        if (OperatingSystem.IsLinux() && clock_gettime(ClockProcessCpuTimeId, out var time) == 0)
        {
            return TimeSpan.FromTicks(time.Seconds * TimeSpan.TicksPerSecond + time.Nanoseconds / 100);
        }

        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc")]
#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe blocks for this one call
    private static extern int clock_gettime(int clockId, out TimeSpec time);
#pragma warning restore SYSLIB1054
}
