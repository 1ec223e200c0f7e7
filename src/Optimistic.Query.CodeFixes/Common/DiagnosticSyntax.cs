using Microsoft.CodeAnalysis;

namespace Optimistic.Query.CodeFixes.Common;

/// <summary>The syntax a diagnostic's locations point at, in the document being fixed.</summary>
internal static class DiagnosticSyntax
{
    /// <summary>The node of <paramref name="location"/> in <paramref name="root"/>, or null when it is elsewhere.</summary>
    public static SyntaxNode? NodeAt(SyntaxNode root, Location? location)
    {
        if (location is null || !location.IsInSource || location.SourceTree != root.SyntaxTree) return null;
        var span = location.SourceSpan;
        if (span.End > root.FullSpan.End) return null;
        return root.FindNode(span, getInnermostNodeForTie: true);
    }

    /// <summary>The additional location <paramref name="index"/>'s node, or null.</summary>
    public static SyntaxNode? AdditionalNode(SyntaxNode root, Diagnostic diagnostic, int index) =>
        index < diagnostic.AdditionalLocations.Count ? NodeAt(root, diagnostic.AdditionalLocations[index]) : null;
}
