using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Optimistic.Query.CodeFixes.Common;

/// <summary>
/// The parameter list of a callback property's delegate, as a fix writes a new lambda for it: Optimistic.Query's
/// <c>(data, error, input, context)</c>, or a mapped library's own shape (<c>(data, error, input, context, mutationContext)</c>
/// when it passes an argument of its own after the context). Read on the options type's definition, so the variables are
/// the parameter typed <c>TVariables</c>.
/// </summary>
internal static class CallbackShape
{
    /// <summary>The delegate's parameters of <paramref name="property"/> on <paramref name="optionsType"/> (or a base), or null.</summary>
    public static IReadOnlyList<IParameterSymbol>? Parameters(INamedTypeSymbol? optionsType, string property)
    {
        for (var current = optionsType; current is not null; current = current.BaseType)
        {
            foreach (var member in current.OriginalDefinition.GetMembers(property))
            {
                if (member is IPropertySymbol { Type: INamedTypeSymbol { DelegateInvokeMethod: { } invoke } }) return invoke.Parameters;
            }
        }

        return null;
    }

    /// <summary>The position of the variables (<c>TVariables</c>) among <paramref name="parameters"/>, or -1.</summary>
    public static int VariablesIndex(IReadOnlyList<IParameterSymbol> parameters)
    {
        for (var i = 0; i < parameters.Count; i++)
        {
            if (parameters[i].Type is ITypeParameterSymbol { Name: "TVariables" }) return i;
        }

        return -1;
    }

    /// <summary>
    /// Names for a new lambda over <paramref name="parameters"/>: the variables named <paramref name="variablesName"/>, the
    /// others by role (<c>data</c>, <c>error</c>, <c>context</c>), else after their type, each unique in <paramref name="taken"/>.
    /// </summary>
    public static string ParameterList(IReadOnlyList<IParameterSymbol> parameters, int variablesIndex, string variablesName, ISet<string> taken) =>
        "(" + string.Join(", ", Names(parameters, variablesIndex, variablesName, -1, taken)) + ")";

    /// <summary>
    /// The names of <see cref="ParameterList"/>, the context at <paramref name="contextIndex"/> when it is known (found by type,
    /// see <c>CallbackContext.DelegateIndex</c>), else the first <c>TContext</c> or <c>object</c> after the variables.
    /// </summary>
    public static IReadOnlyList<string> Names(IReadOnlyList<IParameterSymbol> parameters, int variablesIndex, string variablesName, int contextIndex, ISet<string> taken)
    {
        var names = new List<string>(parameters.Count);
        var sawContext = false;
        for (var i = 0; i < parameters.Count; i++)
        {
            if (i == variablesIndex)
            {
                names.Add(variablesName);
                continue;
            }

            var type = parameters[i].Type;
            string preferred;
            if (i == contextIndex) preferred = "context";
            else if (type is ITypeParameterSymbol { Name: "TData" }) preferred = "data";
            else if (type.Name == "Exception" && type.ContainingNamespace?.Name == "System") preferred = "error";
            else if (contextIndex < 0 && !sawContext && i > variablesIndex && (type is ITypeParameterSymbol { Name: "TContext" } || type.SpecialType == SpecialType.System_Object))
            {
                preferred = "context";
                sawContext = true;
            }
            else preferred = type.Name.Length == 0 ? "arg" : char.ToLowerInvariant(type.Name[0]) + type.Name.Substring(1);

            names.Add(Lambdas.ClaimName(preferred, taken));
        }

        return names;
    }

    /// <summary>
    /// The context type OnMutate's delegate returns (a task's result for an asynchronous one), as the options type is
    /// constructed: <c>Snapshot&lt;Todo&gt;</c> for Optimistic.Query, <c>object?</c> for a library with an untyped context.
    /// </summary>
    public static ITypeSymbol? ContextType(SemanticModel model, Microsoft.CodeAnalysis.CSharp.Syntax.AssignmentExpressionSyntax onMutateMember, System.Threading.CancellationToken cancellationToken)
    {
        if (model.GetTypeInfo(onMutateMember.Left, cancellationToken).Type is not INamedTypeSymbol { DelegateInvokeMethod: { ReturnsVoid: false } invoke }) return null;
        var returned = invoke.ReturnType;
        if (!Optimistic.Query.Analyzers.Model.OperationHelpers.IsAwaitable(returned)) return returned;
        return returned is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } task ? task.TypeArguments[0] : null;
    }

    /// <summary>
    /// OnMutate's parameters after the variables (a library's <c>MutationContext</c>), each named as another callback's parameter
    /// of the same type in <paramref name="errorShape"/>; one without such a parameter is left out (an expression using it is
    /// not written there).
    /// </summary>
    public static Dictionary<IParameterSymbol, string> ByType(IReadOnlyList<IParameterSymbol> onMutateParameters, IReadOnlyList<IParameterSymbol> errorShape, IReadOnlyList<string> errorNames)
    {
        var names = new Dictionary<IParameterSymbol, string>(SymbolEqualityComparer.Default);
        foreach (var parameter in onMutateParameters)
        {
            for (var i = 0; i < errorShape.Count; i++)
            {
                if (errorShape[i].Type.TypeKind == TypeKind.TypeParameter || !SymbolEqualityComparer.Default.Equals(errorShape[i].Type, parameter.Type)) continue;
                if (errorNames[i] != "_") names[parameter] = errorNames[i];
                break;
            }
        }

        return names;
    }
}
