using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Optimistic.Query.CodeFixes.Common;

/// <summary>
/// The members that the options copied by a <c>with</c> expression (<c>Base with { … }</c>) are known to set, so that a fix
/// editing the <c>with</c> knows what a removed member would bring back. Known only where the source shows every member:
/// the operand is a creation through the type's implicit constructor (<c>new AppMutation&lt;…&gt;() { … }</c>), another
/// <c>with</c> over such a copy, or one of these reached through a local never assigned again, an expression-bodied
/// property, or a method whose body is that one expression. Anything else (a parameter, a field, a constructor with a
/// body, a type declared in another assembly, a property with an initializer value the fix would have to read) is unknown.
/// </summary>
internal static class CopiedOptions
{
    private const int MaxDepth = 4;

    /// <summary>
    /// The members set by the options <paramref name="operand"/> evaluates to, by name, each with its value (null for a value
    /// the source does not show, such as a property initializer); a name absent is not set. Null when unknown.
    /// </summary>
    public static IReadOnlyDictionary<string, ExpressionSyntax?>? MembersOf(ExpressionSyntax operand, SemanticModel model, CancellationToken cancellationToken) =>
        MembersOf(operand, model, 0, cancellationToken);

    private static Dictionary<string, ExpressionSyntax?>? MembersOf(ExpressionSyntax operand, SemanticModel model, int depth, CancellationToken cancellationToken)
    {
        if (depth > MaxDepth) return null;
        operand = Unwrap(operand);
        switch (operand)
        {
            case BaseObjectCreationExpressionSyntax creation:
                return CreatedMembers(creation, model, cancellationToken);
            case WithExpressionSyntax with:
                if (MembersOf(with.Expression, model, depth + 1, cancellationToken) is not { } copied) return null;
                Overlay(copied, with.Initializer);
                return copied;
            case IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } or InvocationExpressionSyntax:
                return Definition(operand, model, cancellationToken) is { } definition
                    ? MembersOf(definition.Value, definition.Model, depth + 1, cancellationToken)
                    : null;
            default:
                return null;
        }
    }

    private static ExpressionSyntax Unwrap(ExpressionSyntax expression)
    {
        while (true)
        {
            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    expression = parenthesized.Expression;
                    break;
                case PostfixUnaryExpressionSyntax postfix when postfix.IsKind(SyntaxKind.SuppressNullableWarningExpression):
                    expression = postfix.Operand;
                    break;
                default:
                    return expression;
            }
        }
    }

    /// <summary>A creation through the implicit constructor of a type declared in source: its initializer's members, and the properties' initializers.</summary>
    private static Dictionary<string, ExpressionSyntax?>? CreatedMembers(BaseObjectCreationExpressionSyntax creation, SemanticModel model, CancellationToken cancellationToken)
    {
        if (creation.ArgumentList is { Arguments.Count: > 0 }) return null;
        if (model.GetSymbolInfo(creation, cancellationToken).Symbol is not IMethodSymbol { IsImplicitlyDeclared: true, ContainingType: { } type }) return null;
        var members = new Dictionary<string, ExpressionSyntax?>();
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            if (current.DeclaringSyntaxReferences.Length == 0) return null; // metadata: its property initializers are not visible
            foreach (var property in current.GetMembers().OfType<IPropertySymbol>())
            {
                if (members.ContainsKey(property.Name)) continue;
                foreach (var reference in property.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax(cancellationToken) is PropertyDeclarationSyntax { Initializer: { } propertyInitializer } && !IsNull(propertyInitializer.Value))
                    {
                        members[property.Name] = null;
                    }
                }
            }
        }

        if (creation.Initializer is { } initializer)
        {
            if (!initializer.IsKind(SyntaxKind.ObjectInitializerExpression)) return null;
            Overlay(members, initializer);
        }

        return members;
    }

    /// <summary>The initializer's members over <paramref name="members"/>: a member set to null (or default) is no longer set.</summary>
    private static void Overlay(Dictionary<string, ExpressionSyntax?> members, InitializerExpressionSyntax initializer)
    {
        foreach (var (name, value) in Assignments(initializer))
        {
            if (IsNull(value)) members.Remove(name);
            else members[name] = value;
        }
    }

    private static IEnumerable<(string Name, ExpressionSyntax Value)> Assignments(InitializerExpressionSyntax initializer)
    {
        foreach (var expression in initializer.Expressions)
        {
            if (expression is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: { } name }, Right: { } value }) yield return (name, value);
        }
    }

    private static bool IsNull(ExpressionSyntax value) =>
        Unwrap(value) is LiteralExpressionSyntax literal && (literal.IsKind(SyntaxKind.NullLiteralExpression) || literal.IsKind(SyntaxKind.DefaultLiteralExpression))
        || Unwrap(value) is DefaultExpressionSyntax;

    /// <summary>The one expression a local, property or method stands for, with the semantic model of its tree; null when there is not exactly one.</summary>
    private static (ExpressionSyntax Value, SemanticModel Model)? Definition(ExpressionSyntax reference, SemanticModel model, CancellationToken cancellationToken)
    {
        var symbol = model.GetSymbolInfo(reference, cancellationToken).Symbol;
        if (symbol is null || symbol.DeclaringSyntaxReferences.Length != 1) return null;
        var declaration = symbol.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
        var invoked = reference is InvocationExpressionSyntax;
        ExpressionSyntax? value = (symbol, declaration) switch
        {
            (ILocalSymbol { IsRef: false } local, VariableDeclaratorSyntax { Initializer.Value: { } initial } declarator) when !invoked && !IsWritten(local, declarator, model, cancellationToken) => initial,
            (IPropertySymbol { IsIndexer: false }, PropertyDeclarationSyntax { ExpressionBody.Expression: { } body }) when !invoked => body,
            (IPropertySymbol { IsIndexer: false, SetMethod: null }, PropertyDeclarationSyntax { AccessorList.Accessors: { Count: 1 } accessors }) when !invoked => OnlyExpression(accessors[0].ExpressionBody, accessors[0].Body),
            (IMethodSymbol, MethodDeclarationSyntax method) when invoked => OnlyExpression(method.ExpressionBody, method.Body),
            (IMethodSymbol, LocalFunctionStatementSyntax function) when invoked => OnlyExpression(function.ExpressionBody, function.Body),
            _ => null,
        };
        if (value is null) return null;
        var valueModel = value.SyntaxTree == model.SyntaxTree ? model : model.Compilation.GetSemanticModel(value.SyntaxTree);
        return (value, valueModel);
    }

    private static ExpressionSyntax? OnlyExpression(ArrowExpressionClauseSyntax? arrow, BlockSyntax? block) =>
        arrow?.Expression ?? (block is { Statements: { Count: 1 } statements } && statements[0] is ReturnStatementSyntax { Expression: { } returned } ? returned : null);

    /// <summary>Whether the local is assigned, incremented or passed by reference anywhere after its declaration.</summary>
    private static bool IsWritten(ILocalSymbol local, VariableDeclaratorSyntax declarator, SemanticModel model, CancellationToken cancellationToken)
    {
        var scope = declarator.Ancestors().FirstOrDefault(node => node is BlockSyntax or SwitchSectionSyntax or CompilationUnitSyntax);
        if (scope is null) return true;
        foreach (var identifier in scope.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (identifier.Identifier.ValueText != local.Name) continue;
            var written = identifier.Parent switch
            {
                AssignmentExpressionSyntax assignment => assignment.Left == identifier,
                PrefixUnaryExpressionSyntax prefix => prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression),
                PostfixUnaryExpressionSyntax postfix => postfix.IsKind(SyntaxKind.PostIncrementExpression) || postfix.IsKind(SyntaxKind.PostDecrementExpression),
                ArgumentSyntax argument => !argument.RefKindKeyword.IsKind(SyntaxKind.None),
                _ => false,
            };
            if (written && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, local)) return true;
        }

        return false;
    }
}
