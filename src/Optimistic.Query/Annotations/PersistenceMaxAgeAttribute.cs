using System;

namespace Optimistic.Query.Annotations;

/// <summary>
/// Marks the property that sets how old a persisted cache may be before it is discarded, such as
/// <c>QueryPersisterOptions.MaxAge</c>. Rule OPT011 flags a value that disables the limit (null,
/// <see cref="TimeSpan.MaxValue"/>, <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>) or exceeds the ceiling.
/// </summary>
/// <remarks>The analyzers match this attribute by its full name, so a wrapper library may declare its own copy.</remarks>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class PersistenceMaxAgeAttribute : Attribute
{
}
