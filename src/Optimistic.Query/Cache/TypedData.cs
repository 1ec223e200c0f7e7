using System;
using System.Text;

namespace Optimistic.Query.Cache;

/// <summary>Casts the untyped data of an entry to the caller's type, with a message that names the key and both types.</summary>
internal static class TypedData
{
    public static T? Cast<T>(object? data, QueryKey key)
    {
        if (data is T typed && data is not Persistence.PersistedValue) return typed;
        if (data is null) return default;
        if (data is Persistence.PersistedValue persisted) return persisted.ReadAs<T>(); // restored, not typed yet
        throw Mismatch(data.GetType(), typeof(T), key);
    }

    public static InvalidCastException Mismatch(Type actual, Type requested, QueryKey key) =>
        new($"The query {key} holds a value of type {Describe(actual)}, which cannot be read as {Describe(requested)}.");

    /// <summary>A readable type name: namespace-qualified, generic arguments spelled out (List&lt;Int32&gt;, not List`1[[…]]).</summary>
    public static string Describe(Type type)
    {
        if (!type.IsGenericType) return type.FullName ?? type.Name;
        var builder = new StringBuilder();
        string name = type.GetGenericTypeDefinition().FullName ?? type.Name;
        int tick = name.IndexOf('`', StringComparison.Ordinal);
        builder.Append(tick < 0 ? name : name.Substring(0, tick)).Append('<');
        var arguments = type.GetGenericArguments();
        for (int i = 0; i < arguments.Length; i++)
        {
            if (i > 0) builder.Append(", ");
            builder.Append(Describe(arguments[i]));
        }
        return builder.Append('>').ToString();
    }
}
