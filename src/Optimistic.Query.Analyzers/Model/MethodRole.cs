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

    /// <summary>Properties whose keys the library invalidates by itself, and in which phases (<c>invalidate_property.*</c>); null: none.</summary>
    public System.Collections.Generic.Dictionary<string, System.Collections.Generic.List<CallbackPhase>>? InvalidatingProperties { get; set; }

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

    /// <summary>
    /// Whether the member <paramref name="name"/> is asynchronous: its delegate returns an awaitable (<c>Task</c>,
    /// <c>ValueTask</c>…), so a library with a single Task-returning <c>OnMutate</c> is asynchronous without the <c>…Async</c>
    /// name. By the name when the delegate type is unknown.
    /// </summary>
    public bool IsAsync(string name) =>
        DelegateType(name) is { DelegateInvokeMethod: { } invoke }
            ? OperationHelpers.IsAwaitable(invoke.ReturnType)
            : name.EndsWith("Async", System.StringComparison.Ordinal);

    /// <summary>
    /// The other member of <paramref name="name"/>'s phase with the other async-ness (<c>OnSettled</c> ↔ <c>OnSettledAsync</c>),
    /// preferring the <c>…Async</c> naming convention; null when the options type has none.
    /// </summary>
    public string? TwinOf(string name, CallbackPhase phase)
    {
        var isAsync = IsAsync(name);
        var byName = name.EndsWith("Async", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - "Async".Length) : name + "Async";
        if (Members.TryGetValue(byName, out var namedPhase) && namedPhase == phase && IsAsync(byName) != isAsync) return byName;
        foreach (var pair in Members)
        {
            if (pair.Value == phase && pair.Key != name && IsAsync(pair.Key) != isAsync) return pair.Key;
        }

        return null;
    }

    /// <summary>
    /// Members passed as arguments of a <c>mutation_arguments</c> method called without an options object: each member's
    /// delegate type as the method's parameter declares it (<c>Func&lt;TVariables, MutationContext, Task&lt;object?&gt;&gt;</c>
    /// for <c>onMutate</c>); null for an options type.
    /// </summary>
    public System.Collections.Generic.Dictionary<string, INamedTypeSymbol>? ArgumentDelegates { get; set; }

    /// <summary>The delegate type of the member <paramref name="name"/>: its property's, else its parameter's (<see cref="ArgumentDelegates"/>).</summary>
    public INamedTypeSymbol? DelegateType(string name)
    {
        if (FindProperty(name)?.Type is INamedTypeSymbol { TypeKind: TypeKind.Delegate } property) return property;
        return ArgumentDelegates is not null && ArgumentDelegates.TryGetValue(name, out var argument) ? argument : null;
    }

    /// <summary>
    /// The property <paramref name="name"/> of the options type or its bases, as declared: a base's definition, not its
    /// construction, so that a derived <c>TodoOptions : MutationOptions&lt;TodoInput, int&gt;</c> still shows <c>TVariables</c>.
    /// </summary>
    public IPropertySymbol? FindProperty(string name)
    {
        for (var current = Type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.OriginalDefinition.GetMembers(name))
            {
                if (member is IPropertySymbol property) return property;
            }
        }

        return null;
    }
}
