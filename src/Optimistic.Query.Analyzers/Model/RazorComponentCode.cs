using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Optimistic.Query.Analyzers.Model;

/// <summary>
/// Recognises the C# that the Razor source generator emits for a component, by what the generator writes: a hint name
/// ending in <c>_razor.g.cs</c> and, before anything else in the file, <c>#pragma checksum "…/Component.razor"</c>.
/// Views (<c>_cshtml.g.cs</c>) and every other generated file do not match.
/// </summary>
/// <remarks>
/// Only the file name and the first token's leading trivia are read: a few directives, once per tree (the caller caches).
/// </remarks>
internal static class RazorComponentCode
{
    private const string HintSuffix = "_razor.g.cs";
    private const string ComponentExtension = ".razor";

    /// <summary>The <c>.razor</c> file that <paramref name="tree"/> was generated from, or null when it is not Razor component output.</summary>
    public static string? GetComponentPath(SyntaxTree tree, System.Threading.CancellationToken cancellationToken)
    {
        var path = tree.FilePath;
        if (string.IsNullOrEmpty(path) || !path.EndsWith(HintSuffix, StringComparison.OrdinalIgnoreCase)) return null;
        var firstToken = tree.GetRoot(cancellationToken).GetFirstToken(includeZeroWidth: true);
        foreach (var trivia in firstToken.LeadingTrivia)
        {
            if (trivia.IsKind(SyntaxKind.PragmaChecksumDirectiveTrivia)
                && trivia.GetStructure() is PragmaChecksumDirectiveTriviaSyntax checksum
                && checksum.File.ValueText is { Length: > 0 } file
                && file.EndsWith(ComponentExtension, StringComparison.OrdinalIgnoreCase))
            {
                return file;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether <paramref name="location"/> maps to text the user wrote in the <c>.razor</c> file: a <c>#line</c> directive
    /// (either form) names a file for it, and it is not under <c>#line hidden</c>. Code the generator made up is neither.
    /// </summary>
    public static bool MapsToComponentSource(Location location)
    {
        if (location.SourceTree is not { } tree) return false;
        var span = location.SourceSpan;
        if (tree.GetLineVisibility(span.Start) != LineVisibility.Visible) return false;
        return tree.GetMappedLineSpan(span).HasMappedPath;
    }

    /// <summary>Whether <paramref name="location"/> is under <c>#line hidden</c> (in any tree): such code is not the user's to fix.</summary>
    /// <remarks>
    /// A tree without directives has no hidden line: a flag of its root, where asking for the line visibility would map the
    /// directives of the tree (a new tree on every edit in an IDE).
    /// </remarks>
    public static bool IsHidden(Location location) =>
        location.SourceTree is { } tree
        && !(tree.TryGetRoot(out var root) && !root.ContainsDirectives)
        && tree.GetLineVisibility(location.SourceSpan.Start) == LineVisibility.Hidden;
}
