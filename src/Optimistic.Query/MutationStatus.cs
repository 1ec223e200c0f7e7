namespace Optimistic.Query;

/// <summary>Where a mutation is in its lifecycle.</summary>
public enum MutationStatus
{
    /// <summary>Not started.</summary>
    Idle = 0,

    /// <summary>Running (waiting for its scope, in OnMutate, or in flight).</summary>
    Pending = 1,

    /// <summary>The last run succeeded.</summary>
    Success = 2,

    /// <summary>The last run failed.</summary>
    Error = 3,
}
