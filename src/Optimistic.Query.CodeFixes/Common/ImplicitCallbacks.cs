using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Optimistic.Query.Analyzers;
using Optimistic.Query.Analyzers.Model;

namespace Optimistic.Query.CodeFixes.Common;

/// <summary>
/// The wrappers' built-in callbacks (<see cref="MutationCallback.IsImplicit"/>: synthesized from the <c>[MutationInvalidates]</c>
/// of the wrapper method a definition is passed to). They are not written in the definition, so no fix may edit them.
/// </summary>
internal static class ImplicitCallbacks
{
    /// <summary>The diagnostic properties that name a callback of the definition.</summary>
    private static readonly string[] s_callbackNameProperties =
    {
        DiagnosticPropertyNames.CallbackProperty,
        DiagnosticPropertyNames.InvalidatedIn,
        DiagnosticPropertyNames.SettledCallbackProperty,
        DiagnosticPropertyNames.ErrorCallbackProperty,
    };

    /// <summary>
    /// Whether the diagnostic is about an implicit callback of the definition it belongs to: its location is in the wrapper
    /// call outside the definition (the wrapper method's name, its key argument), or one of its properties names the callback.
    /// Decided by the analyzers' own model of the definition, so that fixes and rules agree on what is implicit.
    /// </summary>
    public static bool AreTargetedBy(Diagnostic diagnostic, SyntaxNode root, SemanticModel model, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        if (DiagnosticSyntax.NodeAt(root, diagnostic.Location) is not { } node) return false;
        if (MutationAnalysisContext.Get(model.Compilation, options) is not { } context) return false;

        // A wrapper call holds the definition as an argument, and the diagnostic is at or inside that call.
        foreach (var call in node.AncestorsAndSelf())
        {
            if (call is not InvocationExpressionSyntax invocation) continue;
            foreach (var argument in invocation.ArgumentList.Arguments)
            {
                if (Definition(model, context, argument.Expression, cancellationToken) is not { } definition) continue;
                foreach (var callback in definition.Callbacks)
                {
                    if (!callback.IsImplicit) continue;
                    if (callback.AssignmentSyntax.Span.Contains(node.Span) && !definition.Creation.Syntax.Span.Contains(node.Span)) return true;
                    if (NamesCallback(diagnostic, callback.Name)) return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The names of the built-in callbacks of the definition whose initializer is <paramref name="initializer"/> (empty when
    /// it is not passed to a wrapper), for a fixer that adds its own member beside them and must treat them as absent.
    /// </summary>
    public static System.Collections.Generic.HashSet<string> NamesOf(InitializerExpressionSyntax initializer, SemanticModel model, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var names = new System.Collections.Generic.HashSet<string>(System.StringComparer.Ordinal);
        if (initializer.Parent is not ExpressionSyntax creation || MutationAnalysisContext.Get(model.Compilation, options) is not { } context) return names;
        if (Definition(model, context, creation, cancellationToken) is not { } definition) return names;
        foreach (var callback in definition.Callbacks)
        {
            if (callback.IsImplicit) names.Add(callback.Name);
        }

        return names;
    }

    /// <summary>The model of the mutation definition <paramref name="expression"/> creates (through conversions), if it is one.</summary>
    private static MutationModel? Definition(SemanticModel model, MutationAnalysisContext context, ExpressionSyntax expression, CancellationToken cancellationToken)
    {
        var operation = model.GetOperation(expression, cancellationToken);
        while (operation is IConversionOperation conversion) operation = conversion.Operand;
        return operation is IObjectCreationOperation or IWithOperation ? context.GetModel(operation, cancellationToken) : null;
    }

    private static bool NamesCallback(Diagnostic diagnostic, string name)
    {
        foreach (var property in s_callbackNameProperties)
        {
            if (diagnostic.Properties.TryGetValue(property, out var value) && value == name) return true;
        }

        return false;
    }
}
