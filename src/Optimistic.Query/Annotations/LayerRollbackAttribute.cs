using System;

namespace Optimistic.Query.Annotations;

/// <summary>
/// Marks a method that removes an optimistic layer (its write is undone and the other pending layers are replayed), such
/// as <c>OptimisticLayer.Rollback</c>. Called in OnError, it is the mutation's rollback (OPT002), as <c>PatchResult.Undo</c> is.
/// </summary>
/// <remarks>The analyzers match this attribute by its full name, so a wrapper library may declare its own copy.</remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class LayerRollbackAttribute : Attribute
{
}
