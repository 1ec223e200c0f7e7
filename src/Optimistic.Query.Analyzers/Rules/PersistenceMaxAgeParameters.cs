using System;
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

    private static readonly object s_yes = new();
    private static readonly object s_no = new();
    private static readonly ConditionalWeakTable<SyntaxTree, object> s_treeNamesAttribute = new();
    private static readonly ConditionalWeakTable<IAssemblySymbol, object> s_assemblyMayMark = new();

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
    /// and so may mark its parameters. Uses the referenced assembly symbols: ask once the compiler has bound the references.
    /// </summary>
    /// <remarks>
    /// Each referenced assembly's answer is remembered weakly per assembly symbol: the compilations an IDE makes edit after
    /// edit share their referenced assembly symbols, so an edit looks up a cached answer per reference instead of searching
    /// every referenced assembly for the attribute (a millisecond or two on every edit, with the .NET reference pack).
    /// </remarks>
    public static bool ReferencedLibraryMayMark(Compilation compilation)
    {
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (assembly.Name != RuntimeReference.AssemblyName && MayMark(assembly)) return true;
        }

        return false;
    }

    /// <summary>Whether <paramref name="assembly"/> declares the attribute or references an assembly that does (cached).</summary>
    private static bool MayMark(IAssemblySymbol assembly)
    {
        if (!s_assemblyMayMark.TryGetValue(assembly, out var known))
        {
            var mayMark = Declares(assembly);
            foreach (var module in assembly.Modules)
            {
                foreach (var referenced in module.ReferencedAssemblySymbols)
                {
                    mayMark = mayMark || Declares(referenced);
                }
            }

            known = s_assemblyMayMark.GetValue(assembly, _ => mayMark ? s_yes : s_no);
        }

        return known == s_yes;
    }

    private static bool Declares(IAssemblySymbol assembly) => assembly.GetTypeByMetadataName(AttributeMetadataName) is not null;

    private static bool NamesAttribute(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (!s_treeNamesAttribute.TryGetValue(tree, out var known))
        {
            var names = tree.GetText(cancellationToken).ToString().IndexOf(AttributeName, StringComparison.Ordinal) >= 0;
            known = s_treeNamesAttribute.GetValue(tree, _ => names ? s_yes : s_no);
        }

        return known == s_yes;
    }
}
