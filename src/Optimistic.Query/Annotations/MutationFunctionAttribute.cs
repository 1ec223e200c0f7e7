using System;

namespace Optimistic.Query.Annotations;

/// <summary>
/// Marks the property of a mutation-options type that holds the function sending the mutation to the server.
/// </summary>
/// <remarks>The analyzers match this attribute by its full name, so a wrapper library may declare its own copy.</remarks>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class MutationFunctionAttribute : Attribute
{
}
