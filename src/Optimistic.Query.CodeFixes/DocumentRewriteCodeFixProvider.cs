using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Optimistic.Query.CodeFixes;

/// <summary>
/// The base of the OPT006+ fixes: each diagnostic is planned against the original tree (null: no fix offered), then all the
/// plans of one document are applied in a single rewrite. The single fix and FixAll (document, project, solution) share that
/// rewrite, so several diagnostics editing one callback are merged by the fixer itself — no duplicate or conflicting edits.
/// Nothing throws at the host. (Same shape as the OPT001–OPT005 fixes' base on the <c>fixes</c> branch; to be folded into it.)
/// </summary>
public abstract class DocumentRewriteCodeFixProvider : CodeFixProvider
{
    private protected DocumentRewriteCodeFixProvider()
    {
    }

    private protected abstract string EquivalenceKey { get; }

    private protected abstract string Title { get; }

    /// <inheritdoc />
    public sealed override FixAllProvider GetFixAllProvider() =>
        FixAllProvider.Create(
            async (fixAllContext, document, diagnostics) =>
            {
                var fixedDocument = await FixAsync(document, diagnostics, fixAllContext.CancellationToken).ConfigureAwait(false);
                return fixedDocument == document ? null : fixedDocument;
            });

    /// <inheritdoc />
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            object? plan;
            try
            {
                plan = diagnostic.Location.SourceTree == root.SyntaxTree ? Plan(root, model, diagnostic, context.CancellationToken) : null;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                plan = null;
            }

            if (plan is null) continue;
            var single = ImmutableArray.Create(diagnostic);
            var document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create(Title, token => FixAsync(document, single, token), EquivalenceKey),
                diagnostic);
        }
    }

    private async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        try
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null) return document;
            var plans = new List<object>();
            foreach (var diagnostic in diagnostics)
            {
                if (!FixableDiagnosticIds.Contains(diagnostic.Id) || diagnostic.Location.SourceTree != root.SyntaxTree) continue;
                if (Plan(root, model, diagnostic, cancellationToken) is { } plan) plans.Add(plan);
            }

            if (plans.Count == 0) return document;
            var newRoot = Apply(root, model, plans, cancellationToken);
            return newRoot is null || newRoot == root ? document : document.WithSyntaxRoot(newRoot);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return document;
        }
    }

    /// <summary>Plans the fix of one diagnostic against the original tree; null offers no fix.</summary>
    private protected abstract object? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken);

    /// <summary>Applies every plan of one document in one rewrite; null changes nothing.</summary>
    private protected abstract SyntaxNode? Apply(SyntaxNode root, SemanticModel model, IReadOnlyList<object> plans, CancellationToken cancellationToken);

    private protected static SyntaxNode? NodeAt(SyntaxNode root, Location location) =>
        location.SourceTree == root.SyntaxTree && root.FullSpan.Contains(location.SourceSpan)
            ? root.FindNode(location.SourceSpan, getInnermostNodeForTie: true)
            : null;
}
