using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace Optimistic.Query.Persistence;

/// <summary>
/// A serializable snapshot of a cache (TanStack's <c>DehydratedState</c>), made by <see cref="QueryClient.Dehydrate"/>
/// and restored by <see cref="QueryClient.Hydrate"/>. <see cref="ToUtf8Json"/> and <see cref="TryParse"/> read and
/// write the versioned persisted format.
/// </summary>
/// <remarks>
/// Format version 1 (UTF-8 JSON):
/// <code>
/// {
///   "formatVersion": 1,
///   "buster": "app-v3",
///   "timestamp": "2024-01-01T00:00:00.0000000+00:00",
///   "queries": [
///     { "key": "[\"todos\",{\"page\":1}]", "status": "success",
///       "dataUpdatedAt": "2024-01-01T00:00:00.0000000+00:00", "data": { "items": [] } },
///     { "key": "[\"user\",7]", "status": "error", "errorUpdatedAt": "…", "error": { "type": "System.Net.Http.HttpRequestException", "message": "…" } }
///   ]
/// }
/// </code>
/// Timestamps are ISO 8601 round-trip strings; <c>key</c> is <see cref="QueryKey.ToString"/>; <c>data</c> is the value
/// as System.Text.Json wrote it. Unknown properties are ignored, so later minor additions stay readable.
/// </remarks>
public sealed class DehydratedState
{
    /// <summary>The persisted format version this library writes and reads.</summary>
    public const int CurrentFormatVersion = 1;

    private const int MaxDepth = 256;

    /// <summary>Creates a snapshot.</summary>
    /// <param name="timestamp">When the snapshot was taken.</param>
    /// <param name="queries">The persisted queries.</param>
    /// <param name="buster">The cache buster it was written with; null reads as the empty string.</param>
    /// <exception cref="ArgumentNullException"><paramref name="queries"/> is null.</exception>
    public DehydratedState(DateTimeOffset timestamp, IReadOnlyList<DehydratedQuery> queries, string? buster = null)
    {
        ArgumentNullException.ThrowIfNull(queries);
        Timestamp = timestamp;
        Queries = queries;
        Buster = buster ?? string.Empty;
    }

    /// <summary>The format version (always <see cref="CurrentFormatVersion"/> for a parsed or new snapshot).</summary>
    public int FormatVersion => CurrentFormatVersion;

    /// <summary>The cache buster the snapshot was written with (empty by default).</summary>
    public string Buster { get; }

    /// <summary>When the snapshot was taken; a persister compares it with its MaxAge.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>The persisted queries.</summary>
    public IReadOnlyList<DehydratedQuery> Queries { get; }

    /// <summary>A copy with another buster.</summary>
    /// <param name="buster">The buster.</param>
    /// <returns>The copy.</returns>
    public DehydratedState WithBuster(string? buster) => new(Timestamp, Queries, buster);

