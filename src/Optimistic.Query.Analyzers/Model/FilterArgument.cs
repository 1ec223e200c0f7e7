using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Optimistic.Query.Analyzers.Model;

/// <summary>
/// A filter object passed where a mapped method takes its key (<c>CancelQueries(new QueryFilters { QueryKey = k, Exact = true })</c>):
/// the key is the value of the member <c>optimistic_query.api.filter_key</c> names, and the match is exact when the member
/// <c>filter_exact</c> names is set to the constant <c>true</c> (a prefix match when it is not set or false, unknown when it is
/// not a constant), as the runtime's <c>exact:</c> argument is read. A filter without its key member reaches every key.
/// </summary>
internal static class FilterArgument
{
    /// <summary>
    /// Whether <paramref name="argument"/> creates a mapped filter object in place; then <paramref name="key"/> is its key
    /// member's value (null: the filter reaches every key) and <paramref name="exact"/> whether it matches exactly (null: not a
    /// constant).
    /// </summary>
    public static bool TryUnwrap(IOperation argument, ApiMap map, out IOperation? key, out bool? exact)
    {
        key = null;
        exact = false;
        if (OperationHelpers.SkipConversions(argument) is not IObjectCreationOperation creation
            || !map.TryGetFilter(creation.Type, out var keyMember, out var exactMember))
        {
            return false;
        }

        if (creation.Initializer is { } initializer)
        {
            foreach (var member in initializer.Initializers)
            {
                if (member is not ISimpleAssignmentOperation { Target: IMemberReferenceOperation target } assignment) continue;
                if (target.Member.Name == keyMember) key = assignment.Value;
                else if (target.Member.Name == exactMember) exact = assignment.Value.ConstantValue is { HasValue: true, Value: bool value } ? value : null;
            }
        }

        return true;
    }
}
