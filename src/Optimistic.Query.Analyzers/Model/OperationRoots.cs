using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Optimistic.Query.Analyzers.Model;

/// <summary>Finds what an access path (<c>a.b?.c[i]</c>) is rooted at.</summary>
internal static class OperationRoots
{
    /// <summary>
    /// The root of <paramref name="operation"/>'s member/element/conditional-access chain: a local, parameter, <c>this</c>, or a
    /// static member reference (returned as itself), else the first operation that is none of these.
    /// </summary>
    public static IOperation? RootOf(IOperation? operation)
    {
        for (var hops = 0; operation is not null && hops < 32; hops++)
        {
            operation = OperationHelpers.SkipConversions(operation);
            switch (operation)
            {
                case IMemberReferenceOperation { Instance: { } instance }:
                    operation = instance;
                    continue;
                case IArrayElementReferenceOperation element:
                    operation = element.ArrayReference;
                    continue;
                case IInvocationOperation { Instance: { } receiver }:
                    operation = receiver;
                    continue;
                case IConditionalAccessOperation conditional:
                    operation = conditional.Operation;
                    continue;
                case IConditionalAccessInstanceOperation instanceOperation:
                    operation = FindConditionalAccess(instanceOperation)?.Operation;
                    continue;
                default:
                    return operation;
            }
        }

        return null;
    }

    private static IConditionalAccessOperation? FindConditionalAccess(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IConditionalAccessOperation conditional && conditional.Operation != operation) return conditional;
        }

        return null;
    }

    /// <summary>Whether <paramref name="symbol"/> (a local or parameter) belongs to <paramref name="method"/> or to a lambda or local function nested in it.</summary>
    public static bool IsDeclaredWithin(ISymbol symbol, IMethodSymbol? method)
    {
        if (method is null) return false;
        for (var container = symbol.ContainingSymbol; container is not null; container = container.ContainingSymbol)
        {
            if (SymbolEqualityComparer.Default.Equals(container, method)) return true;
            if (container is not IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction }) return false;
        }

        return false;
    }
}
