using System;
using Microsoft.Extensions.Logging;

namespace Optimistic.Query.Cache;

/// <summary>The cache's log messages, defined once (no per-call template parsing or boxing).</summary>
internal static class CacheLog
{
    private static readonly Action<ILogger, string, Exception?> ListenerFailed = LoggerMessage.Define<string>(
        LogLevel.Error, new EventId(1, "QueryListenerFailed"), "A listener of query {Key} threw; other listeners still ran.");

    private static readonly Action<ILogger, string, Exception?> RefetchFailed = LoggerMessage.Define<string>(
        LogLevel.Warning, new EventId(2, "QueryRefetchFailed"), "The refetch of query {Key} after an invalidation failed.");

    private static readonly Action<ILogger, string, Exception?> CancelCallbackFailed = LoggerMessage.Define<string>(
        LogLevel.Warning, new EventId(3, "QueryCancelCallbackFailed"), "A cancellation callback of the fetch of query {Key} threw.");

    private static readonly Action<ILogger, string, Exception?> ObserverStateFailed = LoggerMessage.Define<string>(
        LogLevel.Error, new EventId(4, "QueryObserverStateFailed"), "An observer of query {Key} could not read the new state.");

    public static void ListenerThrew(ILogger? logger, QueryKey key, Exception error)
    {
        if (logger is not null) ListenerFailed(logger, key.ToString(), error);
    }

    public static void RefetchThrew(ILogger? logger, QueryKey key, Exception error)
    {
        if (logger is not null) RefetchFailed(logger, key.ToString(), error);
    }

    public static void CancelCallbackThrew(ILogger? logger, QueryKey key, Exception error)
    {
        if (logger is not null) CancelCallbackFailed(logger, key.ToString(), error);
    }

    public static void ObserverStateThrew(ILogger? logger, QueryKey key, Exception error)
    {
        if (logger is not null) ObserverStateFailed(logger, key.ToString(), error);
    }
}
