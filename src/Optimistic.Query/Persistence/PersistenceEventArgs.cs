using System;

namespace Optimistic.Query.Persistence;

/// <summary>Something persistence discarded or could not do. Never thrown at the app: reported and logged instead.</summary>
public sealed class PersistenceEventArgs : EventArgs
{
    /// <summary>Creates an event.</summary>
    /// <param name="reason">What happened.</param>
    /// <param name="message">A readable description.</param>
    /// <param name="key">The query concerned, when the event is about one entry.</param>
    /// <param name="exception">The underlying exception, if any.</param>
    public PersistenceEventArgs(PersistenceEventReason reason, string message, QueryKey? key = null, Exception? exception = null)
    {
        Reason = reason;
        Message = message ?? throw new ArgumentNullException(nameof(message));
        Key = key;
        Exception = exception;
    }

    /// <summary>What happened.</summary>
    public PersistenceEventReason Reason { get; }

    /// <summary>A readable description, as logged.</summary>
    public string Message { get; }

    /// <summary>The query concerned, or null when the event is about the whole stored cache.</summary>
    public QueryKey? Key { get; }

    /// <summary>The underlying exception, if any.</summary>
    public Exception? Exception { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Reason}: {Message}";
}
