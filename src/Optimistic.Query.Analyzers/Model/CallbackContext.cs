using Microsoft.CodeAnalysis;

namespace Optimistic.Query.Analyzers.Model;

/// <summary>
/// Which parameter of a success, error or settled callback receives the context OnMutate returned. Optimistic.Query passes it
/// last; other libraries pass an argument of their own after it (TanStack's mutation context holding the client). So it is
/// found by type, not position: the parameter whose type in the property's delegate is the type OnMutate's delegate returns
/// (a task's result for an asynchronous one), compared on the options type's definition (<c>TContext</c> and <c>TContext?</c>,
/// <c>object?</c> and <c>Task&lt;object?&gt;</c> match). The last parameter when the types say nothing.
/// </summary>
internal static class CallbackContext
{
    public static IParameterSymbol? FindParameter(MutationOptionsType optionsType, string name, CallbackPhase phase, IMethodSymbol? method)
    {
        if (method is null || phase is CallbackPhase.Mutate or CallbackPhase.MutationFunction) return null;
        var parameters = method.Parameters;
        if (parameters.Length == 0) return null;

        if (optionsType.DelegateType(name) is { DelegateInvokeMethod: { } invoke }
            && invoke.Parameters.Length == parameters.Length)
        {
            return parameters[DelegateIndex(optionsType, name)];
        }

        return parameters[parameters.Length - 1];
    }

    /// <summary>
    /// The position of the context among the parameters of the delegate of the property <paramref name="name"/> (a code fix
    /// writing a new callback names it): by type, else the last; -1 when the property is not a delegate with parameters.
    /// </summary>
    public static int DelegateIndex(MutationOptionsType optionsType, string name)
    {
        if (optionsType.DelegateType(name) is not { DelegateInvokeMethod: { Parameters.Length: > 0 } invoke }) return -1;
        if (ContextType(optionsType) is { } contextType)
        {
            for (var i = invoke.Parameters.Length - 1; i >= 0; i--)
            {
                if (SymbolEqualityComparer.Default.Equals(invoke.Parameters[i].Type, contextType)) return i;
            }
        }

        return invoke.Parameters.Length - 1;
    }

    /// <summary>The type OnMutate's delegate returns (unwrapped from <c>Task&lt;T&gt;</c>/<c>ValueTask&lt;T&gt;</c>), from the first mutate member with one.</summary>
    private static ITypeSymbol? ContextType(MutationOptionsType optionsType)
    {
        foreach (var pair in optionsType.Members)
        {
            if (pair.Value != CallbackPhase.Mutate) continue;
            if (optionsType.DelegateType(pair.Key) is not { DelegateInvokeMethod: { ReturnsVoid: false } invoke }) continue;
            var returned = invoke.ReturnType;
            if (OperationHelpers.IsAwaitable(returned))
            {
                if (returned is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } task) return task.TypeArguments[0];
                continue;
            }

            return returned;
        }

        return null;
    }
}
