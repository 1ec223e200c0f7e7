using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Optimistic.Query.CodeFixes.Common;

/// <summary>
/// Rewrites an expression of one callback (a key, a client) so that another callback can write it: the callback's variables
/// parameter is renamed to the other callback's, and each local of the callback is replaced by its initializer, when that
/// recomputes the same value there. A local qualifies when it is declared once with an initializer, never written again, and
/// its initializer is made only of constants, the variables parameter, members, other qualifying locals, and calls returning the
/// expression's own type (key builders: <c>Keys.Todo(input.Id)</c>, <c>QueryKey.Create(…)</c>). Anything else (a cache read, an
/// <c>await</c>, <c>Guid.NewGuid()</c>) would not give the same value later: no rewrite.
/// </summary>
internal static class LocalInliner
{
    /// <summary>
    /// <paramref name="expression"/> (a node of <paramref name="function"/>) rewritten; null when a local of the function cannot be
    /// inlined. <paramref name="usesVariables"/> says whether the result uses the variables parameter. Another parameter of the
    /// function is written as <paramref name="parameterNames"/> names it (a library's trailing argument the other callback also
    /// receives, found by type), else no rewrite.
    /// </summary>
    public static ExpressionSyntax? Inline(
        SemanticModel model,
        SyntaxNode function,
        ExpressionSyntax expression,
        IParameterSymbol? variables,
        string variablesName,
        CancellationToken cancellationToken,
        out bool usesVariables,
        IReadOnlyDictionary<IParameterSymbol, string>? parameterNames = null)
    {
        usesVariables = false;
        var type = model.GetTypeInfo(expression, cancellationToken).Type;
        var uses = false;
        var result = Rewrite(expression, 0);
        usesVariables = uses;
        return result;

        ExpressionSyntax? Rewrite(ExpressionSyntax node, int depth)
        {
            if (depth > 8) return null;
            var replacements = new Dictionary<SyntaxNode, SyntaxNode>();
            foreach (var identifier in node.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
            {
                var symbol = model.GetSymbolInfo(identifier, cancellationToken).Symbol;
                if (variables is not null && SymbolEqualityComparer.Default.Equals(symbol, variables))
                {
                    uses = true;
                    if (variables.Name != variablesName)
                    {
                        replacements[identifier] = identifier.WithIdentifier(SyntaxFactory.Identifier(identifier.Identifier.LeadingTrivia, variablesName, identifier.Identifier.TrailingTrivia));
                    }

                    continue;
                }

                if (symbol is IParameterSymbol parameter && parameterNames is not null && parameterNames.TryGetValue(parameter, out var name))
                {
                    if (parameter.Name != name) replacements[identifier] = identifier.WithIdentifier(SyntaxFactory.Identifier(identifier.Identifier.LeadingTrivia, name, identifier.Identifier.TrailingTrivia));
                    continue;
                }

                if (symbol is IParameterSymbol or IRangeVariableSymbol && IsDeclaredIn(symbol, function)) return null;
                if (symbol is not ILocalSymbol local || !IsDeclaredIn(local, function)) continue;
                if (InitializerOf(local, cancellationToken) is not { } initializer || IsWritten(model, function, local, cancellationToken)) return null;
                if (!IsRecomputable(model.GetOperation(initializer, cancellationToken), type)) return null;
                if (Rewrite(initializer, depth + 1) is not { } inlined) return null;
                replacements[identifier] = Parenthesize(inlined).WithTriviaFrom(identifier);
            }

            if (replacements.Count == 0) return node.WithoutTrivia();
            if (replacements.ContainsKey(node)) return ((ExpressionSyntax)replacements[node]).WithoutTrivia();
            return node.ReplaceNodes(replacements.Keys, (original, _) => replacements[original]).WithoutTrivia();
        }
    }

    private static bool IsDeclaredIn(ISymbol symbol, SyntaxNode function) =>
        symbol.DeclaringSyntaxReferences.Any(reference => reference.SyntaxTree == function.SyntaxTree && function.Span.Contains(reference.Span));

    private static ExpressionSyntax? InitializerOf(ILocalSymbol local, CancellationToken cancellationToken) =>
        local.DeclaringSyntaxReferences.Length == 1
        && local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } value, Parent: VariableDeclarationSyntax { Parent: LocalDeclarationStatementSyntax statement } }
        && statement.Modifiers.Count == 0 && statement.UsingKeyword.IsKind(SyntaxKind.None)
            ? value
            : null;

    /// <summary>Whether the local is assigned, incremented, or passed by reference anywhere in the function.</summary>
    private static bool IsWritten(SemanticModel model, SyntaxNode function, ILocalSymbol local, CancellationToken cancellationToken)
    {
        foreach (var identifier in function.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (identifier.Identifier.ValueText != local.Name) continue;
            if (!SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, local)) continue;
            var parent = identifier.Parent;
            if (parent is AssignmentExpressionSyntax assignment && assignment.Left == identifier) return true;
            if (parent is PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax) return true;
            if (parent is ArgumentSyntax { RefKindKeyword.RawKind: not 0 }) return true;
        }

        return false;
    }

    /// <summary>Whether evaluating the operation again, later, gives the same value (see the class remarks).</summary>
    private static bool IsRecomputable(IOperation? operation, ITypeSymbol? keyType)
    {
        switch (operation)
        {
            case null:
                return false;
            case ILiteralOperation or IDefaultValueOperation or ITypeOfOperation or INameOfOperation or IInstanceReferenceOperation
                or IParameterReferenceOperation or ILocalReferenceOperation:
                return true;
            case IFieldReferenceOperation or IPropertyReferenceOperation or IConversionOperation or IBinaryOperation or IUnaryOperation
                or IInterpolatedStringOperation or IInterpolationOperation or IInterpolatedStringTextOperation or IArrayCreationOperation
                or IArrayInitializerOperation or IConditionalOperation or IConditionalAccessOperation or IConditionalAccessInstanceOperation
                or IArgumentOperation or ITupleOperation or IParenthesizedOperation or ICoalesceOperation:
                return operation.ChildOperations.All(child => IsRecomputable(child, keyType));
            case IInvocationOperation invocation:
                return keyType is not null
                       && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ReturnType, keyType)
                       && operation.ChildOperations.All(child => IsRecomputable(child, keyType));
            default:
                return false;
        }
    }

    private static ExpressionSyntax Parenthesize(ExpressionSyntax expression) =>
        expression is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or LiteralExpressionSyntax
            or ParenthesizedExpressionSyntax or ElementAccessExpressionSyntax or ObjectCreationExpressionSyntax or InterpolatedStringExpressionSyntax
            ? expression
            : SyntaxFactory.ParenthesizedExpression(expression);
}
