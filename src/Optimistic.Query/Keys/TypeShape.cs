using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Optimistic.Query.Keys;

internal enum TypeShapeKind
{
    /// <summary>Cannot be a key part; <see cref="TypeShape.Rejection"/> says why.</summary>
    Rejected,
    Enum,
    Object,
    Dictionary,
    Tuple,
    Sequence,
}

/// <summary>
/// How a key part of one CLR type (other than the scalars <see cref="KeyPartNormalizer"/> switches on) is read:
/// as an enum, an object (its public instance properties, read by compiled getters), a dictionary, a tuple, a
/// sequence; or why the type cannot be a key part. Built once per type and cached (thread-safe), so reflection
/// never runs per key.
/// </summary>
internal sealed class TypeShape
{
    private static readonly ConcurrentDictionary<Type, TypeShape> Shapes = new();

    private static readonly MethodInfo EnumerateGenericMethod =
        typeof(TypeShape).GetMethod(nameof(EnumerateGenericDictionary), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static readonly Func<object, object?>[] NoGetters = Array.Empty<Func<object, object?>>();

    private TypeShape(TypeShapeKind kind, bool isValueType, string? rejection = null, string[]? names = null,
        Func<object, object?>[]? getters = null, Func<object, IEnumerable>? dictionaryReader = null)
    {
        Kind = kind;
        IsValueType = isValueType;
        Rejection = rejection;
        PropertyNames = names ?? Array.Empty<string>();
        Getters = getters ?? NoGetters;
        DictionaryReader = dictionaryReader;
    }

    public TypeShapeKind Kind { get; }

    /// <summary>Boxed value types are copies: they can neither form reference cycles nor be shared.</summary>
    public bool IsValueType { get; }

    /// <summary>Why the type cannot be a key part (<see cref="TypeShapeKind.Rejected"/> only).</summary>
    public string? Rejection { get; }

    /// <summary>Property names sorted ordinally, without duplicates (object shapes only).</summary>
    public string[] PropertyNames { get; }

    /// <summary>The getters, in the order of <see cref="PropertyNames"/>.</summary>
    public Func<object, object?>[] Getters { get; }

    /// <summary>Reads a dictionary as a sequence of <see cref="DictionaryEntry"/> (dictionary shapes only).</summary>
    public Func<object, IEnumerable>? DictionaryReader { get; }

    public static TypeShape For(Type type) => Shapes.GetOrAdd(type, Describe);

    private static TypeShape Describe(Type type)
    {
        bool isValueType = type.IsValueType;
        string? rejection = RejectionFor(type);
        if (rejection is not null) return new TypeShape(TypeShapeKind.Rejected, isValueType, rejection);
        if (type.IsEnum) return new TypeShape(TypeShapeKind.Enum, isValueType);

        // Generic dictionary interfaces first: they tell the key type, and ExpandoObject has only IDictionary<,>.
        var dictionary = type.GetInterfaces()
            .Where(i => i.IsGenericType)
            .FirstOrDefault(i => i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) || i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
        if (dictionary is not null)
        {
            var arguments = dictionary.GetGenericArguments();
            if (arguments[0] != typeof(string) && arguments[0] != typeof(object))
            {
                return new TypeShape(TypeShapeKind.Rejected, isValueType,
                    $"its dictionary keys are of type '{TypeNames.Display(arguments[0])}', and object property names are strings");
            }
            var reader = (Func<object, IEnumerable>)EnumerateGenericMethod
                .MakeGenericMethod(arguments)
                .CreateDelegate(typeof(Func<object, IEnumerable>));
            return new TypeShape(TypeShapeKind.Dictionary, isValueType, dictionaryReader: reader);
        }
        if (typeof(IDictionary).IsAssignableFrom(type))
            return new TypeShape(TypeShapeKind.Dictionary, isValueType, dictionaryReader: static d => (IDictionary)d);

        if (typeof(ITuple).IsAssignableFrom(type)) return new TypeShape(TypeShapeKind.Tuple, isValueType);
        if (typeof(IEnumerable).IsAssignableFrom(type)) return new TypeShape(TypeShapeKind.Sequence, isValueType);

        var properties = ReadableProperties(type);
        if (properties.Length == 0)
            return new TypeShape(TypeShapeKind.Rejected, isValueType, "it has no public properties to compare");

        return new TypeShape(
            TypeShapeKind.Object,
            isValueType,
            names: properties.Select(p => p.Name).ToArray(),
            getters: properties.Select(CompileGetter).ToArray());
    }

    /// <summary>Public instance properties, sorted ordinally; a property hidden with <c>new</c> is read from the most derived type only.</summary>
    private static PropertyInfo[] ReadableProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0)
            .GroupBy(p => p.Name, StringComparer.Ordinal)
            .Select(group => group.OrderByDescending(p => InheritanceDepth(p.DeclaringType!)).First())
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToArray();

    private static int InheritanceDepth(Type type)
    {
        int depth = 0;
        for (var t = type.BaseType; t is not null; t = t.BaseType) depth++;
        return depth;
    }

    private static string? RejectionFor(Type type)
    {
        if (typeof(Delegate).IsAssignableFrom(type)) return "a delegate has no structural identity";
        if (typeof(Stream).IsAssignableFrom(type)) return "a stream has no structural identity";
        if (typeof(Task).IsAssignableFrom(type) || type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueTask<>) || type == typeof(ValueTask))
            return "a task has no structural identity";
        if (typeof(MemberInfo).IsAssignableFrom(type)) return "reflection objects have no structural identity";
        if (typeof(WaitHandle).IsAssignableFrom(type) || type == typeof(CancellationToken) || type == typeof(CancellationTokenSource))
            return "synchronization objects have no structural identity";
        // LINQ and iterator objects are both sequences and enumerators: only a bare enumerator is refused.
        if (typeof(IEnumerator).IsAssignableFrom(type) && !typeof(IEnumerable).IsAssignableFrom(type))
            return "an enumerator can be read only once";
        if (type.IsPointer || type == typeof(IntPtr) || type == typeof(UIntPtr)) return "a pointer has no structural identity";
        return null;
    }

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

    private static IEnumerable EnumerateGenericDictionary<TKey, TValue>(object dictionary)
    {
        foreach (var entry in (IEnumerable<KeyValuePair<TKey, TValue>>)dictionary) yield return new DictionaryEntry(entry.Key!, entry.Value);
    }
}
