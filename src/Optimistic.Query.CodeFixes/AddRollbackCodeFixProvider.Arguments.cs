using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Optimistic.Query.CodeFixes.Common;

namespace Optimistic.Query.CodeFixes;

/// <summary>
/// OPT002 on a definition whose callbacks are the arguments of a mutation_arguments call (<see cref="ArgumentCallbacks"/>):
/// the rollback goes first in the error argument's lambda (renamed to the twin's parameter when it must become async), or a
/// new named argument of the method's optional error parameter is added last, in its delegate's parameter list
/// (<c>onError: (error, input, context, mutationContext) =&gt; …</c>).
/// </summary>
public sealed partial class AddRollbackCodeFixProvider
{
    private static ArgumentListSyntax RewriteArguments(ArgumentListSyntax list, RollbackPlan plan, Layout layout)
    {
        if (plan.ErrorMember is null)
        {
            var lambda = NewErrorLambda(plan, layout, Layout.IndentationOf(plan.OnMutateMember.GetFirstToken()));
            return ArgumentCallbacks.AddNamed(list, plan.NewMemberName!, lambda, layout);
        }

        var errorArgument = (ArgumentSyntax)plan.ErrorMember;
        if (ExtendedErrorLambda(plan, layout, out var renamed) is not { } rewritten) return list;
        var newArgument = renamed ? ArgumentCallbacks.Rename(errorArgument, plan.NewMemberName!) : errorArgument;
        return list.ReplaceNode(errorArgument, newArgument.WithExpression(rewritten));
    }
}
