using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Optimistic.Query.CodeFixes.Common;

/// <summary>What a fixer decided for one diagnostic: the title it offers, and whatever it needs to apply the edit.</summary>
internal abstract class FixPlan
{
    protected FixPlan(string title) => Title = title;

    public string Title { get; }
}

/// <summary>
/// The shape every fix of this assembly shares. A fixer plans each diagnostic against the original tree (a null plan offers
/// no fix), then applies all the plans of one document in a single rewrite. The single fix and FixAll go through that same
/// rewrite, so several diagnostics that edit one callback (two keys to cancel, two toasts to remove) are merged by the fixer,
/// never by a text merger: no duplicate or conflicting edits. Nothing here throws at the host: an unexpected shape, or a
/// failure while planning or applying, offers or changes nothing.
/// </summary>
public abstract class MutationCodeFixProvider : CodeFixProvider
{
    private protected MutationCodeFixProvider()
    {
    }

    /// <summary>The equivalence key of every action this fixer offers (FixAll groups on it).</summary>
    private protected abstract string EquivalenceKey { get; }

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
        var document = context.Document;
        foreach (var diagnostic in context.Diagnostics)
        {
            FixPlan? plan;
            try
            {
                var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
                var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
                if (root is null || model is null) continue;
                plan = await PlanAsync(document, root, model, diagnostic, context.CancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                plan = null;
            }

            if (plan is null) continue;
            var single = ImmutableArray.Create(diagnostic);
            context.RegisterCodeFix(
                CodeAction.Create(plan.Title, cancellationToken => FixAsync(document, single, cancellationToken), EquivalenceKey),
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

            var plans = new List<FixPlan>();
            foreach (var diagnostic in diagnostics)
            {
                if (!FixableDiagnosticIds.Contains(diagnostic.Id) || diagnostic.Location.SourceTree != root.SyntaxTree) continue;
                if (await PlanAsync(document, root, model, diagnostic, cancellationToken).ConfigureAwait(false) is { } plan) plans.Add(plan);
            }

            if (plans.Count == 0) return document;
            var newRoot = Apply(root, plans);
            return newRoot is null || newRoot == root ? document : document.WithSyntaxRoot(newRoot);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return document;
        }
    }

    /// <summary>Plans the fix of one diagnostic against the original tree; null offers no fix.</summary>
    private protected abstract Task<FixPlan?> PlanAsync(Document document, SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken);

    /// <summary>Applies every plan of one document (planned against <paramref name="root"/>) in one rewrite; null changes nothing.</summary>
    private protected abstract SyntaxNode? Apply(SyntaxNode root, IReadOnlyList<FixPlan> plans);
}
