using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Optimistic.Query.Analyzers.Model;

/// <summary>
/// Resolves the entries of one API map against one compilation, asking the compilation once per distinct type name or
/// documentation ID. A map lists many methods of the same few types (thousands, in a generated or careless map), and each
/// <see cref="Compilation.GetTypesByMetadataName"/> walks every referenced assembly: asked per entry, resolving such a map
/// took seconds on every new compilation (each edit, each code fix preview).
/// </summary>
internal sealed class ApiMapLookup
{
    private readonly Compilation _compilation;
    private readonly Dictionary<string, ImmutableArray<INamedTypeSymbol>> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ImmutableArray<ISymbol>> _documentationIds = new(StringComparer.Ordinal);

    public ApiMapLookup(Compilation compilation) => _compilation = compilation;

    /// <summary>How many times the compilation was asked (distinct type names and documentation IDs).</summary>
    public int CompilationLookups { get; private set; }

    /// <summary>The methods (original definitions) an entry names: a documentation ID (one overload) or a full name (every overload).</summary>
    public IEnumerable<IMethodSymbol> Methods(string entry)
    {
        if (entry.StartsWith("M:", StringComparison.Ordinal))
        {
            foreach (var symbol in FromDocumentationId(entry))
            {
                if (symbol is IMethodSymbol method) yield return method.OriginalDefinition;
            }

            yield break;
        }

        var dot = entry.LastIndexOf('.');
        if (dot <= 0 || dot == entry.Length - 1) yield break;
        var methodName = entry.Substring(dot + 1);
        foreach (var type in Types(entry.Substring(0, dot)))
        {
            foreach (var member in type.GetMembers(methodName))
            {
                if (member is IMethodSymbol method) yield return method.OriginalDefinition;
            }
        }
    }

    /// <summary>The types an entry names: a <c>T:</c> documentation ID or a metadata name (every assembly's type of that name).</summary>
    public IEnumerable<INamedTypeSymbol> Types(string entry)
    {
        if (entry.StartsWith("T:", StringComparison.Ordinal))
        {
            foreach (var symbol in FromDocumentationId(entry))
            {
                if (symbol is INamedTypeSymbol type) yield return type;
            }

            yield break;
        }

        if (entry.IndexOf(':') >= 0) yield break;
        if (!_types.TryGetValue(entry, out var types))
        {
            CompilationLookups++;
            _types[entry] = types = _compilation.GetTypesByMetadataName(entry);
        }

        foreach (var type in types)
        {
            yield return type;
        }
    }

    private ImmutableArray<ISymbol> FromDocumentationId(string id)
    {
        if (_documentationIds.TryGetValue(id, out var symbols)) return symbols;
        CompilationLookups++;
        try
        {
            symbols = DocumentationCommentId.GetSymbolsForDeclarationId(id, _compilation);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or IndexOutOfRangeException)
        {
            // A malformed ID is an invalid entry: ignored.
            symbols = ImmutableArray<ISymbol>.Empty;
        }

        _documentationIds[id] = symbols;
        return symbols;
    }
}
