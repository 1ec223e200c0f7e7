using System;
using System.Text.Json;

namespace Optimistic.Query.Persistence;

/// <summary>What <see cref="QueryClient.Dehydrate"/> includes and how it serializes values.</summary>
public sealed class DehydrateOptions
{
    /// <summary>
    /// Which queries to include. Default: successful ones (TanStack's default). Return true for failed ones to include
    /// errors too, as RTK Query does. Queries without data or error (pending) are never included, and in-flight fetches
    /// never are: a query refetching is included with its current data.
    /// </summary>
    public Func<QueryKey, QueryState<object>, bool>? ShouldDehydrate { get; init; }

    /// <summary>How live values are serialized. Default: System.Text.Json's defaults.</summary>
    public JsonSerializerOptions? JsonSerializerOptions { get; init; }

    /// <summary>Hears about values that could not be serialized (their queries are left out). Also logged.</summary>
    public Action<PersistenceEventArgs>? OnEvent { get; init; }
}

/// <summary>How <see cref="QueryClient.Hydrate"/> restores values.</summary>
public sealed class HydrateOptions
{
    /// <summary>How restored values are deserialized on their first typed read. Default: System.Text.Json's defaults.</summary>
    public JsonSerializerOptions? JsonSerializerOptions { get; init; }

    /// <summary>
    /// Hears about skipped entries and about restored values discarded because they could not be read as the type the
    /// app asked for (they read as a miss). Also logged through <see cref="QueryClientOptions.Logger"/>.
    /// </summary>
    public Action<PersistenceEventArgs>? OnEvent { get; init; }
}
