using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Optimistic.Query.Analyzers.Model;

/// <summary>Small, null-tolerant helpers over <see cref="IOperation"/> trees.</summary>
internal static class OperationHelpers
{
    /// <summary>Skips implicit and explicit conversions (and a null-suppression, which has no operation of its own).</summary>
    public static IOperation? SkipConversions(IOperation? operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    /// <summary>The value of the initializer of the declarator of <paramref name="local"/>, when it has one.</summary>
    public static IOperation? FindLocalInitializer(ILocalReferenceOperation local, CancellationToken cancellationToken)
    {
        var references = local.Local.DeclaringSyntaxReferences;
        if (references.Length != 1) return null;
        var reference = references[0];
        var semanticModel = local.SemanticModel;
        if (semanticModel is null || reference.SyntaxTree != semanticModel.SyntaxTree) return null;
        var declarator = semanticModel.GetOperation(reference.GetSyntax(cancellationToken), cancellationToken) as IVariableDeclaratorOperation;
        return declarator?.Initializer?.Value;
    }

    /// <summary>
    /// Whether the call has completed when the next statement runs: the method is synchronous by API (returns void or a
    /// non-awaitable type), or the call is awaited (directly, or through <c>ConfigureAwait</c>), or blocked on
    /// (<c>.Wait()</c>, <c>.GetAwaiter().GetResult()</c>, <c>.Result</c>).
    /// </summary>
    public static bool IsCompleted(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (method.ReturnsVoid || !IsAwaitable(method.ReturnType)) return true;

        IOperation current = invocation;
        for (var hops = 0; hops < 4; hops++)
        {
            var parent = current.Parent;
            while (parent is IConversionOperation)
            {
                current = parent;
                parent = parent.Parent;
            }

            switch (parent)
            {
                case IAwaitOperation:
                    return true;
                case IInvocationOperation call when call.Instance == current:
                    switch (call.TargetMethod.Name)
                    {
                        case "ConfigureAwait":
                        case "GetAwaiter":
                            current = call;
                            continue;
                        case "Wait":
                        case "GetResult":
                            return true;
                        default:
                            return false;
                    }

                case IPropertyReferenceOperation { Property.Name: "Result" } property when property.Instance == current:
                    return true;
                default:
                    return false;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="type"/> has an instance <c>GetAwaiter()</c> (Task, ValueTask and custom awaitables).</summary>
    public static bool IsAwaitable(ITypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers("GetAwaiter"))
            {
                if (member is IMethodSymbol { IsStatic: false, Parameters.Length: 0 }) return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the value of <paramref name="operation"/> is thrown away: the expression of an expression statement (an
    /// expression-bodied lambda bound to a void delegate included), or assigned to the discard <c>_ = …;</c>.
    /// </summary>
    public static bool IsDiscarded(IOperation operation)
    {
        var parent = operation.Parent;
        while (parent is IConversionOperation)
        {
            operation = parent;
            parent = parent.Parent;
        }

        return parent switch
        {
            IExpressionStatementOperation => true,
            ISimpleAssignmentOperation { Target: IDiscardOperation } assignment when assignment.Value == operation =>
                assignment.Parent is IExpressionStatementOperation,
            _ => false,
        };
    }
}
