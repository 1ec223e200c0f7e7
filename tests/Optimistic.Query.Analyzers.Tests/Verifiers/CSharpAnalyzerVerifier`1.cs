using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Testing.Model;

namespace Optimistic.Query.Analyzers.Tests.Verifiers;

/// <summary>Analyzer tests on <see cref="CSharpAnalyzerTest{TAnalyzer, TVerifier}"/>, configured once (see <see cref="Test"/>).</summary>
public static class CSharpAnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <inheritdoc cref="AnalyzerVerifier{TAnalyzer, TTest, TVerifier}.Diagnostic()"/>
    public static DiagnosticResult Diagnostic() => CSharpAnalyzerVerifier<TAnalyzer, DefaultVerifier>.Diagnostic();

    /// <inheritdoc cref="AnalyzerVerifier{TAnalyzer, TTest, TVerifier}.Diagnostic(string)"/>
    public static DiagnosticResult Diagnostic(string diagnosticId) => CSharpAnalyzerVerifier<TAnalyzer, DefaultVerifier>.Diagnostic(diagnosticId);

    /// <inheritdoc cref="AnalyzerVerifier{TAnalyzer, TTest, TVerifier}.Diagnostic(DiagnosticDescriptor)"/>
    public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => CSharpAnalyzerVerifier<TAnalyzer, DefaultVerifier>.Diagnostic(descriptor);

    /// <summary>Runs <see cref="Test"/> on <paramref name="source"/>: its markup plus <paramref name="expected"/>.</summary>
    public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>
    /// The official analyzer test with our defaults: C# latest (<see cref="LanguageVersion"/>), nullable, the offline
    /// framework references and Optimistic.Query.dll (<see cref="ReferenceRuntime"/>), compiler warnings compared, config
    /// files from <see cref="EditorConfig"/>/<see cref="GlobalConfig"/>, and the <see cref="GeneratedCodeCheck"/>.
    /// </summary>
    public class Test : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = TestReferences.Assemblies;
            CompilerDiagnostics = CompilerDiagnostics.Warnings;
        }

        public LanguageVersion LanguageVersion { get; set; } = LanguageVersion.Latest;

        /// <summary>Reference Optimistic.Query.dll (off for wrapper libraries and third-party stand-ins).</summary>
        public bool ReferenceRuntime { get; set; } = true;

        /// <summary>Content of <c>/0/.editorconfig</c> (<c>root = true</c> is added when missing).</summary>
        public string? EditorConfig { get; set; }

        /// <summary>Content of <c>/0/.globalconfig</c> (<c>is_global = true</c> is added when missing).</summary>
        public string? GlobalConfig { get; set; }

        /// <summary>Skip <see cref="GeneratedCodeCheck"/> (only where reporting in generated code is intended).</summary>
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
