using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Optimistic.Query.Analyzers.Model;

namespace Optimistic.Query.CodeFixes.Common;

/// <summary>
/// The analyzers' own model of the mutation definition a fix edits, so that a fixer decides with the rules' key relations
/// (which cancel covers which key, say) instead of comparing text.
/// </summary>
internal static class DefinitionModels
{
    /// <summary>
    /// The model of the definition whose initializer holds <paramref name="member"/>, or of the <c>mutation_arguments</c> call
    /// it is an argument of (<see cref="ArgumentCallbacks"/>), or null.
    /// </summary>
    public static MutationModel? Of(SemanticModel model, AnalyzerOptions options, SyntaxNode member, CancellationToken cancellationToken)
    {
        if (member is ArgumentSyntax argument) return ArgumentCallbacks.Of(model, MutationAnalysisContext.Get(model.Compilation, options), argument, cancellationToken)?.Definition;
        if (member.Parent is not InitializerExpressionSyntax { Parent: ExpressionSyntax creationSyntax }) return null;
        if (MutationAnalysisContext.Get(model.Compilation, options) is not { } context) return null;
        var operation = model.GetOperation(creationSyntax, cancellationToken);
        return operation is IObjectCreationOperation or IWithOperation ? context.GetModel(operation, cancellationToken) : null;
    }

    /// <summary>The operation of <paramref name="callback"/> made by the call <paramref name="invocation"/>, if it recorded one.</summary>
    public static CacheOperation? OperationAt(MutationCallback callback, SyntaxNode invocation)
    {
        foreach (var operation in callback.Operations)
        {
            if (operation.Invocation.Syntax == invocation) return operation;
        }

        return null;
    }
}
