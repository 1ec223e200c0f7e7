using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Optimistic.Query.Analyzers.Benchmarks;

/// <summary>
/// Our analyzers over one compilation, single-threaded and in-process: each round compiles a fresh clone (emit, the
/// compiler's own CPU) and analyzes another fresh clone with every rule, reading each rule's execution time from
/// Roslyn's telemetry (what ReportAnalyzer prints, without the thread-pool contention of a concurrent csc run).
/// </summary>
internal static class InProcessMeasurement
{
    public static MeasurementReport Run(SyntheticSources sources, int rounds, bool analyzersOnly, TextWriter log)
    {
        var compilation = CreateCompilation(sources);
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"the synthetic project does not compile ({errors.Count} errors), first: {errors[0]}");
        }

        var analyzers = LoadAnalyzers();
        var report = new MeasurementReport(sources.Files.Count, sources.Mutations, analyzers.Select(a => a.GetType().Name).ToImmutableArray());
        for (int round = 0; round < rounds; round++)
        {
            var compile = analyzersOnly ? TimeSpan.Zero : MeasureCpu(() => EmitFresh(compilation));
            // The JIT's work during the analysis (our code, and Roslyn's generic paths over our types): what a fresh csc
            // process pays on top of the steady-state times below.
            var jitTime = System.Runtime.JitInfo.GetCompilationTime();
            var jitMethods = System.Runtime.JitInfo.GetCompiledMethodCount();
            var (times, diagnostics) = Analyze(compilation, analyzers);
            report.AddRound(compile, times, diagnostics, System.Runtime.JitInfo.GetCompilationTime() - jitTime, System.Runtime.JitInfo.GetCompiledMethodCount() - jitMethods);
            log.WriteLine(report.DescribeRound(report.Rounds.Count - 1));
        }

        return report;
    }

    internal static CSharpCompilation CreateCompilation(SyntheticSources sources)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = sources.Files.Select(f => CSharpSyntaxTree.ParseText(f.Text, parseOptions, f.Path)).ToList();
        return CSharpCompilation.Create(
            "Synthetic",
            trees,
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    /// <summary>The running framework's assemblies and the runtime's (Optimistic.Query and its dependencies).</summary>
    private static IEnumerable<MetadataReference> References()
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var runtime = typeof(QueryClient).Assembly.Location;
        var besideRuntime = Directory.EnumerateFiles(Path.GetDirectoryName(runtime)!, "Microsoft.Extensions.*.dll");
        return platform.Where(p => Path.GetFileName(p).StartsWith("System", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .Concat(besideRuntime)
            .Append(runtime)
            .Distinct(StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p));
    }

    private static ImmutableArray<DiagnosticAnalyzer> LoadAnalyzers()
    {
        var assembly = typeof(MutationRuleAnalyzer).Assembly;
        return assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
    }

    private static void EmitFresh(CSharpCompilation compilation)
    {
        using var stream = new MemoryStream();
        var result = compilation.Clone().Emit(stream);
        if (!result.Success) throw new InvalidOperationException("emit failed");
    }

    private static (ImmutableArray<TimeSpan> Times, ImmutableDictionary<string, int> Diagnostics) Analyze(
        CSharpCompilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, analyzer, _) => throw new InvalidOperationException($"{analyzer} threw", exception),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: true,
            reportSuppressedDiagnostics: false);
        var withAnalyzers = compilation.Clone().WithAnalyzers(analyzers, options);
        var diagnostics = withAnalyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        var times = analyzers.Select(a => withAnalyzers.GetAnalyzerTelemetryInfoAsync(a, default).GetAwaiter().GetResult().ExecutionTime).ToImmutableArray();
        var counts = diagnostics.GroupBy(d => d.Id).ToImmutableDictionary(g => g.Key, g => g.Count());
        return (times, counts);
    }

    private static TimeSpan MeasureCpu(Action action)
    {
        var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        action();
        process.Refresh();
        return process.TotalProcessorTime - before;
    }
}

/// <summary>The rounds of one measurement and their medians.</summary>
internal sealed class MeasurementReport(int files, int mutations, ImmutableArray<string> analyzerNames)
{
    public List<(TimeSpan Compile, ImmutableArray<TimeSpan> Times, ImmutableDictionary<string, int> Diagnostics, TimeSpan Jit, long JitMethods)> Rounds { get; } = new();

    public void AddRound(TimeSpan compile, ImmutableArray<TimeSpan> times, ImmutableDictionary<string, int> diagnostics, TimeSpan jit, long jitMethods) =>
        Rounds.Add((compile, times, diagnostics, jit, jitMethods));

    public string DescribeRound(int index)
    {
        var (compile, times, _, jit, jitMethods) = Rounds[index];
        var ours = Sum(times);
        return string.Create(CultureInfo.InvariantCulture,
            $"round {index + 1}: compile (emit) CPU {compile.TotalSeconds:0.00} s, our analyzers {ours.TotalMilliseconds:0} ms{Percent(ours, compile)}; JIT during the analysis {jit.TotalMilliseconds:0} ms, {jitMethods} methods");
    }

    public void Write(TextWriter output)
    {
        // The first round pays the JIT of our analyzers and of Roslyn's paths: the medians skip it when there are more.
        var measured = Rounds.Count > 1 ? Rounds.Skip(1).ToList() : Rounds;
        var compile = Median(measured.Select(r => r.Compile));
        var ours = Median(measured.Select(r => Sum(r.Times)));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"in-process, single-threaded: {files} files, {mutations} mutations, median of {measured.Count} round(s) after the first"));
        var rows = analyzerNames.Select((name, i) => (Name: name, Time: Median(measured.Select(r => r.Times[i]))))
            .OrderByDescending(r => r.Time);
        foreach (var (name, time) in rows)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {time.TotalMilliseconds,9:0.0} ms  {name}"));
        }

        var diagnostics = measured[^1].Diagnostics.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key} ×{d.Value}");
        output.WriteLine("  diagnostics: " + string.Join(", ", diagnostics));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"our analyzers: {ours.TotalMilliseconds:0} ms{Percent(ours, compile)}"));
    }

    private static string Percent(TimeSpan part, TimeSpan whole) =>
        whole > TimeSpan.Zero ? string.Create(CultureInfo.InvariantCulture, $" = {100 * part.TotalSeconds / whole.TotalSeconds:0.00}% of the compile's CPU") : "";

    private static TimeSpan Sum(IEnumerable<TimeSpan> times) => times.Aggregate(TimeSpan.Zero, (a, b) => a + b);

    private static TimeSpan Median(IEnumerable<TimeSpan> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        if (sorted.Count == 0) return TimeSpan.Zero;
        int middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
