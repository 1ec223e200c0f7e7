using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Optimistic.Query.Analyzers.Rules;

/// <summary>
/// Whether any method or constructor parameter within reach of a compilation may carry <c>[PersistenceMaxAge]</c>: OPT011
/// watches calls and creations (the most frequent operations there are) only then. The runtime marks a property only.
/// </summary>
/// <remarks>
/// An IDE makes a new compilation on every edit, with every tree but the edited one reused: whether a tree's text names
/// the attribute is remembered per tree (weakly, for as long as the tree lives), so an edit searches the edited tree's text
/// only, not the whole project's.
/// </remarks>
internal static class PersistenceMaxAgeParameters
{
    private const string RuntimeAssemblyName = "Optimistic.Query";
    private const string AttributeName = "PersistenceMaxAge";

    private static readonly object s_names = new();
    private static readonly object s_doesNotName = new();
    private static readonly ConditionalWeakTable<SyntaxTree, object> s_treeNamesAttribute = new();

    public static bool MayExist(Compilation compilation, ImmutableArray<INamedTypeSymbol> attributes, CancellationToken cancellationToken)
    {
        // A library other than the runtime that declares the attribute, or references an assembly that does, may mark
        // its parameters.
        var declaring = new HashSet<IAssemblySymbol>(SymbolEqualityComparer.Default);
        foreach (var attribute in attributes)
        {
            if (attribute.ContainingAssembly is { } assembly) declaring.Add(assembly);
        }

        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (assembly.Name == RuntimeAssemblyName) continue;
            if (declaring.Contains(assembly)) return true;
            foreach (var module in assembly.Modules)
            {
                foreach (var referenced in module.ReferencedAssemblySymbols)
                {
                    if (declaring.Contains(referenced)) return true;
                }
            }
        }

        // This compilation's own parameters: marking one means writing the attribute's name (or an alias declared with it).
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (NamesAttribute(tree, cancellationToken)) return true;
        }

        return false;
    }

    private static bool NamesAttribute(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (!s_treeNamesAttribute.TryGetValue(tree, out var known))
        {
            var names = tree.GetText(cancellationToken).ToString().IndexOf(AttributeName, StringComparison.Ordinal) >= 0;
            known = s_treeNamesAttribute.GetValue(tree, _ => names ? s_names : s_doesNotName);
        }

        return known == s_names;
    }
}
