using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Optimistic.Query.Analyzers;

namespace Optimistic.Query.CodeFixes;

/// <summary>OPT009: replaces the <c>object</c>/<c>dynamic</c> type argument with the query's type the analyzer found.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseQueryTypeCodeFixProvider)), Shared]
public sealed class UseQueryTypeCodeFixProvider : DocumentRewriteCodeFixProvider
{
    /// <summary>The equivalence key of the action.</summary>
    public const string Key = "OPT009.UseQueryType";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("OPT009");

    private protected override string EquivalenceKey => Key;

    private protected override string Title => "Read the snapshot with the query's type";

    private protected override object? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (!diagnostic.Properties.TryGetValue(DiagnosticPropertyNames.QueryType, out var typeText) || string.IsNullOrEmpty(typeText)) return null;
        if (NodeAt(root, diagnostic.Location) is not TypeSyntax type || type.Parent is not TypeArgumentListSyntax) return null;
        var replacement = SyntaxFactory.ParseTypeName(typeText!);
        return replacement.ContainsDiagnostics ? null : (type, replacement);
    }

    private protected override SyntaxNode? Apply(SyntaxNode root, SemanticModel model, IReadOnlyList<object> plans, CancellationToken cancellationToken)
    {
        var replacements = new Dictionary<TypeSyntax, TypeSyntax>();
        foreach ((TypeSyntax Type, TypeSyntax Replacement) plan in plans.Cast<(TypeSyntax, TypeSyntax)>())
        {
            replacements[plan.Type] = plan.Replacement;
        }

        return root.ReplaceNodes(replacements.Keys, (original, _) => replacements[original].WithTriviaFrom(original));
    }
}
