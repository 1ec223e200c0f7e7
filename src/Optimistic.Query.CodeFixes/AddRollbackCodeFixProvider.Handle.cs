using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Optimistic.Query.Analyzers.Model;
using Optimistic.Query.CodeFixes.Common;

namespace Optimistic.Query.CodeFixes;

/// <summary>
/// OPT002 through a rollback handle: OnMutate returns what its patch or layer call on the written key returned (a patch
/// result, a layer), found by role (<c>[QueryPatch]</c>/<c>[QueryLayer]</c> or the map's <c>patch</c>/<c>layer</c>), and the
/// error callback calls the handle's rollback (<c>Undo()</c>, the <c>[LayerRollback]</c>/<c>layer_rollback</c> method). Through
/// a context typed as the handle it is <c>context?.Undo();</c>; through an untyped one (<c>object?</c>) a type pattern,
/// <c>if (context is PatchResult&lt;Todo&gt; patch) patch.Undo();</c>.
/// </summary>
public sealed partial class AddRollbackCodeFixProvider
{
    /// <summary>
    /// The handle every return of OnMutate is (directly or through a local): the result of one patch (or layer) call on
    /// <paramref name="key"/>, of one type with a parameterless rollback; null otherwise.
    /// </summary>
    private static RollbackHandle? HandleOf(SemanticModel model, MutationAnalysisContext context, SyntaxNode onMutate, ExpressionSyntax key, CancellationToken cancellationToken)
    {
        RollbackHandle? found = null;
        foreach (var value in ReturnedExpressions(onMutate))
        {
            var call = value;
            if (call is IdentifierNameSyntax identifier
                && model.GetSymbolInfo(identifier, cancellationToken).Symbol is ILocalSymbol local
                && local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } initial } declarator
                && onMutate.Span.Contains(declarator.Span))
            {
                call = initial;
            }

            if (call is not InvocationExpressionSyntax invocation
                || model.GetOperation(invocation, cancellationToken) is not IInvocationOperation { Type: INamedTypeSymbol type } operation)
            {
                return null;
            }

            var role = context.GetRole(operation.TargetMethod);
            if (role.Kind is not (CacheOperationKind.Patch or CacheOperationKind.Layer) || !TakesKey(operation, role, key)) return null;
            var rollback = RollbackMethodOf(context, type, role.Kind);
            if (rollback is null) return null;
            var handle = new RollbackHandle(type, rollback, role.Kind == CacheOperationKind.Patch ? RollbackKind.Undo : RollbackKind.RemoveLayer);
            if (found is not null && (!SymbolEqualityComparer.Default.Equals(found.Type, type) || found.Kind != handle.Kind)) return null;
            found = handle;
        }

        return found;
    }

    private static bool TakesKey(IInvocationOperation call, MethodRole role, ExpressionSyntax key)
    {
        foreach (var argument in call.Arguments)
        {
            if (argument.Parameter?.Ordinal == role.KeyParameterOrdinal && argument.Value.Syntax is ExpressionSyntax value) return SyntaxFactory.AreEquivalent(value, key);
        }

        return false;
    }

    /// <summary>A patch result's <c>Undo()</c> (as the analyzer knows it), or a layer's parameterless removal by role.</summary>
    private static string? RollbackMethodOf(MutationAnalysisContext context, INamedTypeSymbol type, CacheOperationKind kind)
    {
        foreach (var member in type.GetMembers())
        {
            if (member is not IMethodSymbol { IsStatic: false, MethodKind: MethodKind.Ordinary, Parameters.Length: 0, DeclaredAccessibility: Accessibility.Public } method) continue;
            var isRollback = kind == CacheOperationKind.Patch
                ? context.IsUndoPatch(method)
                : context.GetRole(method).Kind == CacheOperationKind.RemoveLayer;
            if (isRollback) return method.Name;
        }

        return null;
    }

    /// <summary>
    /// The handle's rollback: through the context as typed (<c>context?.Undo();</c>), else through a type pattern
    /// (<c>if (context is PatchResult&lt;Todo&gt; patch) patch.Undo();</c>).
    /// </summary>
    private static string HandleCode(RollbackHandle handle, ITypeSymbol contextType, string contextName, System.Collections.Generic.ISet<string> taken, SemanticModel model, int position)
    {
        if (SymbolEqualityComparer.Default.Equals(contextType, handle.Type)) return $"{contextName}{(handle.Type.IsReferenceType ? "?." : ".")}{handle.Method}();";
        var name = Lambdas.UniqueName(handle.Kind == RollbackKind.Undo ? "patch" : "layer", taken);
        return $"if ({contextName} is {handle.Type.ToMinimalDisplayString(model, position)} {name}) {name}.{handle.Method}();";
    }

    /// <summary>
    /// The statement completing a new non-async lambda for an asynchronous-only error callback (<c>return Task.CompletedTask;</c>,
    /// <c>return default;</c> for a <c>ValueTask</c>); null when the delegate returns anything else (a <c>Task&lt;T&gt;</c>).
    /// An <c>async</c> lambda without <c>await</c> would be CS1998.
    /// </summary>
    private static string? CompletedTaskReturn(INamedTypeSymbol? delegateType, SemanticModel model, int position)
    {
        if (delegateType is not { DelegateInvokeMethod.ReturnType: INamedTypeSymbol returned }) return null;
        if (returned is not { Arity: 0, ContainingNamespace: { Name: "Tasks", ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } }) return null;
        return returned.Name switch
        {
            "Task" => $"return {returned.ToMinimalDisplayString(model, position)}.CompletedTask;",
            "ValueTask" => "return default;",
            _ => null,
        };
    }

    /// <summary>What OnMutate returned for the error callback to roll back: its type, the rollback method, patch or layer.</summary>
    private sealed class RollbackHandle
    {
        public RollbackHandle(INamedTypeSymbol type, string method, RollbackKind kind)
        {
            Type = type;
            Method = method;
            Kind = kind;
        }

        public INamedTypeSymbol Type { get; }

        public string Method { get; }

        public RollbackKind Kind { get; }
    }
}
