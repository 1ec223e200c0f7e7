using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Optimistic.Query.Analyzers.Model;

namespace Optimistic.Query.Analyzers.Rules;

/// <summary>
/// OPT007: a step of the optimistic update — the cancel and the snapshot in OnMutate, the rollback write in OnError, an
/// invalidation in any callback — uses a key that provably misses every key OnMutate writes, while the step has no operation
/// that may reach the written key (the odd key stands in for the right one; an extra invalidation of a related query beside the
/// right one is fine). Keys are related with fields, properties and key builders seen through.
/// "Misses": for a cancel or an invalidation (prefix operations), Different or CoveredBy; for a snapshot or a rollback (exact
/// operations), anything provably not Same. A read counts as the snapshot only when its value reaches OnMutate's returned
/// context (reading another query to compute the patch is fine). Reported at the key argument.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MismatchedKeyAnalyzer : MutationRuleAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.OPT007_MismatchedKey);

    private enum Step
    {
        None,
        Cancel,
        Snapshot,
        Rollback,
        Invalidation,
    }

    private protected override void Analyze(in MutationRuleContext context)
    {
        var model = context.Model;
        if (!model.IsOptimistic || model.OnMutate is not { } onMutate) return;
        var token = context.CancellationToken;
        var writes = model.OptimisticWrites(token);
        if (writes.IsEmpty) return;

        // Every keyed operation of each step, and whether the step may reach each written key. Arrays indexed by step, not a
        // dictionary keyed by it: generic code over an enum is compiled afresh in every compiler process.
        var steps = new List<CacheOperation>();
        var stepOf = new List<int>();
        var reachesAll = new bool[]?[(int)Step.Invalidation + 1];
        foreach (var callback in model.Callbacks)
        {
            if (!callback.IsAnalyzable) continue;
            foreach (var operation in callback.Operations)
            {
                var step = Classify(callback, operation, onMutate);
                if (step == Step.None) continue;
                var reached = reachesAll[(int)step] ??= new bool[writes.Length];
                for (var i = 0; i < writes.Length; i++)
                {
                    reached[i] |= operation.ReachesAnyKey || operation.IsKeylessRollback || !Misses(model, step, operation.Key, writes[i].Key, token);
                }

                if (operation.Key is not null && operation.KeyExpression is not null)
                {
                    steps.Add(operation);
                    stepOf.Add((int)step);
                }
            }
        }

        for (var s = 0; s < steps.Count; s++)
        {
            var (step, operation) = ((Step)stepOf[s], steps[s]);
            if (System.Array.TrueForAll(reachesAll[(int)step]!, reached => reached)) continue;
            var missesAll = true;
            foreach (var write in writes)
            {
                missesAll &= Misses(model, step, operation.Key, write.Key, token);
            }

            if (!missesAll || (step == Step.Snapshot && !ReachesContext(onMutate, operation.Invocation))) continue;
            var patched = writes[0];
            var properties = MutationRuleContext.Properties(
                (DiagnosticPropertyNames.Step, StepName(step)),
                (DiagnosticPropertyNames.KeyText, operation.Key!.Text),
                (DiagnosticPropertyNames.PatchedKeyText, patched.Key?.Text));
            context.Report(Diagnostic.Create(
                DiagnosticDescriptors.OPT007_MismatchedKey,
                operation.KeyExpression!.Syntax.GetLocation(),
                MutationRuleContext.Locations(patched.KeyExpression?.Syntax),
                properties,
                StepName(step),
                operation.Key!.Text,
                patched.Key?.Text));
        }
    }

    private static Step Classify(MutationCallback callback, CacheOperation operation, MutationCallback onMutate)
    {
        if (operation.Kind is CacheOperationKind.Invalidate) return Step.Invalidation;
        if (callback == onMutate)
        {
            return operation.Kind switch
            {
                CacheOperationKind.Cancel => Step.Cancel,
                CacheOperationKind.Read => Step.Snapshot,
                _ => Step.None,
            };
        }

        return callback.Phase == CallbackPhase.Error && operation.Kind is CacheOperationKind.Write or CacheOperationKind.Patch or CacheOperationKind.UndoPatch or CacheOperationKind.RemoveLayer
            ? Step.Rollback
            : Step.None;
    }

    private static string StepName(Step step) => step switch
    {
        Step.Cancel => "cancel",
        Step.Snapshot => "snapshot",
        Step.Rollback => "rollback",
        _ => "invalidation",
    };

    private static bool Misses(MutationModel model, Step step, KeyShape? key, KeyShape? written, CancellationToken token)
    {
        if (key is null) return false;
        var relation = model.Relate(key, written, token);
        return step is Step.Cancel or Step.Invalidation
            ? relation is KeyRelation.Different or KeyRelation.CoveredBy
            : relation is KeyRelation.Different or KeyRelation.Covers or KeyRelation.CoveredBy;
    }

    /// <summary>Whether the read's value is (part of) what OnMutate returns: directly, or through locals holding it.</summary>
    private static bool ReachesContext(MutationCallback onMutate, IInvocationOperation read)
    {
        var holders = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        if (onMutate.Body is { } body)
        {
            foreach (var operation in body.Descendants())
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation { Initializer.Value: { } value } declarator when Holds(value, read, holders):
                        holders.Add(declarator.Symbol);
                        break;
                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } assignment when Holds(assignment.Value, read, holders):
                        holders.Add(local.Local);
                        break;
                }
            }
        }

        foreach (var returned in onMutate.ReturnedValues)
        {
            if (Holds(returned, read, holders)) return true;
            foreach (var descendant in returned.Descendants())
            {
                if (Holds(descendant, read, holders)) return true;
            }
        }

        return false;
    }

    private static bool Holds(IOperation value, IInvocationOperation read, HashSet<ILocalSymbol> holders) =>
        OperationHelpers.SkipConversions(value) switch
        {
            IInvocationOperation invocation => invocation == read,
            ILocalReferenceOperation local => holders.Contains(local.Local),
            _ => false,
        };
}
