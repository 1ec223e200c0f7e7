using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Optimistic.Query.CodeFixes;

/// <summary>
/// OPT008: moves the snapshot statement to just before the statement holding the write. Offered only when the snapshot is a
/// standalone local declaration (one variable, not <c>const</c>/<c>using</c>) in the same block as the write's statement, and
/// no name it uses is declared by the statements it moves over.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MoveSnapshotBeforeWriteCodeFixProvider)), Shared]
public sealed class MoveSnapshotBeforeWriteCodeFixProvider : DocumentRewriteCodeFixProvider
{
    /// <summary>The equivalence key of the action.</summary>
    public const string Key = "OPT008.MoveSnapshotBeforeWrite";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("OPT008");

    private protected override string EquivalenceKey => Key;

    private protected override string Title => "Take the snapshot before the write";

    private sealed class Move
    {
        public Move(BlockSyntax block, LocalDeclarationStatementSyntax snapshot, StatementSyntax write)
        {
            Block = block;
            Snapshot = snapshot;
            Write = write;
        }

        public BlockSyntax Block { get; }

        public LocalDeclarationStatementSyntax Snapshot { get; }

        public StatementSyntax Write { get; }
    }

    private protected override object? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (diagnostic.AdditionalLocations.Count < 2) return null;
        var read = NodeAt(root, diagnostic.AdditionalLocations[0]);
        var write = NodeAt(root, diagnostic.AdditionalLocations[1]);
        if (read is null || write is null) return null;
        var snapshot = read.FirstAncestorOrSelf<LocalDeclarationStatementSyntax>();
        if (snapshot is not { Parent: BlockSyntax block, Declaration.Variables.Count: 1 } || snapshot.Modifiers.Count > 0 || !snapshot.UsingKeyword.IsKind(SyntaxKind.None)) return null;
        if (snapshot.Declaration.Variables[0].Initializer is not { } initializer || !initializer.Span.Contains(read.Span)) return null;
        var writeStatement = write.AncestorsAndSelf().OfType<StatementSyntax>().FirstOrDefault(statement => statement.Parent == block);
        if (writeStatement is null) return null;
        var from = block.Statements.IndexOf(writeStatement);
        var to = block.Statements.IndexOf(snapshot);
        if (from < 0 || to <= from) return null;

        var used = new HashSet<string>(initializer.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Select(name => name.Identifier.ValueText));
        for (var i = from; i < to; i++)
        {
            if (DeclaredNames(block.Statements[i]).Any(used.Contains)) return null;
        }

        return new Move(block, snapshot, writeStatement);
    }

    private protected override SyntaxNode? Apply(SyntaxNode root, SemanticModel model, IReadOnlyList<object> plans, CancellationToken cancellationToken)
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

    private static IEnumerable<string> DeclaredNames(SyntaxNode node)
    {
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
                case LocalFunctionStatementSyntax function:
                    yield return function.Identifier.ValueText;
                    break;
                case ForEachStatementSyntax forEach:
                    yield return forEach.Identifier.ValueText;
                    break;
            }
        }
    }
}
