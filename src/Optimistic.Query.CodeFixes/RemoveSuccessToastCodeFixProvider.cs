using System.Collections.Generic;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
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
/// condition, or in another embedded statement is left to the user.
/// <para>
/// A method group or local function (<c>OnSuccess = Celebrate</c>) is edited the same way in its declaration, when it is a
/// private method or a local function of this document that nothing but this callback references (see
/// <see cref="CallbackFunction"/>; a shared method's other users may want their toast). When nothing is left in it, the
/// member and the function both go; where the member must stay, the function keeps an empty body.
/// </para>
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

    private protected override FixPlan? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken) => null;

    private protected override async Task<FixPlan?> PlanAsync(Document document, SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (DiagnosticSyntax.NodeAt(root, diagnostic.Location) is not { } node) return null;
        var invocation = node as InvocationExpressionSyntax ?? node.FirstAncestorOrSelf<InvocationExpressionSyntax>();
        if (invocation is null) return null;
        if (DiagnosticSyntax.AdditionalNode(root, diagnostic, 0) is not ExpressionSyntax value) return null;

        // The callback's body: the lambda's, or the declaration's of a method group or local function this callback alone uses.
        SyntaxNode callback;
        BlockSyntax? block;
        ExpressionSyntax? expressionBody;
        bool isFunction;
        if (value is AnonymousFunctionExpressionSyntax lambda)
        {
            if (!Lambdas.IsEditable(lambda) || EnclosingFunction(invocation) != lambda) return null;
            (callback, block, expressionBody, isFunction) = (lambda, lambda.Block, lambda.ExpressionBody, false);
        }
        else if (await CallbackFunction.ResolveAsync(document, model, value, cancellationToken).ConfigureAwait(false) is { } function)
        {
            if (EnclosingFunction(invocation) != function.Declaration) return null;
            (callback, block, expressionBody, isFunction) = (function.Declaration, function.Block, function.ExpressionBody, true);
        }
        else
        {
            return null;
        }

        // Where the callback is written decides whether an emptied one can go: an object initializer's member can.
        SyntaxNode? removableMember;
        string callbackName;
        switch (value.Parent)
        {
            case AssignmentExpressionSyntax { Left: IdentifierNameSyntax name, Parent: InitializerExpressionSyntax initializer } member when member.Right == value:
                removableMember = initializer.IsKind(SyntaxKind.ObjectInitializerExpression) ? member : null;
                callbackName = name.Identifier.ValueText;
                break;
            case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: BaseObjectCreationExpressionSyntax } } argument:
                removableMember = null;
                callbackName = argument.NameColon?.Name.Identifier.ValueText ?? "the callback";
                break;
            case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax } } argument
                when ArgumentCallbacks.Of(model, Optimistic.Query.Analyzers.Model.MutationAnalysisContext.Existing(model.Compilation), argument, cancellationToken) is { } arguments
                     && arguments.MemberOf(argument) is not null:
                // A callback argument of a mutation_arguments call: an emptied one goes when its parameter is optional.
                removableMember = arguments.CanRemove(argument) ? argument : null;
                callbackName = argument.NameColon?.Name.Identifier.ValueText ?? "the callback";
                break;
            default:
                return null;
        }

        SyntaxNode toast = invocation.Parent is AwaitExpressionSyntax awaitExpression ? awaitExpression : invocation;
        StatementSyntax? statement = null;
        if (expressionBody != toast)
        {
            if (toast.Parent is not ExpressionStatementSyntax expressionStatement || block is null) return null;
            statement = RemovableStatement(expressionStatement);
            if (statement is null) return null;
        }

        var returnsVoid = model.GetSymbolInfo(value, cancellationToken).Symbol is IMethodSymbol { ReturnsVoid: true };
        return new ToastRemoval("Remove the success toast from " + callbackName, callback, isFunction, statement, returnsVoid, removableMember);
    }

    /// <summary>The lambda, local function or method whose body holds <paramref name="node"/> directly.</summary>
    private static SyntaxNode? EnclosingFunction(SyntaxNode node) =>
        node.Ancestors().FirstOrDefault(ancestor => ancestor is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax or AccessorDeclarationSyntax);

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
        var removedFunctions = new List<SyntaxNode>();
        var removedArguments = new Dictionary<SyntaxNode, List<int>>(); // argument lists of mutation_arguments calls: the emptied callbacks' positions
        foreach (var group in plans.OfType<ToastRemoval>().GroupBy(plan => plan.Callback))
        {
            var callback = group.Key;
            var plan = group.First();
            if (Rewrite(callback, group.ToList()) is { } kept)
            {
                rewrites[callback] = kept;
            }
            else if (plan.RemovableMember is ArgumentSyntax { Parent: { } list } argument)
            {
                if (!removedArguments.TryGetValue(list, out var indexes)) removedArguments[list] = indexes = new List<int>();
                indexes.Add(((ArgumentListSyntax)list).Arguments.IndexOf(argument));
                if (plan.IsFunction) removedFunctions.Add(callback);
            }
            else if (plan.RemovableMember is AssignmentExpressionSyntax { Parent: { } initializer } member)
            {
                if (!removedMembers.TryGetValue(initializer, out var names)) removedMembers[initializer] = names = new HashSet<string>();
                names.Add(MutationSyntax.MemberName(member));

                // The method group's function has no other user (CallbackFunction): it goes with the member.
                if (plan.IsFunction) removedFunctions.Add(callback);
            }
            else
            {
                rewrites[callback] = callback is AnonymousFunctionExpressionSyntax lambda ? EmptyBody(lambda, plan.ReturnsVoid) : EmptyFunction(callback, plan.ReturnsVoid);
            }
        }

        // The functions go first (tracked, so that the nodes to replace are found again in the smaller tree).
        var replaced = rewrites.Keys.Concat(removedMembers.Keys).Concat(removedArguments.Keys).ToList();
        var tracked = root.TrackNodes(replaced.Concat(removedFunctions));
        if (removedFunctions.Count > 0)
        {
            tracked = tracked.RemoveNodes(removedFunctions.Select(function => tracked.GetCurrentNode(function)!), SyntaxRemoveOptions.KeepDirectives | SyntaxRemoveOptions.KeepUnbalancedDirectives)!;
        }

        var originals = new Dictionary<SyntaxNode, SyntaxNode>();
        foreach (var node in replaced)
        {
            if (tracked.GetCurrentNode(node) is { } current) originals[current] = node;
        }

        return tracked.ReplaceNodes(originals.Keys, (current, rewritten) =>
        {
            var original = originals[current];
            if (removedArguments.TryGetValue(original, out var positions))
            {
                var list = (ArgumentListSyntax)rewritten;
                foreach (var position in positions.OrderByDescending(position => position)) list = ArgumentCallbacks.Remove(list, list.Arguments[position]);
                return list;
            }

            if (!removedMembers.TryGetValue(original, out var names)) return rewrites[original];
            var initializer = (InitializerExpressionSyntax)rewritten;
            foreach (var name in names)
            {
                if (MutationSyntax.FindMember(initializer, name) is { } member) initializer = MutationSyntax.RemoveMember(initializer, member);
            }

            return initializer;
        });
    }

    /// <summary>The lambda or function declaration without its toasts; null when nothing is left in it.</summary>
    private static SyntaxNode? Rewrite(SyntaxNode callback, List<ToastRemoval> plans)
    {
        var block = callback switch
        {
            AnonymousFunctionExpressionSyntax lambda => lambda.Block,
            _ => CallbackBlock(callback),
        };
        if (block is null || plans.Any(plan => plan.Statement is null)) return null;
        var remove = new HashSet<StatementSyntax>(plans.Select(plan => plan.Statement!));
        var edited = block.RemoveNodes(remove, SyntaxRemoveOptions.KeepDirectives | SyntaxRemoveOptions.KeepUnbalancedDirectives);
        if (edited is not { Statements.Count: > 0 }) return null;
        return callback is AnonymousFunctionExpressionSyntax anonymous
            ? anonymous.WithBlock(edited)
            : CallbackFunction.Edit(callback, method => method.WithBody(edited), local => local.WithBody(edited));
    }

    private static BlockSyntax? CallbackBlock(SyntaxNode declaration) => declaration switch
    {
        MethodDeclarationSyntax method => method.Body,
        LocalFunctionStatementSyntax local => local.Body,
        _ => null,
    };

    /// <summary><c>=&gt; { }</c> for a void lambda; <c>=&gt; Task.CompletedTask</c> (without <c>async</c>) for a Task-returning one.</summary>
    private static AnonymousFunctionExpressionSyntax EmptyBody(AnonymousFunctionExpressionSyntax lambda, bool returnsVoid)
    {
        if (returnsVoid)
        {
            return Lambdas.WithBlock(lambda, Layout.EmptyInlineBlock().WithTrailingTrivia(lambda.Body.GetTrailingTrivia()), arrowLineBreak: null);
        }

        return Lambdas.WithExpressionBody(Lambdas.RemoveAsync(lambda), CompletedTask());
    }

    /// <summary>
    /// A method group's function left with nothing to do where its callback must stay: a void one gets an empty body
    /// (<c>{ }</c>), a Task-returning one <c>=&gt; Task.CompletedTask;</c> (without <c>async</c>).
    /// </summary>
    private static SyntaxNode EmptyFunction(SyntaxNode declaration, bool returnsVoid)
    {
        if (returnsVoid)
        {
            return CallbackFunction.Edit(
                declaration,
                method => method.Body is { } body
                    ? method.WithBody(body.WithStatements(default))
                    : method.WithExpressionBody(null).WithSemicolonToken(default).WithBody(InlineEmptyBlock(method.SemicolonToken.TrailingTrivia)),
                local => local.Body is { } body
                    ? local.WithBody(body.WithStatements(default))
                    : local.WithExpressionBody(null).WithSemicolonToken(default).WithBody(InlineEmptyBlock(local.SemicolonToken.TrailingTrivia)));
        }

        var arrow = SyntaxFactory.ArrowExpressionClause(CompletedTask()).WithArrowToken(SyntaxFactory.Token(SyntaxKind.EqualsGreaterThanToken).WithTrailingTrivia(SyntaxFactory.Space));
        var semicolon = SyntaxFactory.Token(SyntaxKind.SemicolonToken);
        return CallbackFunction.Edit(
            declaration,
            method => WithoutAsync(method.Body is { } body
                ? method.WithBody(null).WithParameterList(method.ParameterList.WithTrailingTrivia(SyntaxFactory.Space)).WithExpressionBody(arrow).WithSemicolonToken(semicolon.WithTrailingTrivia(body.GetTrailingTrivia()))
                : method.WithExpressionBody(arrow.WithLeadingTrivia(method.ExpressionBody!.GetLeadingTrivia()))),
            local => WithoutAsync(local.Body is { } body
                ? local.WithBody(null).WithParameterList(local.ParameterList.WithTrailingTrivia(SyntaxFactory.Space)).WithExpressionBody(arrow).WithSemicolonToken(semicolon.WithTrailingTrivia(body.GetTrailingTrivia()))
                : local.WithExpressionBody(arrow.WithLeadingTrivia(local.ExpressionBody!.GetLeadingTrivia()))));

        static T WithoutAsync<T>(T function) where T : SyntaxNode
        {
            var modifiers = function switch
            {
                MethodDeclarationSyntax method => method.Modifiers,
                LocalFunctionStatementSyntax local => local.Modifiers,
                _ => default,
            };
            var index = modifiers.IndexOf(SyntaxKind.AsyncKeyword);
            if (index < 0) return function;
            var asyncKeyword = modifiers[index];
            SyntaxNode edited = function switch
            {
                MethodDeclarationSyntax method => method.WithModifiers(modifiers.RemoveAt(index)),
                LocalFunctionStatementSyntax local => local.WithModifiers(modifiers.RemoveAt(index)),
                _ => function,
            };

            // The keyword's leading trivia (the line's indentation when it came first) goes to the token now first.
            if (index > 0) return (T)edited;
            var first = edited.GetFirstToken();
            return (T)edited.ReplaceToken(first, first.WithLeadingTrivia(asyncKeyword.LeadingTrivia));
        }
    }

    /// <summary><c>{ }</c> without elastic trivia (the formatter would spread a member's empty body over three lines).</summary>
    private static BlockSyntax InlineEmptyBlock(SyntaxTriviaList trailing) =>
        SyntaxFactory.Block(
            SyntaxFactory.Token(SyntaxTriviaList.Empty, SyntaxKind.OpenBraceToken, SyntaxFactory.TriviaList(SyntaxFactory.Space)),
            default,
            SyntaxFactory.Token(SyntaxTriviaList.Empty, SyntaxKind.CloseBraceToken, trailing));

    private static ExpressionSyntax CompletedTask() =>
        SyntaxFactory.ParseExpression("global::System.Threading.Tasks.Task.CompletedTask").WithAdditionalAnnotations(Simplifier.Annotation);

    private sealed class ToastRemoval : FixPlan
    {
        public ToastRemoval(string title, SyntaxNode callback, bool isFunction, StatementSyntax? statement, bool returnsVoid, SyntaxNode? removableMember)
            : base(title)
        {
            Callback = callback;
            IsFunction = isFunction;
            Statement = statement;
            ReturnsVoid = returnsVoid;
            RemovableMember = removableMember;
        }

        /// <summary>The callback lambda, or the declaration of its method group's function.</summary>
        public SyntaxNode Callback { get; }

        /// <summary>Whether <see cref="Callback"/> is a method or local function declaration (referenced by this callback only).</summary>
        public bool IsFunction { get; }

        /// <summary>The statement to remove (the toast's, or the <c>if</c> around it); null when the toast is the whole expression body.</summary>
        public StatementSyntax? Statement { get; }

        public bool ReturnsVoid { get; }

        /// <summary>The object-initializer member holding the callback, removed when the callback is left empty; null elsewhere.</summary>
        /// <summary>The initializer member or mutation_arguments argument that goes when the callback is left empty; null: it stays, emptied.</summary>
        public SyntaxNode? RemovableMember { get; }
    }
}
