using System;

namespace Optimistic.Query.Annotations;

/// <summary>
/// Marks a method that cancels in-flight fetches of the keys it is given, such as <c>QueryClient.CancelQueriesAsync</c>.
/// </summary>
/// <remarks>The analyzers match this attribute by its full name, so a wrapper library may declare its own copy.</remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class QueryCancelAttribute : Attribute
{
}
