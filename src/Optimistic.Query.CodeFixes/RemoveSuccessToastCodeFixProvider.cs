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
/// OPT004: removes the success toast from OnSuccess/OnSettled (either twin): the toast's statement, or the whole
/// <c>if</c> when the toast is that <c>if</c>'s only statement, it has no <c>else</c>, and its condition has no side effects
/// (no call, object creation, assignment, increment or <c>await</c>). A callback left with nothing to do is removed from
/// the object initializer (no callback is what an empty one does). Where removing it would change the meaning, the callback
/// stays with an empty body (<c>=&gt; { }</c>, or <c>=&gt; Task.CompletedTask</c> for the async twin): in a <c>with</c>
/// expression (the copied options' callback would come back) and in constructor arguments (a parameter cannot be left out
/// of a positional call). A toast nested in an expression, in an <c>if</c> with an <c>else</c> or a side-effecting
/// condition, or in another embedded statement is left to the user; so is a callback that is not a lambda.
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
        if (DiagnosticSyntax.AdditionalNode(root, diagnostic, 0) is not AnonymousFunctionExpressionSyntax lambda || !Lambdas.IsEditable(lambda)) return null;
        if (invocation.FirstAncestorOrSelf<AnonymousFunctionExpressionSyntax>() != lambda) return null;

        // Where the callback is written decides whether an emptied one can go: an object initializer's member can.
        AssignmentExpressionSyntax? removableMember;
        string callbackName;
        switch (lambda.Parent)
        {
            case AssignmentExpressionSyntax { Left: IdentifierNameSyntax name, Parent: InitializerExpressionSyntax initializer } member:
                removableMember = initializer.IsKind(SyntaxKind.ObjectInitializerExpression) ? member : null;
                callbackName = name.Identifier.ValueText;
                break;
            case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: BaseObjectCreationExpressionSyntax } } argument:
                removableMember = null;
                callbackName = argument.NameColon?.Name.Identifier.ValueText ?? "the callback";
                break;
            default:
                return null;
        }

        SyntaxNode toast = invocation.Parent is AwaitExpressionSyntax awaitExpression ? awaitExpression : invocation;
        StatementSyntax? statement = null;
        if (lambda.ExpressionBody != toast)
        {
            if (toast.Parent is not ExpressionStatementSyntax expressionStatement) return null;
            statement = RemovableStatement(expressionStatement);
            if (statement is null) return null;
        }

        var returnsVoid = model.GetSymbolInfo(lambda, cancellationToken).Symbol is IMethodSymbol { ReturnsVoid: true };
        return new ToastRemoval("Remove the success toast from " + callbackName, lambda, statement, returnsVoid, removableMember);
    }

    /// <summary>
    /// The statement to remove for the toast's statement: itself in a block; the enclosing <c>if</c> (in a block) when the toast
    /// is its only statement, without <c>else</c>, under a condition without side effects; else null.
    /// </summary>
    private static StatementSyntax? RemovableStatement(ExpressionStatementSyntax toastStatement)
    {
        StatementSyntax statement = toastStatement;
        if (statement.Parent is BlockSyntax { Statements.Count: 1 } onlyInBlock && onlyInBlock.Parent is IfStatementSyntax) statement = onlyInBlock;
        if (statement.Parent is IfStatementSyntax ifStatement && ifStatement.Statement == statement)
        {
            if (ifStatement.Else is not null || HasSideEffects(ifStatement.Condition)) return null;
            statement = ifStatement;
        }

        return statement is not BlockSyntax && statement.Parent is BlockSyntax ? statement : null;
    }

    private static bool HasSideEffects(ExpressionSyntax condition) =>
        condition.DescendantNodesAndSelf().Any(node =>
            node is InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax or AssignmentExpressionSyntax or AwaitExpressionSyntax
            || node.IsKind(SyntaxKind.PreIncrementExpression) || node.IsKind(SyntaxKind.PreDecrementExpression)
            || node.IsKind(SyntaxKind.PostIncrementExpression) || node.IsKind(SyntaxKind.PostDecrementExpression));

    private protected override SyntaxNode? Apply(SyntaxNode root, SemanticModel model, IReadOnlyList<FixPlan> plans, CancellationToken cancellationToken)
    {
        var rewrites = new Dictionary<SyntaxNode, SyntaxNode>();
        var removedMembers = new Dictionary<SyntaxNode, HashSet<string>>();
        foreach (var group in plans.OfType<ToastRemoval>().GroupBy(plan => plan.Lambda))
        {
            var lambda = group.Key;
            var plan = group.First();
            if (Rewrite(lambda, group.ToList()) is { } kept)
            {
                rewrites[lambda] = kept;
            }
            else if (plan.RemovableMember is { Parent: { } initializer } member)
            {
                if (!removedMembers.TryGetValue(initializer, out var names)) removedMembers[initializer] = names = new HashSet<string>();
                names.Add(MutationSyntax.MemberName(member));
            }
            else
            {
                rewrites[lambda] = EmptyBody(lambda, plan.ReturnsVoid);
            }
        }

        return root.ReplaceNodes(rewrites.Keys.Concat(removedMembers.Keys), (original, rewritten) =>
        {
            if (!removedMembers.TryGetValue(original, out var names)) return rewrites[original];
            var initializer = (InitializerExpressionSyntax)rewritten;
            foreach (var name in names)
            {
                if (MutationSyntax.FindMember(initializer, name) is { } member) initializer = MutationSyntax.RemoveMember(initializer, member);
            }

            return initializer;
        });
    }

    /// <summary>The lambda without its toasts; null when nothing is left in it.</summary>
    private static AnonymousFunctionExpressionSyntax? Rewrite(AnonymousFunctionExpressionSyntax lambda, List<ToastRemoval> plans)
    {
        if (lambda.Block is not { } block || plans.Any(plan => plan.Statement is null)) return null;
        var remove = new HashSet<StatementSyntax>(plans.Select(plan => plan.Statement!));
        var edited = block.RemoveNodes(remove, SyntaxRemoveOptions.KeepDirectives | SyntaxRemoveOptions.KeepUnbalancedDirectives);
        return edited is { Statements.Count: > 0 } ? lambda.WithBlock(edited) : null;
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
        public ToastRemoval(string title, AnonymousFunctionExpressionSyntax lambda, StatementSyntax? statement, bool returnsVoid, AssignmentExpressionSyntax? removableMember)
            : base(title)
        {
            Lambda = lambda;
            Statement = statement;
            ReturnsVoid = returnsVoid;
            RemovableMember = removableMember;
        }

        public AnonymousFunctionExpressionSyntax Lambda { get; }

        /// <summary>The statement to remove (the toast's, or the <c>if</c> around it); null when the toast is the lambda's expression body.</summary>
        public StatementSyntax? Statement { get; }

        public bool ReturnsVoid { get; }

        /// <summary>The object-initializer member holding the callback, removed when the callback is left empty; null elsewhere.</summary>
        public AssignmentExpressionSyntax? RemovableMember { get; }
    }
}
