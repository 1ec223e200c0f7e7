using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Optimistic.Query.Analyzers.Model;

namespace Optimistic.Query.Analyzers.Rules;

/// <summary>
/// OPT010 (suggestion): an optimistic OnMutate writes or patches more than one cache entry — a key provably another entry than
/// every key written before it (Different, or one a prefix of the other: writes are exact, so a list and one of its items are two
/// entries). Keys are related with fields, properties and key builders seen through; an Unknown relation is never reported.
/// Reported at the first write of each further key. Layered writes (<c>AddOptimisticLayer</c>) are not counted: one layer per
/// key is the redesign the rule page recommends, since each layer is removed or folded on its own.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CascadeMutationAnalyzer : MutationRuleAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.OPT010_CascadeMutation);

    private protected override void Analyze(in MutationRuleContext context)
    {
        var token = context.CancellationToken;
        var writes = context.Model.OptimisticWrites(token).RemoveAll(static write => write.Kind == CacheOperationKind.Layer);
        if (writes.Length < 2) return;
        var counted = ImmutableArray.CreateBuilder<CacheOperation>();
        counted.Add(writes[0]);
        for (var i = 1; i < writes.Length; i++)
        {
            var write = writes[i];
            var another = true;
            foreach (var earlier in counted)
            {
                var relation = context.Model.Relate(earlier.Key, write.Key, token);
                if (relation is KeyRelation.Same or KeyRelation.Unknown)
                {
                    another = false;
                    break;
                }
            }

            if (!another) continue;
            counted.Add(write);
            context.Report(Diagnostic.Create(
                DiagnosticDescriptors.OPT010_CascadeMutation,
                write.Invocation.Syntax.GetLocation(),
                MutationRuleContext.Properties(
                    (DiagnosticPropertyNames.KeyText, write.Key?.Text),
                    (DiagnosticPropertyNames.PatchedKeyText, writes[0].Key?.Text)),
                write.Key?.Text,
                writes[0].Key?.Text));
        }
    }
}
