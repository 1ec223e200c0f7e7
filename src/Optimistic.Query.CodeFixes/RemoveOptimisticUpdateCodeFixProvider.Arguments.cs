using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Optimistic.Query.Analyzers;
using Optimistic.Query.Analyzers.Model;
using Optimistic.Query.CodeFixes.Common;

namespace Optimistic.Query.CodeFixes;

/// <summary>
/// OPT005 on a definition whose callbacks are the arguments of a mutation_arguments call (<see cref="ArgumentCallbacks"/>): the
/// OnMutate argument is removed, the error arguments lose their rollback (an argument left empty is removed), the settled
/// invalidation stays. No fix when OnMutate's or an emptied error callback's parameter is not optional (the call would not
/// compile without it), or when nothing invalidates once the mutation settled (the fix would leave the key stale).
/// </summary>
public sealed partial class RemoveOptimisticUpdateCodeFixProvider
{
    private static FixPlan? PlanArguments(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var context = MutationAnalysisContext.Existing(model.Compilation);
        var arguments = ArgumentCallbacks.Of(model, context, ArgumentCallbacks.EnclosingArgument(DiagnosticSyntax.NodeAt(root, diagnostic.Location)), cancellationToken)
                        ?? ArgumentCallbacks.Of(model, context, ArgumentCallbacks.EnclosingArgument(DiagnosticSyntax.AdditionalNode(root, diagnostic, 0)), cancellationToken);
        if (arguments is null) return null;
        if (!diagnostic.Properties.TryGetValue(DiagnosticPropertyNames.HasSettledInvalidation, out var invalidates) || invalidates != "true") return null;

        var removed = new List<ArgumentSyntax>();
        var replaced = new Dictionary<ArgumentSyntax, ArgumentSyntax>();
        foreach (var argument in arguments.Call.ArgumentList.Arguments)
        {
            if (arguments.MemberOf(argument) is not { } member || !arguments.Roles.Members.TryGetValue(member, out var phase)) continue;
            if (phase == CallbackPhase.Mutate)
            {
                if (!arguments.CanRemove(argument)) return null;
                removed.Add(argument);
            }
            else if (phase == CallbackPhase.Error && argument.Expression is AnonymousFunctionExpressionSyntax lambda && Lambdas.IsEditable(lambda))
            {
                var kept = WithoutRollback(lambda, CallbackContext.DelegateIndex(arguments.Roles, member));
                if (kept is null && !arguments.CanRemove(argument)) return null;
                if (kept is null) removed.Add(argument);
                else if (kept != lambda) replaced[argument] = argument.WithExpression(kept);
            }
        }

        if (removed.Count == 0) return null;
        return new ArgumentRemovalPlan(arguments.Call.ArgumentList, removed, replaced);
    }

    private static ArgumentListSyntax RewriteArguments(ArgumentListSyntax list, ArgumentRemovalPlan plan)
    {
        // Replaced lambdas first (same nodes), then removals found again by position among the unchanged arguments.
        var tracked = list.TrackNodes(plan.Removed.Concat(plan.Replaced.Keys));
        var map = plan.Replaced.ToDictionary(pair => tracked.GetCurrentNode(pair.Key)!, pair => pair.Value);
        var result = tracked.ReplaceNodes(map.Keys, (original, _) => map[original]);
        foreach (var argument in plan.Removed)
        {
            if (result.GetCurrentNode(argument) is { } current) result = ArgumentCallbacks.Remove(result, current);
        }

        return result;
    }

    /// <summary>The edit of a mutation_arguments call: arguments removed, error lambdas without their rollback.</summary>
    private sealed class ArgumentRemovalPlan : FixPlan
    {
        public ArgumentRemovalPlan(ArgumentListSyntax list, IReadOnlyList<ArgumentSyntax> removed, Dictionary<ArgumentSyntax, ArgumentSyntax> replaced)
            : base("Remove the optimistic update")
        {
            List = list;
            Removed = removed;
            Replaced = replaced;
        }

        public ArgumentListSyntax List { get; }

        public IReadOnlyList<ArgumentSyntax> Removed { get; }

        public Dictionary<ArgumentSyntax, ArgumentSyntax> Replaced { get; }
    }
}
