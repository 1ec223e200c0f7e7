using System.Collections.Generic;
using System.Composition;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Optimistic.Query.CodeFixes.Common;

namespace Optimistic.Query.CodeFixes;

/// <summary>
/// OPT007: replaces the odd key with the patched key's expression, when that expression is plain (an identifier, or a member
/// access chain of identifiers rooted at one, <c>this</c> or <c>base</c>) and binds to the same symbol at the odd key's position.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UsePatchedKeyCodeFixProvider)), Shared]
public sealed class UsePatchedKeyCodeFixProvider : DocumentRewriteCodeFixProvider
{
    /// <summary>The equivalence key of the fix.</summary>
    public const string Key = "OPT007.UsePatchedKey";

    private const string Title = "Use the patched key";

    /// <summary>The fix of OPT007.</summary>
    public UsePatchedKeyCodeFixProvider()
        : base("OPT007", Key)
    {
    }

    private protected override FixPlan? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var odd = DiagnosticSyntax.NodeAt(root, diagnostic.Location) switch
        {
            ArgumentSyntax argument => argument.Expression,
            ExpressionSyntax expression => expression,
            _ => null,
        };
        if (odd is null || DiagnosticSyntax.AdditionalNode(root, diagnostic, 0) is not ExpressionSyntax patched) return null;
        if (!IsPlain(patched) || model.GetSymbolInfo(patched, cancellationToken).Symbol is not { } symbol) return null;
        var speculative = model.GetSpeculativeSymbolInfo(odd.SpanStart, patched.WithoutTrivia(), SpeculativeBindingOption.BindAsExpression).Symbol;
        return SymbolEqualityComparer.Default.Equals(speculative, symbol) ? new NodeReplacement(Title, odd, patched.WithoutTrivia()) : null;
    }

    private protected override SyntaxNode? Apply(SyntaxNode root, SemanticModel model, IReadOnlyList<FixPlan> plans, CancellationToken cancellationToken) =>
        NodeReplacement.ApplyAll(root, plans);

    private static bool IsPlain(ExpressionSyntax expression) =>
        expression switch
        {
            IdentifierNameSyntax => true,
            MemberAccessExpressionSyntax { Name: IdentifierNameSyntax, Expression: var inner } =>
                inner is ThisExpressionSyntax or BaseExpressionSyntax || IsPlain(inner),
            _ => false,
        };
}
