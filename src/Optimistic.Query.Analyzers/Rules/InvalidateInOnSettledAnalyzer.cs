using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Optimistic.Query.Analyzers.Model;

namespace Optimistic.Query.Analyzers.Rules;

/// <summary>
/// OPT006: a key the optimistic OnMutate writes or patches is invalidated neither in OnSettled nor in both OnSuccess and OnError
/// (either twin each). An invalidation counts when it may reach the written key (<see cref="MutationModel.MayReach"/>: Same or
/// Unknown, or a strict prefix unless <c>exact: true</c>; fields, properties and key builders seen through) or when it
/// invalidates tags. Reported once per definition: at the <c>OnSuccess</c>
/// name when only OnSuccess invalidates the key, else at the <c>OnMutate</c> name.
/// </summary>
/// <remarks>
/// Silent when a callback of those phases is opaque, or when a <c>with</c> expression does not set OnSettled (the copied
/// instance may).
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InvalidateInOnSettledAnalyzer : MutationRuleAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.OPT006_InvalidateInOnSettled);

    private protected override void Analyze(in MutationRuleContext context)
    {
        var model = context.Model;
        if (!model.IsOptimistic || model.OnMutate is not { } onMutate) return;
        if (model.IsPartial && !HasPhase(model, CallbackPhase.Settled)) return;

        var settled = new List<MutationCallback>();
        var success = new List<MutationCallback>();
        var error = new List<MutationCallback>();
        foreach (var callback in model.Callbacks)
        {
            var list = callback.Phase switch
            {
                CallbackPhase.Settled => settled,
                CallbackPhase.Success => success,
                CallbackPhase.Error => error,
                _ => null,
            };
            if (list is null) continue;
            if (!callback.IsAnalyzable) return;
            list.Add(callback);
        }

        var token = context.CancellationToken;
        foreach (var write in model.OptimisticWrites(token))
        {
            if (FirstInvalidating(model, settled, write.Key, token) is not null) continue;
            var successCallback = FirstInvalidating(model, success, write.Key, token);
            var errorCallback = FirstInvalidating(model, error, write.Key, token);
            if (successCallback is not null && errorCallback is not null) continue;

            var why = successCallback is not null ? "only OnSuccess invalidates it"
                : errorCallback is not null ? "only OnError invalidates it"
                : "nothing invalidates it once the mutation settles";
            var location = successCallback is not null ? successCallback.NameSyntax : onMutate.NameSyntax;
            var settledCallback = settled.Count > 0 ? settled[0] : null;
            var settledAsync = FindSettledAsyncProperty(model);
            var properties = MutationRuleContext.Properties(
                (DiagnosticPropertyNames.KeyText, write.Key?.Text),
                (DiagnosticPropertyNames.CallbackProperty, onMutate.Name),
                (DiagnosticPropertyNames.InvalidatedIn, successCallback?.Name ?? errorCallback?.Name),
                (DiagnosticPropertyNames.SettledCallbackProperty, settledCallback?.Name),
                (DiagnosticPropertyNames.SettledAsyncProperty, settledAsync),
                (DiagnosticPropertyNames.ReceiverText, write.Receiver is { IsImplicit: false } receiver ? receiver.Syntax.ToString() : null),
                (DiagnosticPropertyNames.InvalidateMethod, FindInvalidateMethod(context.Shared, write.Receiver)));
            context.Report(Diagnostic.Create(
                DiagnosticDescriptors.OPT006_InvalidateInOnSettled,
                location.GetLocation(),
                MutationRuleContext.Locations(
                    write.KeyExpression?.Syntax,
                    settledCallback?.Value.Syntax,
                    successCallback?.AssignmentSyntax,
                    successCallback is null ? null : model.FirstInvalidation(successCallback, write.Key, token)?.Invocation.Syntax),
                properties,
                write.Key?.Text,
                why));
            return;
        }
    }

    private static bool HasPhase(MutationModel model, CallbackPhase phase)
    {
        foreach (var _ in model.InPhase(phase)) return true;
        return false;
    }

    private static MutationCallback? FirstInvalidating(MutationModel model, List<MutationCallback> callbacks, KeyShape? key, System.Threading.CancellationToken token)
    {
        foreach (var callback in callbacks)
        {
            if (model.FirstInvalidation(callback, key, token) is not null || CallsHelper(callback)) return callback;
        }

        return null;
    }

    /// <summary>
    /// Whether the callback calls, for its effect (returning void or an awaitable, unlike a key builder), a method of this
    /// compilation the model does not descend — a helper that may invalidate: the relation is then unknown, and unknown never
    /// reports.
    /// </summary>
    private static bool CallsHelper(MutationCallback callback)
    {
        foreach (var operation in callback.Operations)
        {
            if (operation.Kind == CacheOperationKind.Other
                && operation.Invocation.TargetMethod is { MethodKind: not MethodKind.LocalFunction, DeclaringSyntaxReferences.Length: > 0 } method
                && (method.ReturnsVoid || OperationHelpers.IsAwaitable(method.ReturnType)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The options type's asynchronous settled property (<c>OnSettledAsync</c>), if it has one.</summary>
    private static string? FindSettledAsyncProperty(MutationModel model)
    {
        foreach (var pair in model.OptionsType.Members)
        {
            if (pair.Value == CallbackPhase.Settled && model.OptionsType.IsAsync(pair.Key)) return pair.Key;
        }

        return null;
    }

    /// <summary>The name of a Task-returning <c>[QueryInvalidate]</c> method of the client taking the key first (others optional).</summary>
    private static string? FindInvalidateMethod(MutationAnalysisContext shared, IOperation? receiver)
    {
        if (receiver?.Type is not INamedTypeSymbol type) return null;
        foreach (var member in type.GetMembers())
        {
            if (member is not IMethodSymbol { IsStatic: false, MethodKind: MethodKind.Ordinary, Parameters.Length: > 0 } method) continue;
            if (method.ReturnType is not INamedTypeSymbol { Name: "Task", Arity: 0 }) continue;
            if (shared.GetRole(method).Kind != CacheOperationKind.Invalidate || method.Parameters[0].Type.Name == "QueryTag") continue;
            var rest = true;
            for (var i = 1; i < method.Parameters.Length; i++) rest &= method.Parameters[i].IsOptional;
            if (rest && !method.Parameters[0].IsParams) return method.Name;
        }

        return null;
    }
}
