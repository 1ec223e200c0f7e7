using System;
using System.Threading;
using System.Threading.Tasks;

namespace Optimistic.Query.Cache;

/// <summary>
/// A fetcher with its retry policy, type-erased so an entry can keep it (the last known fetcher) and refetch on
/// invalidation without knowing the data's type.
/// </summary>
internal abstract class QueryFetcher
{
    protected QueryFetcher(int retry, Func<int, Exception, TimeSpan> retryDelay)
    {
        Retry = retry;
        RetryDelay = retryDelay;
    }

    /// <summary>How many times a failed attempt is retried.</summary>
    public int Retry { get; }

    /// <summary>The delay before retry number <c>attempt</c> (1-based).</summary>
    public Func<int, Exception, TimeSpan> RetryDelay { get; }

    public abstract Task<object?> InvokeAsync(CancellationToken cancellationToken);
}

internal sealed class QueryFetcher<T> : QueryFetcher
{
    private readonly Func<CancellationToken, Task<T>> _fetch;

    public QueryFetcher(Func<CancellationToken, Task<T>> fetch, int retry, Func<int, Exception, TimeSpan> retryDelay)
        : base(retry, retryDelay) => _fetch = fetch;

    public override async Task<object?> InvokeAsync(CancellationToken cancellationToken)
    {
        var task = _fetch(cancellationToken)
            ?? throw new InvalidOperationException($"The fetcher returned a null Task<{TypedData.Describe(typeof(T))}>.");
        return await task.ConfigureAwait(false);
    }
}
