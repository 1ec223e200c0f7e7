using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Optimistic.Query.Analyzers.Model;

namespace Optimistic.Query.Analyzers.Rules;

/// <summary>
/// OPT001: in an optimistic OnMutate, a key the callback writes or patches is read or written before an awaited cancel that
/// covers it (Same or Unknown key, or a strict prefix when the cancel is not <c>exact: true</c>; keys related as every rule
/// relates them, <see cref="MutationModel.Relate"/>; a cancel the API defines as synchronous counts). One diagnostic per key,
/// at its first access.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CancelBeforeOptimisticWriteAnalyzer : MutationRuleAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.OPT001_CancelBeforeOptimisticWrite);

    private protected override void Analyze(in MutationRuleContext context)
    {
        var model = context.Model;
        if (!model.IsOptimistic || model.OnMutate is not { } onMutate) return;

        var token = context.CancellationToken;
        var writes = model.OptimisticWrites(token);
        var handled = new List<KeyShape>();
        foreach (var access in onMutate.Operations)
        {
            if (!access.IsCacheAccess || access.Key is not { } key) continue;
            if (!IsWritten(model, writes, key, token) || IsHandled(model, handled, key, token)) continue;
            handled.Add(key);
            if (IsCancelledBefore(model, onMutate, access, token)) continue;

            var receiver = access.Receiver is { IsImplicit: false } r ? r.Syntax : null;
            var properties = MutationRuleContext.Properties(
                (DiagnosticPropertyNames.KeyText, key.Text),
                (DiagnosticPropertyNames.AccessKind, access.Kind.ToString()),
                (DiagnosticPropertyNames.CallbackProperty, onMutate.Name),
                (DiagnosticPropertyNames.IsSyncCallback, MutationRuleContext.Bool(!onMutate.IsAsyncTwin)),
                (DiagnosticPropertyNames.CallbackForm, onMutate.Form.ToString()),
                (DiagnosticPropertyNames.ReceiverText, receiver?.ToString()));
            context.Report(Diagnostic.Create(
                DiagnosticDescriptors.OPT001_CancelBeforeOptimisticWrite,
                access.Invocation.Syntax.GetLocation(),
                MutationRuleContext.Locations(access.KeyExpression?.Syntax, onMutate.Value.Syntax, receiver),
                properties,
                key.Text));
        }
    }

    private static bool IsWritten(MutationModel model, ImmutableArray<CacheOperation> writes, KeyShape key, CancellationToken token)
    {
        foreach (var write in writes)
        {
            if (model.Relate(write.Key, key, token) == KeyRelation.Same) return true;
        }

        return false;
    }

    private static bool IsHandled(MutationModel model, List<KeyShape> handled, KeyShape key, CancellationToken token)
    {
        foreach (var previous in handled)
        {
            if (model.Relate(previous, key, token) == KeyRelation.Same) return true;
        }

        return false;
    }

    private static bool IsCancelledBefore(MutationModel model, MutationCallback onMutate, CacheOperation access, CancellationToken token)
    {
        foreach (var cancel in onMutate.Operations)
        {
            if (cancel.Order >= access.Order) break;
            if (cancel.Kind != CacheOperationKind.Cancel || !cancel.IsCompleted) continue;
            if (model.MayReach(cancel, access.Key, token)) return true;
        }

        return false;
    }
}
