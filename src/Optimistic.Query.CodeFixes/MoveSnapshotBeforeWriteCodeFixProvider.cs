using System.Collections.Generic;
using System.Composition;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Optimistic.Query.CodeFixes.Common;

namespace Optimistic.Query.CodeFixes;

/// <summary>
/// OPT008: takes the snapshot before the write, in the block that holds both (the write's statement comes first there).
/// <list type="bullet">
/// <item>A standalone snapshot statement (<c>var previous = client.GetQueryData&lt;T&gt;(K);</c>, or <c>previous = …;</c> assigning
/// a variable declared earlier) moves, with its comments, to just before the statement holding the write.</item>
/// <item>A read anywhere else (inside a tuple, record or anonymous context built in the <c>return</c>, an argument, a nested
/// statement) is taken into a new local declared before the write (<c>var previous = client.GetQueryData&lt;T&gt;(K);</c>, the name
/// made unique), and the read is replaced by that local.</item>
/// </list>
/// No fix when the read uses a local declared between the write and the read (it does not exist yet before the write), or
/// when a moved assignment's variable is used in between.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MoveSnapshotBeforeWriteCodeFixProvider)), Shared]
public sealed class MoveSnapshotBeforeWriteCodeFixProvider : DocumentRewriteCodeFixProvider
{
    /// <summary>The equivalence key of the fix.</summary>
    public const string Key = "OPT008.MoveSnapshotBeforeWrite";

    private const string MoveTitle = "Take the snapshot before the write";

    /// <summary>The fix of OPT008.</summary>
    public MoveSnapshotBeforeWriteCodeFixProvider()
        : base("OPT008", Key)
    {
    }

    /// <summary>Moves the snapshot statement before the write's statement, or (with <see cref="Read"/>) hoists the read into a new local there.</summary>
    private sealed class Move : FixPlan
    {
        public Move(BlockSyntax block, StatementSyntax write, StatementSyntax? snapshot, ExpressionSyntax? read, IReadOnlyCollection<string> taken)
            : base(MoveTitle)
        {
            Block = block;
            Write = write;
            Snapshot = snapshot;
            Read = read;
            Taken = taken;
        }

        public BlockSyntax Block { get; }

        public StatementSyntax Write { get; }

        /// <summary>The statement to move (null: hoist <see cref="Read"/>).</summary>
        public StatementSyntax? Snapshot { get; }

        /// <summary>The read to take into a new local (null: move <see cref="Snapshot"/>).</summary>
        public ExpressionSyntax? Read { get; }

        /// <summary>Names the new local must not take.</summary>
        public IReadOnlyCollection<string> Taken { get; }
    }

    private protected override FixPlan? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (DiagnosticSyntax.AdditionalNode(root, diagnostic, 0) is not ExpressionSyntax read) return null;
        var write = DiagnosticSyntax.AdditionalNode(root, diagnostic, 1);
        if (write is null) return null;

        // The innermost block holding both, where the write's statement comes first (as the analyzer found it).
        BlockSyntax? block = null;
        StatementSyntax? writeStatement = null;
        StatementSyntax? readStatement = null;
        foreach (var candidate in read.Ancestors().OfType<BlockSyntax>())
        {
            if (!candidate.Span.Contains(write.Span)) continue;
            block = candidate;
            writeStatement = TopLevelStatement(candidate, write);
            readStatement = TopLevelStatement(candidate, read);
            break;
        }

        if (block is null || writeStatement is null || readStatement is null) return null;
        var from = block.Statements.IndexOf(writeStatement);
        var to = block.Statements.IndexOf(readStatement);
        if (from < 0 || to <= from) return null;

        // Whatever the read uses must exist before the write: no local declared from the write's statement on.
        var writeStart = writeStatement.SpanStart;
        foreach (var identifier in read.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
        {
            if (model.GetSymbolInfo(identifier, cancellationToken).Symbol is ILocalSymbol local
                && local.DeclaringSyntaxReferences.Any(reference => reference.SyntaxTree == read.SyntaxTree && reference.Span.End > writeStart))
            {
                return null;
            }
        }

        if (MovableSnapshot(model, block, from, to, readStatement, read, cancellationToken) is { } movable)
        {
            return new Move(block, writeStatement, movable, null, System.Array.Empty<string>());
        }

        // Hoist: a new local before the write. Its name avoids every name visible there or declared in the function.
        var function = block.Ancestors().FirstOrDefault(node => node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax) ?? block;
        var taken = new HashSet<string>(model.LookupSymbols(writeStart).Select(symbol => symbol.Name));
        taken.UnionWith(Lambdas.DeclaredNamesIn(function));
        taken.UnionWith(Lambdas.IdentifiersIn(function));
        return new Move(block, writeStatement, null, read, taken);
    }

