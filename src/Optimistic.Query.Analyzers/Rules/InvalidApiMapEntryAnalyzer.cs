using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Optimistic.Query.Analyzers.Model;

namespace Optimistic.Query.Analyzers.Rules;

/// <summary>
/// OPT013: an entry of the third-party API map (<c>optimistic_query.api.*</c> in the global analyzer config) that the analyzers
/// ignore: an unknown key, a malformed value, or a name that resolves to no type, method, property or parameter of the
/// compilation. One diagnostic per entry, without a location (the config is not a source file and its path is not known to
/// analyzers).
/// </summary>
/// <remarks>
/// Not a mutation rule. It runs once per compilation, at its end (the IDE runs that only for full-solution analysis, never per
/// keystroke); without a map it does nothing. With one it reuses the resolution that compilation start already did for the rules
/// (<see cref="MutationAnalysisContext"/>, one per compilation) and checks the properties and parameters the map names.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InvalidApiMapEntryAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.OPT013_InvalidApiMapEntry);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        // A compilation action runs once the compilation is analyzed: in the build, and in the IDE under full-solution analysis.
        context.RegisterCompilationAction(end =>
        {
            if (MutationAnalysisContext.Get(end.Compilation, end.Options)?.ApiMap is not { } map) return;
            foreach (var problem in map.FindProblems())
            {
                end.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.OPT013_InvalidApiMapEntry, Location.None, problem.Key, problem.Entry, problem.Reason));
            }
        });
    }
}
