using System;
using Microsoft.Extensions.Logging;

namespace Optimistic.Query.Layers;

/// <summary>The optimistic layers' log messages.</summary>
internal static class LayerLog
{
    private static readonly Action<ILogger, string, Exception?> RecipeFailed = LoggerMessage.Define<string>(
        LogLevel.Error, new EventId(20, "OptimisticLayerRecipeFailed"),
        "An optimistic layer's recipe of query {Key} threw while the layers were replayed; that layer is skipped in this replay.");

    public static void RecipeThrew(ILogger? logger, QueryKey key, Exception error)
    {
        if (logger is not null) RecipeFailed(logger, key.ToString(), error);
    }
}
