namespace Optimistic.Query.Persistence;

/// <summary>Why persistence discarded something or failed; carried by <see cref="PersistenceEventArgs"/>.</summary>
public enum PersistenceEventReason
{
    /// <summary>The stored cache is older than <see cref="QueryPersisterOptions.MaxAge"/>; it was discarded.</summary>
    Expired,

    /// <summary>The stored cache was written with another <see cref="QueryPersisterOptions.Buster"/>; it was discarded.</summary>
    BusterMismatch,

    /// <summary>
    /// The stored cache was written in another format version (for example version 1, before the checksum); it was
    /// discarded, so the cache starts empty once after an upgrade of the format.
    /// </summary>
    FormatVersionMismatch,

    /// <summary>
    /// The stored cache is not valid (truncated, not UTF-8, not JSON, a payload that does not match its SHA-256
    /// checksum, or JSON of the wrong shape); it was discarded.
    /// </summary>
    Corrupt,

    /// <summary>One persisted entry was invalid (an unreadable key, a missing field); it was skipped, the others were restored.</summary>
    EntrySkipped,

    /// <summary>A restored value could not be read as the type the app asked for; it was discarded and read as a miss.</summary>
    ValueTypeMismatch,

    /// <summary>A live value could not be serialized; its entry was left out of the persisted cache.</summary>
    SerializationFailed,

    /// <summary>The storage threw while reading; nothing was restored.</summary>
    ReadFailed,

    /// <summary>The storage threw while writing; the previous stored cache (if any) is left as it was.</summary>
    WriteFailed,

    /// <summary>The storage threw while deleting a discarded stored cache.</summary>
    DeleteFailed,

    /// <summary>A handler of <see cref="QueryPersister.Reported"/> threw; the others still ran.</summary>
    HandlerFailed,
}
