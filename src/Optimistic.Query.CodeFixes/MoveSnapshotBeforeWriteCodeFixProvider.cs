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
/// OPT008: moves the snapshot statement to just before the statement holding the write. Offered only when the snapshot is a
/// standalone local declaration (one variable, not <c>const</c>/<c>using</c>) in the same block as the write's statement, and
/// no name it uses is declared by the statements it moves over.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MoveSnapshotBeforeWriteCodeFixProvider)), Shared]
public sealed class MoveSnapshotBeforeWriteCodeFixProvider : DocumentRewriteCodeFixProvider
{
    /// <summary>The equivalence key of the fix.</summary>
    public const string Key = "OPT008.MoveSnapshotBeforeWrite";

    private const string Title = "Take the snapshot before the write";

    /// <summary>The fix of OPT008.</summary>
    public MoveSnapshotBeforeWriteCodeFixProvider()
        : base("OPT008", Key)
    {
    }

    private sealed class Move : FixPlan
    {
        public Move(string title, BlockSyntax block, LocalDeclarationStatementSyntax snapshot, StatementSyntax write)
            : base(title)
        {
            Block = block;
            Snapshot = snapshot;
            Write = write;
        }

        public BlockSyntax Block { get; }

        public LocalDeclarationStatementSyntax Snapshot { get; }

        public StatementSyntax Write { get; }
    }

    private protected override FixPlan? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var read = DiagnosticSyntax.AdditionalNode(root, diagnostic, 0);
        var write = DiagnosticSyntax.AdditionalNode(root, diagnostic, 1);
        if (read is null || write is null) return null;
        var snapshot = read.FirstAncestorOrSelf<LocalDeclarationStatementSyntax>();
        if (snapshot is not { Parent: BlockSyntax block, Declaration.Variables.Count: 1 } || snapshot.Modifiers.Count > 0 || !snapshot.UsingKeyword.IsKind(SyntaxKind.None)) return null;
        if (snapshot.Declaration.Variables[0].Initializer is not { } initializer || !initializer.Span.Contains(read.Span)) return null;
        var writeStatement = write.AncestorsAndSelf().OfType<StatementSyntax>().FirstOrDefault(statement => statement.Parent == block);
        if (writeStatement is null) return null;
        var from = block.Statements.IndexOf(writeStatement);
        var to = block.Statements.IndexOf(snapshot);
        if (from < 0 || to <= from) return null;

        var used = new HashSet<string>(Lambdas.IdentifiersIn(initializer));
        for (var i = from; i < to; i++)
        {
            if (Lambdas.DeclaredNamesIn(block.Statements[i]).Any(used.Contains)) return null;
        }

        return new Move(Title, block, snapshot, writeStatement);
    }

    private protected override SyntaxNode? Apply(SyntaxNode root, SemanticModel model, IReadOnlyList<FixPlan> plans, CancellationToken cancellationToken)
    {
        var byBlock = plans.Cast<Move>().GroupBy(move => move.Block).ToDictionary(group => group.Key, group => group.ToList());
        return root.ReplaceNodes(byBlock.Keys, (original, _) =>
        {
            var statements = original.Statements.ToList();
            foreach (var move in byBlock[original])
            {
                if (!statements.Contains(move.Snapshot) || !statements.Contains(move.Write)) continue;
                statements.Remove(move.Snapshot);
                var index = statements.IndexOf(move.Write);
                var moved = move.Snapshot
                    .WithLeadingTrivia(move.Write.GetLeadingTrivia())
                    .WithTrailingTrivia(move.Snapshot.GetTrailingTrivia());
                statements.Insert(index, moved);
            }

            return original.WithStatements(SyntaxFactory.List(statements));
        });
    }
}
