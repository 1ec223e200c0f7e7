using System;

namespace Optimistic.Query;

/// <summary>A snapshot of a mutation's state: that of its latest started run (TanStack's mutation state).</summary>
/// <typeparam name="TVariables">What the caller passes to each run.</typeparam>
/// <typeparam name="TData">What the server returns.</typeparam>
/// <param name="Status">Where the latest run is.</param>
/// <param name="Data">The latest run's result, when it succeeded.</param>
/// <param name="Error">The latest run's error, when it failed.</param>
/// <param name="Variables">The latest run's input, from its start on (kept once it settled); default when idle.</param>
/// <param name="SubmittedAt">
/// When the latest run started, on the client's clock (<see cref="QueryClientOptions.TimeProvider"/>); null when idle.
/// </param>
public sealed record MutationState<TVariables, TData>(
    MutationStatus Status,
    TData? Data,
    Exception? Error,
    TVariables? Variables,
    DateTimeOffset? SubmittedAt)
{
    /// <summary>The state of a mutation that never ran, or was reset.</summary>
    public static MutationState<TVariables, TData> Idle { get; } = new(MutationStatus.Idle, default, null, default, null);

    /// <summary>Whether no run is under way or recorded (never ran, or reset).</summary>
    public bool IsIdle => Status == MutationStatus.Idle;

    /// <summary>Whether the latest run is under way (waiting for its scope, in a callback, or in flight).</summary>
    public bool IsPending => Status == MutationStatus.Pending;

    /// <summary>Whether the latest run succeeded (<see cref="Data"/> holds its result).</summary>
    public bool IsSuccess => Status == MutationStatus.Success;

    /// <summary>Whether the latest run failed (<see cref="Error"/> holds its exception).</summary>
    public bool IsError => Status == MutationStatus.Error;
}
