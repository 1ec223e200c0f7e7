using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Optimistic.Query.Analyzers.Tests.Verification;

/// <summary>
/// Invokes the fixer's FixAll provider in one scope on the first fixable diagnostic (with the equivalence key of the
/// action chosen for it), re-analyzes, and repeats until nothing fixable is left; e.g. Document scope over two
/// documents takes two rounds.
/// </summary>
internal static class FixAllRunner
{
    public static async Task<(Project Project, int Applied)> ApplyAsync(
        Project project,
        DiagnosticAnalyzer analyzer,
        CodeFixProvider fixer,
        FixAllProvider provider,
        FixAllScope scope,
        CodeActionSelector selector,
        int iterationLimit,
        CancellationToken cancellationToken)
    {
        var stage = $"FixAll in {scope} scope";
        var diagnosticProvider = new AnalyzerDiagnosticProvider(analyzer);
        for (var iteration = 0; ; iteration++)
        {
            var run = await AnalyzerDriver.RunAsync(project, ImmutableArray.Create(analyzer), cancellationToken).ConfigureAwait(false);
            var fix = await selector.FindFirstAsync(project, run.AnalyzerDiagnostics, fixer, iteration == 0, stage, cancellationToken).ConfigureAwait(false);
            if (fix is null)
            {
                return (project, iteration);
            }

            if (iteration == iterationLimit)
            {
                throw new VerificationException(
                    $"{stage}: fixable diagnostics remain after {iterationLimit} iterations. Next: {DiagnosticComparer.Describe(fix.Diagnostic)}");
            }

            var context = new FixAllContext(
                fix.Document,
                fixer,
                scope,
                fix.Action.EquivalenceKey,
                fixer.FixableDiagnosticIds,
                diagnosticProvider,
                cancellationToken);
            var action = await provider.GetFixAsync(context).ConfigureAwait(false)
                ?? throw new VerificationException($"{stage}: the FixAll provider returned no code action for {DiagnosticComparer.Describe(fix.Diagnostic)}.");
            project = await CodeActionSelector.ApplyAsync(project, action, stage, cancellationToken).ConfigureAwait(false);
        }
    }
}
