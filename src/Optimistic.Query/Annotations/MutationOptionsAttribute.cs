using System;

namespace Optimistic.Query.Annotations;

/// <summary>
/// Marks a type whose creation defines a mutation (its callbacks carry <see cref="MutationCallbackAttribute"/>).
/// </summary>
/// <remarks>The analyzers match this attribute by its full name, so a wrapper library may declare its own copy.</remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class MutationOptionsAttribute : Attribute
{
}
