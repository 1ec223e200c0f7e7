using System;
using System.Text.Json;

namespace Optimistic.Query.Persistence;

/// <summary>
/// A restored value that is not typed yet: the entry holds this until the first typed read deserializes it to the
/// reader's type and swaps it in (<see cref="QueryClient"/>'s materialization). Immutable apart from a one-slot cache of
/// the last conversion, so readers that cannot swap (observers, <c>GetQueryState</c>) do not deserialize twice.
/// </summary>
internal sealed class PersistedValue
{
    private volatile Conversion? _last;

    public PersistedValue(JsonElement element, JsonSerializerOptions? options, PersistenceReporter reporter)
    {
        Element = element;
        Options = options;
        Reporter = reporter;
    }

    /// <summary>The raw JSON (self-owned: cloned or produced by <c>SerializeToElement</c>).</summary>
    public JsonElement Element { get; }

    public JsonSerializerOptions? Options { get; }

    public PersistenceReporter Reporter { get; }

    /// <summary>Deserializes to <paramref name="type"/>; false (with the error) when the JSON does not fit it.</summary>
    public bool TryConvert(Type type, out object? value, out Exception? error)
    {
        var last = _last;
        if (last is not null && last.Type == type)
        {
            value = last.Value;
            error = last.Error;
            return error is null;
        }
        try
        {
            value = Element.Deserialize(type, Options);
            error = null;
            if (value is null && type.IsValueType && Nullable.GetUnderlyingType(type) is null)
                error = new JsonException($"null cannot be read as {type}.");
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            value = null;
            error = ex;
        }
        _last = new Conversion(type, value, error);
        return error is null;
    }

    /// <summary>The value as <typeparamref name="T"/> for readers that cannot swap it in; default when it does not convert.</summary>
    public T? ReadAs<T>()
    {
        if (typeof(T) == typeof(object) || typeof(T) == typeof(JsonElement)) return (T)(object)Element;
        return TryConvert(typeof(T), out var value, out _) && value is T typed ? typed : default;
    }

    private sealed record Conversion(Type Type, object? Value, Exception? Error);
}
