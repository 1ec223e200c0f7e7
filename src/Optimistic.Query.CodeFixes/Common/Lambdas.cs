using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Optimistic.Query.CodeFixes.Common;

/// <summary>Edits of callback lambdas: async, expression body to block, statements in and out.</summary>
internal static class Lambdas
{
    public static bool IsAsync(AnonymousFunctionExpressionSyntax lambda) => lambda.Modifiers.Any(SyntaxKind.AsyncKeyword);

    /// <summary>The parameters of a lambda (simple or parenthesized); empty for anonymous methods without a list.</summary>
    public static IReadOnlyList<ParameterSyntax> Parameters(AnonymousFunctionExpressionSyntax lambda) =>
        lambda switch
        {
            SimpleLambdaExpressionSyntax simple => new[] { simple.Parameter },
            ParenthesizedLambdaExpressionSyntax parenthesized => parenthesized.ParameterList.Parameters,
            AnonymousMethodExpressionSyntax { ParameterList: { } list } => list.Parameters,
            _ => System.Array.Empty<ParameterSyntax>(),
        };

    /// <summary>Whether the lambda is one the fixes edit: a simple or parenthesized lambda without an explicit return type.</summary>
    public static bool IsEditable(AnonymousFunctionExpressionSyntax lambda) =>
        lambda is SimpleLambdaExpressionSyntax
        || lambda is ParenthesizedLambdaExpressionSyntax { ReturnType: null };

