using System;
using System.Collections.Immutable;

namespace Optimistic.Query.Analyzers.Model;

/// <summary>Matches a method name against verbs as a whole leading PascalCase word.</summary>
internal static class VerbMatcher
{
    public static readonly ImmutableArray<string> DefaultCreateVerbs = ImmutableArray.Create("Create", "Add", "Insert");

    public static readonly ImmutableArray<string> DefaultDeleteVerbs = ImmutableArray.Create("Delete", "Remove", "Destroy", "Drop", "Purge", "Kick");

    /// <summary>
    /// The verb <paramref name="name"/> starts with as a whole word: the verb (ordinal, case-sensitive) followed by the end of
    /// the name, an upper-case letter, a digit or an underscore. <c>CreateTodoAsync</c>, <c>AddAsync</c>, <c>Delete</c> match;
    /// <c>Address</c>, <c>Creates</c>, <c>Removed</c>, <c>Additional</c> do not.
    /// </summary>
    public static string? Match(string name, ImmutableArray<string> verbs)
    {
        foreach (var verb in verbs)
        {
            if (verb.Length == 0 || !name.StartsWith(verb, StringComparison.Ordinal)) continue;
            if (name.Length == verb.Length) return verb;
            var next = name[verb.Length];
            if (char.IsUpper(next) || char.IsDigit(next) || next == '_') return verb;
        }

        return null;
    }
}
