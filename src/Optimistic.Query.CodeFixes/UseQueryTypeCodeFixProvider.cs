using System.Collections.Generic;
using System.Composition;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Optimistic.Query.Analyzers;
using Optimistic.Query.CodeFixes.Common;

namespace Optimistic.Query.CodeFixes;

/// <summary>OPT009: replaces the <c>object</c>/<c>dynamic</c> type argument with the query's type the analyzer found.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseQueryTypeCodeFixProvider)), Shared]
public sealed class UseQueryTypeCodeFixProvider : DocumentRewriteCodeFixProvider
{
    /// <summary>The equivalence key of the fix.</summary>
    public const string Key = "OPT009.UseQueryType";

    private const string Title = "Read the snapshot with the query's type";

    /// <summary>The fix of OPT009.</summary>
    public UseQueryTypeCodeFixProvider()
        : base("OPT009", Key)
    {
    }

    private protected override FixPlan? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (!diagnostic.Properties.TryGetValue(DiagnosticPropertyNames.QueryType, out var typeText) || string.IsNullOrEmpty(typeText)) return null;
        if (DiagnosticSyntax.NodeAt(root, diagnostic.Location) is not TypeSyntax type || type.Parent is not TypeArgumentListSyntax) return null;
        var replacement = SyntaxFactory.ParseTypeName(typeText!);
        return replacement.ContainsDiagnostics ? null : new NodeReplacement(Title, type, replacement);
    }

    private protected override SyntaxNode? Apply(SyntaxNode root, SemanticModel model, IReadOnlyList<FixPlan> plans, CancellationToken cancellationToken) =>
        NodeReplacement.ApplyAll(root, plans);
}
