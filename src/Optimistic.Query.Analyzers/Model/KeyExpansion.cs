using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Optimistic.Query.Analyzers.Model;

/// <summary>
/// Sees through the places a key is kept or built, for <see cref="KeyRelations.RelateExpanded"/>:
/// <list type="bullet">
/// <item>a field or a get-only auto-property of this compilation, initialized where it is declared and never assigned
/// elsewhere in its type, stands for its initializer (an initializer cannot read the instance, so any instance will do);</item>
/// <item>an expression-bodied get-only property stands for its expression (only on this instance, or when static);</item>
/// <item>a key-builder method of this compilation whose body is one <c>return</c> stands for that expression, with its
/// parameters replaced by the call's arguments (<c>Keys.Todo(1)</c> is <c>QueryKey.Create("todos", 1)</c>).</item>
/// </list>
/// The bound initializers and bodies are cached per compilation (beside the shared context, which this file does not change).
/// </summary>
internal static class KeyExpansion
{
    private static readonly ConditionalWeakTable<MutationAnalysisContext, ConcurrentDictionary<ISymbol, IOperation?>> s_values = new();

    public static KeyShape? ExpandMember(ISymbol member, bool sameInstance, MutationAnalysisContext context, CancellationToken cancellationToken, int depth)
    {
        if (depth > 6) return null;
        var value = GetValue(member.OriginalDefinition, context, cancellationToken, out var instanceIndependent);
        if (value is null || (!instanceIndependent && !sameInstance && !member.IsStatic)) return null;
        return KeyShape.BuildExpansion(value, null, context, cancellationToken, depth);
    }

    public static KeyShape? InlineBuilder(
        IMethodSymbol method,
        ImmutableArray<IParameterSymbol?> parameters,
        ImmutableArray<KeyShape> arguments,
        MutationAnalysisContext context,
        CancellationToken cancellationToken,
        int depth)
    {
        if (depth > 6 || method.MethodKind != MethodKind.Ordinary) return null;
        var original = (method.ReducedFrom ?? method).OriginalDefinition;
        var body = context.GetMethodBody(original, null, cancellationToken);
        if (body is not IBlockOperation { Operations.Length: 1 } block
            || block.Operations[0] is not IReturnOperation { ReturnedValue: { } returned })
        {
            return null;
        }

        var substitutions = new Dictionary<IParameterSymbol, KeyShape>(SymbolEqualityComparer.Default);
        for (var i = 0; i < parameters.Length; i++)
        {
            if (parameters[i] is not { } parameter || parameter.Ordinal >= original.Parameters.Length) return null;
            substitutions[original.Parameters[parameter.Ordinal]] = arguments[i];
        }

        // A parameter the call does not pass (params with no arguments) stays a parameter: Unknown, never wrong.
        return KeyShape.BuildExpansion(returned, substitutions, context, cancellationToken, depth);
    }

    private static IOperation? GetValue(ISymbol member, MutationAnalysisContext context, CancellationToken cancellationToken, out bool instanceIndependent)
    {
        instanceIndependent = member is IFieldSymbol || member is IPropertySymbol { IsReadOnly: true } property && IsAutoProperty(property);
        var cache = s_values.GetValue(context, static _ => new ConcurrentDictionary<ISymbol, IOperation?>(SymbolEqualityComparer.Default));
        if (cache.TryGetValue(member, out var known)) return known;
        var value = ComputeValue(member, context.Compilation, cancellationToken);
        return cache.GetOrAdd(member, value);
    }

    private static bool IsAutoProperty(IPropertySymbol property)
    {
        foreach (var reference in property.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is PropertyDeclarationSyntax { Initializer: not null }) return true;
        }

        return false;
    }

    private static IOperation? ComputeValue(ISymbol member, Compilation compilation, CancellationToken cancellationToken)
    {
        if (member.DeclaringSyntaxReferences.Length != 1 || !SymbolEqualityComparer.Default.Equals(member.ContainingAssembly, compilation.Assembly)) return null;
        var syntax = member.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
        ExpressionSyntax? value;
        switch (member)
        {
            case IFieldSymbol { IsReadOnly: true } when syntax is VariableDeclaratorSyntax { Initializer.Value: { } initializer }:
                value = initializer;
                break;
            case IPropertySymbol { IsReadOnly: true } when syntax is PropertyDeclarationSyntax { Initializer.Value: { } initializer }:
                value = initializer;
                break;
            case IPropertySymbol { IsReadOnly: true } when syntax is PropertyDeclarationSyntax { ExpressionBody.Expression: { } expression }:
                value = expression;
                break;
            default:
                return null;
        }

        if (IsAssignedInType(member, cancellationToken) || !compilation.ContainsSyntaxTree(syntax.SyntaxTree)) return null;
#pragma warning disable RS1030 // A key kept in a field may be declared in another file: bind that one initializer (cached per member).
        var model = compilation.GetSemanticModel(syntax.SyntaxTree);
#pragma warning restore RS1030
        return model.GetOperation(value, cancellationToken);
    }

    /// <summary>Any assignment naming the member in its type's declarations (constructors included): syntactic and conservative.</summary>
    private static bool IsAssignedInType(ISymbol member, CancellationToken cancellationToken)
    {
        if (member.ContainingType is not { } type) return true;
        var name = member.Name;
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            foreach (var node in reference.GetSyntax(cancellationToken).DescendantNodes())
            {
                if (node is AssignmentExpressionSyntax { Left: var left }
                    && left switch
                    {
                        IdentifierNameSyntax id => id.Identifier.ValueText == name,
                        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText == name,
                        _ => false,
                    })
                {
                    return true;
                }
            }
        }

        return false;
    }
}
