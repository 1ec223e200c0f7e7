using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Optimistic.Query.Analyzers.Tests.Verification;

/// <summary>
/// Applies one code action at a time — on the first fixable diagnostic by location — and re-analyzes, until no
/// fixable diagnostic with a matching action is left. Exceeding the iteration limit fails.
/// </summary>
internal static class CodeFixRunner
{
    public static async Task<(Project Project, int Applied)> ApplyIterativelyAsync(
        Project project,
        DiagnosticAnalyzer analyzer,
        CodeFixProvider fixer,
        CodeActionSelector selector,
        int iterationLimit,
        CancellationToken cancellationToken)
    {
        const string Stage = "Iterative code fix";
        for (var iteration = 0; ; iteration++)
        {
            var run = await AnalyzerDriver.RunAsync(project, ImmutableArray.Create(analyzer), cancellationToken).ConfigureAwait(false);
            var fix = await selector.FindFirstAsync(project, run.AnalyzerDiagnostics, fixer, iteration == 0, Stage, cancellationToken).ConfigureAwait(false);
            if (fix is null)
            {
                return (project, iteration);
            }

            if (iteration == iterationLimit)
            {
                throw new VerificationException(
                    $"{Stage}: fixable diagnostics remain after {iterationLimit} iterations (a fix that does not remove its diagnostic?). Next: {DiagnosticComparer.Describe(fix.Diagnostic)}");
            }

            project = await CodeActionSelector.ApplyAsync(project, fix.Action, Stage, cancellationToken).ConfigureAwait(false);
        }
    }
}
