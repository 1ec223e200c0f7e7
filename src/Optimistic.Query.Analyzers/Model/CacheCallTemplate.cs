using Microsoft.CodeAnalysis;

namespace Optimistic.Query.Analyzers.Model;

/// <summary>
/// The cache call a code fix inserts (a cancel, an invalidation), found through the roles — the attributes or the third-party
/// map — on the receiver's type, so that a fix writes the library's own method: <c>await client.CancelQueriesAsync(k);</c> for
/// Optimistic.Query, <c>client.CancelQueries(new QueryFilters { QueryKey = k });</c> for a library whose cancel is synchronous
/// and takes a filter object.
/// </summary>
internal sealed class CacheCallTemplate
{
    private CacheCallTemplate(IMethodSymbol method, int keyOrdinal, INamedTypeSymbol? filterType, string? filterKeyMember, int valueOrdinal = -1)
    {
        Method = method;
        KeyOrdinal = keyOrdinal;
        FilterType = filterType;
        FilterKeyMember = filterKeyMember;
        ValueOrdinal = valueOrdinal;
    }

    public IMethodSymbol Method { get; }

    /// <summary>The key parameter's ordinal.</summary>
    public int KeyOrdinal { get; }

    /// <summary>The value parameter's ordinal of a write (<see cref="FindValueWrite"/>), else -1.</summary>
    public int ValueOrdinal { get; }

    /// <summary>Whether the call returns an awaitable (then the fix awaits it; a synchronous cancel is complete when it returns).</summary>
    public bool IsAwaitable => OperationHelpers.IsAwaitable(Method.ReturnType);

    /// <summary>The mapped filter type the key travels in (<c>optimistic_query.api.filter_key</c>), or null.</summary>
    public INamedTypeSymbol? FilterType { get; }

    public string? FilterKeyMember { get; }

    /// <summary>
    /// The first instance method of <paramref name="receiverType"/> (or its bases and interfaces) that does
    /// <paramref name="kind"/> to the key it takes, every other parameter optional; null when there is none.
    /// </summary>
    public static CacheCallTemplate? Find(MutationAnalysisContext context, ITypeSymbol? receiverType, CacheOperationKind kind) =>
        Find(context, receiverType, kind, awaitable: null);

    /// <summary>
    /// As <see cref="Find(MutationAnalysisContext, ITypeSymbol?, CacheOperationKind)"/>, keeping only a method that returns a task
    /// (<paramref name="awaitable"/> true) or one that does not (false): a synchronous callback can only call the latter.
    /// </summary>
    public static CacheCallTemplate? Find(MutationAnalysisContext context, ITypeSymbol? receiverType, CacheOperationKind kind, bool? awaitable)
    {
        if (receiverType is null) return null;
        for (var current = receiverType; current is not null; current = current.BaseType)
        {
            if (FindIn(context, current, kind, awaitable) is { } found) return found;
        }

        foreach (var @interface in receiverType.AllInterfaces)
        {
            if (FindIn(context, @interface, kind, awaitable) is { } found) return found;
        }

        return null;
    }

    /// <summary>
    /// The first instance method of <paramref name="receiverType"/> (or its bases and interfaces) that writes the value it takes
    /// to the key it takes, every other parameter optional (<c>SetQueryData(key, value)</c>, not its updater overload): the
    /// restore of a snapshot. Null when there is none.
    /// </summary>
    public static CacheCallTemplate? FindValueWrite(MutationAnalysisContext context, ITypeSymbol? receiverType)
    {
        if (receiverType is null) return null;
        for (var current = receiverType; current is not null; current = current.BaseType)
        {
            if (FindValueWriteIn(context, current) is { } found) return found;
        }

        foreach (var @interface in receiverType.AllInterfaces)
        {
            if (FindValueWriteIn(context, @interface) is { } found) return found;
        }

        return null;
    }

