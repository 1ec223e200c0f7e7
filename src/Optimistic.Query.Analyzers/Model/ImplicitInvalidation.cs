using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Optimistic.Query.Analyzers.Model;

/// <summary>
/// A wrapper method's built-in invalidation (<c>[MutationInvalidates(phase)]</c> or
/// <c>optimistic_query.api.mutation_invalidates.*</c>): its phase and the wrapper's key parameter (-1: reaches every key).
/// </summary>
internal readonly struct ImplicitInvalidation
{
    public ImplicitInvalidation(CallbackPhase phase, int keyParameterOrdinal)
    {
        Phase = phase;
        KeyParameterOrdinal = keyParameterOrdinal;
    }

    public CallbackPhase Phase { get; }

    public int KeyParameterOrdinal { get; }

    /// <summary>
    /// The implicit callbacks of a mutation definition passed directly (through conversions only) as an argument of a wrapper
    /// method with built-in invalidations: one <see cref="CallbackForm.Implicit"/> callback per phase, named after the wrapper
    /// method, whose only operation is an Invalidate of the wrapper's key argument (or of every key when it has none).
    /// </summary>
    public static void AddImplicitCallbacks(
        MutationAnalysisContext context,
        IOperation creation,
        ImmutableArray<MutationCallback>.Builder callbacks)
    {
        IOperation current = creation;
        var parent = current.Parent;
        while (parent is IConversionOperation)
        {
            current = parent;
            parent = parent.Parent;
        }

        if (parent is not IArgumentOperation { Parent: IInvocationOperation wrapper }) return;
        var invalidations = context.GetMutationInvalidations(wrapper.TargetMethod);
        if (invalidations.IsEmpty) return;

        var nameSyntax = wrapper.Syntax is InvocationExpressionSyntax { Expression: { } expression }
            ? expression is MemberAccessExpressionSyntax memberAccess ? memberAccess.Name : expression
            : wrapper.Syntax;
        foreach (var invalidation in invalidations)
        {
            IOperation? key = null;
            if (invalidation.KeyParameterOrdinal >= 0)
            {
                foreach (var argument in wrapper.Arguments)
                {
                    if (argument.Parameter?.Ordinal == invalidation.KeyParameterOrdinal && argument.ArgumentKind != ArgumentKind.DefaultValue)
                    {
                        key = argument.Value;
                        break;
                    }
                }

                // A key parameter without a usable argument (mid-edit): no implicit invalidation rather than an unknown one.
                if (key is null || OperationHelpers.SkipConversions(key) is null or IInvalidOperation) continue;
            }

            var operation = new CacheOperation(CacheOperationKind.Invalidate, wrapper, key, isCompleted: true, order: 0);
            callbacks.Add(new MutationCallback(
                wrapper.TargetMethod.Name,
                nameSyntax,
                wrapper.Syntax,
                wrapper,
                invalidation.Phase,
                CallbackForm.Implicit,
                method: null,
                body: null,
                ImmutableArray.Create(operation),
                ImmutableArray<IOperation>.Empty,
                ImmutableArray<ISimpleAssignmentOperation>.Empty));
        }
    }
}
