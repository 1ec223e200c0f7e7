using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Optimistic.Query.CodeFixes.Common;

/// <summary>The plan of a fix that swaps one node for another, which takes over the old node's trivia.</summary>
internal sealed class NodeReplacement : FixPlan
{
    public NodeReplacement(string title, SyntaxNode node, SyntaxNode replacement)
        : base(title)
    {
        Node = node;
        Replacement = replacement;
    }

    public SyntaxNode Node { get; }

    public SyntaxNode Replacement { get; }

    /// <summary>Every replacement of one document in one rewrite (one per node: a node reported twice is replaced once).</summary>
    public static SyntaxNode ApplyAll(SyntaxNode root, IReadOnlyList<FixPlan> plans)
    {
        var replacements = new Dictionary<SyntaxNode, SyntaxNode>();
        foreach (NodeReplacement plan in plans) replacements[plan.Node] = plan.Replacement;
        return root.ReplaceNodes(replacements.Keys, (original, _) => replacements[original].WithTriviaFrom(original));
    }
}
