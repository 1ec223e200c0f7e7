using System;

namespace Optimistic.Query.Annotations;

/// <summary>
/// Marks a method that shows an error notification to the user (kept in OnError: the rollback alone is not enough signal).
/// </summary>
/// <remarks>The analyzers match this attribute by its full name, so a wrapper library may declare its own copy.</remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ToastErrorAttribute : Attribute
{
}
