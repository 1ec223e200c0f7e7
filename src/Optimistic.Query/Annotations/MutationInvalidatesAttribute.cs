using System;

namespace Optimistic.Query.Annotations;

/// <summary>
/// Marks a method that takes a mutation-options object (a <see cref="MutationOptionsAttribute"/> type) and runs the mutation
/// with a built-in invalidation in the given phase, on top of the callbacks the options set — like a project's own
/// <c>UseMutation</c> wrapper that invalidates its feature's queries on success.
/// </summary>
/// <remarks>
/// <para>
/// The analyzers treat a mutation definition passed directly as an argument of such a method as if it had an extra callback
/// in <see cref="Phase"/> that invalidates the key passed as the method's key argument: the parameter marked
/// <see cref="QueryKeyArgumentAttribute"/> (else the first parameter typed <c>QueryKey</c>). Without a key parameter the
/// built-in invalidation is assumed to reach every key, as tag invalidation does. A definition stored in a variable first
/// and passed later is not connected to the wrapper.
/// </para>
/// <para>
/// <see cref="MutationPhase.Settled"/> covers both outcomes; use the attribute twice for <see cref="MutationPhase.Success"/>
/// and <see cref="MutationPhase.Error"/> separately. <see cref="MutationPhase.Mutate"/> is ignored (invalidating before the
/// mutation reconciles nothing).
/// </para>
/// <example>
/// <code>
/// public sealed class FeatureClient
/// {
///     // Runs the mutation and invalidates every query under prefix once it settled.
///     [MutationInvalidates(MutationPhase.Settled)]
///     public Mutation&lt;TVariables, TData, TContext&gt; UseMutation&lt;TVariables, TData, TContext&gt;(
///         MutationOptions&lt;TVariables, TData, TContext&gt; options, [QueryKeyArgument] QueryKey prefix) { … }
/// }
/// </code>
/// </example>
/// <para>
/// The analyzers match this attribute by its full name, so a wrapper library may declare its own copy (with a constructor
/// taking the phase, as here).
/// </para>
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class MutationInvalidatesAttribute : Attribute
{
    /// <summary>Creates the attribute for <paramref name="phase"/>.</summary>
    /// <param name="phase">The phase after which the method invalidates: Success, Error, or Settled (both).</param>
    public MutationInvalidatesAttribute(MutationPhase phase) => Phase = phase;

    /// <summary>The phase after which the method invalidates: Success, Error, or Settled (both).</summary>
    public MutationPhase Phase { get; }
}
