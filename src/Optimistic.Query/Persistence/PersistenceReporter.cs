using System;
using Microsoft.Extensions.Logging;

namespace Optimistic.Query.Persistence;

/// <summary>Logs an event and hands it to a callback; a throwing callback is logged, never rethrown.</summary>
internal sealed class PersistenceReporter
{
    public PersistenceReporter(ILogger? logger, Action<PersistenceEventArgs>? callback)
    {
        Logger = logger;
        Callback = callback;
    }

    public ILogger? Logger { get; }

    public Action<PersistenceEventArgs>? Callback { get; }

    public void Report(PersistenceEventArgs e)
    {
        PersistenceLog.Write(Logger, e);
        if (Callback is null) return;
        try
        {
            Callback(e);
        }
        catch (Exception error)
        {
            PersistenceLog.Write(Logger, new PersistenceEventArgs(PersistenceEventReason.HandlerFailed,
                $"A handler of the persistence event {e.Reason} threw.", e.Key, error));
        }
    }
}
