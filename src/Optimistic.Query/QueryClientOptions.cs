using System;
using Microsoft.Extensions.Logging;

namespace Optimistic.Query;

/// <summary>Defaults for every query of a <see cref="QueryClient"/>.</summary>
public sealed class QueryClientOptions
{
    /// <summary>The clock behind staleness, retries and garbage collection. Default: <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Default <see cref="FetchOptions.StaleTime"/>: zero (data is stale as soon as it arrives, as in TanStack).</summary>
    public TimeSpan StaleTime { get; init; } = TimeSpan.Zero;

    /// <summary>Default <see cref="FetchOptions.GcTime"/>: five minutes.</summary>
    public TimeSpan GcTime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Default retries for fetches made by observers: three. Imperative fetches
    /// (<see cref="QueryClient.FetchQueryAsync{T}"/>, <see cref="QueryClient.EnsureQueryDataAsync{T}"/>)
    /// do not retry unless <see cref="FetchOptions.Retry"/> says so, as in TanStack.
    /// </summary>
    public int ObserverRetry { get; init; } = 3;

    /// <summary>Default retry delay: 1 s doubling per attempt, at most 30 s.</summary>
    public Func<int, Exception, TimeSpan> RetryDelay { get; init; } =
        static (attempt, _) => TimeSpan.FromMilliseconds(Math.Min(1000 * Math.Pow(2, attempt - 1), 30_000));

    /// <summary>Where the cache logs discarded data, observer failures and the like. Default: none.</summary>
    public ILogger? Logger { get; init; }
}
