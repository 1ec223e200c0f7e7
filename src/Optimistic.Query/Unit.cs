using System;

namespace Optimistic.Query;

/// <summary>The result of a mutation that returns nothing of interest.</summary>
public readonly struct Unit : IEquatable<Unit>
{
    /// <summary>The only value.</summary>
    public static readonly Unit Value;

    /// <summary>A completed task of <see cref="Value"/>, for mutation functions that return nothing.</summary>
    public static System.Threading.Tasks.Task<Unit> Task { get; } = System.Threading.Tasks.Task.FromResult(Value);

    /// <inheritdoc />
    public bool Equals(Unit other) => true;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Unit;

    /// <inheritdoc />
    public override int GetHashCode() => 0;

    /// <inheritdoc />
    public override string ToString() => "()";

    /// <summary>Always true.</summary>
    public static bool operator ==(Unit left, Unit right) => true;

    /// <summary>Always false.</summary>
    public static bool operator !=(Unit left, Unit right) => false;
}
