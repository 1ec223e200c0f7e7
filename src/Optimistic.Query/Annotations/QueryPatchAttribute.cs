using System;

namespace Optimistic.Query.Annotations;

/// <summary>
/// Marks a method that patches an existing cache entry and returns an undoable result, such as <c>QueryClient.UpdateQueryData</c>.
/// </summary>
/// <remarks>The analyzers match this attribute by its full name, so a wrapper library may declare its own copy.</remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class QueryPatchAttribute : Attribute
{
}
