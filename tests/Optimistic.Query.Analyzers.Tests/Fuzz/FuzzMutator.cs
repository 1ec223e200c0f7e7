using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Optimistic.Query.Analyzers.Tests.Fuzz;

/// <summary>One text to analyze: a corpus source with one mutation applied. <see cref="Id"/> reproduces it via OPTIMISTIC_QUERY_FUZZ_FILTER.</summary>
internal sealed record FuzzVariant(string Id, FuzzSource Source, string Text, string Description, string? EditorConfig = null);

/// <summary>
/// Derives variants from corpus sources with a fixed seed: prefixes cut at token boundaries (always including cuts inside
/// the OnMutate callbacks), one token deleted, one token duplicated.
/// </summary>
internal static class FuzzMutator
{
    public static IEnumerable<FuzzVariant> Prefixes(FuzzSource source)
    {
        var random = RandomFor(source, "prefix");
        var tokens = Tokens(source.Text);
        if (tokens.Count == 0)
        {
            yield break;
        }

        var cuts = new SortedSet<int>();
        foreach (var i in Sample(random, tokens.Count, FuzzSettings.Scaled(FuzzSettings.PrefixCutsPerSource)))
        {
            cuts.Add(tokens[i].Span.End);
        }

        var inside = tokens.Where(t => InsideOnMutate(t)).ToList();
        foreach (var i in Sample(random, inside.Count, FuzzSettings.Scaled(FuzzSettings.OnMutatePrefixCutsPerSource)))
        {
            cuts.Add(inside[i].Span.End);
        }

        foreach (var cut in cuts)
        {
            var before = source.Text[..cut];
            yield return new FuzzVariant($"{source.Name}/prefix@{cut}", source, before, $"prefix cut at offset {cut} after '{Tail(before)}'");

            // The same cut with its open brackets closed: complete-looking code around a half-written callback, where rules and fixes engage.
            var closed = before + Closers(tokens.TakeWhile(t => t.Span.End <= cut));
            yield return new FuzzVariant($"{source.Name}/closed-prefix@{cut}", source, closed, $"prefix cut at offset {cut} after '{Tail(before)}', brackets closed");
        }
    }

    private static string Closers(IEnumerable<SyntaxToken> tokens)
    {
        var open = new Stack<string>();
        foreach (var token in tokens)
        {
            switch (token.Kind())
            {
                case SyntaxKind.OpenParenToken: open.Push(")"); break;
                case SyntaxKind.OpenBraceToken: open.Push("}"); break;
                case SyntaxKind.OpenBracketToken: open.Push("]"); break;
                case SyntaxKind.CloseParenToken or SyntaxKind.CloseBraceToken or SyntaxKind.CloseBracketToken when open.Count > 0: open.Pop(); break;
            }
        }

        return open.Count == 0 ? string.Empty : "\n" + string.Join(" ", open.Select(c => c == "}" ? ";}" : c)) + ";\n";
    }

    public static IEnumerable<FuzzVariant> Deletions(FuzzSource source)
    {
        var random = RandomFor(source, "delete");
        var tokens = Tokens(source.Text);
        var n = 0;
        foreach (var i in Sample(random, tokens.Count, FuzzSettings.Scaled(FuzzSettings.DeletionsPerSource)))
        {
            var span = tokens[i].Span;
            var text = source.Text.Remove(span.Start, span.Length);
            yield return new FuzzVariant($"{source.Name}/delete#{n++}", source, text, $"deleted token '{tokens[i].Text}' at offset {span.Start}");
        }
    }

    public static IEnumerable<FuzzVariant> Duplications(FuzzSource source)
    {
        var random = RandomFor(source, "duplicate");
        var tokens = Tokens(source.Text);
        var n = 0;
        foreach (var i in Sample(random, tokens.Count, FuzzSettings.Scaled(FuzzSettings.DuplicationsPerSource)))
        {
            var span = tokens[i].Span;
            var text = source.Text.Insert(span.End, " " + tokens[i].Text);
            yield return new FuzzVariant($"{source.Name}/duplicate#{n++}", source, text, $"duplicated token '{tokens[i].Text}' at offset {span.Start}");
        }
    }

