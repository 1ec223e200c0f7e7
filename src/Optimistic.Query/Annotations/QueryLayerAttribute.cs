using System;

namespace Optimistic.Query.Annotations;

/// <summary>
/// Marks a method that writes a cache entry as an optimistic layer over server truth and returns a removable handle,
/// such as <c>QueryClient.AddOptimisticLayer</c>. For the analyzers a layered write is a cache write: inside OnMutate it
/// makes the mutation optimistic.
/// </summary>
/// <remarks>The analyzers match this attribute by its full name, so a wrapper library may declare its own copy.</remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class QueryLayerAttribute : Attribute
{
}
