using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Optimistic.Query.CodeFixes.Common;

/// <summary>
/// The shape every fix of this assembly shares. A fixer plans each diagnostic against the original tree (a null plan offers
/// no fix), then applies all the plans of one document in a single rewrite. The single fix and FixAll (document, project,
/// solution) go through that same rewrite, so several diagnostics that edit one callback (two keys to cancel, two toasts to
/// remove) are merged by the fixer, never by a text merger: no duplicate or conflicting edits.
/// </summary>
/// <remarks>
/// Here, once for every fixer: nothing is offered in a source-generated document (a Razor component's C#); a diagnostic pointing at a wrapper's built-in callback gets no fix (see
/// <see cref="ImplicitCallbacks"/>), and nothing throws at the host: an unexpected shape, or a failure while planning or
/// applying, offers or changes nothing.
/// </remarks>
public abstract class DocumentRewriteCodeFixProvider : CodeFixProvider
{
    private readonly string _equivalenceKey;

    /// <param name="diagnosticId">The one diagnostic the fixer fixes.</param>
    /// <param name="equivalenceKey">The equivalence key of every action it offers (FixAll groups on it).</param>
    private protected DocumentRewriteCodeFixProvider(string diagnosticId, string equivalenceKey)
    {
        FixableDiagnosticIds = ImmutableArray.Create(diagnosticId);
        _equivalenceKey = equivalenceKey;
    }

    /// <inheritdoc />
    public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

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
        if (await PlanEachAsync(document, context.Diagnostics, context.CancellationToken).ConfigureAwait(false) is not { } planned) return;
        foreach (var (diagnostic, plan) in planned.Plans)
        {
            var single = ImmutableArray.Create(diagnostic);
            context.RegisterCodeFix(
                CodeAction.Create(plan.Title, cancellationToken => FixAsync(document, single, cancellationToken), _equivalenceKey),
                diagnostic);
        }
    }

    /// <summary>
    /// Whether the diagnostics fixed are about mutation definitions, so that a wrapper's built-in callback must be left alone
    /// (<see cref="ImplicitCallbacks"/>, which builds the mutation model and resolves the third-party API map). A fixer of
    /// another rule says no and never pays for them.
    /// </summary>
    private protected virtual bool FixesMutationDefinitions => true;

    /// <summary>
    /// Whether the fixer never edits a wrapper's built-in callback even when the diagnostic names one (it adds a member of its
    /// own beside it, treating the built-in one as absent: see <see cref="ImplicitCallbacks.NamesOf"/>), so that such a
    /// diagnostic may still be fixed.
    /// </summary>
    private protected virtual bool AddsBesideImplicitCallbacks => false;

    /// <summary>Plans the fix of one diagnostic against the original tree; null offers no fix.</summary>
    private protected abstract FixPlan? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken);

    /// <summary><see cref="Plan"/>, for a fixer that must look beyond the tree before it offers a fix (compile the result, say).</summary>
    private protected virtual Task<FixPlan?> PlanAsync(Document document, SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken) =>
        Task.FromResult(Plan(root, model, diagnostic, cancellationToken));

    /// <summary>Applies every plan of one document (planned against <paramref name="root"/>) in one rewrite; null changes nothing.</summary>
    private protected abstract SyntaxNode? Apply(SyntaxNode root, SemanticModel model, IReadOnlyList<FixPlan> plans, CancellationToken cancellationToken);

    private async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        if (await PlanEachAsync(document, diagnostics, cancellationToken).ConfigureAwait(false) is not { Plans.Count: > 0 } planned) return document;
        try
        {
            var newRoot = Apply(planned.Root, planned.Model, planned.Plans.ConvertAll(pair => pair.Plan), cancellationToken);
            return newRoot is null || newRoot == planned.Root ? document : document.WithSyntaxRoot(newRoot);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return document;
        }
    }

    /// <summary>The plan of each diagnostic of <paramref name="document"/> that gets a fix; null without a tree or model.</summary>
    private async Task<(SyntaxNode Root, SemanticModel Model, List<(Diagnostic Diagnostic, FixPlan Plan)> Plans)?> PlanEachAsync(
        Document document,
        IEnumerable<Diagnostic> diagnostics,
        CancellationToken cancellationToken)
    {
        // A source generator's output (a Razor component's C#) is rebuilt from its source file on every edit, and hosts do not
        // apply edits to it: offer nothing there. Fixes apply in .cs files (a component's code-behind partial class).
        if (document is SourceGeneratedDocument) return null;
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null) return null;
        var plans = new List<(Diagnostic, FixPlan)>();
        foreach (var diagnostic in diagnostics)
        {
            if (!FixableDiagnosticIds.Contains(diagnostic.Id) || diagnostic.Location.SourceTree != root.SyntaxTree) continue;
            if (await PlanOneAsync(document, root, model, diagnostic, cancellationToken).ConfigureAwait(false) is { } plan) plans.Add((diagnostic, plan));
        }

        return (root, model, plans);
    }

    private async Task<FixPlan?> PlanOneAsync(Document document, SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        try
        {
            if (FixesMutationDefinitions && !AddsBesideImplicitCallbacks && ImplicitCallbacks.AreTargetedBy(diagnostic, root, model, document.Project.AnalyzerOptions, cancellationToken)) return null;
            return await PlanAsync(document, root, model, diagnostic, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return null;
        }
    }
}
