using System;

namespace Optimistic.Query.Annotations;

/// <summary>
/// Marks a method that reads a cache entry (a snapshot source), such as <c>QueryClient.GetQueryData</c>.
/// </summary>
/// <remarks>The analyzers match this attribute by its full name, so a wrapper library may declare its own copy.</remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class QueryReadAttribute : Attribute
{
}
