using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Optimistic.Query.Analyzers.Model;

/// <summary>
/// The parts of a key written in place as a mapped key type (<c>optimistic_query.api.key_type</c>): a constructor call
/// (<c>new QueryKey("todos", id)</c>, <c>params</c> expanded), a collection expression (<c>["todos", id]</c>), a collection
/// initializer (<c>new QueryKey { "todos", id }</c>) or an array creation (<c>new object[] { "todos", id }</c> for
/// <c>System.Object[]</c>). Such keys relate part by part, as <c>QueryKey.Create</c>'s do.
/// </summary>
/// <remarks>
/// Roslyn 4.8 has no <c>ICollectionExpressionOperation</c>: a collection expression is recognized by its syntax, its type
/// by the semantic model, and its elements are bound one by one. A spread (<c>..rest</c>) is not modeled.
/// </remarks>
internal static class KeyParts
{
    /// <summary>The part expressions of <paramref name="expression"/> (conversions skipped), or null when it is not a key written in place.</summary>
    public static List<IOperation>? Find(IOperation expression, ApiMap map)
    {
        switch (expression)
        {
            case IObjectCreationOperation creation when map.IsKeyType(creation.Type):
            {
                var parts = new List<IOperation>();
                foreach (var argument in creation.Arguments)
                {
                    if (argument.ArgumentKind == ArgumentKind.ParamArray)
                    {
                        if (argument.Value is not IArrayCreationOperation array) return null;
                        if (array.Initializer is { } elements) parts.AddRange(elements.ElementValues);
                    }
                    else if (argument.ArgumentKind == ArgumentKind.Explicit)
                    {
                        parts.Add(argument.Value);
                    }
                }

                if (creation.Initializer is { } initializer)
                {
                    foreach (var element in initializer.Initializers)
                    {
                        if (element is not IInvocationOperation { Arguments.Length: 1 } add) return null;
                        parts.Add(add.Arguments[0].Value);
                    }
                }

                return parts;
            }

            case IArrayCreationOperation { Initializer: { } initializer } array when map.IsKeyType(array.Type):
                return new List<IOperation>(initializer.ElementValues);
        }

        if (expression.Syntax is CollectionExpressionSyntax collection && expression.SemanticModel is { } model
            && map.IsKeyType(expression.Type ?? model.GetTypeInfo(collection).ConvertedType))
        {
            var parts = new List<IOperation>(collection.Elements.Count);
            foreach (var element in collection.Elements)
            {
                if (element is not ExpressionElementSyntax { Expression: { } part } || model.GetOperation(part) is not { } operation) return null;
                parts.Add(operation);
            }

            return parts;
        }

        return null;
    }
}
