using System.Collections.Generic;
using System.Composition;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using Optimistic.Query.CodeFixes.Common;

namespace Optimistic.Query.CodeFixes;

/// <summary>
/// OPT004: removes the success toast from OnSuccess/OnSettled. A toast that was the callback's whole body leaves an empty
/// body: <c>(data, input, context) =&gt; { }</c> for the synchronous twin, <c>=&gt; Task.CompletedTask</c> for the async one.
/// Only toasts written as a statement of their own (or as the expression body) are fixed; a toast nested in another
/// expression or an embedded statement (<c>if (x) toaster.Success(…);</c>) is left to the user.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveSuccessToastCodeFixProvider)), Shared]
public sealed class RemoveSuccessToastCodeFixProvider : DocumentRewriteCodeFixProvider
{
    /// <summary>The equivalence key of the fix.</summary>
    public const string Key = "OPT004.RemoveSuccessToast";

    /// <summary>The fix of OPT004.</summary>
    public RemoveSuccessToastCodeFixProvider()
        : base("OPT004", Key)
    {
    }

    private protected override FixPlan? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (DiagnosticSyntax.NodeAt(root, diagnostic.Location) is not { } node) return null;
        var invocation = node as InvocationExpressionSyntax ?? node.FirstAncestorOrSelf<InvocationExpressionSyntax>();
        if (invocation is null) return null;
        var member = MutationSyntax.EnclosingMember(invocation);
        if (MutationSyntax.LambdaOf(member) is not { } lambda) return null;
        if (invocation.FirstAncestorOrSelf<AnonymousFunctionExpressionSyntax>() != lambda) return null;

        SyntaxNode toast = invocation.Parent is AwaitExpressionSyntax awaitExpression ? awaitExpression : invocation;
        if (toast.Parent is ParenthesizedExpressionSyntax) return null;
        StatementSyntax? statement = null;
        if (lambda.ExpressionBody != toast)
        {
            if (toast.Parent is not ExpressionStatementSyntax { Parent: BlockSyntax } expressionStatement) return null;
            statement = expressionStatement;
        }

        var returnsVoid = model.GetSymbolInfo(lambda, cancellationToken).Symbol is IMethodSymbol { ReturnsVoid: true };
        var title = "Remove the success toast from " + MutationSyntax.MemberName(member!);
        return new ToastRemoval(title, lambda, statement, returnsVoid);
    }

    private protected override SyntaxNode? Apply(SyntaxNode root, SemanticModel model, IReadOnlyList<FixPlan> plans, CancellationToken cancellationToken)
    {
        var byLambda = plans.OfType<ToastRemoval>().GroupBy(plan => plan.Lambda).ToDictionary(group => group.Key, group => group.ToList());
        return root.ReplaceNodes(byLambda.Keys, (original, _) => Rewrite(original, byLambda[original]));
    }

    private static AnonymousFunctionExpressionSyntax Rewrite(AnonymousFunctionExpressionSyntax lambda, List<ToastRemoval> plans)
    {
        var returnsVoid = plans[0].ReturnsVoid;
        if (lambda.Block is { } block && plans.All(plan => plan.Statement is not null))
        {
            var remove = new HashSet<StatementSyntax>(plans.Select(plan => plan.Statement!));
            var remaining = block.Statements.Where(statement => !remove.Contains(statement)).ToList();
            if (remaining.Count > 0 || !ReferenceEquals(plans[0].Statement!.Parent, block))
            {
                // Toasts in nested blocks, or statements left over: remove the toasts where they are.
                var edited = block.RemoveNodes(remove, SyntaxRemoveOptions.KeepDirectives | SyntaxRemoveOptions.KeepUnbalancedDirectives);
                if (edited is null) return lambda;
                if (edited.Statements.Count > 0) return lambda.WithBlock(edited);
            }
        }

        return EmptyBody(lambda, returnsVoid);
    }

    /// <summary><c>=&gt; { }</c> for a void lambda; <c>=&gt; Task.CompletedTask</c> (without <c>async</c>) for a Task-returning one.</summary>
    private static AnonymousFunctionExpressionSyntax EmptyBody(AnonymousFunctionExpressionSyntax lambda, bool returnsVoid)
    {
        if (returnsVoid)
        {
            return Lambdas.WithBlock(lambda, Layout.EmptyInlineBlock().WithTrailingTrivia(lambda.Body.GetTrailingTrivia()), arrowLineBreak: null);
        }

        var completed = SyntaxFactory.ParseExpression("global::System.Threading.Tasks.Task.CompletedTask").WithAdditionalAnnotations(Simplifier.Annotation);
        return Lambdas.WithExpressionBody(Lambdas.RemoveAsync(lambda), completed);
    }

    private sealed class ToastRemoval : FixPlan
    {
        public ToastRemoval(string title, AnonymousFunctionExpressionSyntax lambda, StatementSyntax? statement, bool returnsVoid)
            : base(title)
        {
            Lambda = lambda;
            Statement = statement;
            ReturnsVoid = returnsVoid;
        }

        public AnonymousFunctionExpressionSyntax Lambda { get; }

        /// <summary>The toast's statement; null when the toast is the lambda's expression body.</summary>
        public StatementSyntax? Statement { get; }

        public bool ReturnsVoid { get; }
    }
}
