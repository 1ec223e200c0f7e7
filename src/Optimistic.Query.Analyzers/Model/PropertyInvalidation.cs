using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Optimistic.Query.Analyzers.Model;

/// <summary>
/// An options property whose keys the library invalidates by itself in a phase (<c>optimistic_query.api.invalidate_property.*</c>:
/// <c>InvalidateKeys = ["todos", id]</c>, <c>InvalidateKeys = [Keys.Todo(id), Keys.Todos()]</c>). Modeled as the wrappers'
/// built-in invalidation is (<see cref="ImplicitInvalidation"/>): one <see cref="CallbackForm.Implicit"/> callback per phase
/// whose operations invalidate each key, after the definition's own callbacks.
/// </summary>
/// <remarks>
/// A cache operation is an invocation: the call the options are passed to (<c>CreateMutation(new …)</c>) stands for the
/// library's invalidation, else the key itself when it is a call. Keys the model cannot list (a variable holding a list, a
/// spread) or a definition with no call to stand for them make the callback opaque: the relation is unknown and no rule
/// reports on it.
/// </remarks>
internal static class PropertyInvalidation
{
    /// <summary>The invalidating property <paramref name="name"/> names (a property, or a constructor parameter in camelCase), or null.</summary>
    public static string? FindProperty(MutationOptionsType optionsType, string name)
    {
        if (optionsType.InvalidatingProperties is not { } properties) return null;
        if (properties.ContainsKey(name)) return name;
        foreach (var pair in properties)
        {
            if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase)) return pair.Key;
        }

        return null;
    }

    public static void AddCallbacks(MutationOptionsType optionsType, IOperation creation, MutationMember member, ImmutableArray<MutationCallback>.Builder callbacks)
    {
        if (optionsType.InvalidatingProperties is not { } properties || !properties.TryGetValue(member.Name, out var phases)) return;
        var keys = Keys(member.Value, optionsType.FindProperty(member.Name)?.Type);
        var call = CallReceiving(creation);
        var operations = ImmutableArray.CreateBuilder<CacheOperation>();
        var known = keys is not null;
        if (keys is not null)
        {
            foreach (var key in keys)
            {
                var stand = call ?? OperationHelpers.SkipConversions(key) as IInvocationOperation;
                if (stand is null || OperationHelpers.SkipConversions(key) is null or IInvalidOperation)
                {
                    known = false;
                    break;
                }

                operations.Add(new CacheOperation(CacheOperationKind.Invalidate, stand, key, isCompleted: true, order: operations.Count));
            }
        }

        foreach (var phase in phases)
        {
            callbacks.Add(new MutationCallback(
                member.Name,
                member.NameSyntax,
                member.AssignmentSyntax,
                member.Value,
                phase,
                known ? CallbackForm.Implicit : CallbackForm.Opaque,
                method: null,
                body: null,
                known ? operations.ToImmutable() : ImmutableArray<CacheOperation>.Empty,
                ImmutableArray<IOperation>.Empty,
                ImmutableArray<ISimpleAssignmentOperation>.Empty));
        }
    }

    /// <summary>The invocation the options are passed to directly (through conversions), if any.</summary>
    public static IInvocationOperation? CallReceiving(IOperation creation)
    {
        var parent = creation.Parent;
        while (parent is IConversionOperation) parent = parent.Parent;
        return parent is IArgumentOperation { Parent: IInvocationOperation call } ? call : null;
    }

    /// <summary>
    /// The keys of the value: its elements when the property holds a collection of keys (a collection expression, an array
    /// creation, a collection initializer), the value itself when it holds one key; null when they cannot be listed.
    /// </summary>
    private static List<IOperation>? Keys(IOperation value, ITypeSymbol? propertyType)
    {
        if (!HoldsSeveralKeys(propertyType)) return new List<IOperation> { value };
        var unwrapped = OperationHelpers.SkipConversions(value) ?? value;
        var keys = new List<IOperation>();
        switch (unwrapped)
        {
            case IArrayCreationOperation { Initializer: { } initializer }:
                keys.AddRange(initializer.ElementValues);
                return keys;
            case IObjectCreationOperation { Initializer: { } collection } when collection.Initializers.Length > 0:
                foreach (var element in collection.Initializers)
                {
                    if (element is not IInvocationOperation { Arguments.Length: 1 } add) return null;
                    keys.Add(add.Arguments[0].Value);
                }

                return keys;
        }

        // Collection expressions: Roslyn 4.8 has no ICollectionExpressionOperation, so the elements are read from the syntax.
        if (unwrapped.Syntax is CollectionExpressionSyntax expression && value.SemanticModel is { } model)
        {
            foreach (var element in expression.Elements)
            {
                if (element is not ExpressionElementSyntax { Expression: { } elementSyntax } || model.GetOperation(elementSyntax) is not { } key) return null;
                keys.Add(key);
            }

            return keys;
        }

        return null;
    }

    /// <summary>Whether the property holds several keys: a collection of something other than a key's parts (<c>object</c>, strings, primitives).</summary>
    private static bool HoldsSeveralKeys(ITypeSymbol? type)
    {
        var element = type switch
        {
            IArrayTypeSymbol array => array.ElementType,
            INamedTypeSymbol named => EnumeratedType(named),
            _ => null,
        };
        return element is not null && element.SpecialType == SpecialType.None && element.TypeKind != TypeKind.TypeParameter;
    }

    private static ITypeSymbol? EnumeratedType(INamedTypeSymbol type)
    {
        if (type.SpecialType == SpecialType.System_String) return null;
        if (type is { OriginalDefinition.SpecialType: SpecialType.System_Collections_Generic_IEnumerable_T, TypeArguments.Length: 1 }) return type.TypeArguments[0];
        foreach (var @interface in type.AllInterfaces)
        {
            if (@interface is { OriginalDefinition.SpecialType: SpecialType.System_Collections_Generic_IEnumerable_T, TypeArguments.Length: 1 }) return @interface.TypeArguments[0];
        }

        return null;
    }
}
