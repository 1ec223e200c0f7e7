using System;
using Microsoft.Extensions.Logging;

namespace Optimistic.Query.Persistence;

/// <summary>Logs persistence events: discards as warnings, storage failures as errors.</summary>
internal static class PersistenceLog
{
    private static readonly Action<ILogger, PersistenceEventReason, string, Exception?> Discarded = LoggerMessage.Define<PersistenceEventReason, string>(
        LogLevel.Warning, new EventId(100, "QueryPersistenceDiscarded"), "Query persistence ({Reason}): {Message}");

    private static readonly Action<ILogger, PersistenceEventReason, string, Exception?> Failed = LoggerMessage.Define<PersistenceEventReason, string>(
        LogLevel.Error, new EventId(101, "QueryPersistenceFailed"), "Query persistence ({Reason}): {Message}");

    public static void Write(ILogger? logger, PersistenceEventArgs e)
    {
        if (logger is null) return;
        bool failure = e.Reason is PersistenceEventReason.ReadFailed or PersistenceEventReason.WriteFailed
            or PersistenceEventReason.DeleteFailed or PersistenceEventReason.HandlerFailed;
        (failure ? Failed : Discarded)(logger, e.Reason, e.Message, e.Exception);
    }
}
