using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Testing.Model;

namespace Optimistic.Query.Analyzers.Tests.Verifiers;

/// <summary>Code-fix tests on <see cref="CSharpCodeFixTest{TAnalyzer, TCodeFix, TVerifier}"/>, configured once (see <see cref="Test"/>).</summary>
public static class CSharpCodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    /// <inheritdoc cref="CodeFixVerifier{TAnalyzer, TCodeFix, TTest, TVerifier}.Diagnostic()"/>
    public static DiagnosticResult Diagnostic() => CSharpCodeFixVerifier<TAnalyzer, TCodeFix, DefaultVerifier>.Diagnostic();

    /// <inheritdoc cref="CodeFixVerifier{TAnalyzer, TCodeFix, TTest, TVerifier}.Diagnostic(string)"/>
    public static DiagnosticResult Diagnostic(string diagnosticId) => CSharpCodeFixVerifier<TAnalyzer, TCodeFix, DefaultVerifier>.Diagnostic(diagnosticId);

    /// <inheritdoc cref="CodeFixVerifier{TAnalyzer, TCodeFix, TTest, TVerifier}.Diagnostic(DiagnosticDescriptor)"/>
    public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => CSharpCodeFixVerifier<TAnalyzer, TCodeFix, DefaultVerifier>.Diagnostic(descriptor);

    public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    public static Task VerifyCodeFixAsync(string source, string fixedSource) =>
        VerifyCodeFixAsync(source, DiagnosticResult.EmptyDiagnosticResults, fixedSource);

    public static Task VerifyCodeFixAsync(string source, DiagnosticResult expected, string fixedSource) =>
        VerifyCodeFixAsync(source, new[] { expected }, fixedSource);

    public static Task VerifyCodeFixAsync(string source, DiagnosticResult[] expected, string fixedSource)
    {
        var test = new Test { TestCode = source, FixedCode = fixedSource };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>
    /// The official code-fix test (iterative fix, FixAll in document, project and solution scope) with the defaults of
    /// <see cref="CSharpAnalyzerVerifier{TAnalyzer}.Test"/>; markup in the fixed code marks diagnostics expected to remain.
    /// </summary>
    public class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = TestReferences.Assemblies;
            CompilerDiagnostics = CompilerDiagnostics.Warnings;
            FixedState.MarkupHandling = MarkupMode.Allow;
        }

        public LanguageVersion LanguageVersion { get; set; } = LanguageVersion.Latest;

        /// <inheritdoc cref="CSharpAnalyzerVerifier{TAnalyzer}.Test.ReferenceRuntime"/>
        public bool ReferenceRuntime { get; set; } = true;

        /// <inheritdoc cref="CSharpAnalyzerVerifier{TAnalyzer}.Test.EditorConfig"/>
        public string? EditorConfig { get; set; }

        /// <inheritdoc cref="CSharpAnalyzerVerifier{TAnalyzer}.Test.GlobalConfig"/>
        public string? GlobalConfig { get; set; }

        /// <inheritdoc cref="CSharpAnalyzerVerifier{TAnalyzer}.Test.SkipGeneratedCodeRerun"/>
        public bool SkipGeneratedCodeRerun { get; set; }

        protected override ParseOptions CreateParseOptions() =>
            TestOptions.ParseOptions((CSharpParseOptions)base.CreateParseOptions(), LanguageVersion);

        protected override Project ApplyCompilationOptions(Project project) =>
            TestOptions.WithoutPinnedDefaults(base.ApplyCompilationOptions(project));

        protected override CompilationOptions CreateCompilationOptions() =>
            TestOptions.CompilationOptions((CSharpCompilationOptions)base.CreateCompilationOptions());

        protected override async Task RunImplAsync(CancellationToken cancellationToken)
        {
            TestOptions.Apply(TestState, ReferenceRuntime, EditorConfig, GlobalConfig);
            await base.RunImplAsync(cancellationToken).ConfigureAwait(false);
            if (!SkipGeneratedCodeRerun)
            {
                var analyzers = GetDiagnosticAnalyzers().ToImmutableArray();
                await GeneratedCodeCheck.VerifyAsync(
                    TestState,
                    analyzers,
                    GetDefaultDiagnostic(analyzers.ToArray()),
                    MarkupOptions,
                    DefaultFilePath,
                    ReferenceAssemblies,
                    async state => await GetSortedDiagnosticsAsync(
                        (await CreateProjectAsync(state, ImmutableArray<EvaluatedProjectState>.Empty, cancellationToken).ConfigureAwait(false)).Solution,
                        analyzers,
                        ImmutableArray<(Project, Diagnostic)>.Empty,
                        CompilerDiagnostics,
                        Verify,
                        cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            }
        }
    }
}
