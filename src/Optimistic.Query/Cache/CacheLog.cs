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

    private static readonly Action<ILogger, string, string, Exception?> AppEventRefetchFailed = LoggerMessage.Define<string, string>(
        LogLevel.Warning, new EventId(5, "QueryAppEventRefetchFailed"), "The refetch of query {Key} when the app {AppEvent} failed.");

    private static readonly Action<ILogger, string, int, int, Exception?> AppEventRefetchingMessage = LoggerMessage.Define<string, int, int>(
        LogLevel.Debug, new EventId(6, "QueryAppEventRefetching"), "The app {AppEvent}: refetching {Refetched} of {Observed} observed queries.");

    private static readonly Action<ILogger, Exception?> FocusRegainedOfflineMessage = LoggerMessage.Define(
        LogLevel.Debug, new EventId(7, "QueryFocusRegainedOffline"),
        "The app regained focus while offline: nothing is refetched until it is back online.");

    public static void AppEventRefetchThrew(ILogger? logger, QueryKey key, AppEvent appEvent, Exception error)
    {
        if (logger is not null) AppEventRefetchFailed(logger, key.ToString(), Describe(appEvent), error);
    }

    public static void AppEventRefetching(ILogger? logger, AppEvent appEvent, int refetched, int observed)
    {
        if (logger is not null && logger.IsEnabled(LogLevel.Debug)) AppEventRefetchingMessage(logger, Describe(appEvent), refetched, observed, null);
    }

    public static void FocusRegainedOffline(ILogger? logger)
    {
        if (logger is not null) FocusRegainedOfflineMessage(logger, null);
    }

    private static string Describe(AppEvent appEvent) => appEvent == AppEvent.Focus ? "regained focus" : "came back online";

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
