using System.Collections.Generic;
using System.Composition;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using Optimistic.Query.CodeFixes.Common;

namespace Optimistic.Query.CodeFixes;

/// <summary>
/// OPT011: replaces the persisted cache's MaxAge value with <c>TimeSpan.FromHours(24)</c> (the runtime's default),
/// written <c>System.TimeSpan</c> and simplified, so it compiles with or without <c>using System;</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BoundMaxAgeCodeFixProvider)), Shared]
public sealed class BoundMaxAgeCodeFixProvider : DocumentRewriteCodeFixProvider
{
    /// <summary>The equivalence key of the fix.</summary>
    public const string Key = "OPT011.BoundMaxAge";

    /// <summary>The fix of OPT011.</summary>
    public BoundMaxAgeCodeFixProvider()
        : base("OPT011", Key)
    {
    }

    /// <summary>A persister option, not a mutation: no wrapper callbacks to respect, no mutation model or API map to build.</summary>
    private protected override bool FixesMutationDefinitions => false;

    private protected override FixPlan? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (DiagnosticSyntax.NodeAt(root, diagnostic.Location) is not { } node) return null;
        var value = node as ExpressionSyntax ?? (node as ArgumentSyntax)?.Expression;
        if (value is null || value.Span != diagnostic.Location.SourceSpan) return null;
        // TimeSpan where it binds to System.TimeSpan (a using System; in scope), else System.TimeSpan.
        var inScope = model.LookupNamespacesAndTypes(value.SpanStart, name: "TimeSpan");
        var plain = inScope.Length == 1 && inScope[0] is INamedTypeSymbol { ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };
        return new MaxAgeReplacement(value, plain ? "TimeSpan" : "System.TimeSpan");
    }

    private protected override SyntaxNode? Apply(SyntaxNode root, SemanticModel model, IReadOnlyList<FixPlan> plans, CancellationToken cancellationToken)
    {
        var byValue = new Dictionary<ExpressionSyntax, string>();
        foreach (var plan in plans.OfType<MaxAgeReplacement>()) byValue[plan.Value] = plan.TypeName;
        return root.ReplaceNodes(byValue.Keys, (original, _) => OneDay(byValue[original]).WithTriviaFrom(original));
    }

    private static ExpressionSyntax OneDay(string typeName) =>
        SyntaxFactory.ParseExpression(typeName + ".FromHours(24)").WithAdditionalAnnotations(Simplifier.Annotation);

    private sealed class MaxAgeReplacement : FixPlan
    {
        public MaxAgeReplacement(ExpressionSyntax value, string typeName)
            : base("Set MaxAge to TimeSpan.FromHours(24)")
        {
            Value = value;
            TypeName = typeName;
        }

        public ExpressionSyntax Value { get; }

        public string TypeName { get; }
    }
}
