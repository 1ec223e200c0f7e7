using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Optimistic.Query.Analyzers.Tests.Verification;

/// <summary>
/// Runs analyzers on one raw source ("/0/Test0.cs", no markup, compiler errors tolerated) for "never throws" checks:
/// returns the analyzer diagnostics; an analyzer exception (AD0001) throws <see cref="VerificationException"/>.
/// </summary>
public static class AnalyzerRunner
{
    public static async Task<ImmutableArray<Diagnostic>> RunAsync(
        DiagnosticAnalyzer[] analyzers,
        string source,
        LanguageVersion languageVersion = LanguageVersion.Latest,
        string? editorConfig = null,
        string? globalConfig = null,
        bool referenceRuntime = true,
        CancellationToken cancellationToken = default)
    {
        var project = ProjectFactory.Create(new ProjectSpec(
            ImmutableArray.Create((ProjectFactory.DefaultPath, source)),
            languageVersion,
            editorConfig,
            globalConfig,
            ProjectFactory.References(referenceRuntime, Array.Empty<MetadataReference>())));
        var run = await AnalyzerDriver.RunAsync(project, analyzers.ToImmutableArray(), cancellationToken).ConfigureAwait(false);
        return run.AnalyzerDiagnostics;
    }
}
