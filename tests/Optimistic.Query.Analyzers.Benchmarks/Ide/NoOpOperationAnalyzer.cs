using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Optimistic.Query.Analyzers.Benchmarks.Ide;

/// <summary>
/// An analyzer that watches object creations (as our rules do) and does nothing: its cost per edit is the analyzer
/// driver's and the document's operation trees, the floor every IOperation analyzer pays (<see cref="AnalyzerSet.NoOp"/>).
/// </summary>
#pragma warning disable RS1001, RS1036, RS1041, RS2008 // a benchmark's stand-in, never shipped nor loaded by a compiler
internal sealed class NoOpOperationAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor s_never = new("NOOP001", "Never reported", "Never reported", "Benchmark", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(s_never);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start => start.RegisterOperationAction(_ => { }, OperationKind.ObjectCreation, OperationKind.With));
    }
}
#pragma warning restore RS1001, RS1036, RS1041, RS2008
