using System;
using Microsoft.Extensions.Logging;

namespace Optimistic.Query.Mutations;

/// <summary>What mutations log through <see cref="QueryClientOptions.Logger"/>: failures they catch and do not rethrow.</summary>
internal static class MutationLog
{
    private static readonly Action<ILogger, string, Exception?> CallbackFailedOnErrorPathMessage =
        LoggerMessage.Define<string>(
            LogLevel.Error,
            new EventId(2001, "MutationCallbackFailedOnErrorPath"),
            "Mutation callback {Callback} threw while handling an earlier failure; the earlier failure is rethrown to the caller and this one is dropped.");

    private static readonly Action<ILogger, Exception?> ListenerFailedMessage =
        LoggerMessage.Define(
            LogLevel.Error,
            new EventId(2002, "MutationListenerFailed"),
            "A mutation state listener threw; the mutation and the other listeners go on.");

    public static void CallbackFailedOnErrorPath(ILogger? logger, string callback, Exception exception)
    {
        if (logger is not null) CallbackFailedOnErrorPathMessage(logger, callback, exception);
    }

    public static void ListenerFailed(ILogger? logger, Exception exception)
    {
        if (logger is not null) ListenerFailedMessage(logger, exception);
    }
}
