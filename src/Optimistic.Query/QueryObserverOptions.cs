namespace Optimistic.Query;

/// <summary>
/// How a <see cref="QueryObserver{T}"/> behaves (TanStack's observer-only options). Unlike <see cref="FetchOptions"/>,
/// these belong to one observer, not to the query: two observers of one key may differ.
/// </summary>
public sealed class QueryObserverOptions
{
    /// <summary>
    /// Whether the observer fetches on its own: when created, when its key switches (<see cref="QueryObserver{T}.SetOptions"/>)
    /// and when its query is invalidated. Default: true.
    /// </summary>
    /// <remarks>
    /// A disabled observer still attaches (its entry is not collected, and it hears every change) and
    /// <see cref="QueryObserver{T}.RefetchAsync"/> still fetches. A query whose observers are all disabled is not refetched
    /// by <see cref="QueryClient.InvalidateQueriesAsync"/> or <see cref="QueryClient.InvalidateTagsAsync"/> (whatever the
    /// <see cref="RefetchType"/>), as in TanStack; it is marked invalidated, so the next enabled observer fetches it.
    /// Use it for a query that waits for its input (a search box still empty, a user not signed in yet).
    /// </remarks>
    public bool Enabled { get; init; } = true;

    /// <summary>
    /// Whether, after a switch to a key without data, the observer keeps showing the previous key's data (flagged
    /// <see cref="QueryState{T}.IsPlaceholderData"/>, with status <see cref="QueryStatus.Success"/>) until the new key has
    /// data or fails. TanStack's <c>placeholderData: keepPreviousData</c>: a paged list that does not flash "Loading".
    /// Default: false.
    /// </summary>
    public bool KeepPreviousData { get; init; }

    /// <summary>
    /// Whether the observer refetches its query when the app regains focus (<see cref="QueryClient.SetFocused"/>, TanStack's
    /// <c>refetchOnWindowFocus</c>): <see cref="RefetchMode.IfStale"/> when the query is stale by this observer's
    /// <see cref="FetchOptions.StaleTime"/>, <see cref="RefetchMode.Always"/>, or <see cref="RefetchMode.Never"/>.
    /// Default: null, the client's <see cref="QueryClientOptions.RefetchOnFocus"/> (itself <see cref="RefetchMode.IfStale"/> by default).
    /// </summary>
    /// <remarks>A disabled observer (<see cref="Enabled"/> false) never refetches on focus, whatever this says.</remarks>
    public RefetchMode? RefetchOnFocus { get; init; }

    /// <summary>
    /// Whether the observer refetches its query when the network comes back (<see cref="QueryClient.SetOnline"/>,
    /// TanStack's <c>refetchOnReconnect</c>): <see cref="RefetchMode.IfStale"/> when the query is stale by this observer's
    /// <see cref="FetchOptions.StaleTime"/>, <see cref="RefetchMode.Always"/>, or <see cref="RefetchMode.Never"/>.
    /// Default: null, the client's <see cref="QueryClientOptions.RefetchOnReconnect"/> (itself <see cref="RefetchMode.IfStale"/> by default).
    /// </summary>
    /// <remarks>A disabled observer (<see cref="Enabled"/> false) never refetches on reconnect, whatever this says.</remarks>
    public RefetchMode? RefetchOnReconnect { get; init; }
}
