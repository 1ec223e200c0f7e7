using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Optimistic.Query.CodeFixes.Common;

/// <summary>
/// The value a <c>with</c> expression copies (<c>Base with { … }</c>): whether it may carry a property the <c>with</c> does not
/// set. A fix that renames a member of a <c>with</c> to its twin (<c>OnMutate</c> to <c>OnMutateAsync</c>) must not let the
/// copied value's old twin come back beside the new one.
/// </summary>
internal static class WithBase
{
    /// <summary>
    /// False only when the copied value provably leaves <paramref name="property"/> null: it is an object creation, written in
    /// the <c>with</c> or as the body of an expression-bodied property or getter (a fresh value each time, never assigned
    /// elsewhere), through the implicit parameterless constructor, without an initializer member for the property, whose
    /// declaration (in source) has no initializer of its own. Anything else (a field, a method's result, a parameter, a type
    /// from metadata) may carry it.
    /// </summary>
    public static bool MayCarry(SemanticModel model, WithExpressionSyntax with, string property, CancellationToken cancellationToken)
    {
        if (CreationOf(model, with.Expression, cancellationToken) is not { } creation) return true;
        if (creation.ArgumentList is { Arguments.Count: > 0 }) return true;
        if (creation.Initializer is { } initializer && initializer.Expressions.Any(expression => expression is not AssignmentExpressionSyntax { Left: IdentifierNameSyntax } || MutationSyntax.MemberName((AssignmentExpressionSyntax)expression) == property)) return true;
        var creationModel = model.Compilation.GetSemanticModel(creation.SyntaxTree);
        if (creationModel.GetSymbolInfo(creation, cancellationToken).Symbol is not IMethodSymbol { IsImplicitlyDeclared: true, Parameters.Length: 0 }) return true;
        for (var type = creationModel.GetTypeInfo(creation, cancellationToken).Type; type is not null; type = type.BaseType)
        {
            foreach (var member in type.GetMembers(property).OfType<IPropertySymbol>())
            {
                if (member.DeclaringSyntaxReferences.Length == 0) return true;
                foreach (var reference in member.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax(cancellationToken) is not PropertyDeclarationSyntax { Initializer: null }) return true;
                }

                return false;
            }
        }

        return true;
    }

    /// <summary>The object creation <paramref name="expression"/> evaluates to, anew each time; else null.</summary>
    private static BaseObjectCreationExpressionSyntax? CreationOf(SemanticModel model, ExpressionSyntax expression, CancellationToken cancellationToken)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized) expression = parenthesized.Expression;
        if (expression is BaseObjectCreationExpressionSyntax creation) return creation;
        if (expression is not (IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax })) return null;
        if (model.GetSymbolInfo(expression, cancellationToken).Symbol is not IPropertySymbol { DeclaringSyntaxReferences.Length: 1 } property) return null;
        ExpressionSyntax? body = null;
        if (property.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is PropertyDeclarationSyntax declaration)
        {
            body = declaration.ExpressionBody?.Expression;
            if (declaration.AccessorList is { Accessors: { Count: 1 } accessors } && accessors[0].IsKind(SyntaxKind.GetAccessorDeclaration))
            {
                body = accessors[0].ExpressionBody?.Expression
                       ?? (accessors[0].Body is { Statements: { Count: 1 } statements } && statements[0] is ReturnStatementSyntax { Expression: { } returned } ? returned : null);
            }
        }

        while (body is ParenthesizedExpressionSyntax inner) body = inner.Expression;
        return body as BaseObjectCreationExpressionSyntax;
    }
}
