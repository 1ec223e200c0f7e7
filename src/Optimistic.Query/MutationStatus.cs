using System;

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

/// <summary>A snapshot of a mutation's state (its latest run).</summary>
/// <typeparam name="TData">What the server returns.</typeparam>
/// <param name="Status">Where the latest run is.</param>
/// <param name="Data">The latest run's result, when it succeeded.</param>
/// <param name="Error">The latest run's error, when it failed.</param>
public sealed record MutationState<TData>(MutationStatus Status, TData? Data, Exception? Error)
{
    /// <summary>The state of a mutation that never ran.</summary>
    public static MutationState<TData> Idle { get; } = new(MutationStatus.Idle, default, null);
}
