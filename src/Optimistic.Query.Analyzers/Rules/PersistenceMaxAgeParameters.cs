using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Optimistic.Query.Analyzers.Model;

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
    private const string AttributeName = "PersistenceMaxAge";

    private static readonly object s_names = new();
    private static readonly object s_doesNotName = new();
    private static readonly ConditionalWeakTable<SyntaxTree, object> s_treeNamesAttribute = new();

    /// <summary>The attribute's type name and full metadata name (the runtime's, or a wrapper's copy).</summary>
    public const string AttributeTypeName = "PersistenceMaxAgeAttribute";
    public const string AttributeMetadataName = "Optimistic.Query.Annotations." + AttributeTypeName;

    /// <summary>
    /// Whether a tree of this compilation names the attribute: marking one of its parameters means writing the attribute's
    /// name (or an alias declared with it). Reads tree texts only, each once while the tree lives.
    /// </summary>
    public static bool NamedInSource(Compilation compilation, CancellationToken cancellationToken)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (NamesAttribute(tree, cancellationToken)) return true;
        }

        return false;
    }

    /// <summary>
    /// Whether a referenced library other than the runtime declares the attribute, or references an assembly that does,
    /// and so may mark its parameters. Binds the compilation's references: ask once the compiler has.
    /// </summary>
    public static bool ReferencedLibraryMayMark(Compilation compilation)
    {
        var declaring = new HashSet<IAssemblySymbol>(SymbolEqualityComparer.Default);
        foreach (var attribute in compilation.GetTypesByMetadataName(AttributeMetadataName))
        {
            if (attribute.ContainingAssembly is { } assembly) declaring.Add(assembly);
        }

        if (declaring.Count == 0) return false;
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (assembly.Name == RuntimeReference.AssemblyName) continue;
            if (declaring.Contains(assembly)) return true;
            foreach (var module in assembly.Modules)
            {
                foreach (var referenced in module.ReferencedAssemblySymbols)
                {
                    if (declaring.Contains(referenced)) return true;
                }
            }
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
