using System;

namespace Optimistic.Query.Annotations;

/// <summary>
/// Marks the parameter of a cache method that carries the query key.
/// </summary>
/// <remarks>The analyzers match this attribute by its full name, so a wrapper library may declare its own copy.</remarks>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class QueryKeyArgumentAttribute : Attribute
{
}