    /// <summary>Writes the snapshot in the persisted format.</summary>
    /// <returns>UTF-8 JSON.</returns>
    public byte[] ToUtf8Json()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteNumber("formatVersion", CurrentFormatVersion);
            writer.WriteString("buster", Buster);
            writer.WriteString("timestamp", Timestamp);
            writer.WriteStartArray("queries");
            foreach (var query in Queries)
            {
                writer.WriteStartObject();
                writer.WriteString("key", query.Key.ToString());
                writer.WriteString("status", query.Status == QueryStatus.Success ? "success" : "error");
                if (query.DataUpdatedAt is { } dataUpdatedAt) writer.WriteString("dataUpdatedAt", dataUpdatedAt);
                if (query.Data.ValueKind != JsonValueKind.Undefined)
                {
                    writer.WritePropertyName("data");
                    query.Data.WriteTo(writer);
                }
                if (query.Status == QueryStatus.Error)
                {
                    if (query.ErrorUpdatedAt is { } errorUpdatedAt) writer.WriteString("errorUpdatedAt", errorUpdatedAt);
                    writer.WriteStartObject("error");
                    writer.WriteString("type", query.ErrorType);
                    writer.WriteString("message", query.ErrorMessage);
                    writer.WriteEndObject();
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return stream.ToArray();
    }

    /// <summary>Reads a snapshot written by <see cref="ToUtf8Json"/>. Never throws on bad input.</summary>
    /// <param name="utf8Json">The stored bytes.</param>
    /// <param name="state">The snapshot, when the bytes are a valid store of the current format version.</param>
    /// <param name="error">Why the bytes were rejected (truncated, not JSON, wrong shape, another format version).</param>
    /// <returns>Whether <paramref name="state"/> was read.</returns>
    public static bool TryParse(ReadOnlySpan<byte> utf8Json, [NotNullWhen(true)] out DehydratedState? state, [NotNullWhen(false)] out string? error)
    {
        var result = Read(utf8Json, reporter: null);
        state = result.State;
        error = result.Error;
        return state is not null;
    }

    /// <summary>Parses and validates; <paramref name="reporter"/> hears about skipped entries.</summary>
    internal static ReadResult Read(ReadOnlySpan<byte> utf8Json, PersistenceReporter? reporter)
    {
        JsonElement root;
        try
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = MaxDepth });
            using var document = JsonDocument.ParseValue(ref reader);
            if (reader.BytesConsumed != utf8Json.Length && !OnlyWhitespace(utf8Json.Slice((int)reader.BytesConsumed)))
                return ReadResult.Corrupt("trailing bytes after the JSON document");
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return ReadResult.Corrupt($"not valid JSON ({ex.Message})");
        }

        if (root.ValueKind != JsonValueKind.Object) return ReadResult.Corrupt($"the root is a JSON {root.ValueKind}, not an object");
        if (!root.TryGetProperty("formatVersion", out var version) || version.ValueKind != JsonValueKind.Number)
            return ReadResult.Corrupt("no formatVersion");
        if (!version.TryGetInt32(out int formatVersion) || formatVersion != CurrentFormatVersion)
            return new ReadResult(null, PersistenceEventReason.FormatVersionMismatch,
                $"format version {version.GetRawText()}, this library reads {CurrentFormatVersion}");
        string? buster = null;
        if (root.TryGetProperty("buster", out var busterElement))
        {
            if (busterElement.ValueKind is not (JsonValueKind.String or JsonValueKind.Null)) return ReadResult.Corrupt("buster is not a string");
            buster = busterElement.GetString();
        }
        if (!root.TryGetProperty("timestamp", out var timestampElement) || !TryDate(timestampElement, out var timestamp))
            return ReadResult.Corrupt("no valid timestamp");
        if (!root.TryGetProperty("queries", out var queriesElement) || queriesElement.ValueKind != JsonValueKind.Array)
            return ReadResult.Corrupt("no queries array");

        var queries = new List<DehydratedQuery>(queriesElement.GetArrayLength());
        int index = 0;
        foreach (var element in queriesElement.EnumerateArray())
        {
            if (TryReadQuery(element, out var query, out var problem)) queries.Add(query);
            else reporter?.Report(new PersistenceEventArgs(PersistenceEventReason.EntrySkipped, $"Persisted query #{index} was skipped: {problem}."));
            index++;
        }
        return new ReadResult(new DehydratedState(timestamp, queries, buster), default, null);
    }

    private static bool TryReadQuery(JsonElement element, [NotNullWhen(true)] out DehydratedQuery? query, [NotNullWhen(false)] out string? problem)
    {
        query = null;
        if (element.ValueKind != JsonValueKind.Object) { problem = $"a JSON {element.ValueKind}, not an object"; return false; }
        if (!element.TryGetProperty("key", out var keyElement) || keyElement.ValueKind != JsonValueKind.String) { problem = "no key"; return false; }
        QueryKey key;
        try
        {
            key = QueryKey.Parse(keyElement.GetString()!);
        }
        catch (FormatException ex)
        {
            problem = ex.Message;
            return false;
        }
        if (!element.TryGetProperty("status", out var statusElement) || statusElement.ValueKind != JsonValueKind.String) { problem = "no status"; return false; }
        DateTimeOffset? dataUpdatedAt = null;
        if (element.TryGetProperty("dataUpdatedAt", out var dataUpdatedAtElement))
        {
            if (!TryDate(dataUpdatedAtElement, out var parsed)) { problem = "an invalid dataUpdatedAt"; return false; }
            dataUpdatedAt = parsed;
        }
        element.TryGetProperty("data", out var data);
        switch (statusElement.GetString())
        {
            case "success":
                if (dataUpdatedAt is null) { problem = "a successful query without dataUpdatedAt"; return false; }
                if (data.ValueKind == JsonValueKind.Undefined) { problem = "a successful query without data"; return false; }
                query = new DehydratedQuery(key, QueryStatus.Success, data, dataUpdatedAt);
                problem = null;
                return true;
            case "error":
                DateTimeOffset? errorUpdatedAt = null;
                if (element.TryGetProperty("errorUpdatedAt", out var errorUpdatedAtElement))
                {
                    if (!TryDate(errorUpdatedAtElement, out var parsed)) { problem = "an invalid errorUpdatedAt"; return false; }
                    errorUpdatedAt = parsed;
                }
                string? message = null, type = null;
                if (element.TryGetProperty("error", out var errorElement) && errorElement.ValueKind == JsonValueKind.Object)
                {
                    if (errorElement.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String) message = m.GetString();
                    if (errorElement.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String) type = t.GetString();
                }
                query = new DehydratedQuery(key, QueryStatus.Error, data, dataUpdatedAt)
                {
                    ErrorMessage = message,
                    ErrorType = type,
                    ErrorUpdatedAt = errorUpdatedAt,
                };
                problem = null;
                return true;
            default:
                problem = $"an unknown status '{statusElement.GetString()}'";
                return false;
        }
    }

    private static bool TryDate(JsonElement element, out DateTimeOffset value)
    {
        value = default;
        return element.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(element.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out value);
    }

    private static bool OnlyWhitespace(ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return false;
        }
        return true;
    }

    internal readonly record struct ReadResult(DehydratedState? State, PersistenceEventReason Reason, string? Error)
    {
        public static ReadResult Corrupt(string error) => new(null, PersistenceEventReason.Corrupt, error);
    }
}
