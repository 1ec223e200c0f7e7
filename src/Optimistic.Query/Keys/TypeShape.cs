using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Linq.Expressions;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;

namespace Optimistic.Query.Keys;

internal enum TypeShapeKind
{
    Object,
    Dictionary,
    Sequence,
}

/// <summary>
/// How a non-scalar key part of one CLR type is read: as an object (its public instance properties, read by
/// compiled getters), a dictionary, or a sequence; or why the type cannot be a key part. Built once per type.
/// </summary>
internal sealed class TypeShape
{
    private static readonly ConcurrentDictionary<Type, TypeShape> Shapes = new();

    private static readonly MethodInfo EnumerateGenericMethod =
        typeof(TypeShape).GetMethod(nameof(EnumerateReadOnlyDictionary), BindingFlags.NonPublic | BindingFlags.Static)!;

    private TypeShape(TypeShapeKind kind, string[] names, Func<object, object?>[] getters, string? rejection,
        Func<object, IEnumerable<(object? Key, object? Value)>>? dictionaryReader)
    {
        Kind = kind;
        PropertyNames = names;
        Getters = getters;
        Rejection = rejection;
        DictionaryReader = dictionaryReader;
    }

    public TypeShapeKind Kind { get; }

    /// <summary>Property names sorted ordinally (object shapes only).</summary>
    public string[] PropertyNames { get; }

    public Func<object, object?>[] Getters { get; }

    /// <summary>Why the type cannot be a key part, or null when it can.</summary>
    public string? Rejection { get; }

    private Func<object, IEnumerable<(object? Key, object? Value)>>? DictionaryReader { get; }

    public static TypeShape For(Type type) => Shapes.GetOrAdd(type, Describe);

    public static IEnumerable<(object? Key, object? Value)> EnumerateDictionary(object dictionary) =>
        For(dictionary.GetType()).DictionaryReader!(dictionary);

    private static TypeShape Describe(Type type)
    {
        string? rejection = RejectionFor(type);
        if (rejection is not null) return Rejected(rejection);

        if (typeof(IDictionary).IsAssignableFrom(type))
            return new TypeShape(TypeShapeKind.Dictionary, Array.Empty<string>(), Array.Empty<Func<object, object?>>(), null, EnumerateNonGeneric);

        var readOnlyDictionary = type.GetInterfaces()
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>));
        if (readOnlyDictionary is not null)
        {
            var reader = (Func<object, IEnumerable<(object?, object?)>>)EnumerateGenericMethod
                .MakeGenericMethod(readOnlyDictionary.GetGenericArguments())
                .CreateDelegate(typeof(Func<object, IEnumerable<(object?, object?)>>));
            return new TypeShape(TypeShapeKind.Dictionary, Array.Empty<string>(), Array.Empty<Func<object, object?>>(), null, reader);
        }

        if (typeof(IEnumerable).IsAssignableFrom(type))
            return new TypeShape(TypeShapeKind.Sequence, Array.Empty<string>(), Array.Empty<Func<object, object?>>(), null, null);

        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToArray();
        if (properties.Length == 0) return Rejected("it has no public properties to compare");

        return new TypeShape(
            TypeShapeKind.Object,
            properties.Select(p => p.Name).ToArray(),
            properties.Select(CompileGetter).ToArray(),
            null,
            null);
    }

    private static string? RejectionFor(Type type)
    {
        if (typeof(Delegate).IsAssignableFrom(type)) return "a delegate has no structural identity";
        if (typeof(Stream).IsAssignableFrom(type)) return "a stream has no structural identity";
        if (typeof(Task).IsAssignableFrom(type) || type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueTask<>) || type == typeof(ValueTask))
            return "a task has no structural identity";
        if (typeof(MemberInfo).IsAssignableFrom(type)) return "reflection objects have no structural identity";
        if (typeof(WaitHandle).IsAssignableFrom(type) || type == typeof(CancellationToken)) return "synchronization objects have no structural identity";
        if (typeof(IEnumerator).IsAssignableFrom(type)) return "an enumerator can be read only once";
        if (type.IsPointer || type == typeof(IntPtr) || type == typeof(UIntPtr)) return "a pointer has no structural identity";
        return null;
    }

    private static TypeShape Rejected(string reason) =>
        new(TypeShapeKind.Object, Array.Empty<string>(), Array.Empty<Func<object, object?>>(), reason, null);

    private static Func<object, object?> CompileGetter(PropertyInfo property)
    {
        try
        {
            var instance = Expression.Parameter(typeof(object), "instance");
            var body = Expression.Convert(
                Expression.Property(Expression.Convert(instance, property.DeclaringType!), property),
                typeof(object));
            return Expression.Lambda<Func<object, object?>>(body, instance).Compile();
        }
        catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or ArgumentException)
        {
            // Platforms without dynamic code: fall back to reflection.
            return property.GetValue;
        }
    }

    private static IEnumerable<(object? Key, object? Value)> EnumerateNonGeneric(object dictionary)
    {
        foreach (DictionaryEntry entry in (IDictionary)dictionary) yield return (entry.Key, entry.Value);
    }

    private static IEnumerable<(object? Key, object? Value)> EnumerateReadOnlyDictionary<TKey, TValue>(object dictionary)
    {
        foreach (var entry in (IReadOnlyDictionary<TKey, TValue>)dictionary) yield return (entry.Key, entry.Value);
    }
}
