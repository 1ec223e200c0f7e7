using Microsoft.CodeAnalysis;

namespace Optimistic.Query.Analyzers.Model;

/// <summary>What a method does to the cache, and which of its parameters carries the key.</summary>
internal sealed class MethodRole
{
    public static readonly MethodRole None = new(CacheOperationKind.Other, -1);

    public MethodRole(CacheOperationKind kind, int keyParameterOrdinal)
    {
        Kind = kind;
        KeyParameterOrdinal = keyParameterOrdinal;
    }

    public CacheOperationKind Kind { get; }

    /// <summary>The ordinal of the key parameter, or -1 (tag invalidation, cancel-all, toasts).</summary>
    public int KeyParameterOrdinal { get; }
}

/// <summary>The mutation-related members of a <c>[MutationOptions]</c> type.</summary>
internal sealed class MutationOptionsType
{
    public MutationOptionsType(INamedTypeSymbol type, System.Collections.Generic.Dictionary<string, CallbackPhase> members, string? kindPropertyName)
    {
        Type = type;
        Members = members;
        KindPropertyName = kindPropertyName;
    }

    /// <summary>The original definition of the options type.</summary>
    public INamedTypeSymbol Type { get; }

    /// <summary>Callback and mutation-function property names (ordinal) and their phase.</summary>
    public System.Collections.Generic.Dictionary<string, CallbackPhase> Members { get; }

    /// <summary>The name of the property typed as an enum named <c>MutationKind</c>, if any.</summary>
    public string? KindPropertyName { get; }

    /// <summary>
    /// The phase of the member <paramref name="name"/> and its property name. Constructor parameters conventionally use
    /// camelCase, so a name that matches no property exactly is matched case-insensitively.
    /// </summary>
    public bool TryGetPhase(string name, out CallbackPhase phase, out string propertyName)
    {
        propertyName = name;
        if (Members.TryGetValue(name, out phase)) return true;
        foreach (var pair in Members)
        {
            if (string.Equals(pair.Key, name, System.StringComparison.OrdinalIgnoreCase))
            {
                phase = pair.Value;
                propertyName = pair.Key;
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="name"/> names the <c>Kind</c> property (or a constructor parameter for it).</summary>
    public bool IsKind(string name) => KindPropertyName is not null && string.Equals(KindPropertyName, name, System.StringComparison.OrdinalIgnoreCase);

    /// <summary>The property <paramref name="name"/> of the options type or its bases.</summary>
    public IPropertySymbol? FindProperty(string name)
    {
        for (var current = Type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers(name))
            {
                if (member is IPropertySymbol property) return property;
            }
        }

        return null;
    }
}
