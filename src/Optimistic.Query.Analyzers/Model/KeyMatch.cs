using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Optimistic.Query.Analyzers.Model;

/// <summary>Which keys a cancel or an invalidation reaches from its key argument (the runtime's <c>exact:</c> parameter).</summary>
internal enum KeyMatch
{
    /// <summary>The key and every key it is a prefix of (<c>exact: false</c>, or the argument absent).</summary>
    Prefix = 0,

    /// <summary>Only the same key (<c>exact: true</c>, a constant).</summary>
    Exact,

    /// <summary>
    /// Not a constant (<c>exact: onlyThis</c>): may be either. Counts as <see cref="Prefix"/> wherever coverage is decided,
    /// because rules never report an unknown.
    /// </summary>
    Unknown,
}

/// <summary>Reads <see cref="KeyMatch"/> off a call, and decides coverage with it.</summary>
internal static class KeyMatches
{
    /// <summary>The name of the runtime's parameter (<c>CancelQueriesAsync(key, exact)</c>, <c>InvalidateQueriesAsync(key, exact)</c>).</summary>
    public const string ExactParameterName = "exact";

    /// <summary>
    /// The match of a keyed cancel or invalidation: its <c>bool exact</c> parameter, positional or named. A default value (the
    /// argument not written) is a prefix match, as the runtime's default is.
    /// </summary>
    public static KeyMatch Of(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is not { Name: ExactParameterName, Type.SpecialType: SpecialType.System_Boolean }) continue;
            if (argument.ArgumentKind == ArgumentKind.DefaultValue) return KeyMatch.Prefix;
            var value = argument.Value?.ConstantValue;
            return value is { HasValue: true, Value: bool exact } ? exact ? KeyMatch.Exact : KeyMatch.Prefix : KeyMatch.Unknown;
        }

        return KeyMatch.Prefix;
    }

    /// <summary>
    /// Whether a cancel or invalidation with <paramref name="match"/>, whose key relates to a target key by
    /// <paramref name="relation"/>, may reach the target: Same and Unknown always; Covers (a strict prefix) unless the call
    /// is exact by a constant.
    /// </summary>
    public static bool MayReach(this KeyMatch match, KeyRelation relation) =>
        relation is KeyRelation.Same or KeyRelation.Unknown || (relation == KeyRelation.Covers && match != KeyMatch.Exact);
}
