using System;

namespace Optimistic.Query.Annotations;

/// <summary>
/// Marks a method that shows a success notification to the user (rule OPT004 flags it in optimistic mutations).
/// </summary>
/// <remarks>The analyzers match this attribute by its full name, so a wrapper library may declare its own copy.</remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ToastSuccessAttribute : Attribute
{
}
