using System;
using Microsoft.Extensions.Logging;

namespace Optimistic.Query.Blazor.Internal;

/// <summary>The Blazor binding's log messages, defined once.</summary>
internal static class BlazorLog
{
    private static readonly Action<ILogger, Exception?> RenderFailedMessage = LoggerMessage.Define(
        LogLevel.Error, new EventId(200, "QueryRenderFailed"),
        "A component could not re-render after a query or mutation change.");

    private static readonly Action<ILogger, Exception?> RendererGoneMessage = LoggerMessage.Define(
        LogLevel.Debug, new EventId(201, "QueryRendererGone"),
        "A query or mutation changed after its component's renderer was disposed; nothing to render.");

    private static readonly Action<ILogger, string, Exception?> HandOffRejectedMessage = LoggerMessage.Define<string>(
        LogLevel.Warning, new EventId(202, "QueryPrerenderStateRejected"),
        "The queries handed over by prerendering could not be read ({Reason}); the components fetch them again.");

    private static readonly Action<ILogger, Exception?> FocusManagerFailedMessage = LoggerMessage.Define(
        LogLevel.Warning, new EventId(203, "QueryFocusManagerFailed"),
        "QueryFocusManager could not wire the browser's focus and network events to the query client; stale queries are not refetched on focus or reconnect.");

    public static void FocusManagerFailed(ILogger? logger, Exception error)
    {
        if (logger is not null) FocusManagerFailedMessage(logger, error);
    }

    public static void RenderFailed(ILogger? logger, Exception error)
    {
        if (logger is null) return;
        if (error is ObjectDisposedException) RendererGoneMessage(logger, error);
        else RenderFailedMessage(logger, error);
    }

    public static void HandOffRejected(ILogger? logger, string reason)
    {
        if (logger is not null) HandOffRejectedMessage(logger, reason, null);
    }
}