    /// <summary>
    /// The read's own statement when it can move as a whole: a one-variable local declaration initialized with the read, or
    /// <c>x = read;</c> with <c>x</c> not used by the statements it moves over.
    /// </summary>
    private static StatementSyntax? MovableSnapshot(SemanticModel model, BlockSyntax block, int from, int to, StatementSyntax statement, ExpressionSyntax read, CancellationToken cancellationToken)
    {
        if (statement.GetLeadingTrivia().Any(trivia => trivia.IsDirective)) return null;
        IEnumerable<string> names;
        switch (statement)
        {
            case LocalDeclarationStatementSyntax { Declaration.Variables: { Count: 1 } variables } declaration
                when declaration.Modifiers.Count == 0 && declaration.UsingKeyword.IsKind(SyntaxKind.None)
                     && variables[0].Initializer is { } initializer && initializer.Value.Span.Contains(read.Span):
                names = new[] { variables[0].Identifier.ValueText };
                break;
            case ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { Left: IdentifierNameSyntax target, Right: { } right } assignment }
                when assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && right.Span.Contains(read.Span)
                     && model.GetSymbolInfo(target, cancellationToken).Symbol is ILocalSymbol:
                names = new[] { target.Identifier.ValueText };
                break;
            default:
                return null;
        }

        // Nothing it uses is declared, and nothing it declares or assigns is used, by the statements it moves over.
        var used = new HashSet<string>(Lambdas.IdentifiersIn(statement));
        for (var i = from; i < to; i++)
        {
            var between = block.Statements[i];
            if (Lambdas.DeclaredNamesIn(between).Any(used.Contains)) return null;
            if (Lambdas.IdentifiersIn(between).Any(names.Contains)) return null;
        }

        return statement;
    }

    private static StatementSyntax? TopLevelStatement(BlockSyntax block, SyntaxNode node) =>
        node.AncestorsAndSelf().OfType<StatementSyntax>().FirstOrDefault(statement => statement.Parent == block);

    private protected override SyntaxNode? Apply(SyntaxNode root, SemanticModel model, IReadOnlyList<FixPlan> plans, CancellationToken cancellationToken)
    {
        var layout = Layout.Of(root);
        var byBlock = plans.Cast<Move>().GroupBy(move => move.Block).ToDictionary(group => group.Key, group => group.ToList());

        // Blocks may nest (a snapshot in an inner block and one in an outer block): rewrite inner ones first, through the
        // rewritten node ReplaceNodes hands over, keyed by the original statements (tracked).
        var tracked = root.TrackNodes(byBlock.Keys.Concat(byBlock.Values.SelectMany(moves => moves.SelectMany(Nodes))));
        var current = tracked;
        foreach (var pair in byBlock.OrderByDescending(pair => pair.Key.SpanStart))
        {
            if (current.GetCurrentNode(pair.Key) is not { } block) continue;
            current = current.ReplaceNode(block, Rewrite(current, block, pair.Value, layout));
        }

        return current;
    }

    private static IEnumerable<SyntaxNode> Nodes(Move move)
    {
        yield return move.Write;
        if (move.Snapshot is not null) yield return move.Snapshot;
        if (move.Read is not null) yield return move.Read;
    }

    private static BlockSyntax Rewrite(SyntaxNode root, BlockSyntax block, List<Move> moves, Layout layout)
    {
        var inline = Layout.OnOneLine(block.OpenBraceToken, block.CloseBraceToken);
        var before = new Dictionary<StatementSyntax, List<StatementSyntax>>();
        var removed = new HashSet<StatementSyntax>();
        var reads = new Dictionary<SyntaxNode, string>();
        var taken = new HashSet<string>(moves.SelectMany(move => move.Taken));

        foreach (var move in moves)
        {
            if (root.GetCurrentNode(move.Write) is not { } write) continue;
            if (!before.TryGetValue(write, out var list)) before[write] = list = new List<StatementSyntax>();
            if (move.Snapshot is not null)
            {
                if (root.GetCurrentNode(move.Snapshot) is not { } snapshot || !removed.Add(snapshot)) continue;
                list.Add(inline ? snapshot : snapshot.WithTrailingTrivia(snapshot.GetTrailingTrivia()));
            }
            else if (move.Read is not null && root.GetCurrentNode(move.Read) is { } read && !reads.ContainsKey(read))
            {
                var name = Lambdas.ClaimName("previous", taken);
                reads[read] = name;
                var code = "var " + name + " = " + read.WithoutTrivia().ToFullString() + ";";
                var indentation = Layout.StartsLine(write.GetFirstToken()) ? Layout.IndentationOf(write.GetFirstToken()) : string.Empty;
                var declaration = SyntaxFactory.ParseStatement(code);
                list.Add(inline || indentation.Length == 0
                    ? declaration.WithTrailingTrivia(SyntaxFactory.Space)
                    : declaration.WithLeadingTrivia(SyntaxFactory.Whitespace(indentation)).WithTrailingTrivia(layout.EndOfLineTrivia));
            }
        }

        var statements = new List<StatementSyntax>();
        foreach (var statement in block.Statements)
        {
            if (before.TryGetValue(statement, out var inserted)) statements.AddRange(inserted.Select(node => ReplaceReads(node, reads)));
            if (removed.Contains(statement)) continue;
            statements.Add(ReplaceReads(statement, reads));
        }

        return block.WithStatements(SyntaxFactory.List(statements));
    }

    /// <summary>The statement with every hoisted read it contains replaced by its new local.</summary>
    private static StatementSyntax ReplaceReads(StatementSyntax statement, Dictionary<SyntaxNode, string> reads)
    {
        var inside = reads.Keys.Where(read => read.SyntaxTree == statement.SyntaxTree && statement.FullSpan.Contains(read.Span) && read.Ancestors().Contains(statement)).ToList();
        if (inside.Count == 0) return statement;
        return statement.ReplaceNodes(inside, (original, _) => SyntaxFactory.IdentifierName(reads[original]).WithTriviaFrom(original));
    }
}
