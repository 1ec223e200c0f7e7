using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Optimistic.Query.Analyzers.Tests.Verification;

/// <summary>
/// An analyzer test plus its code fix: applied one diagnostic at a time (<see cref="FixedCode"/>) and, unless
/// skipped, through the FixAll provider in Document, Project and Solution scope (<see cref="BatchFixedCode"/>).
/// Markup in the fixed texts marks diagnostics expected to remain.
/// </summary>
public class CodeFixTest<TAnalyzer, TCodeFix> : AnalyzerTest<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    private static readonly FixAllScope[] s_scopes = { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

    /// <summary>Expected "/0/Test0.cs" after fixing iteratively; null skips the fix verification.</summary>
    public string? FixedCode { get; set; }

    /// <summary>Expected text of other documents after the fix; a source not listed must be unchanged.</summary>
    public List<(string FileName, string Source)> FixedAdditionalSources { get; } = new();

    /// <summary>Expected "/0/Test0.cs" after FixAll; defaults to <see cref="FixedCode"/>.</summary>
    public string? BatchFixedCode { get; set; }

    /// <summary>Diagnostics still expected after the fix, besides markup in the fixed texts.</summary>
    public List<DiagnosticResult> FixedExpectedDiagnostics { get; } = new();

    public string? CodeActionEquivalenceKey { get; set; }

    public int? CodeActionIndex { get; set; }

    public bool SkipFixAll { get; set; }

    /// <summary>Most code actions applied in one run (iterative, or FixAll rounds); default: max(10, 2 × diagnostics).</summary>
    public int? FixIterationLimit { get; set; }

    private protected override async Task VerifyFixesAsync(TestRun testRun, CancellationToken cancellationToken)
    {
        if (FixedCode is null)
        {
            return;
        }

        var fixer = new TCodeFix();
        var selector = new CodeActionSelector(CodeActionEquivalenceKey, CodeActionIndex);
        var limit = FixIterationLimit ?? Math.Max(10, 2 * testRun.Sources.Documents.Sum(d => d.Spans.Length));

        var (fixedProject, applied) = await CodeFixRunner.ApplyIterativelyAsync(testRun.Project, testRun.Analyzer, fixer, selector, limit, cancellationToken).ConfigureAwait(false);
        await VerifyFixedProjectAsync(testRun, fixedProject, applied, FixedCode, "iterative code fix", cancellationToken).ConfigureAwait(false);

        if (SkipFixAll || fixer.GetFixAllProvider() is not { } provider)
        {
            return;
        }

        var supported = provider.GetSupportedFixAllScopes().ToImmutableHashSet();
        foreach (var scope in s_scopes.Where(supported.Contains))
        {
            var (batchProject, rounds) = await FixAllRunner.ApplyAsync(testRun.Project, testRun.Analyzer, fixer, provider, scope, selector, limit, cancellationToken).ConfigureAwait(false);
            await VerifyFixedProjectAsync(testRun, batchProject, rounds, BatchFixedCode ?? FixedCode, $"FixAll in {scope} scope", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Every document's text, then a clean compile and exactly the remaining expected diagnostics.</summary>
    private async Task VerifyFixedProjectAsync(TestRun testRun, Project project, int applied, string fixedCode, string stage, CancellationToken cancellationToken)
    {
        var expectedSources = TestSources.Parse(ExpectedFixedSources(testRun, fixedCode));
        await VerifyTextsAsync(project, expectedSources, applied, stage, cancellationToken).ConfigureAwait(false);

        var expected = expectedSources.Expected(FixedExpectedDiagnostics, DefaultId(testRun.Analyzer), string.Join(", ", testRun.AnalyzerIds));
        var run = await AnalyzerDriver.RunAsync(project, ImmutableArray.Create(testRun.Analyzer), cancellationToken).ConfigureAwait(false);
        VerifyRun(run, testRun.AnalyzerIds, expected, $"code after the {stage}");
    }

    private IEnumerable<(string FileName, string Source)> ExpectedFixedSources(TestRun testRun, string fixedCode)
    {
        var overrides = FixedAdditionalSources.ToDictionary(s => ProjectFactory.NormalizePath(s.FileName), s => s.Source, StringComparer.Ordinal);
        yield return (ProjectFactory.DefaultPath, fixedCode);
        foreach (var document in testRun.Sources.Documents.Skip(1))
        {
            yield return (document.Path, overrides.Remove(document.Path, out var text) ? text : document.Text);
        }

        foreach (var added in overrides)
        {
            yield return (added.Key, added.Value);
        }
    }

    private static async Task VerifyTextsAsync(Project project, TestSources expected, int applied, string stage, CancellationToken cancellationToken)
    {
        var failures = new StringBuilder();
        var actualPaths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var document in project.Documents)
        {
            var path = document.FilePath ?? document.Name;
            actualPaths.Add(path);
            var expectedDocument = expected.Documents.FirstOrDefault(d => d.Path == path);
            if (expectedDocument is null)
            {
                failures.AppendLine($"Unexpected document {path} after the {stage}.");
                continue;
            }

            var actual = TextDiff.NormalizeLineEndings((await document.GetTextAsync(cancellationToken).ConfigureAwait(false)).ToString());
            var wanted = TextDiff.NormalizeLineEndings(expectedDocument.Text);
            if (!string.Equals(actual, wanted, StringComparison.Ordinal))
            {
                failures.AppendLine($"{path} after the {stage} differs from the expected text:");
                failures.AppendLine(TextDiff.Unified(wanted, actual));
            }
        }

        foreach (var missing in expected.Documents.Where(d => !actualPaths.Contains(d.Path)))
        {
            failures.AppendLine($"Expected document {missing.Path} is missing after the {stage}.");
        }

        if (failures.Length > 0)
        {
            failures.AppendLine(applied == 0
                ? "(no code action was applied: the fixer offered none for the analyzer's diagnostics)"
                : $"({applied} code action(s) applied)");
            throw new VerificationException(failures.ToString());
        }
    }
}
