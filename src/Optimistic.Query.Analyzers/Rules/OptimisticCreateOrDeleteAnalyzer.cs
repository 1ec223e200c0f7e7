using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Optimistic.Query.Analyzers.Model;

namespace Optimistic.Query.Analyzers.Rules;

/// <summary>
/// OPT005: an optimistic mutation that creates or deletes. <c>Kind = MutationKind.Create/Delete</c> reports a warning at the
/// <c>Kind</c> property name (consistent with OPT002's property-name location). Without <c>Kind</c>, the name of the method
/// <c>MutationFn</c> invokes (the method of a method group, else the outermost call of the lambda's returned value, else its
/// first outermost call) is matched against the configured verbs, and a match reports with effective severity Info at the
/// <c>MutationFn</c> property name.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OptimisticCreateOrDeleteAnalyzer : MutationRuleAnalyzer
{
    /// <summary>Verbs of creating methods (comma-separated; replaces the default Create, Add, Insert).</summary>
    internal const string CreateVerbsOption = "optimistic_query.OPT005.create_verbs";

    /// <summary>Verbs of deleting methods (comma-separated; replaces the default Delete, Remove, Destroy, Drop, Purge, Kick).</summary>
    internal const string DeleteVerbsOption = "optimistic_query.OPT005.delete_verbs";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.OPT005_OptimisticCreateOrDelete);

    private protected override void Analyze(in MutationRuleContext context)
    {
        var model = context.Model;
        if (!model.IsOptimistic) return;

        if (model.Kind is { } kindMember)
        {
            // An explicit Kind is authoritative: Update (or anything not provably Create/Delete) is never verb-checked.
            var kind = ReadKind(kindMember.Value);
            if (kind is null) return;
            Report(context, kindMember.NameSyntax, DiagnosticSeverity.Warning, kind, "Kind", verb: null, "'" + kindMember.AssignmentSyntax + "'");
            return;
        }

        if (model.MutationFunction is not { } function || FindInvokedMethodName(function) is not { } methodName) return;
        var createVerb = VerbMatcher.Match(methodName, context.GetListOption(CreateVerbsOption) ?? VerbMatcher.DefaultCreateVerbs);
        var deleteVerb = createVerb is null ? VerbMatcher.Match(methodName, context.GetListOption(DeleteVerbsOption) ?? VerbMatcher.DefaultDeleteVerbs) : null;
        if (createVerb is null && deleteVerb is null) return;
        Report(
            context,
            function.NameSyntax,
            DiagnosticSeverity.Info,
            createVerb is not null ? "Create" : "Delete",
            "Verb",
            createVerb ?? deleteVerb,
            "it calls '" + methodName + "'");
    }

    private static void Report(in MutationRuleContext context, SyntaxNode location, DiagnosticSeverity severity, string kind, string detectedBy, string? verb, string evidence)
    {
        var model = context.Model;
        var additional = new List<Location>();
        if (model.OnMutate is { } onMutate) additional.Add(onMutate.AssignmentSyntax.GetLocation());
        var hasSettledInvalidation = false;
        foreach (var callback in model.Callbacks)
        {
            if (callback.Phase == CallbackPhase.Error) additional.Add(callback.AssignmentSyntax.GetLocation());
            if (callback.Phase == CallbackPhase.Settled)
            {
                foreach (var operation in callback.Operations)
                {
                    hasSettledInvalidation |= operation.Kind == CacheOperationKind.Invalidate;
                }
            }
        }

        var properties = MutationRuleContext.Properties(
            (DiagnosticPropertyNames.MutationKind, kind),
            (DiagnosticPropertyNames.DetectedBy, detectedBy),
            (DiagnosticPropertyNames.Verb, verb),
            (DiagnosticPropertyNames.HasSettledInvalidation, MutationRuleContext.Bool(hasSettledInvalidation)));
        context.Report(Diagnostic.Create(
            DiagnosticDescriptors.OPT005_OptimisticCreateOrDelete,
            location.GetLocation(),
            severity,
            additional,
            properties,
            kind == "Create" ? "create" : "delete",
            evidence));
    }

    private static string? ReadKind(IOperation value)
    {
        var operation = OperationHelpers.SkipConversions(value);
        if (operation is IFieldReferenceOperation { Field: { ContainingType.TypeKind: TypeKind.Enum } field })
        {
            return field.Name is "Create" or "Delete" ? field.Name : null;
        }

        if (operation?.ConstantValue is { HasValue: true, Value: { } constant } && operation.Type is { TypeKind: TypeKind.Enum })
        {
            return constant switch
            {
                1 => "Create",
                2 => "Delete",
                _ => null,
            };
        }

        return null;
    }

    private static string? FindInvokedMethodName(MutationCallback function)
    {
        if (function.Form is CallbackForm.MethodGroup or CallbackForm.LocalFunction
            || (function.Form == CallbackForm.Opaque && function.Method is { MethodKind: not MethodKind.AnonymousFunction }))
        {
            return function.Method?.Name;
        }

        if (function.Form != CallbackForm.Lambda) return null;
        foreach (var returned in function.ReturnedValues)
        {
            if (Outermost(returned) is { } invocation) return invocation.TargetMethod.Name;
        }

        // Operations are in post-order (arguments first): climb from the first call to the top call of its statement.
        return function.Operations.IsEmpty ? null : Outermost(TopOfStatement(function.Operations[0].Invocation))?.TargetMethod.Name;
    }

    /// <summary>The outermost call of <paramref name="operation"/>, seen through await, conversions and <c>ConfigureAwait</c>.</summary>
    private static IInvocationOperation? Outermost(IOperation? operation)
    {
        operation = OperationHelpers.SkipConversions(operation);
        if (operation is IAwaitOperation awaitOperation) operation = OperationHelpers.SkipConversions(awaitOperation.Operation);
        if (operation is not IInvocationOperation invocation) return null;
        while (invocation.TargetMethod.Name == "ConfigureAwait" && OperationHelpers.SkipConversions(invocation.Instance) is IInvocationOperation inner)
        {
            invocation = inner;
        }

        return invocation;
    }

    private static IInvocationOperation TopOfStatement(IInvocationOperation invocation)
    {
        var top = invocation;
        for (var parent = invocation.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IExpressionStatementOperation or IReturnOperation or IVariableDeclaratorOperation or IBlockOperation or IAnonymousFunctionOperation)
            {
                break;
            }

            if (parent is IInvocationOperation call) top = call;
        }

        return top;
    }
}
