using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Optimistic.Query.Analyzers.Tests.Verification;

/// <summary>A diagnostic, its document, and the code action chosen for it.</summary>
internal sealed record ChosenFix(Diagnostic Diagnostic, Document Document, CodeAction Action);

/// <summary>
/// Chooses code actions by equivalence key and/or index (default: the first offered), and finds the first
/// diagnostic, by location, for which the fixer offers a matching action.
/// </summary>
internal sealed record CodeActionSelector(string? EquivalenceKey, int? Index)
{
    public CodeAction? Select(IReadOnlyList<CodeAction> actions)
    {
        if (Index is { } index)
        {
            if (index < 0 || index >= actions.Count)
            {
                return null;
            }

            return EquivalenceKey is null || actions[index].EquivalenceKey == EquivalenceKey ? actions[index] : null;
        }

        return EquivalenceKey is null ? actions.FirstOrDefault() : actions.FirstOrDefault(a => a.EquivalenceKey == EquivalenceKey);
    }

    public override string ToString() =>
        (EquivalenceKey, Index) switch
        {
            (null, null) => "the first action",
            (_, null) => $"CodeActionEquivalenceKey \"{EquivalenceKey}\"",
            (null, _) => $"CodeActionIndex {Index}",
            _ => $"CodeActionEquivalenceKey \"{EquivalenceKey}\" at CodeActionIndex {Index}",
        };

    /// <summary>
    /// The first fixable diagnostic with a matching action, or null. With <paramref name="failWhenNoneMatches"/>
    /// (before any fix was applied), fails when actions were offered but none matched: the test names a key or
    /// index the fixer does not offer.
    /// </summary>
    public async Task<ChosenFix?> FindFirstAsync(Project project, ImmutableArray<Diagnostic> diagnostics, CodeFixProvider fixer, bool failWhenNoneMatches, string stage, CancellationToken cancellationToken)
    {
        var fixableIds = fixer.FixableDiagnosticIds.ToImmutableHashSet(StringComparer.Ordinal);
        var offered = new List<string>();
        foreach (var diagnostic in diagnostics.Where(d => fixableIds.Contains(d.Id) && d.Location.IsInSource))
        {
            var document = project.GetDocument(diagnostic.Location.SourceTree);
            if (document is null)
            {
                continue;
            }

            var actions = await GetActionsAsync(document, diagnostic, fixer, cancellationToken).ConfigureAwait(false);
            if (Select(actions) is { } action)
            {
                return new ChosenFix(diagnostic, document, action);
            }

            offered.AddRange(actions.Select((a, i) => $"  {DiagnosticComparer.Describe(diagnostic)}: [{i}] \"{a.Title}\" (key: {a.EquivalenceKey ?? "null"})"));
        }

        if (failWhenNoneMatches && offered.Count > 0)
        {
            throw new VerificationException(
                $"{stage}: no code action matched {this}. Offered:" + Environment.NewLine + string.Join(Environment.NewLine, offered));
        }

        return null;
    }

    public static async Task<IReadOnlyList<CodeAction>> GetActionsAsync(Document document, Diagnostic diagnostic, CodeFixProvider fixer, CancellationToken cancellationToken)
    {
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken);
        await fixer.RegisterCodeFixesAsync(context).ConfigureAwait(false);
        return actions;
    }

    /// <summary>Applies the action's <see cref="ApplyChangesOperation"/>; fails when it changes nothing.</summary>
    public static async Task<Project> ApplyAsync(Project project, CodeAction action, string stage, CancellationToken cancellationToken)
    {
        var operations = await action.GetOperationsAsync(cancellationToken).ConfigureAwait(false);
        var apply = operations.OfType<ApplyChangesOperation>().SingleOrDefault()
            ?? throw new VerificationException($"{stage}: code action \"{action.Title}\" has no single ApplyChangesOperation.");
        var changes = apply.ChangedSolution.GetChanges(project.Solution).GetProjectChanges().ToList();
        if (!changes.Any(c => c.GetChangedDocuments(onlyGetDocumentsWithTextChanges: true).Any() || c.GetAddedDocuments().Any() || c.GetRemovedDocuments().Any()))
        {
            throw new VerificationException($"{stage}: code action \"{action.Title}\" made no change.");
        }

        return apply.ChangedSolution.GetProject(project.Id)
            ?? throw new VerificationException($"{stage}: code action \"{action.Title}\" removed the project.");
    }
}
