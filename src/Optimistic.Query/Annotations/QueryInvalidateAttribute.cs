using System;

namespace Optimistic.Query.Annotations;

/// <summary>
/// Marks a method that invalidates cache entries (by key prefix or by tag), such as <c>QueryClient.InvalidateQueriesAsync</c>.
/// </summary>
/// <remarks>The analyzers match this attribute by its full name, so a wrapper library may declare its own copy.</remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class QueryInvalidateAttribute : Attribute
{
}
