using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Optimistic.Query.Annotations;

namespace Optimistic.Query;

/// <summary>
/// A thread-safe query cache: reads, writes and patches by exact key; cancels and invalidates by key prefix
/// or by tag; fetches with de-duplication, staleness, retry and garbage collection; runs mutations.
/// </summary>
public sealed partial class QueryClient : IDisposable
{
    /// <summary>Creates a client.</summary>
    /// <param name="options">Defaults for every query; null for the built-in defaults.</param>
    public QueryClient(QueryClientOptions? options = null)
    {
        Options = options ?? new QueryClientOptions();
    }

    /// <summary>The client's defaults.</summary>
    public QueryClientOptions Options { get; }

    /// <summary>Reads the data of the entry at exactly <paramref name="key"/>. Never creates an entry.</summary>
    /// <typeparam name="T">The data's type.</typeparam>
    /// <param name="key">The exact key.</param>
    /// <returns>The data, or default on a miss.</returns>
    /// <exception cref="InvalidCastException">The entry holds a value of another type; the message names the key and both types.</exception>
    [QueryRead]
    public T? GetQueryData<T>([QueryKeyArgument] QueryKey key) => throw new NotImplementedException();

    /// <summary>Writes <paramref name="value"/> at exactly <paramref name="key"/>, creating the entry if needed, and notifies observers.</summary>
    /// <typeparam name="T">The data's type.</typeparam>
    /// <param name="key">The exact key.</param>
    /// <param name="value">The new data; null changes nothing.</param>
    /// <returns>The data the entry holds after the call.</returns>
    [QueryWrite]
    public T? SetQueryData<T>([QueryKeyArgument] QueryKey key, T? value) => throw new NotImplementedException();

    /// <summary>Writes the result of <paramref name="updater"/> applied to the current data (default on a miss).</summary>
    /// <typeparam name="T">The data's type.</typeparam>
    /// <param name="key">The exact key.</param>
    /// <param name="updater">Computes the new data from the current data; returning null changes nothing.</param>
    /// <returns>The data the entry holds after the call.</returns>
    /// <exception cref="InvalidCastException">The entry holds a value of another type.</exception>
    [QueryWrite]
    public T? SetQueryData<T>([QueryKeyArgument] QueryKey key, Func<T?, T?> updater) => throw new NotImplementedException();

    /// <summary>
    /// Patches an existing entry (RTK Query's <c>updateQueryData</c>): on a miss the recipe is not called and
    /// <see cref="PatchResult{T}.Applied"/> is false.
    /// </summary>
    /// <typeparam name="T">The data's type.</typeparam>
    /// <param name="key">The exact key.</param>
    /// <param name="recipe">Computes the patched data from the current data.</param>
    /// <returns>Whether the patch applied, and its undo.</returns>
    [QueryPatch]
    public PatchResult<T> UpdateQueryData<T>([QueryKeyArgument] QueryKey key, Func<T, T> recipe) => throw new NotImplementedException();

    /// <summary>
    /// Cancels the in-flight fetches of the entries matching <paramref name="key"/>. A cancelled fetch's result is never
    /// written, even if its fetcher ignores the token; fetch status and error revert; data is untouched. When the
    /// returned task completes, no cancelled fetch touches the cache any more.
    /// </summary>
    /// <param name="key">The key, or a prefix of the keys, to cancel.</param>
    /// <param name="exact">Match <paramref name="key"/> exactly instead of as a prefix.</param>
    /// <param name="cancellationToken">Stops waiting; the fetches are cancelled regardless.</param>
    /// <returns>A task that completes when the cancelled fetches can no longer write.</returns>
    [QueryCancel]
    public Task CancelQueriesAsync([QueryKeyArgument] QueryKey key, bool exact = false, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>Marks the entries matching <paramref name="key"/> invalidated and refetches them per <paramref name="refetch"/>.</summary>
    /// <param name="key">The key, or a prefix of the keys, to invalidate.</param>
    /// <param name="exact">Match <paramref name="key"/> exactly instead of as a prefix.</param>
    /// <param name="refetch">Which of the matches to refetch now.</param>
    /// <param name="cancellationToken">Stops waiting for the refetches.</param>
    /// <returns>A task that completes when the refetches have finished.</returns>
    [QueryInvalidate]
    public Task InvalidateQueriesAsync([QueryKeyArgument] QueryKey key, bool exact = false,
        RefetchType refetch = RefetchType.Active, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>Invalidates the entries that provide any of <paramref name="tags"/> and refetches the observed ones.</summary>
    /// <param name="tags">The tags; a tag without an id matches every tag of its type.</param>
    /// <returns>A task that completes when the refetches have finished.</returns>
    [QueryInvalidate]
    public Task InvalidateTagsAsync(params QueryTag[] tags) => throw new NotImplementedException();

    /// <summary>
    /// Fetches <paramref name="key"/> with <paramref name="fetcher"/> and writes the result, joining a fetch already in
    /// flight for the same key. Returns cached data without fetching while it is fresh (per <see cref="FetchOptions.StaleTime"/>).
    /// </summary>
    /// <typeparam name="T">The data's type.</typeparam>
    /// <param name="key">The exact key.</param>
    /// <param name="fetcher">Loads the data; receives a token cancelled by <see cref="CancelQueriesAsync"/>.</param>
    /// <param name="options">Per-query settings, or null for the client's defaults.</param>
    /// <param name="cancellationToken">Stops this caller's wait; the shared fetch goes on for other callers.</param>
    /// <returns>The fetched (or fresh cached) data.</returns>
    public Task<T> FetchQueryAsync<T>(QueryKey key, Func<CancellationToken, Task<T>> fetcher, FetchOptions? options = null,
        CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Returns the cached data when there is any (stale or not); otherwise fetches as <see cref="FetchQueryAsync{T}"/>.</summary>
    /// <typeparam name="T">The data's type.</typeparam>
    /// <param name="key">The exact key.</param>
    /// <param name="fetcher">Loads the data on a miss.</param>
    /// <param name="options">Per-query settings, or null for the client's defaults.</param>
    /// <param name="cancellationToken">Stops this caller's wait.</param>
    /// <returns>The cached or fetched data.</returns>
    public Task<T> EnsureQueryDataAsync<T>(QueryKey key, Func<CancellationToken, Task<T>> fetcher, FetchOptions? options = null,
        CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Stops every timer and cancels every in-flight fetch.</summary>
    public void Dispose()
    {
    }
}
