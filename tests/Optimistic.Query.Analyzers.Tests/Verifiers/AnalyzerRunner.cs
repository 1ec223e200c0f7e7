using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Testing.Model;

namespace Optimistic.Query.Analyzers.Tests.Verifiers;

/// <summary>
/// Our second addition: the raw run for "never throws" tests. The official test's project (same options, references and
/// config files as <see cref="CSharpAnalyzerVerifier{TAnalyzer}.Test"/>) with raw sources (no markup), compiler errors
/// tolerated, several analyzers at once; returns their diagnostics and fails only when one throws (AD0001).
/// </summary>
public sealed class AnalyzerRunner : AnalyzerTest<DefaultVerifier>
{
    private readonly ImmutableArray<DiagnosticAnalyzer> _analyzers;

    private AnalyzerRunner(ImmutableArray<DiagnosticAnalyzer> analyzers, LanguageVersion languageVersion)
    {
        _analyzers = analyzers;
        LanguageVersion = languageVersion;
        ReferenceAssemblies = TestReferences.Assemblies;
        CompilerDiagnostics = CompilerDiagnostics.None;
        TestState.MarkupHandling = MarkupMode.None;
    }

    public override string Language => LanguageNames.CSharp;

    protected override string DefaultFileExt => "cs";

    private LanguageVersion LanguageVersion { get; }

    /// <summary>Analyzes <paramref name="source"/> (<c>/0/Test0.cs</c>) with <paramref name="analyzers"/>.</summary>
    public static Task<ImmutableArray<Diagnostic>> RunAsync(
        DiagnosticAnalyzer[] analyzers,
        string source,
        LanguageVersion languageVersion = LanguageVersion.Latest,
        string? editorConfig = null,
        string? globalConfig = null,
        bool referenceRuntime = true,
        CancellationToken cancellationToken = default) =>
        Create(analyzers, new[] { (TestOptions.MainPath, source) }, languageVersion, editorConfig, globalConfig, referenceRuntime)
            .AnalyzeAsync(cancellationToken);

    /// <summary>A raw run over several sources (paths under <c>/0/</c>) and any metadata references.</summary>
    public static AnalyzerRunner Create(
        IEnumerable<DiagnosticAnalyzer> analyzers,
        IEnumerable<(string Path, string Text)> sources,
        LanguageVersion languageVersion = LanguageVersion.Latest,
        string? editorConfig = null,
        string? globalConfig = null,
        bool referenceRuntime = true,
        IEnumerable<MetadataReference>? additionalReferences = null)
    {
        var runner = new AnalyzerRunner(analyzers.ToImmutableArray(), languageVersion);
        foreach (var (path, text) in sources)
        {
            runner.TestState.Sources.Add((path, text));
        }

        TestOptions.Apply(runner.TestState, referenceRuntime, editorConfig, globalConfig);
        runner.TestState.AdditionalReferences.AddRange(additionalReferences ?? Enumerable.Empty<MetadataReference>());
        return runner;
    }

    /// <summary>The project the official test would analyze (for fixes applied by hand, semantic probes).</summary>
    public Task<Project> CreateProjectAsync(CancellationToken cancellationToken = default) =>
        CreateProjectAsync(Evaluate(), ImmutableArray<EvaluatedProjectState>.Empty, cancellationToken);

    /// <summary>The analyzers' diagnostics, sorted by location; an analyzer exception fails the test.</summary>
    public async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(CancellationToken cancellationToken = default)
    {
        var project = await CreateProjectAsync(cancellationToken).ConfigureAwait(false);
        var diagnostics = (await GetSortedDiagnosticsAsync(project.Solution, _analyzers, ImmutableArray<(Project, Diagnostic)>.Empty, CompilerDiagnostics, Verify, cancellationToken).ConfigureAwait(false))
            .Select(r => r.diagnostic)
            .ToImmutableArray();
        var thrown = diagnostics.Where(d => d.Id == "AD0001").ToList();
        if (thrown.Count > 0)
        {
            throw new InvalidOperationException(
                "An analyzer threw an exception (AD0001):" + Environment.NewLine + string.Join(Environment.NewLine, thrown));
        }

        return diagnostics;
    }

    protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => _analyzers;

    protected override Project ApplyCompilationOptions(Project project) =>
        TestOptions.WithoutPinnedDefaults(base.ApplyCompilationOptions(project));

    protected override CompilationOptions CreateCompilationOptions() =>
        TestOptions.CompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));

    protected override ParseOptions CreateParseOptions() =>
        TestOptions.ParseOptions(new CSharpParseOptions(LanguageVersion, DocumentationMode.Parse), LanguageVersion);

    private EvaluatedProjectState Evaluate() =>
        new(TestState
                .WithInheritedValuesApplied(null, ImmutableArray<string>.Empty)
                .WithProcessedMarkup(MarkupOptions, null, ImmutableArray<DiagnosticDescriptor>.Empty, ImmutableArray<string>.Empty, DefaultFilePath),
            ReferenceAssemblies);
}
