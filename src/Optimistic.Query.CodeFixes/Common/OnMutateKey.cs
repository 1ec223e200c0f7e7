using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Optimistic.Query.CodeFixes.Common;

/// <summary>
/// A key expression of OnMutate written again in another callback (the settled invalidation of OPT005 and OPT006): OnMutate's
/// variables parameter takes the other callback's name for it, and a local of OnMutate is replaced by its initializer
/// (<c>var key = Keys.Todo(input.Id);</c> … <c>SetQueryData(key, …)</c> invalidates <c>Keys.Todo(input.Id)</c>) when evaluating
/// that initializer again gives the same key: it is the local's only value, and it has no <c>await</c>, assignment or
/// increment, and calls only static methods or builders of the key's own type (never a cache read).
/// </summary>
internal static class OnMutateKey
{
    private const int MaxDepth = 4;

    /// <summary>
    /// <paramref name="key"/> rewritten for another callback whose variables parameter is <paramref name="variablesName"/>;
    /// null when it uses a parameter or local of <paramref name="onMutate"/> that cannot be carried over.
    /// </summary>
    public static ExpressionSyntax? Rewrite(ExpressionSyntax key, SemanticModel model, SyntaxNode onMutate, ISymbol? variables, string variablesName, CancellationToken cancellationToken)
    {
        var keyType = model.GetTypeInfo(key, cancellationToken).Type;
        return Rewrite(key, model, onMutate, variables, variablesName, keyType, 0, cancellationToken);
    }

    private static ExpressionSyntax? Rewrite(ExpressionSyntax expression, SemanticModel model, SyntaxNode onMutate, ISymbol? variables, string variablesName, ITypeSymbol? keyType, int depth, CancellationToken cancellationToken)
    {
        var replacements = new Dictionary<SyntaxNode, SyntaxNode>();
        foreach (var identifier in expression.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
        {
            var symbol = model.GetSymbolInfo(identifier, cancellationToken).Symbol;
            if (symbol is null) continue;
            if (variables is not null && SymbolEqualityComparer.Default.Equals(symbol, variables))
            {
                replacements[identifier] = identifier.WithIdentifier(SyntaxFactory.Identifier(identifier.Identifier.LeadingTrivia, variablesName, identifier.Identifier.TrailingTrivia));
                continue;
            }

            if (symbol is not (ILocalSymbol or IParameterSymbol or IRangeVariableSymbol) || !DeclaredIn(symbol, onMutate)) continue;
            if (depth >= MaxDepth || symbol is not ILocalSymbol local || Initializer(local, onMutate, model, cancellationToken) is not { } initializer) return null;
            if (!IsReevaluable(initializer, model, keyType, cancellationToken)) return null;
            if (Rewrite(initializer, model, onMutate, variables, variablesName, keyType, depth + 1, cancellationToken) is not { } inlined) return null;
            replacements[identifier] = Parenthesize(inlined).WithTriviaFrom(identifier);
        }

        return replacements.Count == 0 ? expression : expression.ReplaceNodes(replacements.Keys, (original, _) => replacements[original]);
    }

    private static bool DeclaredIn(ISymbol symbol, SyntaxNode scope) =>
        symbol.DeclaringSyntaxReferences.Any(reference => reference.SyntaxTree == scope.SyntaxTree && scope.Span.Contains(reference.Span));

    /// <summary>The initializer of a local that is never assigned again (its only value), else null.</summary>
    private static ExpressionSyntax? Initializer(ILocalSymbol local, SyntaxNode onMutate, SemanticModel model, CancellationToken cancellationToken)
    {
        if (local.IsRef || local.DeclaringSyntaxReferences.Length != 1) return null;
        if (local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: { } value } declarator) return null;
        if (declarator.Parent?.Parent is not LocalDeclarationStatementSyntax) return null;
        foreach (var identifier in onMutate.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (identifier.Identifier.ValueText != local.Name || !IsWritten(identifier)) continue;
            if (SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, local)) return null;
        }

        return value;
    }

    private static bool IsWritten(ExpressionSyntax reference) =>
        reference.Parent is AssignmentExpressionSyntax assignment && assignment.Left == reference
        || reference.Parent is PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax
        || reference.Parent is ArgumentSyntax { RefKindKeyword.RawKind: not 0 };

    private static bool IsReevaluable(ExpressionSyntax initializer, SemanticModel model, ITypeSymbol? keyType, CancellationToken cancellationToken)
    {
        foreach (var node in initializer.DescendantNodesAndSelf(descend => descend is not AnonymousFunctionExpressionSyntax))
        {
            switch (node)
            {
                case AwaitExpressionSyntax or AssignmentExpressionSyntax or AnonymousFunctionExpressionSyntax:
                case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression }:
                case PostfixUnaryExpressionSyntax:
                    return false;
                case InvocationExpressionSyntax invocation:
                    if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method) return false;
                    if (!method.IsStatic && (keyType is null || !SymbolEqualityComparer.Default.Equals(method.ReturnType, keyType))) return false;
                    break;
            }
        }

        return true;
    }

    private static ExpressionSyntax Parenthesize(ExpressionSyntax expression)
    {
        var bare = expression.WithoutTrivia();
        return bare is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax
            or ParenthesizedExpressionSyntax or LiteralExpressionSyntax or ObjectCreationExpressionSyntax or GenericNameSyntax or ThisExpressionSyntax
            ? bare
            : SyntaxFactory.ParenthesizedExpression(bare);
    }
}
