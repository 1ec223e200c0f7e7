using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Optimistic.Query.Analyzers.Model;

namespace Optimistic.Query.Analyzers.Rules;

/// <summary>
/// OPT012: in a synchronous callback (one whose delegate returns neither a task nor any awaitable: OnSettled, OnSuccess, OnError,
/// OnMutate) of any mutation definition, optimistic or not, a call returning an awaitable whose value is thrown away — an
/// expression statement, the expression body of a lambda bound to a void delegate
/// (<c>OnSettled = (d, e, v, c) =&gt; client.InvalidateQueriesAsync(k)</c>), or a discard (<c>_ = …;</c>, the same trap spelled
/// out). Calls inside an <c>async</c> local function are left to the compiler (CS4014). Reported at the call.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TaskDiscardedInSyncCallbackAnalyzer : MutationRuleAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.OPT012_TaskDiscardedInSyncCallback);

    private protected override void Analyze(in MutationRuleContext context)
    {
        var model = context.Model;
        foreach (var callback in model.Callbacks)
        {
            if (callback.Phase == CallbackPhase.MutationFunction || !callback.IsAnalyzable || callback.Method is not { } method) continue;
            if (method.IsAsync || OperationHelpers.IsAwaitable(method.ReturnType)) continue;

            string? twin = null;
            var twinRead = false;
            foreach (var operation in callback.Operations)
            {
                var invocation = operation.Invocation;
                if (invocation.TargetMethod.ReturnsVoid || !OperationHelpers.IsAwaitable(invocation.TargetMethod.ReturnType)) continue;
                if (!OperationHelpers.IsDiscarded(invocation) || InAsyncFunction(invocation.Syntax)) continue;

                if (!twinRead)
                {
                    twin = model.TwinOf(callback);
                    if (twin is not null && model.Find(twin) is not null) twin = null;
                    twinRead = true;
                }

                var calleeText = invocation.Syntax is InvocationExpressionSyntax { Expression: { } expression } ? expression.ToString() : invocation.TargetMethod.Name;
                var properties = MutationRuleContext.Properties(
                    (DiagnosticPropertyNames.CallbackProperty, callback.Name),
                    (DiagnosticPropertyNames.CallbackForm, callback.Form.ToString()),
                    (DiagnosticPropertyNames.AsyncTwin, twin));
                context.Report(Diagnostic.Create(
                    DiagnosticDescriptors.OPT012_TaskDiscardedInSyncCallback,
                    invocation.Syntax.GetLocation(),
                    MutationRuleContext.Locations(callback.Value.Syntax),
                    properties,
                    calleeText,
                    callback.Name,
                    twin is null ? "an asynchronous callback" : twin));
            }
        }
    }

    /// <summary>Whether the innermost function around <paramref name="node"/> is <c>async</c> (a local function the callback calls).</summary>
    private static bool InAsyncFunction(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case AnonymousFunctionExpressionSyntax function:
                    return function.Modifiers.Any(SyntaxKind.AsyncKeyword);
                case LocalFunctionStatementSyntax local:
                    return local.Modifiers.Any(SyntaxKind.AsyncKeyword);
                case MethodDeclarationSyntax declaration:
                    return declaration.Modifiers.Any(SyntaxKind.AsyncKeyword);
            }
        }

        return false;
    }
}
