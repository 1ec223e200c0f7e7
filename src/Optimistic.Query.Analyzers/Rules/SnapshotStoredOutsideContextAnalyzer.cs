using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Optimistic.Query.Analyzers.Model;

namespace Optimistic.Query.Analyzers.Rules;

/// <summary>
/// OPT003: in an optimistic OnMutate, the snapshot (the value a cache read returns, directly or through locals initialized or
/// assigned from it) or a rollback handle (the result of a <c>[QueryPatch]</c> method, whose <c>Undo()</c> is the rollback, or
/// the layer a <c>[QueryLayer]</c> method returns), alike directly or through locals, is assigned to a
/// static or instance field or property, or to a local or parameter captured from outside the callback. Reported at the
/// assignment.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SnapshotStoredOutsideContextAnalyzer : MutationRuleAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.OPT003_SnapshotStoredOutsideContext);

    private protected override void Analyze(in MutationRuleContext context)
    {
        var model = context.Model;
        if (!model.IsOptimistic || model.OnMutate is not { Body: { } body } onMutate || onMutate.Assignments.IsEmpty) return;

        // The values that must travel as the context: snapshots (reads) and rollback handles (a patch's result, a layer), which
        // overlapping mutations would overwrite in shared storage just the same (the first one's patch or layer then never
        // rolls back, or the second's is undone in its place).
        var reads = new HashSet<IOperation>();
        var layers = new HashSet<IOperation>();
        var patches = new HashSet<IOperation>();
        foreach (var operation in onMutate.Operations)
        {
            var handles = operation.Kind switch
            {
                CacheOperationKind.Read => reads,
                CacheOperationKind.Layer => layers,
                CacheOperationKind.Patch => patches,
                _ => null,
            };
            if (handles is null) continue;
            reads.Add(operation.Invocation);
            handles.Add(operation.Invocation);
        }

        if (reads.Count == 0) return;

        // Locals holding the snapshot (and, among them, those holding a layer handle), in source order so that
        // `var copy = previous;` chains resolve in one pass.
        var snapshotLocals = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        var layerLocals = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        var patchLocals = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        foreach (var operation in body.Descendants())
        {
            var (symbol, value) = operation switch
            {
                IVariableDeclaratorOperation { Initializer.Value: { } initializer } declarator => (declarator.Symbol, initializer),
                ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } assignment
                    when OperationRoots.IsDeclaredWithin(local.Local, onMutate.Method) => (local.Local, assignment.Value),
                _ => ((ILocalSymbol?)null, (IOperation?)null),
            };
            if (symbol is null || !IsSnapshot(value, reads, snapshotLocals)) continue;
            snapshotLocals.Add(symbol);
            if (IsSnapshot(value, layers, layerLocals)) layerLocals.Add(symbol);
            if (IsSnapshot(value, patches, patchLocals)) patchLocals.Add(symbol);
        }

        var hasErrorCallback = model.MaySetPhase(CallbackPhase.Error);
        foreach (var assignment in onMutate.Assignments)
        {
            if (!IsSnapshot(assignment.Value, reads, snapshotLocals) || !IsShared(assignment.Target, onMutate.Method)) continue;
            var valueText = assignment.Value.Syntax.ToString();
            var targetText = assignment.Target.Syntax.ToString();
            var properties = MutationRuleContext.Properties(
                (DiagnosticPropertyNames.IsLayerHandle, IsSnapshot(assignment.Value, layers, layerLocals) ? "true" : null),
                (DiagnosticPropertyNames.IsPatchHandle, IsSnapshot(assignment.Value, patches, patchLocals) ? "true" : null),
                (DiagnosticPropertyNames.SnapshotText, valueText),
                (DiagnosticPropertyNames.TargetText, targetText),
                (DiagnosticPropertyNames.HasErrorCallback, MutationRuleContext.Bool(hasErrorCallback)),
                (DiagnosticPropertyNames.CallbackProperty, onMutate.Name));
            context.Report(Diagnostic.Create(
                DiagnosticDescriptors.OPT003_SnapshotStoredOutsideContext,
                assignment.Syntax.GetLocation(),
                MutationRuleContext.Locations(assignment.Value.Syntax, assignment.Target.Syntax),
                properties,
                valueText,
                targetText));
        }
    }

    private static bool IsSnapshot(IOperation? value, HashSet<IOperation> reads, HashSet<ILocalSymbol> snapshotLocals) =>
        OperationHelpers.SkipConversions(value) switch
        {
            IInvocationOperation invocation => reads.Contains(invocation),
            ILocalReferenceOperation local => snapshotLocals.Contains(local.Local),
            _ => false,
        };

    /// <summary>Whether the target outlives the call: static state, instance state, or a local/parameter captured from outside.</summary>
    private static bool IsShared(IOperation target, IMethodSymbol? callbackMethod)
    {
        target = OperationHelpers.SkipConversions(target) ?? target;
        if (target is IMemberReferenceOperation { Member.IsStatic: true }) return true;
        var root = target is IMemberReferenceOperation or IArrayElementReferenceOperation ? OperationRoots.RootOf(target) : target;
        return root switch
        {
            IInstanceReferenceOperation => true,
            IMemberReferenceOperation { Member.IsStatic: true } => true,
            ILocalReferenceOperation local => !OperationRoots.IsDeclaredWithin(local.Local, callbackMethod),
            IParameterReferenceOperation parameter => !OperationRoots.IsDeclaredWithin(parameter.Parameter, callbackMethod),
            _ => false,
        };
    }
}
