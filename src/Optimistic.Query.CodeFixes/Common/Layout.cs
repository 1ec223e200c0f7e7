using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Optimistic.Query.CodeFixes.Common;

/// <summary>
/// Whitespace the fixes write, taken from the document itself (its line ending, the indentation of the line being edited,
/// its indentation unit), so that new statements and members look as if the user had typed them.
/// </summary>
internal sealed class Layout
{
    private Layout(SyntaxNode root, string endOfLine, string unit)
    {
        Root = root;
        EndOfLine = endOfLine;
        Unit = unit;
    }

    public SyntaxNode Root { get; }

    /// <summary>The document's line ending (the first one found; "\n" when there is none).</summary>
    public string EndOfLine { get; }

    /// <summary>One level of indentation (from the first block whose statements are on their own lines; four spaces else).</summary>
    public string Unit { get; }

    public SyntaxTrivia EndOfLineTrivia => SyntaxFactory.EndOfLine(EndOfLine);

    public static Layout Of(SyntaxNode root)
    {
        var endOfLine = "\n";
        foreach (var trivia in root.DescendantTrivia())
        {
            if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
            {
                endOfLine = trivia.ToFullString();
                break;
            }
        }

        var unit = "    ";
        foreach (var block in root.DescendantNodes().OfType<BlockSyntax>())
        {
            if (block.Statements.Count == 0) continue;
            var brace = IndentationOf(block.OpenBraceToken);
            var statement = IndentationOf(block.Statements[0].GetFirstToken());
            if (!StartsLine(block.Statements[0].GetFirstToken()) || !StartsLine(block.OpenBraceToken)) continue;
            if (statement.Length > brace.Length && statement.StartsWith(brace, System.StringComparison.Ordinal))
            {
                unit = statement.Substring(brace.Length);
                break;
            }
        }

        return new Layout(root, endOfLine, unit);
    }

    /// <summary>The whitespace at the start of the line holding <paramref name="token"/>.</summary>
    public static string IndentationOf(SyntaxToken token)
    {
        var tree = token.SyntaxTree;
        if (tree is null) return string.Empty;
        var text = tree.GetText();
        var line = text.Lines.GetLineFromPosition(token.SpanStart);
        var end = line.Start;
        while (end < line.End && (text[end] == ' ' || text[end] == '\t')) end++;
        return text.ToString(new Microsoft.CodeAnalysis.Text.TextSpan(line.Start, end - line.Start));
    }

    /// <summary>Whether only whitespace precedes <paramref name="token"/> on its line.</summary>
    public static bool StartsLine(SyntaxToken token)
    {
        var tree = token.SyntaxTree;
        if (tree is null) return false;
        var text = tree.GetText();
        var line = text.Lines.GetLineFromPosition(token.SpanStart);
        for (var i = line.Start; i < token.SpanStart; i++)
        {
            if (text[i] != ' ' && text[i] != '\t') return false;
        }

        return true;
    }

    /// <summary>Whether both tokens are on one line (of the original tree).</summary>
    public static bool OnOneLine(SyntaxToken first, SyntaxToken last)
    {
        var tree = first.SyntaxTree;
        if (tree is null || tree != last.SyntaxTree) return false;
        var text = tree.GetText();
        return text.Lines.GetLineFromPosition(first.SpanStart).LineNumber == text.Lines.GetLineFromPosition(last.SpanStart).LineNumber;
    }

    /// <summary>A statement parsed from <paramref name="code"/>, on its own line at <paramref name="indentation"/>.</summary>
    public StatementSyntax Statement(string code, string indentation) =>
        SyntaxFactory.ParseStatement(code)
            .WithLeadingTrivia(SyntaxFactory.Whitespace(indentation))
            .WithTrailingTrivia(EndOfLineTrivia);

    /// <summary>
    /// A block on its own lines: <c>{</c> at <paramref name="indentation"/>, the statements one level in, <c>}</c> at
    /// <paramref name="indentation"/> (without a line break after it, the caller's token follows).
    /// </summary>
    public BlockSyntax Block(IEnumerable<StatementSyntax> statements, string indentation)
    {
        var inner = indentation + Unit;
        var list = new List<StatementSyntax>();
        foreach (var statement in statements)
        {
            list.Add(statement.WithLeadingTrivia(SyntaxFactory.Whitespace(inner)).WithTrailingTrivia(EndOfLineTrivia));
        }

        return SyntaxFactory.Block(
            SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithLeadingTrivia(SyntaxFactory.Whitespace(indentation)).WithTrailingTrivia(EndOfLineTrivia),
            SyntaxFactory.List(list),
            SyntaxFactory.Token(SyntaxKind.CloseBraceToken).WithLeadingTrivia(SyntaxFactory.Whitespace(indentation)));
    }

    /// <summary>An empty block written inline: <c>{ }</c>.</summary>
    public static BlockSyntax EmptyInlineBlock() =>
        SyntaxFactory.Block(
            SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithTrailingTrivia(SyntaxFactory.Space),
            default,
            SyntaxFactory.Token(SyntaxKind.CloseBraceToken));
}