    private static CacheCallTemplate? FindValueWriteIn(MutationAnalysisContext context, ITypeSymbol type)
    {
        foreach (var member in type.GetMembers())
        {
            if (member is not IMethodSymbol { IsStatic: false, MethodKind: MethodKind.Ordinary, DeclaredAccessibility: Accessibility.Public } method) continue;
            var role = context.GetRole(method);
            if (role.Kind != CacheOperationKind.Write || role.KeyParameterOrdinal < 0 || role.KeyParameterOrdinal >= method.Parameters.Length) continue;
            var valueOrdinal = -1;
            foreach (var parameter in method.Parameters)
            {
                if (parameter.Ordinal == role.KeyParameterOrdinal || parameter.IsOptional || parameter.IsParams) continue;
                valueOrdinal = valueOrdinal < 0 && parameter.Type.TypeKind != TypeKind.Delegate ? parameter.Ordinal : -2;
            }

            if (valueOrdinal >= 0) return new CacheCallTemplate(method, role.KeyParameterOrdinal, null, null, valueOrdinal);
        }

        return null;
    }

    private static CacheCallTemplate? FindIn(MutationAnalysisContext context, ITypeSymbol type, CacheOperationKind kind, bool? awaitable)
    {
        foreach (var member in type.GetMembers())
        {
            if (member is not IMethodSymbol { IsStatic: false, MethodKind: MethodKind.Ordinary, DeclaredAccessibility: Accessibility.Public } method) continue;
            if (awaitable is { } wanted && OperationHelpers.IsAwaitable(method.ReturnType) != wanted) continue;
            var role = context.GetRole(method);
            if (role.Kind != kind || role.KeyParameterOrdinal < 0 || role.KeyParameterOrdinal >= method.Parameters.Length) continue;
            var othersOptional = true;
            foreach (var parameter in method.Parameters)
            {
                if (parameter.Ordinal != role.KeyParameterOrdinal && !parameter.IsOptional && !parameter.IsParams) othersOptional = false;
            }

            if (!othersOptional) continue;
            var keyType = method.Parameters[role.KeyParameterOrdinal].Type;
            if (context.ApiMap is { } map && map.TryGetFilter(keyType, out var keyMember, out _))
            {
                return new CacheCallTemplate(method, role.KeyParameterOrdinal, (INamedTypeSymbol)keyType, keyMember);
            }

            return new CacheCallTemplate(method, role.KeyParameterOrdinal, null, null);
        }

        return null;
    }

    /// <summary>
    /// The statement calling the method on <paramref name="receiverText"/> with <paramref name="keyText"/> (in its filter
    /// object when it takes one; by name when the key is not the first parameter), awaited when the method is awaitable.
    /// </summary>
    public string Statement(string receiverText, string keyText, SemanticModel model, int position) =>
        (IsAwaitable ? "await " : string.Empty) + Expression(receiverText, keyText, model, position) + ";";

    /// <summary>
    /// The call of <see cref="Statement"/> alone, neither awaited nor ended; a write's value (<see cref="ValueOrdinal"/>) is
    /// <paramref name="valueText"/>. Positional when the key (and the value) are the first parameters, else by name.
    /// </summary>
    public string Expression(string receiverText, string keyText, SemanticModel model, int position, string? valueText = null)
    {
        var key = FilterType is null
            ? keyText
            : "new " + FilterType.ToMinimalDisplayString(model, position) + " { " + FilterKeyMember + " = " + keyText + " }";
        var arguments = new System.Collections.Generic.SortedDictionary<int, string> { [KeyOrdinal] = key };
        if (ValueOrdinal >= 0 && valueText is not null) arguments[ValueOrdinal] = valueText;
        var positional = true;
        var expected = 0;
        foreach (var ordinal in arguments.Keys) positional &= ordinal == expected++;
        var list = new System.Collections.Generic.List<string>(arguments.Count);
        foreach (var pair in arguments) list.Add(positional ? pair.Value : Method.Parameters[pair.Key].Name + ": " + pair.Value);
        return receiverText + "." + Method.Name + "(" + string.Join(", ", list) + ")";
    }
}
