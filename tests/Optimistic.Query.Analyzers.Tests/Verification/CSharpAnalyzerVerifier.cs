using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Optimistic.Query.Analyzers.Tests.Verification;

/// <summary>Short entry points for analyzer-only rule tests.</summary>
public static class CSharpAnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>The analyzer's single supported descriptor (fails when it supports several).</summary>
    public static DiagnosticResult Diagnostic() => DiagnosticResult.Diagnostic(SingleId(new TAnalyzer()));

    public static DiagnosticResult Diagnostic(string id) => DiagnosticResult.Diagnostic(id);

    public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) =>
        DiagnosticResult.Diagnostic(descriptor.Id).WithSeverity(descriptor.DefaultSeverity);

    public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<TAnalyzer> { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    internal static string SingleId(DiagnosticAnalyzer analyzer) =>
        AnalyzerTest<TAnalyzer>.DefaultId(analyzer)
        ?? throw new VerificationException(
            $"{analyzer.GetType().Name} supports {string.Join(", ", AnalyzerTest<TAnalyzer>.AnalyzerIds(analyzer))}: use Diagnostic(id).");
}
