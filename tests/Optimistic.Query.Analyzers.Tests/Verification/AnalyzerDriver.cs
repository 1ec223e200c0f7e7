using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Optimistic.Query.Analyzers.Tests.Verification;

/// <summary>The result of one analysis: compiler diagnostics and analyzer diagnostics, each sorted by location.</summary>
internal sealed record AnalysisRun(
    Project Project,
    Compilation Compilation,
    ImmutableArray<Diagnostic> CompilerDiagnostics,
    ImmutableArray<Diagnostic> AnalyzerDiagnostics);

/// <summary>Runs analyzers on a project; any analyzer exception (AD0001) fails with the exception text.</summary>
internal static class AnalyzerDriver
{
    public static async Task<AnalysisRun> RunAsync(Project project, ImmutableArray<DiagnosticAnalyzer> analyzers, CancellationToken cancellationToken)
    {
        var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The test project has no compilation.");
        var failures = new ConcurrentQueue<string>();
        var options = new CompilationWithAnalyzersOptions(
            project.AnalyzerOptions,
            (exception, analyzer, diagnostic) => failures.Enqueue($"{analyzer.GetType().Name} threw {exception}"),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);

        foreach (var diagnostic in diagnostics.Where(d => d.Id == "AD0001"))
        {
            failures.Enqueue(diagnostic.ToString());
        }

        if (!failures.IsEmpty)
        {
            throw new VerificationException(
                "An analyzer threw an exception (AD0001):" + Environment.NewLine + string.Join(Environment.NewLine, failures.Distinct()));
        }

        return new AnalysisRun(
            project,
            compilation,
            Sort(compilation.GetDiagnostics(cancellationToken)),
            Sort(diagnostics));
    }

    public static ImmutableArray<Diagnostic> Sort(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics
            .OrderBy(d => d.Location.SourceTree?.FilePath ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Location.SourceSpan.End)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToImmutableArray();
}
