using Microsoft.CodeAnalysis.Diagnostics;
using Optimistic.Query.Analyzers.Rules;

namespace Optimistic.Query.Analyzers.Razor.Tests.Infrastructure;

/// <summary>A <see cref="RazorAnalyzerTest{TAnalyzer}"/> running every rule of the package at once, as a build does.</summary>
public sealed class AllRulesRazorTest : RazorAnalyzerTest<CancelBeforeOptimisticWriteAnalyzer>
{
    public static readonly DiagnosticAnalyzer[] Analyzers = typeof(CancelBeforeOptimisticWriteAnalyzer).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToArray();

    protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => Analyzers;
}
