using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Optimistic.Query.Analyzers.Model;

namespace Optimistic.Query.Analyzers.Rules;

/// <summary>
/// OPT005: an optimistic mutation that creates or deletes. <c>Kind = MutationKind.Create/Delete</c> reports a warning at the
/// <c>Kind</c> property name (consistent with OPT002's property-name location). Without <c>Kind</c>, the names of the methods
/// <c>MutationFn</c> invokes (the method of a method group, else the outermost call of the lambda's returned value, else its
/// first outermost call; followed through a delegate parameter, field or local to the methods passed to it) are matched
/// against the configured verbs, and a match reports with effective severity Info at the <c>MutationFn</c> property name.
/// Else an optimistic write that adds a client-built element to the cached collection, or removes one
/// (<see cref="CollectionMembershipChange"/>), reports with effective severity Info at that write.
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

        var token = context.CancellationToken;
        if (model.MutationFunction is { } function)
        {
            // The verb lists once per definition, not per called method: reading an option is a look-up per tree and key.
            ImmutableArray<string>? createVerbs = null, deleteVerbs = null;
            foreach (var methodName in FindInvokedMethodNames(function, context.Shared, token))
            {
                var createVerb = VerbMatcher.Match(methodName, createVerbs ??= context.GetListOption(CreateVerbsOption) ?? VerbMatcher.DefaultCreateVerbs);
                var deleteVerb = createVerb is null ? VerbMatcher.Match(methodName, deleteVerbs ??= context.GetListOption(DeleteVerbsOption) ?? VerbMatcher.DefaultDeleteVerbs) : null;
                if (createVerb is null && deleteVerb is null) continue;
                Report(
                    context,
                    function.NameSyntax,
                    DiagnosticSeverity.Info,
                    createVerb is not null ? "Create" : "Delete",
                    "Verb",
                    createVerb ?? deleteVerb,
                    "it calls '" + methodName + "'");
                return;
            }
        }

        ReportMembershipChange(context, token);
    }

    /// <summary>
    /// The write form: an optimistic write that adds a client-built element to the cached collection (a create) or removes one
    /// (a delete), and no write of OnMutate does the other (a move or a replace is an update). Reported at the write when it is
    /// in the definition, else (a method-group OnMutate) at the OnMutate name, where the fix applies.
    /// </summary>
    private static void ReportMembershipChange(in MutationRuleContext context, CancellationToken token)
    {
        var model = context.Model;
        if (model.OnMutate is not { } onMutate) return;
        CacheOperation? addWrite = null;
        CacheOperation? removeWrite = null;
        IOperation? added = null;
        var addsAny = false;
        foreach (var write in onMutate.Operations)
        {
            if (!write.IsCacheWrite) continue;
            var change = CollectionMembershipChange.Of(model, write, token);
            addsAny |= change.AddsAny;
            if (change.Removes) removeWrite ??= write;
            if (change.ClientBuiltElement is { } element && addWrite is null)
            {
                addWrite = write;
                added = element;
            }
        }

        if (removeWrite is not null && addsAny) return;
        var flagged = addWrite ?? removeWrite;
        if (flagged is null) return;
        var syntax = flagged.Invocation.Syntax;
        var inDefinition = syntax.SyntaxTree == model.Creation.Syntax.SyntaxTree && model.Creation.Syntax.Span.Contains(syntax.Span);
        var evidence = added is not null
            ? "its optimistic write adds '" + added.Syntax + "' to the cached collection"
            : "its optimistic write removes an element from the cached collection";
        Report(context, inDefinition ? syntax : onMutate.NameSyntax, DiagnosticSeverity.Info, added is not null ? "Create" : "Delete", "Write", verb: null, evidence);
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

    /// <summary>
    /// The names of the methods <c>MutationFn</c> invokes: the method of a method group; else the outermost call of the
    /// lambda's returned value, else its first outermost call; a delegate it invokes, or a delegate value set directly
    /// (<c>MutationFn = mutationFn</c>), is followed to the methods given to it (<see cref="MutationFunctionTargets"/>).
    /// </summary>
    private static List<string> FindInvokedMethodNames(MutationCallback function, MutationAnalysisContext shared, CancellationToken token)
    {
        if (function.Form is CallbackForm.MethodGroup or CallbackForm.LocalFunction
            || (function.Form == CallbackForm.Opaque && function.Method is { MethodKind: not MethodKind.AnonymousFunction }))
        {
            return function.Method is { } method ? new List<string> { method.Name } : new List<string>();
        }

        if (function.Form != CallbackForm.Lambda) return MutationFunctionTargets.InvokedMethodNames(function.Value, shared, token);

        IInvocationOperation? invoked = null;
        foreach (var returned in function.ReturnedValues)
        {
            if (MutationFunctionTargets.Outermost(returned) is { } invocation)
            {
                invoked = invocation;
                break;
            }
        }

        // Operations are in post-order (arguments first): climb from the first call to the top call of its statement.
        invoked ??= function.Operations.IsEmpty ? null : MutationFunctionTargets.Outermost(TopOfStatement(function.Operations[0].Invocation));
        if (invoked is null) return new List<string>();
        if (invoked.TargetMethod.MethodKind == MethodKind.DelegateInvoke && invoked.Instance is { } target)
        {
            return MutationFunctionTargets.InvokedMethodNames(target, shared, token);
        }

        return new List<string> { invoked.TargetMethod.Name };
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