    /// <summary>Adds <c>async</c>, first of the modifiers, which takes over the lambda's leading trivia.</summary>
    public static AnonymousFunctionExpressionSyntax MakeAsync(AnonymousFunctionExpressionSyntax lambda)
    {
        if (IsAsync(lambda)) return lambda;
        var first = lambda.GetFirstToken();
        var asyncKeyword = SyntaxFactory.Token(first.LeadingTrivia, SyntaxKind.AsyncKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
        var stripped = lambda.ReplaceToken(first, first.WithLeadingTrivia(SyntaxTriviaList.Empty));
        return stripped.WithModifiers(stripped.Modifiers.Insert(0, asyncKeyword));
    }

    /// <summary>Removes <c>async</c> (its leading trivia goes to the next token).</summary>
    public static AnonymousFunctionExpressionSyntax RemoveAsync(AnonymousFunctionExpressionSyntax lambda)
    {
        var index = lambda.Modifiers.IndexOf(SyntaxKind.AsyncKeyword);
        if (index < 0) return lambda;
        var asyncKeyword = lambda.Modifiers[index];
        var modifiers = lambda.Modifiers.RemoveAt(index);
        var withoutAsync = lambda.WithModifiers(modifiers);
        var next = withoutAsync.GetFirstToken();
        return index == 0 ? withoutAsync.ReplaceToken(next, next.WithLeadingTrivia(asyncKeyword.LeadingTrivia)) : withoutAsync;
    }

    /// <summary>
    /// Gives the lambda a block body made of <paramref name="before"/>, then its expression body (as <c>return expr;</c> when
    /// <paramref name="returnsValue"/>, else <c>expr;</c>), then <paramref name="after"/>. The block goes on its own lines,
    /// at the indentation of the line the lambda starts on.
    /// </summary>
    public static AnonymousFunctionExpressionSyntax ExpressionToBlock(
        AnonymousFunctionExpressionSyntax lambda,
        ExpressionSyntax body,
        bool returnsValue,
        IEnumerable<string> before,
        IEnumerable<string> after,
        Layout layout,
        string indentation)
    {
        var trailing = body.GetTrailingTrivia();
        var expression = body.WithoutTrivia();
        var statements = new List<StatementSyntax>();
        statements.AddRange(before.Select(code => SyntaxFactory.ParseStatement(code)));
        if (expression is not null)
        {
            statements.Add(returnsValue
                ? SyntaxFactory.ReturnStatement(expression.WithLeadingTrivia(SyntaxFactory.Space))
                : SyntaxFactory.ExpressionStatement(expression));
        }

        statements.AddRange(after.Select(code => SyntaxFactory.ParseStatement(code)));
        var block = layout.Block(statements, indentation).WithTrailingTrivia(trailing);
        return WithBlock(lambda, block, layout.EndOfLineTrivia);
    }

    /// <summary>Replaces the body with <paramref name="block"/>; the arrow ends its line when the block starts one.</summary>
    public static AnonymousFunctionExpressionSyntax WithBlock(AnonymousFunctionExpressionSyntax lambda, BlockSyntax block, SyntaxTrivia? arrowLineBreak)
    {
        switch (lambda)
        {
            case SimpleLambdaExpressionSyntax simple:
                return simple
                    .WithArrowToken(arrowLineBreak is { } simpleBreak ? simple.ArrowToken.WithTrailingTrivia(simpleBreak) : simple.ArrowToken.WithTrailingTrivia(SyntaxFactory.Space))
                    .WithExpressionBody(null)
                    .WithBlock(block);
            case ParenthesizedLambdaExpressionSyntax parenthesized:
                return parenthesized
                    .WithArrowToken(arrowLineBreak is { } parenthesizedBreak ? parenthesized.ArrowToken.WithTrailingTrivia(parenthesizedBreak) : parenthesized.ArrowToken.WithTrailingTrivia(SyntaxFactory.Space))
                    .WithExpressionBody(null)
                    .WithBlock(block);
            default:
                return lambda;
        }
    }

    /// <summary>Replaces the body with the expression <paramref name="expression"/> (keeping the block's trailing trivia).</summary>
    public static AnonymousFunctionExpressionSyntax WithExpressionBody(AnonymousFunctionExpressionSyntax lambda, ExpressionSyntax expression)
    {
        var trailing = lambda.Body.GetTrailingTrivia();
        expression = expression.WithoutTrivia().WithTrailingTrivia(trailing);
        switch (lambda)
        {
            case SimpleLambdaExpressionSyntax simple:
                return simple.WithArrowToken(simple.ArrowToken.WithTrailingTrivia(SyntaxFactory.Space)).WithBlock(null).WithExpressionBody(expression);
            case ParenthesizedLambdaExpressionSyntax parenthesized:
                return parenthesized.WithArrowToken(parenthesized.ArrowToken.WithTrailingTrivia(SyntaxFactory.Space)).WithBlock(null).WithExpressionBody(expression);
            default:
                return lambda;
        }
    }

    /// <summary>
    /// Inserts statements (parsed from <paramref name="codes"/>) into <paramref name="block"/> at <paramref name="index"/>,
    /// each on its own line at the block's statement indentation (or inline when the block is written on one line).
    /// </summary>
    public static BlockSyntax InsertStatements(BlockSyntax block, int index, IReadOnlyList<string> codes, Layout layout, string blockIndentation)
    {
        if (codes.Count == 0) return block;
        var inline = Layout.OnOneLine(block.OpenBraceToken, block.CloseBraceToken);
        var indentation = StatementIndentation(block, blockIndentation, layout);
        var statements = block.Statements;
        var created = new List<StatementSyntax>();
        foreach (var code in codes)
        {
            var parsed = SyntaxFactory.ParseStatement(code);
            created.Add(inline
                ? parsed.WithLeadingTrivia(SyntaxTriviaList.Empty).WithTrailingTrivia(SyntaxFactory.Space)
                : parsed.WithLeadingTrivia(SyntaxFactory.Whitespace(indentation)).WithTrailingTrivia(layout.EndOfLineTrivia));
        }

        if (inline && statements.Count == 0 && block.OpenBraceToken.TrailingTrivia.Count == 0)
        {
            block = block.WithOpenBraceToken(block.OpenBraceToken.WithTrailingTrivia(SyntaxFactory.Space));
        }

        index = System.Math.Max(0, System.Math.Min(index, statements.Count));
        return block.WithStatements(statements.InsertRange(index, created));
    }

    /// <summary>The indentation of the block's statements: its first statement's, else one unit in from its brace.</summary>
    public static string StatementIndentation(BlockSyntax block, string blockIndentation, Layout layout)
    {
        if (block.Statements.Count > 0 && Layout.StartsLine(block.Statements[0].GetFirstToken()))
        {
            return Layout.IndentationOf(block.Statements[0].GetFirstToken());
        }

        return (Layout.StartsLine(block.OpenBraceToken) ? Layout.IndentationOf(block.OpenBraceToken) : blockIndentation) + layout.Unit;
    }

    /// <summary>Simple names the node uses (to keep new parameters and locals from capturing them).</summary>
    public static IEnumerable<string> IdentifiersIn(SyntaxNode? node) =>
        node is null
            ? Enumerable.Empty<string>()
            : node.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Select(identifier => identifier.Identifier.ValueText);

    /// <summary>Names declared in the node (locals, pattern designations, lambda parameters, foreach variables...).</summary>
    public static IEnumerable<string> DeclaredNamesIn(SyntaxNode? node)
    {
        if (node is null) yield break;
        foreach (var descendant in node.DescendantNodesAndSelf())
        {
            switch (descendant)
            {
                case VariableDeclaratorSyntax declarator:
                    yield return declarator.Identifier.ValueText;
                    break;
                case SingleVariableDesignationSyntax designation:
                    yield return designation.Identifier.ValueText;
                    break;
                case ParameterSyntax parameter:
                    yield return parameter.Identifier.ValueText;
                    break;
                case ForEachStatementSyntax forEach:
                    yield return forEach.Identifier.ValueText;
                    break;
                case CatchDeclarationSyntax catchDeclaration:
                    yield return catchDeclaration.Identifier.ValueText;
                    break;
                case LocalFunctionStatementSyntax localFunction:
                    yield return localFunction.Identifier.ValueText;
                    break;
            }
        }
    }

    /// <summary><paramref name="preferred"/>, or it suffixed 1, 2, … until it is not in <paramref name="taken"/>.</summary>
    public static string UniqueName(string preferred, ISet<string> taken)
    {
        if (!taken.Contains(preferred)) return preferred;
        for (var i = 1; ; i++)
        {
            var candidate = preferred + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!taken.Contains(candidate)) return candidate;
        }
    }

    /// <summary><see cref="UniqueName"/>, which then joins <paramref name="taken"/> (the next name claimed differs from it).</summary>
    public static string ClaimName(string preferred, ISet<string> taken)
    {
        var name = UniqueName(preferred, taken);
        taken.Add(name);
        return name;
    }
}
