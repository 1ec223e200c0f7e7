using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Optimistic.Query.Persistence;

/// <summary>
/// A serializable snapshot of a cache (TanStack's <c>DehydratedState</c>), made by <see cref="QueryClient.Dehydrate"/>
/// and restored by <see cref="QueryClient.Hydrate"/>. <see cref="ToUtf8Json"/> and <see cref="TryParse"/> read and
/// write the versioned persisted format.
/// </summary>
/// <remarks>
/// Format version 2 (UTF-8 JSON): an envelope with the format version, a checksum, and the payload the restore reads.
/// <code>
/// {
///   "formatVersion": 2,
///   "sha256": "5d41402abc4b2a76b9719d911017c592…",
///   "payload": {
///     "buster": "app-v3",
///     "timestamp": "2024-01-01T00:00:00.0000000+00:00",
///     "queries": [
///       { "key": "[\"todos\",{\"page\":1}]", "status": "success",
///         "dataUpdatedAt": "2024-01-01T00:00:00.0000000+00:00", "data": { "items": [] } },
///       { "key": "[\"user\",7]", "status": "error", "errorUpdatedAt": "…", "error": { "type": "System.Net.Http.HttpRequestException", "message": "…" } }
///     ]
///   }
/// }
/// </code>
/// <c>sha256</c> is the lowercase hexadecimal SHA-256 of the payload's bytes exactly as they stand in the file (from its
/// opening to its closing brace), so every byte the restore reads (buster, timestamp, every query) is covered: a store
/// whose payload does not hash to it is corrupt. The check detects corruption (a torn write, a flipped bit, an edit); it
/// is not a signature and does not authenticate the writer. Timestamps are ISO 8601 round-trip strings; <c>key</c> is
/// <see cref="QueryKey.ToString"/>; <c>data</c> is the value as System.Text.Json wrote it. Unknown properties are ignored,
/// so later minor additions stay readable. Version 1 (the same payload without the envelope and checksum) is no longer
/// read: such a store is discarded as another format version.
/// </remarks>
public sealed class DehydratedState
{
    /// <summary>The persisted format version this library writes and reads (2: the payload under a SHA-256 checksum).</summary>
    public const int CurrentFormatVersion = 2;

    private const int MaxDepth = 256;
    private const int Sha256HexLength = 64;

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

