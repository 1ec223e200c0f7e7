using System;

namespace Optimistic.Query.Annotations;

/// <summary>
/// Marks a method that writes a cache entry, such as <c>QueryClient.SetQueryData</c>. A write inside OnMutate makes the mutation optimistic.
/// </summary>
/// <remarks>The analyzers match this attribute by its full name, so a wrapper library may declare its own copy.</remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class QueryWriteAttribute : Attribute
{
}
