using System;
using Microsoft.Extensions.Logging;

namespace Optimistic.Query;

/// <summary>
/// Hands a listener's exception (observer or mutation) to <see cref="QueryClientOptions.OnListenerError"/>, after the
/// caller logged it with its own message: such failures are never lost, with or without a logger.
/// </summary>
internal static class ListenerFailures
{
    private static readonly Action<ILogger, Exception?> HookFailed = LoggerMessage.Define(
        LogLevel.Error,
        new EventId(3001, "OnListenerErrorFailed"),
        "QueryClientOptions.OnListenerError threw while handling a listener's exception; this exception is ignored.");

    /// <summary>Calls the hook with <paramref name="error"/>; a throwing hook is logged and ignored.</summary>
    public static void Report(QueryClientOptions options, Exception error)
    {
        if (options.OnListenerError is not { } hook) return;
        try
        {
            hook(error);
        }
        catch (Exception hookError) // the hook is the last stop: its own failure must not reach the cache or a mutation
        {
            if (options.Logger is { } logger) HookFailed(logger, hookError);
        }
    }
}