    /// <summary>Writes the snapshot in the persisted format: the payload, then the envelope with its checksum around it.</summary>
    /// <returns>UTF-8 JSON.</returns>
    public byte[] ToUtf8Json()
    {
        byte[] payload = PayloadBytes();
        using var stream = new MemoryStream(payload.Length + 128);
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteNumber("formatVersion", CurrentFormatVersion);
            writer.WriteString("sha256", Sha256Hex(payload));
            writer.WritePropertyName("payload");
            writer.WriteRawValue(payload, skipInputValidation: true); // the very bytes hashed: no re-serialization
            writer.WriteEndObject();
        }
        return stream.ToArray();
    }

    private byte[] PayloadBytes()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
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

    /// <summary>Reads a snapshot written by <see cref="ToUtf8Json"/>. Never throws, whatever the bytes.</summary>
    /// <param name="utf8Json">The stored bytes.</param>
    /// <param name="state">The snapshot, when the bytes are a valid store of the current format version.</param>
    /// <param name="error">
    /// Why the bytes were rejected (not UTF-8, truncated, not JSON, a checksum that does not match, the wrong shape,
    /// another format version).
    /// </param>
    /// <returns>Whether <paramref name="state"/> was read.</returns>
    public static bool TryParse(ReadOnlySpan<byte> utf8Json, [NotNullWhen(true)] out DehydratedState? state, [NotNullWhen(false)] out string? error)
    {
        var result = Read(utf8Json, reporter: null);
        state = result.State;
        error = result.Error;
        return state is not null;
    }

    /// <summary>Validates the envelope and the checksum, then parses the payload; <paramref name="reporter"/> hears about skipped entries.</summary>
    internal static ReadResult Read(ReadOnlySpan<byte> utf8Json, PersistenceReporter? reporter)
    {
        // JSON text is UTF-8 (RFC 8259). The JSON reader does not validate the bytes inside strings, and reading such a
        // string later throws InvalidOperationException: refuse them all here, once.
        if (!Utf8.IsValid(utf8Json)) return ReadResult.Corrupt("the bytes are not valid UTF-8");
        if (!TryReadEnvelope(utf8Json, out var envelope, out var problem)) return ReadResult.Corrupt(problem);
        if (envelope.Version is not { } version) return ReadResult.Corrupt("no formatVersion");
        if (version.Length == 0) return ReadResult.Corrupt("the formatVersion is not a number");
        if (version != CurrentFormatVersion.ToString(CultureInfo.InvariantCulture))
            return new ReadResult(null, PersistenceEventReason.FormatVersionMismatch, $"format version {version}, this library reads {CurrentFormatVersion}");
        if (envelope.Sha256 is not { } sha256) return ReadResult.Corrupt("no sha256 checksum");
        if (sha256.Length == 0) return ReadResult.Corrupt("the sha256 checksum is not 64 hexadecimal digits");
        if (envelope.PayloadLength < 0) return ReadResult.Corrupt("no payload");
        if (!envelope.PayloadIsObject) return ReadResult.Corrupt("the payload is not an object");
        var payload = utf8Json.Slice(envelope.PayloadStart, envelope.PayloadLength);
        if (!string.Equals(sha256, Sha256Hex(payload), StringComparison.Ordinal))
            return ReadResult.Corrupt("the payload does not match its sha256 checksum");
        return ReadPayload(payload, reporter);
    }

    /// <summary>
    /// Walks the root object once: the format version's raw text, the checksum, and where the payload's bytes lie. A
    /// property of the envelope given twice is corrupt (the reader would have to pick one).
    /// </summary>
    private static bool TryReadEnvelope(ReadOnlySpan<byte> utf8Json, out Envelope envelope, [NotNullWhen(false)] out string? problem)
    {
        envelope = new Envelope(null, null, 0, -1, false);
        // Cheap, exception-free answers for the usual damage (a torn write, a file of something else) before the reader.
        var trimmed = utf8Json.Trim(" \t\r\n"u8);
        if (trimmed.IsEmpty) { problem = "empty"; return false; }
        if (trimmed[0] != (byte)'{') { problem = "the root is not a JSON object"; return false; }
        if (trimmed[^1] != (byte)'}') { problem = "truncated, or trailing bytes: the document does not end with the root object's closing brace"; return false; }
        try
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = MaxDepth });
            reader.Read(); // the root object's start: checked above
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string? name = reader.ValueTextEquals("formatVersion"u8) ? "formatVersion"
                    : reader.ValueTextEquals("sha256"u8) ? "sha256"
                    : reader.ValueTextEquals("payload"u8) ? "payload"
                    : null;
                reader.Read();
                int start = (int)reader.TokenStartIndex;
                reader.Skip();
                if (name is null) continue;
                bool seen = name switch
                {
                    "formatVersion" => envelope.Version is not null,
                    "sha256" => envelope.Sha256 is not null,
                    _ => envelope.PayloadLength >= 0,
                };
                if (seen) { problem = $"more than one {name}"; return false; }
                // Recorded as found and judged after the version: another version may shape its envelope otherwise.
                switch (name)
                {
                    case "formatVersion":
                        envelope = envelope with
                        {
                            Version = reader.TokenType == JsonTokenType.Number ? Encoding.UTF8.GetString(reader.ValueSpan) : string.Empty,
                        };
                        break;
                    case "sha256":
                        bool hex = reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && reader.ValueSpan.Length == Sha256HexLength;
                        envelope = envelope with { Sha256 = hex ? Encoding.UTF8.GetString(reader.ValueSpan) : string.Empty };
                        break;
                    default:
                        envelope = envelope with
                        {
                            PayloadStart = start,
                            PayloadLength = (int)reader.BytesConsumed - start,
                            PayloadIsObject = reader.TokenType == JsonTokenType.EndObject,
                        };
                        break;
                }
            }
            problem = TrailingBytes(utf8Json, reader);
            return problem is null;
        }
        catch (JsonException ex)
        {
            problem = $"not valid JSON ({ex.Message})";
            return false;
        }
    }

    private static string? TrailingBytes(ReadOnlySpan<byte> utf8Json, Utf8JsonReader reader) =>
        reader.BytesConsumed != utf8Json.Length && !OnlyWhitespace(utf8Json.Slice((int)reader.BytesConsumed))
            ? "trailing bytes after the JSON document"
            : null;

    private static string Sha256Hex(ReadOnlySpan<byte> bytes)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes, hash);
        return Convert.ToHexString(hash).ToLowerInvariant();
    }

    /// <summary>Parses the payload (already checked against its checksum).</summary>
    private static ReadResult ReadPayload(ReadOnlySpan<byte> payload, PersistenceReporter? reporter)
    {
        JsonElement root;
        try
        {
            var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = MaxDepth });
            using var document = JsonDocument.ParseValue(ref reader);
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return ReadResult.Corrupt($"the payload is not valid JSON ({ex.Message})");
        }

        string? buster = null;
        if (root.TryGetProperty("buster", out var busterElement) && busterElement.ValueKind != JsonValueKind.Null)
        {
            if (!TryString(busterElement, out buster)) return ReadResult.Corrupt("buster is not a string");
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
        if (!element.TryGetProperty("key", out var keyElement) || !TryString(keyElement, out var keyText)) { problem = "no key"; return false; }
        QueryKey key;
        try
        {
            key = QueryKey.Parse(keyText);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            problem = ex.Message; // ArgumentException: a key text with a lone surrogate cannot be transcoded back to UTF-8
            return false;
        }
        if (!element.TryGetProperty("status", out var statusElement) || !TryString(statusElement, out var status)) { problem = "no status"; return false; }
        DateTimeOffset? dataUpdatedAt = null;
        if (element.TryGetProperty("dataUpdatedAt", out var dataUpdatedAtElement))
        {
            if (!TryDate(dataUpdatedAtElement, out var parsed)) { problem = "an invalid dataUpdatedAt"; return false; }
            dataUpdatedAt = parsed;
        }
        element.TryGetProperty("data", out var data);
        switch (status)
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
                    if (errorElement.TryGetProperty("message", out var m)) TryString(m, out message);
                    if (errorElement.TryGetProperty("type", out var t)) TryString(t, out type);
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
                problem = $"an unknown status '{status}'";
                return false;
        }
    }

    private static bool TryDate(JsonElement element, out DateTimeOffset value)
    {
        value = default;
        return TryString(element, out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out value);
    }

    /// <summary>
    /// The element's string; false for another kind, or for an escaped lone surrogate (<c>"\ud800"</c>), which
    /// <see cref="JsonElement.GetString"/> refuses with an <see cref="InvalidOperationException"/>.
    /// </summary>
    private static bool TryString(JsonElement element, [NotNullWhen(true)] out string? value)
    {
        value = null;
        if (element.ValueKind != JsonValueKind.String) return false;
        try
        {
            value = element.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool OnlyWhitespace(ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return false;
        }
        return true;
    }

    /// <summary>
    /// What the envelope holds: the version's raw text (empty: not a number), the checksum (empty: not 64 plain
    /// characters), and where the payload's bytes lie (length -1: none).
    /// </summary>
    private readonly record struct Envelope(string? Version, string? Sha256, int PayloadStart, int PayloadLength, bool PayloadIsObject);

    internal readonly record struct ReadResult(DehydratedState? State, PersistenceEventReason Reason, string? Error)
    {
        public static ReadResult Corrupt(string error) => new(null, PersistenceEventReason.Corrupt, error);
    }
}
