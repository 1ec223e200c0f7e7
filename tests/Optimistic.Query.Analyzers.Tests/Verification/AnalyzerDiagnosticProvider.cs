using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Optimistic.Query.Analyzers.Tests.Verification;

/// <summary>Feeds FixAll with the analyzer's diagnostics, analyzing each project snapshot once.</summary>
internal sealed class AnalyzerDiagnosticProvider : FixAllContext.DiagnosticProvider
{
    private readonly ImmutableArray<DiagnosticAnalyzer> _analyzers;
    private readonly ConditionalWeakTable<Project, Task<AnalysisRun>> _runs = new();

    public AnalyzerDiagnosticProvider(DiagnosticAnalyzer analyzer) => _analyzers = ImmutableArray.Create(analyzer);

    public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
    {
        var run = await RunAsync(document.Project, cancellationToken).ConfigureAwait(false);
        return run.AnalyzerDiagnostics.Where(d => d.Location.IsInSource && string.Equals(d.Location.SourceTree!.FilePath, document.FilePath, StringComparison.Ordinal));
    }

    public override async Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
    {
        var run = await RunAsync(project, cancellationToken).ConfigureAwait(false);
        return run.AnalyzerDiagnostics.Where(d => !d.Location.IsInSource);
    }

    public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
    {
        var run = await RunAsync(project, cancellationToken).ConfigureAwait(false);
        return run.AnalyzerDiagnostics;
    }

    private Task<AnalysisRun> RunAsync(Project project, CancellationToken cancellationToken) =>
        _runs.GetValue(project, p => AnalyzerDriver.RunAsync(p, _analyzers, cancellationToken));
}
