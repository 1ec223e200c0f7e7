using System;

namespace Optimistic.Query.Annotations;

/// <summary>
/// Marks a property of a mutation-options type as a lifecycle callback of the given phase.
/// Both twins of a phase (the synchronous one and its <c>…Async</c> counterpart) carry the same phase.
/// </summary>
/// <remarks>The analyzers match this attribute by its full name, so a wrapper library may declare its own copy.</remarks>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class MutationCallbackAttribute : Attribute
{
    /// <summary>Creates the attribute for <paramref name="phase"/>.</summary>
    /// <param name="phase">The lifecycle phase in which the callback runs.</param>
    public MutationCallbackAttribute(MutationPhase phase) => Phase = phase;

    /// <summary>The lifecycle phase in which the callback runs.</summary>
    public MutationPhase Phase { get; }
}
