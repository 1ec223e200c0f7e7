using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Optimistic.Query.CodeFixes;

/// <summary>
/// OPT007: replaces the odd key with the patched key's expression, when that expression is plain (an identifier, or a member
/// access chain of identifiers rooted at one, <c>this</c> or <c>base</c>) and binds to the same symbol at the odd key's position.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UsePatchedKeyCodeFixProvider)), Shared]
public sealed class UsePatchedKeyCodeFixProvider : DocumentRewriteCodeFixProvider
{
    /// <summary>The equivalence key of the action.</summary>
    public const string Key = "OPT007.UsePatchedKey";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("OPT007");

    private protected override string EquivalenceKey => Key;

    private protected override string Title => "Use the patched key";

    private protected override object? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var odd = NodeAt(root, diagnostic.Location) switch
        {
            ArgumentSyntax argument => argument.Expression,
            ExpressionSyntax expression => expression,
            _ => null,
        };
        if (odd is null || diagnostic.AdditionalLocations.Count < 1 || NodeAt(root, diagnostic.AdditionalLocations[0]) is not ExpressionSyntax patched) return null;
        if (!IsPlain(patched) || model.GetSymbolInfo(patched, cancellationToken).Symbol is not { } symbol) return null;
        var speculative = model.GetSpeculativeSymbolInfo(odd.SpanStart, patched.WithoutTrivia(), SpeculativeBindingOption.BindAsExpression).Symbol;
        return SymbolEqualityComparer.Default.Equals(speculative, symbol) ? (odd, patched.WithoutTrivia()) : null;
    }

    private protected override SyntaxNode? Apply(SyntaxNode root, SemanticModel model, IReadOnlyList<object> plans, CancellationToken cancellationToken)
    {
        var replacements = new Dictionary<ExpressionSyntax, ExpressionSyntax>();
        foreach ((ExpressionSyntax Odd, ExpressionSyntax Patched) plan in plans.Cast<(ExpressionSyntax, ExpressionSyntax)>())
        {
            replacements[plan.Odd] = plan.Patched;
        }

        return root.ReplaceNodes(replacements.Keys, (original, _) => replacements[original].WithTriviaFrom(original));
    }

    private static bool IsPlain(ExpressionSyntax expression) =>
        expression switch
        {
            IdentifierNameSyntax => true,
            MemberAccessExpressionSyntax { Name: IdentifierNameSyntax, Expression: var inner } =>
                inner is ThisExpressionSyntax or BaseExpressionSyntax || IsPlain(inner),
            _ => false,
        };
}
