using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Optimistic.Query.Analyzers.Model;

namespace Optimistic.Query.Analyzers.Rules;

/// <summary>
/// OPT002: an optimistic OnMutate whose OnError (either twin) neither restores the snapshot (a write of a Same, Covers or
/// Unknown key), undoes the patch, nor invalidates the written key (by a Same, Covers or Unknown key, or by tags); or no
/// OnError at all. Reported once per definition, at the OnMutate property name.
/// </summary>
/// <remarks>
/// Silent when the rollback is unknowable: an error callback whose body is not visible (a delegate variable, a method of
/// another assembly), one that hands its context to another method (<c>Rollback(context)</c>, <c>context.Restore()</c>),
/// or a <c>with</c> expression that does not set OnError (the copied instance may).
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MissingRollbackAnalyzer : MutationRuleAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.OPT002_MissingRollback);

    private protected override void Analyze(in MutationRuleContext context)
    {
        var model = context.Model;
        if (!model.IsOptimistic || model.OnMutate is not { } onMutate) return;

        var errorCallbacks = new List<MutationCallback>(model.InPhase(CallbackPhase.Error));
        if (errorCallbacks.Count == 0 && model.IsPartial) return;
        foreach (var callback in errorCallbacks)
        {
            if (!callback.IsAnalyzable || DelegatesContext(callback)) return;
        }

        var token = context.CancellationToken;
        foreach (var write in model.OptimisticWrites(token))
        {
            if (IsRolledBack(model, write, errorCallbacks, token)) continue;

            var errorCallback = errorCallbacks.Count > 0 ? errorCallbacks[0] : null;
            var snapshotType = FindSnapshotType(onMutate);
            var properties = MutationRuleContext.Properties(
                (DiagnosticPropertyNames.KeyText, write.Key?.Text),
                (DiagnosticPropertyNames.CallbackProperty, onMutate.Name),
                (DiagnosticPropertyNames.HasErrorCallback, MutationRuleContext.Bool(errorCallback is not null)),
                (DiagnosticPropertyNames.ErrorCallbackProperty, errorCallback?.Name),
                (DiagnosticPropertyNames.ErrorCallbackIsAsync, errorCallback is null ? null : MutationRuleContext.Bool(errorCallback.IsAsyncTwin)),
                (DiagnosticPropertyNames.SnapshotMember, snapshotType is null ? null : "Previous"),
                (DiagnosticPropertyNames.SnapshotType, snapshotType?.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)),
                (DiagnosticPropertyNames.ReceiverText, write.Receiver is { IsImplicit: false } receiver ? receiver.Syntax.ToString() : null));
            context.Report(Diagnostic.Create(
                DiagnosticDescriptors.OPT002_MissingRollback,
                onMutate.NameSyntax.GetLocation(),
                MutationRuleContext.Locations(write.KeyExpression?.Syntax, errorCallback?.Value.Syntax),
                properties,
                write.Key?.Text));
            return;
        }
    }

    private static bool IsRolledBack(MutationModel model, CacheOperation write, List<MutationCallback> errorCallbacks, System.Threading.CancellationToken token)
    {
        foreach (var callback in errorCallbacks)
        {
            foreach (var operation in callback.Operations)
            {
                switch (operation.Kind)
                {
                    case CacheOperationKind.UndoPatch or CacheOperationKind.RemoveLayer:
                        return true;
                    case CacheOperationKind.Write or CacheOperationKind.Patch
                        when model.Relate(operation.Key, write.Key, token).MayCover():
                        return true;
                    case CacheOperationKind.Invalidate
                        when model.MayReach(operation, write.Key, token):
                        return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether the callback passes its context (or part of it) to a call it does not model, or calls a method on it.</summary>
    private static bool DelegatesContext(MutationCallback callback)
    {
        if (callback.ContextParameter is not { } contextParameter) return false;
        foreach (var operation in callback.Operations)
        {
            if (operation.Kind != CacheOperationKind.Other) continue;
            var invocation = operation.Invocation;
            if (IsRootedAt(invocation.Instance, contextParameter)) return true;
            foreach (var argument in invocation.Arguments)
            {
                if (IsRootedAt(argument.Value, contextParameter)) return true;
            }
        }

        return false;
    }

    private static bool IsRootedAt(IOperation? operation, IParameterSymbol parameter) =>
        OperationRoots.RootOf(operation) is IParameterReferenceOperation reference
        && SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter);

    /// <summary>The T of a <c>new Snapshot&lt;T&gt;(…)</c> the OnMutate returns, if it does.</summary>
    private static ITypeSymbol? FindSnapshotType(MutationCallback onMutate)
    {
        foreach (var returned in onMutate.ReturnedValues)
        {
            if (OperationHelpers.SkipConversions(returned) is IObjectCreationOperation
                {
                    Type: INamedTypeSymbol { Name: "Snapshot", TypeArguments.Length: 1, ContainingNamespace: { Name: "Query", ContainingNamespace.Name: "Optimistic" } } snapshot,
                })
            {
                return snapshot.TypeArguments[0];
            }
        }

        return null;
    }
}
