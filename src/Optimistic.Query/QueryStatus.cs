namespace Optimistic.Query;

/// <summary>Whether a query has data (TanStack's <c>status</c>).</summary>
public enum QueryStatus
{
    /// <summary>No data and no error yet.</summary>
    Pending = 0,

    /// <summary>The query holds data.</summary>
    Success = 1,

    /// <summary>The last fetch failed and the query holds no newer data.</summary>
    Error = 2,
}

/// <summary>Whether a query is fetching right now (TanStack's <c>fetchStatus</c>).</summary>
public enum FetchStatus
{
    /// <summary>No fetch is in flight.</summary>
    Idle = 0,

    /// <summary>A fetch is in flight.</summary>
    Fetching = 1,
}
