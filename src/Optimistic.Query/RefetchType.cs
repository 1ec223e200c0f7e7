namespace Optimistic.Query;

/// <summary>Which invalidated queries are refetched right away.</summary>
public enum RefetchType
{
    /// <summary>Refetch the matching queries that have observers (the default).</summary>
    Active = 0,

    /// <summary>Refetch the matching queries that have no observers but a known fetcher.</summary>
    Inactive = 1,

    /// <summary>Refetch every matching query that has a known fetcher.</summary>
    All = 2,

    /// <summary>Only mark the queries invalidated; they refetch on their next use.</summary>
    None = 3,
}
