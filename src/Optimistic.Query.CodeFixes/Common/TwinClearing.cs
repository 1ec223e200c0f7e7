using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Optimistic.Query.CodeFixes.Common;

/// <summary>
/// A callback member renamed to its twin (<c>OnSettled</c> to <c>OnSettledAsync</c>) in options copied with <c>with</c>: the copied
/// options' own value of the old name would come back beside the new twin (both set), so <c>OnSettled = null</c> follows the
/// renamed member unless the source shows the copied options do not set it (<see cref="CopiedOptions"/>). Fixes mark the
/// renamed member while they rewrite, and <see cref="Apply"/> adds the null members once the document's rewrite is done.
/// </summary>
internal static class TwinClearing
{
    private const string AnnotationKind = "Optimistic.Query.ClearTwin";

    /// <summary>The name to set to null beside the member renamed away from <paramref name="oldName"/>; null when none is needed.</summary>
    public static string? NameToClear(InitializerExpressionSyntax initializer, string oldName, SemanticModel model, CancellationToken cancellationToken) =>
        initializer.Parent is WithExpressionSyntax copy
        && (CopiedOptions.MembersOf(copy.Expression, model, cancellationToken) is not { } copied || copied.ContainsKey(oldName))
            ? oldName
            : null;

    /// <summary>Marks <paramref name="renamed"/> (the member in its new name) to be followed by <c>{cleared} = null</c>.</summary>
    public static AssignmentExpressionSyntax Mark(AssignmentExpressionSyntax renamed, string? cleared) =>
        cleared is null ? renamed : renamed.WithAdditionalAnnotations(new SyntaxAnnotation(AnnotationKind, cleared));

    /// <summary>Adds <c>{cleared} = null</c> after every marked member of <paramref name="root"/>, in its initializer's layout.</summary>
    public static TNode Apply<TNode>(TNode root, Layout layout)
        where TNode : SyntaxNode
    {
        while (root.GetAnnotatedNodes(AnnotationKind).FirstOrDefault() is AssignmentExpressionSyntax renamed && renamed.Parent is InitializerExpressionSyntax initializer)
        {
            var cleared = renamed.GetAnnotations(AnnotationKind).First().Data!;
            var unmarked = renamed.WithoutAnnotations(AnnotationKind);
            var edited = initializer.ReplaceNode(renamed, unmarked);
            if (MutationSyntax.FindMember(edited, cleared) is null)
            {
                edited = MutationSyntax.InsertMember(edited, MutationSyntax.FindMember(edited, MutationSyntax.MemberName(unmarked)), SyntaxFactory.ParseExpression(cleared + " = null"), layout);
            }

            root = root.ReplaceNode(initializer, edited);
        }

        return root;
    }
}
