using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Optimistic.Query.Analyzers.Benchmarks.Ide;

/// <summary>
/// Every one of our analyzers behind a single <see cref="DiagnosticAnalyzer"/>: each registers its actions through this
/// one (<see cref="ForwardingContext"/>), so the driver dispatches to one analyzer instead of twelve. A measurement of what
/// merging our analyzers would save in the driver's per-analyzer work (<see cref="AnalyzerSet.NetAnalyzersAndOursMerged"/>),
/// not how we ship: generated code is analyzed for all of them (OPT011 and OPT013 skip it when shipped).
/// </summary>
#pragma warning disable RS1001, RS1025, RS1026 // a benchmark's stand-in, never shipped nor loaded by a compiler
internal sealed class MergedRulesAnalyzer : DiagnosticAnalyzer
{
    private readonly ImmutableArray<DiagnosticAnalyzer> _rules;

    public MergedRulesAnalyzer(ImmutableArray<DiagnosticAnalyzer> rules)
    {
        _rules = rules;
        SupportedDiagnostics = rules.SelectMany(r => r.SupportedDiagnostics).ToImmutableArray();
    }

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        var forwarding = new ForwardingContext(context);
        foreach (var rule in _rules) rule.Initialize(forwarding);
    }

    /// <summary>Passes a rule's registrations on to the host's context; the host has set concurrency and generated code.</summary>
    private sealed class ForwardingContext(AnalysisContext host) : AnalysisContext
    {
        public override void EnableConcurrentExecution()
        {
        }

        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode)
        {
        }

        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) => host.RegisterCompilationStartAction(action);

        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => host.RegisterCompilationAction(action);

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => host.RegisterSemanticModelAction(action);

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => host.RegisterSymbolAction(action, symbolKinds);

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => host.RegisterCodeBlockStartAction(action);

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => host.RegisterCodeBlockAction(action);

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => host.RegisterSyntaxTreeAction(action);

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => host.RegisterSyntaxNodeAction(action, syntaxKinds);

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => host.RegisterOperationAction(action, operationKinds);

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => host.RegisterOperationBlockStartAction(action);

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => host.RegisterOperationBlockAction(action);
    }
}
#pragma warning restore RS1001, RS1025, RS1026
