using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Optimistic.Query.Analyzers.Model;

namespace Optimistic.Query.Analyzers.Rules;

/// <summary>
/// OPT004: a success toast (a <c>[ToastSuccess]</c> method, or a method listed in
/// <c>optimistic_query.OPT004.success_toast_methods</c>) called in OnSuccess or OnSettled (either twin) of an optimistic
/// mutation. Reported at the call. Error toasts are never flagged.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SuccessToastInOptimisticMutationAnalyzer : MutationRuleAnalyzer
{
    /// <summary>Extra success-toast methods: documentation-comment IDs (<c>M:NS.Type.Method(System.String)</c>) or full names (<c>NS.Type.Method</c>).</summary>
    internal const string SuccessToastMethodsOption = "optimistic_query.OPT004.success_toast_methods";

    private static readonly SymbolDisplayFormat s_fullNameFormat = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.None);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.OPT004_SuccessToastInOptimisticMutation);

    private protected override void Analyze(in MutationRuleContext context)
    {
        var model = context.Model;
        if (!model.IsOptimistic) return;

        ImmutableArray<string>? extraMethods = null;
        var optionRead = false;
        foreach (var callback in model.Callbacks)
        {
            if (callback.Phase is not (CallbackPhase.Success or CallbackPhase.Settled) || !callback.IsAnalyzable) continue;
            foreach (var operation in callback.Operations)
            {
                var isToast = operation.Kind == CacheOperationKind.ToastSuccess;
                if (!isToast && operation.Kind == CacheOperationKind.Other)
                {
                    if (!optionRead)
                    {
                        extraMethods = context.GetListOption(SuccessToastMethodsOption);
                        optionRead = true;
                    }

                    isToast = extraMethods is { IsEmpty: false } list && Matches(operation.Invocation.TargetMethod, list);
                }

                if (!isToast) continue;
                var invocation = operation.Invocation;
                var calleeText = invocation.Syntax is InvocationExpressionSyntax { Expression: { } expression } ? expression.ToString() : invocation.TargetMethod.Name;
                var properties = MutationRuleContext.Properties(
                    (DiagnosticPropertyNames.CallbackProperty, callback.Name),
                    (DiagnosticPropertyNames.IsOnlyStatement, MutationRuleContext.Bool(IsOnlyStatement(callback, invocation.Syntax))));
                context.Report(Diagnostic.Create(
                    DiagnosticDescriptors.OPT004_SuccessToastInOptimisticMutation,
                    invocation.Syntax.GetLocation(),
                    MutationRuleContext.Locations(callback.Value.Syntax),
                    properties,
                    calleeText,
                    callback.Name));
            }
        }
    }

    private static bool IsOnlyStatement(MutationCallback callback, SyntaxNode call)
    {
        var bodySyntax = callback.Body?.Syntax;
        if (bodySyntax == call) return true;
        return bodySyntax is BlockSyntax { Statements.Count: 1 } block
               && block.Statements[0] is ExpressionStatementSyntax { Expression: { } expression }
               && (expression == call || (expression is AwaitExpressionSyntax awaitExpression && awaitExpression.Expression == call));
    }

    private static bool Matches(IMethodSymbol method, ImmutableArray<string> entries)
    {
        method = (method.ReducedFrom ?? method).OriginalDefinition;
        string? documentationId = null;
        string? fullName = null;
        foreach (var entry in entries)
        {
            if (entry.StartsWith("M:", StringComparison.Ordinal))
            {
                documentationId ??= method.GetDocumentationCommentId() ?? string.Empty;
                if (string.Equals(entry, documentationId, StringComparison.Ordinal)) return true;
            }
            else
            {
                if (!entry.EndsWith(method.Name, StringComparison.Ordinal)) continue;
                fullName ??= method.ContainingType is null ? method.Name : method.ContainingType.ToDisplayString(s_fullNameFormat) + "." + method.Name;
                if (string.Equals(entry, fullName, StringComparison.Ordinal)) return true;
            }
        }

        return false;
    }
}
