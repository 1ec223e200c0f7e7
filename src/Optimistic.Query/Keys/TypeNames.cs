using System;
using System.Linq;

namespace Optimistic.Query.Keys;

/// <summary>Readable type names for error messages (<c>System.Collections.Generic.List&lt;System.Int32&gt;</c>, not the assembly-qualified form).</summary>
internal static class TypeNames
{
    public static string Display(Type type)
    {
        if (!type.IsGenericType) return type.FullName ?? type.Name;
        string definition = type.GetGenericTypeDefinition().FullName ?? type.Name;
        int tick = definition.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0) definition = definition.Substring(0, tick);
        return definition + "<" + string.Join(", ", type.GetGenericArguments().Select(Display)) + ">";
    }
}
