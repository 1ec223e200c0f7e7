using System;
using System.Collections.Generic;

namespace Optimistic.Query;

/// <summary>Per-query fetch settings. A null setting falls back to <see cref="QueryClientOptions"/>.</summary>
public sealed class FetchOptions
{
    /// <summary>How long fetched data counts as fresh; a fresh entry is not refetched by <see cref="QueryClient.EnsureQueryDataAsync{T}"/> or a new observer.</summary>
    public TimeSpan? StaleTime { get; init; }

    /// <summary>How long an entry nobody observes stays cached before it is collected.</summary>
    public TimeSpan? GcTime { get; init; }

    /// <summary>How many times a failed fetch is retried (0: never).</summary>
    public int? Retry { get; init; }

    /// <summary>The delay before retry number <c>attempt</c> (1-based) after <c>error</c>.</summary>
    public Func<int, Exception, TimeSpan>? RetryDelay { get; init; }

    /// <summary>The tags this query provides, for <see cref="QueryClient.InvalidateTagsAsync"/>.</summary>
    public IReadOnlyList<QueryTag>? Tags { get; init; }
}
