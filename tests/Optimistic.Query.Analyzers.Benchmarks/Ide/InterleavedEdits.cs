using System.Diagnostics;
using System.Globalization;

namespace Optimistic.Query.Analyzers.Benchmarks.Ide;

/// <summary>
/// The per-edit cost without BenchmarkDotNet, with the analyzer sets interleaved edit by edit (None, Ours, NetAnalyzers
/// in turn on the same document, the order reversed every other round), so that a changing machine load hits all sets
/// alike: quick, and fair on a shared machine. Wall time, CPU time and bytes allocated, medians; what our package adds
/// beside the NetAnalyzers also as the median of the per-round differences, with its 95% confidence interval.
/// </summary>
internal static class InterleavedEdits
{
    private static AnalyzerSet[] s_sets = [];
    private static string? s_marksPath;

    /// <summary>Our diagnostics on the document at the last edit (a sanity check: the rules ran).</summary>
    private static int OurDiagnostics { get; set; }

    /// <summary>The stand-in's diagnostics on the document at the last edit (<see cref="ReportingOperationAnalyzer"/>).</summary>
    private static int ReporterDiagnostics { get; set; }

    /// <summary>The compiler's errors on the document at the last edit (0: the references are complete).</summary>
    private static int CompilerErrors { get; set; }