    /// <summary>
    /// Semantic edge cases that still bind: a token replaced by another token of the same source (a plausible rename, an
    /// <c>OnMutate</c> that becomes <c>OnSuccess</c>) or by one of <see cref="s_oddTokens"/>.
    /// </summary>
    public static IEnumerable<FuzzVariant> Replacements(FuzzSource source)
    {
        var random = RandomFor(source, "replace");
        var tokens = Tokens(source.Text);
        if (tokens.Count == 0)
        {
            yield break;
        }

        var n = 0;
        foreach (var i in Sample(random, tokens.Count, FuzzSettings.Scaled(FuzzSettings.ReplacementsPerSource)))
        {
            var span = tokens[i].Span;
            var replacement = random.Next(2) == 0 ? tokens[random.Next(tokens.Count)].Text : s_oddTokens[random.Next(s_oddTokens.Length)];
            var text = source.Text.Remove(span.Start, span.Length).Insert(span.Start, replacement);
            yield return new FuzzVariant($"{source.Name}/replace#{n++}", source, text, $"replaced token '{tokens[i].Text}' at offset {span.Start} with '{replacement}'");
        }
    }

    private static readonly string[] s_oddTokens =
    {
        "null", "default", "default!", "await", "async", "static", "ref", "out", "this", "base", "new()", "=>", "dynamic", "object", "var",
        "throw null", "?.", "!", "_", "(", ")", "{", "}", ";", ",", "OnMutate", "OnMutateAsync", "OnError", "OnSettled", "OnSuccess",
        "MutationFn", "Kind", "client", "input", "context", "previous", "GetQueryData", "SetQueryData", "UpdateQueryData", "CancelQueriesAsync",
        "InvalidateQueriesAsync", "Success", "stackalloc", "__arglist", "nameof", "x => x", "delegate { }", "Task.FromResult(0)", "(object)",
    };

    /// <summary>Evenly thins <paramref name="variants"/> to at most <paramref name="cap"/> (scaled), keeping order; then applies the filter.</summary>
    public static List<FuzzVariant> Cap(IEnumerable<FuzzVariant> variants, int cap)
    {
        var all = variants.ToList();
        var max = FuzzSettings.Scaled(cap);
        if (all.Count > max)
        {
            var step = (double)all.Count / max;
            all = Enumerable.Range(0, max).Select(i => all[(int)(i * step)]).ToList();
        }

        return FuzzSettings.Filter is { } filter
            ? all.Where(v => v.Id.Contains(filter, StringComparison.Ordinal)).ToList()
            : all;
    }

    private static Random RandomFor(FuzzSource source, string kind) =>
        new(FuzzSettings.Seed ^ FuzzSettings.StableHash(source.Name + "/" + kind));

    private static List<SyntaxToken> Tokens(string text) =>
        CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest)).GetRoot()
            .DescendantTokens().Where(t => !t.IsKind(SyntaxKind.EndOfFileToken) && t.Span.Length > 0).ToList();

    /// <summary>Up to <paramref name="count"/> distinct indices in [0, n), in random order.</summary>
    private static IEnumerable<int> Sample(Random random, int n, int count)
    {
        var indices = Enumerable.Range(0, n).ToArray();
        var take = Math.Min(n, count);
        for (var i = 0; i < take; i++)
        {
            var j = random.Next(i, n);
            (indices[i], indices[j]) = (indices[j], indices[i]);
            yield return indices[i];
        }
    }

    /// <summary>Whether the token is inside the value given to an OnMutate/OnMutateAsync member or argument.</summary>
    private static bool InsideOnMutate(SyntaxToken token)
    {
        for (var node = token.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case AssignmentExpressionSyntax { Left: IdentifierNameSyntax left } assignment
                    when IsOnMutate(left.Identifier.ValueText) && assignment.Right.Span.Contains(token.Span):
                    return true;
                case ArgumentSyntax { NameColon: { } nameColon } argument
                    when IsOnMutate(nameColon.Name.Identifier.ValueText) && argument.Expression.Span.Contains(token.Span):
                    return true;
            }
        }

        return false;
    }

    private static bool IsOnMutate(string name) => name.StartsWith("OnMutate", StringComparison.OrdinalIgnoreCase);

    private static string Tail(string text)
    {
        var tail = text.Length > 40 ? text[^40..] : text;
        return tail.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", string.Empty, StringComparison.Ordinal);
    }
}
