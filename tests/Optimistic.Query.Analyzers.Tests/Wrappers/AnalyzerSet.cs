using Microsoft.CodeAnalysis.Diagnostics;

namespace Optimistic.Query.Analyzers.Tests.Wrappers;

/// <summary>Every rule analyzer the analyzer assembly ships (found by reflection, so rules added later are included).</summary>
internal static class AnalyzerSet
{
    public static DiagnosticAnalyzer[] All() =>
        typeof(MutationRuleAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToArray();
}
