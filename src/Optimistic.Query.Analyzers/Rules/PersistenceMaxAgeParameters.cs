using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Optimistic.Query.Analyzers.Rules;

/// <summary>
/// Whether any method or constructor parameter within reach of a compilation may carry <c>[PersistenceMaxAge]</c>: OPT011
/// watches calls and creations (the most frequent operations there are) only then. The runtime marks a property only.
/// </summary>
internal static class PersistenceMaxAgeParameters
{
    private const string RuntimeAssemblyName = "Optimistic.Query";
    private const string AttributeName = "PersistenceMaxAge";

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
            if (tree.GetText(cancellationToken).ToString().IndexOf(AttributeName, StringComparison.Ordinal) >= 0) return true;
        }

        return false;
    }
}
