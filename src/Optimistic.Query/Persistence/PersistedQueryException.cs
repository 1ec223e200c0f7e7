using System;

namespace Optimistic.Query.Persistence;

/// <summary>
/// The error of a query restored from a persisted cache (only when <see cref="DehydrateOptions.ShouldDehydrate"/>
/// included failed queries): the original exception is not serialized, only its type name and message.
/// </summary>
public sealed class PersistedQueryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PersistedQueryException()
    {
    }

    /// <summary>Creates the exception with the original message.</summary>
    /// <param name="message">The original exception's message.</param>
    public PersistedQueryException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with the original message and an inner exception.</summary>
    /// <param name="message">The original exception's message.</param>
    /// <param name="innerException">The inner exception.</param>
    public PersistedQueryException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>The full name of the original exception's type, when it was persisted.</summary>
    public string? OriginalType { get; init; }
}