    public static void Run(IReadOnlyList<int> sizes, IReadOnlyList<EditedDocument> documents, int firstEdits, int laterEdits, IReadOnlyList<AnalyzerSet> sets, string? marksPath, TextWriter output)
    {
        s_sets = sets.Distinct().ToArray();
        s_marksPath = marksPath;
        var baselineSet = s_sets.Contains(AnalyzerSet.None) ? AnalyzerSet.None : s_sets[0];
        var beside = s_sets.Contains(AnalyzerSet.NetAnalyzers) && s_sets.Contains(AnalyzerSet.NetAnalyzersAndOurs);
        output.WriteLine($"medians; (added) = minus {baselineSet}; CPU = the process's CPU time");
        output.WriteLine("                                                           first edit after load                            later edits");
        output.WriteLine("files  document        analyzers                       CPU ms (added)   wall ms (added)   alloc MB (added)    CPU ms (added)   wall ms (added)   alloc MB (added)");
        foreach (var document in documents)
        {
            foreach (var files in sizes)
            {
                var project = IdeProject.Create(files, document);
                WarmUp(project, document);
                var first = Measure(project, document, firstEdits, fresh: true);
                var later = Measure(project, document, laterEdits, fresh: false);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{files,5}  {document,-14}  ({project.DocumentCount} documents; compiler errors / our diagnostics / the stand-in's on the edited document: {CompilerErrors} / {OurDiagnostics} / {ReporterDiagnostics}; load average {LoadAverage()})"));
                foreach (var set in s_sets)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{files,5}  {document,-14}  {set,-30}  {Row(first, set, baselineSet)}  {Row(later, set, baselineSet)}"));
                }

                if (beside)
                {
                    // What adding our package costs in a real project, where the SDK's NetAnalyzers already run in the driver.
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{files,5}  {document,-14}  {"Ours beside NetAnalyzers",-30}  {Row(first, AnalyzerSet.NetAnalyzersAndOurs, AnalyzerSet.NetAnalyzers)}  {Row(later, AnalyzerSet.NetAnalyzersAndOurs, AnalyzerSet.NetAnalyzers)}"));
                }

                // Each set run beside the NetAnalyzers, minus them, from the rounds' pairs: a load that drifts between rounds
                // cancels out of each difference.
                foreach (var set in s_sets.Where(s => s.ToString().StartsWith("NetAnalyzersAnd", StringComparison.Ordinal) && s_sets.Contains(AnalyzerSet.NetAnalyzers)))
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{files,5}  {document,-14}  {set} − NetAnalyzers, per-round differences: later edits {Paired(later, set, AnalyzerSet.NetAnalyzers, s => s.WallMs)} ms wall, {Paired(later, set, AnalyzerSet.NetAnalyzers, s => s.CpuMs)} ms CPU, {Paired(later, set, AnalyzerSet.NetAnalyzers, s => s.GcPauseMs)} ms in GC pauses; first edits {Paired(first, set, AnalyzerSet.NetAnalyzers, s => s.WallMs)} ms wall"));
                }

                // Beside the stand-in that reports where OPT001 does: ours beyond what reporting there costs any analyzer, and
                // what ours add where another analyzer already reports inside the same member.
                foreach (var set in new[] { AnalyzerSet.NetAnalyzersAndOurs, AnalyzerSet.NetAnalyzersAndReporterAndOurs }.Where(s => s_sets.Contains(s) && s_sets.Contains(AnalyzerSet.NetAnalyzersAndReporter)))
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{files,5}  {document,-14}  {set} − NetAnalyzersAndReporter, per-round differences: later edits {Paired(later, set, AnalyzerSet.NetAnalyzersAndReporter, s => s.WallMs)} ms wall, {Paired(later, set, AnalyzerSet.NetAnalyzersAndReporter, s => s.CpuMs)} ms CPU"));
                }

                // The rules' own share, timed by the driver around our callbacks: what the wall-time differences above
                // carry under their noise (a few milliseconds between medians at 2,000 files).
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{files,5}  {document,-14}  in our callbacks (the driver's timing):{OursRow(first, later, AnalyzerSet.Ours, "")}{OursRow(first, later, AnalyzerSet.NetAnalyzersAndOurs, "beside NetAnalyzers")}"));

                output.Flush();
            }
        }
    }

    /// <summary>Every analyzer set runs on another compilation of the project first: the JIT is paid before any measurement.</summary>
    private static void WarmUp(IdeProject project, EditedDocument document)
    {
        var loaded = project.Load();
        foreach (var set in s_sets)
        {
            var session = new EditSession(loaded, document, set, project.Options);
            for (int i = 0; i < 3; i++) session.Edit();
        }
    }

    /// <summary>
    /// <paramref name="fresh"/>: each sample is the first edit after a fresh load (new trees, new references; the document
    /// open with its compiler diagnostics). Otherwise: one load, then edit after edit, after three unmeasured edits.
    /// </summary>
    private static Dictionary<AnalyzerSet, List<Sample>> Measure(IdeProject project, EditedDocument document, int samples, bool fresh)
    {
        var results = s_sets.ToDictionary(s => s, _ => new List<Sample>());
        Dictionary<AnalyzerSet, EditSession>? sessions = null;
        if (!fresh)
        {
            var loaded = project.Load();
            sessions = s_sets.ToDictionary(s => s, s => new EditSession(loaded, document, s, project.Options, logAnalyzerTime: true));
            foreach (var session in sessions.Values)
            {
                for (int i = 0; i < 3; i++) session.Edit();
            }
        }

        for (int sample = 0; sample < samples; sample++)
        {
            // Reversed every other round: no set always runs right after the same other one.
            foreach (var set in sample % 2 == 0 ? s_sets : s_sets.Reverse())
            {
                EditSession session;
                if (sessions is null)
                {
                    session = new EditSession(project.Load(), document, set, project.Options, logAnalyzerTime: true);
                    session.Open();
                }
                else
                {
                    session = sessions[set];
                }

                GC.Collect();
                GC.WaitForPendingFinalizers();
                var bytes = GC.GetTotalAllocatedBytes(precise: true);
                var paused = GC.GetTotalPauseDuration();
                var cpu = CpuClock.Now();
                var started = Stopwatch.GetTimestamp();
                var watch = Stopwatch.StartNew();
                session.Edit();
                watch.Stop();
                // For a profiler's samples to be told apart by set: each later edit's window on the monotonic clock, in ns.
                if (!fresh && s_marksPath is not null) File.AppendAllText(s_marksPath, string.Create(CultureInfo.InvariantCulture, $"{set} {Timestamps.Nanoseconds(started)} {Timestamps.Nanoseconds(Stopwatch.GetTimestamp())}\n"));
                var measured = new Sample(watch.Elapsed.TotalMilliseconds, (CpuClock.Now() - cpu).TotalMilliseconds, GC.GetTotalAllocatedBytes(precise: true) - bytes);
                results[set].Add(measured with { OursMs = session.OurAnalyzersTime().TotalMilliseconds, GcPauseMs = (GC.GetTotalPauseDuration() - paused).TotalMilliseconds });
                if (set is AnalyzerSet.None or AnalyzerSet.NetAnalyzers) CompilerErrors = session.LastDiagnostics.Count(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
                if (set is AnalyzerSet.Ours or AnalyzerSet.NetAnalyzersAndOurs or AnalyzerSet.NetAnalyzersAndReporterAndOurs or AnalyzerSet.NetAnalyzersAndOursMerged) OurDiagnostics = session.LastDiagnostics.Count(d => d.Id.StartsWith("OPT", StringComparison.Ordinal));
                if (set is AnalyzerSet.NetAnalyzersAndReporter) ReporterDiagnostics = session.LastDiagnostics.Count(d => d.Id == "REPORT001");
            }
        }

        return results;
    }

    /// <summary>The medians of <paramref name="set"/>, each with what it adds over <paramref name="baselineSet"/> (the compiler alone by default).</summary>
    private static string Row(Dictionary<AnalyzerSet, List<Sample>> results, AnalyzerSet set, AnalyzerSet baselineSet)
    {
        string Column(Func<Sample, double> value, string format)
        {
            double mine = Median(results[set].Select(value)), baseline = Median(results[baselineSet].Select(value));
            var added = set == baselineSet ? "" : "(" + (mine - baseline).ToString("+" + format + ";-" + format, CultureInfo.InvariantCulture) + ")";
            return string.Create(CultureInfo.InvariantCulture, $"{mine.ToString(format, CultureInfo.InvariantCulture),8} {added,-9}");
        }

        return Column(s => s.CpuMs, "0.0") + Column(s => s.WallMs, "0.0") + Column(s => s.Bytes / 1e6, "0.00");
    }

    /// <summary>The median time the driver measured in our analyzers' callbacks, per edit (first edits, later edits).</summary>
    private static string OursRow(Dictionary<AnalyzerSet, List<Sample>> first, Dictionary<AnalyzerSet, List<Sample>> later, AnalyzerSet set, string label) =>
        !first.ContainsKey(set)
            ? ""
            : string.Create(CultureInfo.InvariantCulture, $" {set} {label}: first edit {Median(first[set].Select(s => s.OursMs)):0.00} ms, later edits {Median(later[set].Select(s => s.OursMs)):0.00} ms;");

    /// <summary>
    /// The median of the per-round differences <paramref name="set"/> − <paramref name="baseline"/>, and a 95% confidence
    /// interval for it (<see cref="MedianInterval"/>). The interval covers this run's rounds only: between runs, the same
    /// comparison moves by more (the A/A control, <see cref="AnalyzerSet.NetAnalyzersAndNothing"/>, shows by how much).
    /// </summary>
    private static string Paired(Dictionary<AnalyzerSet, List<Sample>> results, AnalyzerSet set, AnalyzerSet baseline, Func<Sample, double> value)
    {
        var differences = results[set].Zip(results[baseline], (mine, theirs) => value(mine) - value(theirs)).ToList();
        var (low, high) = MedianInterval(differences);
        return $"{Signed(Median(differences))} [95%: {Signed(low)} … {Signed(high)}]";
    }

    /// <summary>Tenths of a millisecond with a sign; a value that rounds to zero prints as +0.0, never -+0.0 or -0.0.</summary>
    private static string Signed(double value) => (Math.Round(value, 1) + 0.0).ToString("+0.0;-0.0;+0.0", CultureInfo.InvariantCulture);

    /// <summary>
    /// A distribution-free 95% confidence interval for the median of <paramref name="values"/>: the order statistics whose
    /// ranks a binomial(n, ½) brackets (normal approximation; with fewer than 6 values, the range).
    /// </summary>
    internal static (double Low, double High) MedianInterval(IReadOnlyList<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        int n = sorted.Count;
        if (n < 6) return (sorted[0], sorted[n - 1]);
        int lower = (int)Math.Floor(n / 2.0 - 0.98 * Math.Sqrt(n)) - 1;
        int upper = (int)Math.Ceiling(n / 2.0 + 0.98 * Math.Sqrt(n));
        return (sorted[Math.Max(lower, 0)], sorted[Math.Min(upper, n - 1)]);
    }

    private readonly record struct Sample(double WallMs, double CpuMs, long Bytes)
    {
        /// <summary>The driver's timing of our analyzers' callbacks in this edit (<see cref="EditSession.OurAnalyzersTime"/>).</summary>
        public double OursMs { get; init; }

        /// <summary>The time the runtime paused the process for garbage collections during this edit.</summary>
        public double GcPauseMs { get; init; }
    }

    /// <summary>The 1-minute load average (Linux), or "?" elsewhere: recorded with each figure.</summary>
    public static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "?";
        }
        catch (UnauthorizedAccessException)
        {
            return "?";
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        int middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
