using System;

namespace Optimistic.Query.Annotations;

/// <summary>
/// Marks a method that folds an optimistic layer into server truth (the base), such as <c>OptimisticLayer.Commit</c>.
/// It is neither a rollback nor a reconciliation: the mutation still invalidates its key in OnSettled.
/// </summary>
/// <remarks>The analyzers match this attribute by its full name, so a wrapper library may declare its own copy.</remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class LayerCommitAttribute : Attribute
{
}
