using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;

namespace Optimistic.Query.Analyzers.Tests.VerifierTests.Toys;

/// <summary>
/// Toy fix for TOY001: renames "bad…" to "good…" (key "ToGood") or "fine…" (key "ToFine"). Offers nothing for
/// names containing "Keep". FixAll: the batch fixer.
/// </summary>
public class BadFieldFixer : CodeFixProvider
{
    public const string ToGood = "ToGood";
    public const string ToFine = "ToFine";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(BadFieldAnalyzerBase.Id);

    public override FixAllProvider? GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var token = root!.FindToken(context.Span.Start);
        if (!token.IsKind(SyntaxKind.IdentifierToken) || token.ValueText.Contains("Keep", StringComparison.Ordinal))
        {
            return;
        }

        foreach (var (replacement, key) in new[] { ("good", ToGood), ("fine", ToFine) })
        {
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Rename to {replacement}",
                    _ => Task.FromResult(Rename(context.Document, root, token, replacement)),
                    key),
                context.Diagnostics);
        }
    }

    private static Document Rename(Document document, SyntaxNode root, SyntaxToken token, string replacement)
    {
        var name = token.ValueText;
        var index = name.IndexOf("bad", StringComparison.Ordinal);
        var renamed = index < 0 ? replacement + name : name[..index] + replacement + name[(index + 3)..];
        return document.WithSyntaxRoot(root.ReplaceToken(token, SyntaxFactory.Identifier(token.LeadingTrivia, renamed, token.TrailingTrivia)));
    }
}

/// <summary>Wrong on purpose: its Project-scope FixAll only appends a comment, fixing nothing.</summary>
public sealed class BrokenProjectFixAllFixer : BadFieldFixer
{
    public override FixAllProvider? GetFixAllProvider() => new Provider();

    private sealed class Provider : FixAllProvider
    {
        public override Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
        {
            if (fixAllContext.Scope != FixAllScope.Project)
            {
                return WellKnownFixAllProviders.BatchFixer.GetFixAsync(fixAllContext);
            }

            var document = fixAllContext.Document!;
            return Task.FromResult<CodeAction?>(CodeAction.Create(
                "Broken",
                async ct =>
                {
                    var text = await document.GetTextAsync(ct).ConfigureAwait(false);
                    return document.WithText(Microsoft.CodeAnalysis.Text.SourceText.From(text + "// broken\n"));
                },
                "Broken"));
        }
    }
}
