using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Optimistic.Query.Analyzers.Model;

namespace Optimistic.Query.Analyzers.Rules;

/// <summary>
/// OPT008: in an optimistic OnMutate, a cache read (the snapshot) of a key that an earlier statement of the same block already
/// wrote or patched. Only reads that surely follow the write are reported: the write's statement and the read's statement are
/// in one block, the write's first (a write in one branch of an <c>if</c> and a read in the other is not reported).
/// Reported at the write, once per write.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SnapshotAfterWriteAnalyzer : MutationRuleAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.OPT008_SnapshotAfterWrite);

    private protected override void Analyze(in MutationRuleContext context)
    {
        var model = context.Model;
        if (!model.IsOptimistic || model.OnMutate is not { Body: { } body } onMutate) return;

        var reported = new HashSet<CacheOperation>();
        foreach (var read in onMutate.OfKind(CacheOperationKind.Read))
        {
            if (read.Key is null) continue;
            foreach (var write in onMutate.Operations)
            {
                if (write.Order >= read.Order) break;
                if (!write.IsCacheWrite || reported.Contains(write)) continue;
                if (model.Relate(write.Key, read.Key, context.CancellationToken) != KeyRelation.Same) continue;
                if (!SurelyPrecedes(write.Invocation.Syntax, read.Invocation.Syntax, body.Syntax)) continue;
                reported.Add(write);
                context.Report(Diagnostic.Create(
                    DiagnosticDescriptors.OPT008_SnapshotAfterWrite,
                    write.Invocation.Syntax.GetLocation(),
                    MutationRuleContext.Locations(read.Invocation.Syntax, write.Invocation.Syntax),
                    MutationRuleContext.Properties((DiagnosticPropertyNames.KeyText, write.Key?.Text)),
                    write.Key?.Text));
                break;
            }
        }
    }

    /// <summary>
    /// Whether both nodes are in the callback body (not in a nested function) and the innermost block holding both has the
    /// write's statement before the read's.
    /// </summary>
    private static bool SurelyPrecedes(SyntaxNode write, SyntaxNode read, SyntaxNode body)
    {
        if (!body.Span.Contains(write.Span) || !body.Span.Contains(read.Span)) return false;
        if (InNestedFunction(write, body) || InNestedFunction(read, body)) return false;
        for (var block = read.Parent; block is not null && block != body.Parent; block = block.Parent)
        {
            if (block is not BlockSyntax candidate || !candidate.Span.Contains(write.Span)) continue;
            var writeStatement = StatementIn(candidate, write);
            var readStatement = StatementIn(candidate, read);
            return writeStatement is not null && readStatement is not null
                   && writeStatement != readStatement
                   && writeStatement.SpanStart < readStatement.SpanStart;
        }

        return false;
    }

    private static StatementSyntax? StatementIn(BlockSyntax block, SyntaxNode node)
    {
        for (var current = node; current is not null && current != block; current = current.Parent)
        {
            if (current.Parent == block) return current as StatementSyntax;
        }

        return null;
    }

    private static bool InNestedFunction(SyntaxNode node, SyntaxNode body)
    {
        for (var current = node.Parent; current is not null && current != body; current = current.Parent)
        {
            if (current is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax) return true;
        }

        return false;
    }
}
