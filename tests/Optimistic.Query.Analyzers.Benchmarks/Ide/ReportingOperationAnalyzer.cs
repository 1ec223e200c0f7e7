using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Optimistic.Query.Analyzers.Benchmarks.Ide;

/// <summary>
/// An analyzer that analyzes nothing and reports one diagnostic where OPT001 reports in the synthetic documents: at each
/// <c>GetQueryData</c> call inside a lambda (the snapshot read in <c>OnMutate</c>). What it adds per edit is what any
/// analyzer pays to report there, Roslyn's <c>[SuppressMessage]</c> check of the diagnostic included, and none of our
/// rules' work (<see cref="AnalyzerSet.NetAnalyzersAndReporter"/>).
/// </summary>
#pragma warning disable RS1001, RS1036, RS1041, RS2008 // a benchmark's stand-in, never shipped nor loaded by a compiler
internal sealed class ReportingOperationAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor s_read = new("REPORT001", "A snapshot read", "A snapshot read", "Benchmark", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(s_read);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start => start.RegisterOperationAction(
            operationContext =>
            {
                var invocation = (IInvocationOperation)operationContext.Operation;
                if (invocation.TargetMethod.Name != "GetQueryData") return;
                for (var parent = invocation.Parent; parent is not null; parent = parent.Parent)
                {
                    if (parent is IAnonymousFunctionOperation)
                    {
                        operationContext.ReportDiagnostic(Diagnostic.Create(s_read, invocation.Syntax.GetLocation()));
                        return;
                    }
                }
            },
            OperationKind.Invocation));
    }
}
#pragma warning restore RS1001, RS1036, RS1041, RS2008
