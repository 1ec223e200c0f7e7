using System.Collections.Generic;
using System.Composition;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Optimistic.Query.Analyzers.Model;
using Optimistic.Query.CodeFixes.Common;

namespace Optimistic.Query.CodeFixes;

/// <summary>
/// OPT005: turns an optimistic create or delete into a pessimistic one. Removes the OnMutate (or OnMutateAsync) member and the
/// rollback statements of the error callbacks (those that use the context, or restore or patch the cache); an error callback
/// left empty is removed, one left with a single statement becomes expression-bodied (the toast stays). Keeps the OnSettled
/// invalidation, or adds <c>OnSettledAsync = (data, error, variables, context) =&gt; client.InvalidateQueriesAsync(K)</c> with
/// the key OnMutate wrote. The context type argument stays as it is.
/// K is written for OnSettledAsync as <see cref="OnMutateKey"/> does (locals of OnMutate replaced by their initializers where
/// evaluating them again gives the same key). A wrapper client's write and invalidation are found by their roles
/// (<c>[QueryWrite]</c>/<c>[QueryPatch]</c>, <c>[QueryInvalidate]</c>). No fix when K cannot be written outside OnMutate (a local read or awaited there,
/// or OnMutate is not a lambda) and an invalidation is needed, or when a settled callback exists without an invalidation (the fix would have to merge into it).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveOptimisticUpdateCodeFixProvider)), Shared]
public sealed class RemoveOptimisticUpdateCodeFixProvider : DocumentRewriteCodeFixProvider
{
    /// <summary>The equivalence key of the fix.</summary>
    public const string Key = "OPT005.RemoveOptimisticUpdate";

    private static readonly string[] s_rollbackMethods = { "SetQueryData", "UpdateQueryData", "Undo", "Rollback" };

    /// <summary>The fix of OPT005.</summary>
    public RemoveOptimisticUpdateCodeFixProvider()
        : base("OPT005", Key)
    {
    }

    private protected override FixPlan? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var flagged = MutationSyntax.EnclosingMember(DiagnosticSyntax.NodeAt(root, diagnostic.Location));
        if (flagged?.Parent is not InitializerExpressionSyntax initializer) return null;
        var onMutateMember = MutationSyntax.FindMember(initializer, "OnMutate") ?? MutationSyntax.FindMember(initializer, "OnMutateAsync");
        if (onMutateMember is null) return null;

        var settled = new[] { MutationSyntax.FindMember(initializer, "OnSettled"), MutationSyntax.FindMember(initializer, "OnSettledAsync") }.Where(member => member is not null).ToList();
        string? settledCode = null;
        if (!settled.Any(member => Invalidates(member!.Right)))
        {
            if (settled.Count > 0) return null;
            settledCode = SettledInvalidation(model, initializer, onMutateMember, cancellationToken);
            if (settledCode is null) return null;
        }

        return new RemovalPlan("Remove the optimistic update and invalidate in OnSettled", initializer, settledCode);
    }

    private static bool Invalidates(ExpressionSyntax callback) =>
        callback.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>().Any(invocation =>
            invocation.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "InvalidateQueriesAsync" or "InvalidateTagsAsync" });

    /// <summary>The new <c>OnSettledAsync</c> member's text, from the first write of OnMutate; null when it cannot be written.</summary>
    private static string? SettledInvalidation(SemanticModel model, InitializerExpressionSyntax initializer, AssignmentExpressionSyntax onMutateMember, CancellationToken cancellationToken)
    {
        if (MutationSyntax.LambdaOf(onMutateMember) is not { } onMutate) return null;

        // The first write: Optimistic.Query's, or a wrapper client's by its role ([QueryWrite], [QueryPatch]) with its key argument.
        var roles = MutationAnalysisContext.Existing(model.Compilation);
        InvocationExpressionSyntax? write = null;
        ExpressionSyntax? key = null;
        foreach (var invocation in onMutate.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (invocation.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: var called } || invocation.ArgumentList.Arguments.Count == 0) continue;
            var ordinal = called is "SetQueryData" or "UpdateQueryData" ? 0 : -1;
            if (ordinal < 0 && roles is not null && model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol method
                && roles.GetRole(method.ReducedFrom ?? method) is { Kind: CacheOperationKind.Write or CacheOperationKind.Patch } role)
            {
                ordinal = role.KeyParameterOrdinal - (method.ReducedFrom is null ? 0 : 1);
            }

            if (ordinal < 0 || ordinal >= invocation.ArgumentList.Arguments.Count || invocation.ArgumentList.Arguments[ordinal].NameColon is not null) continue;
            write = invocation;
            key = invocation.ArgumentList.Arguments[ordinal].Expression;
            break;
        }

        if (write?.Expression is not MemberAccessExpressionSyntax { Expression: { } receiver } || key is null) return null;
        if (model.GetTypeInfo(receiver, cancellationToken).Type is not { } receiverType || InvalidateMethod(model, roles, write.SpanStart, receiverType) is not { } invalidate) return null;

        var parameter = Lambdas.Parameters(onMutate).FirstOrDefault();
        var parameterSymbol = parameter is null ? null : model.GetDeclaredSymbol(parameter, cancellationToken);
        foreach (var identifier in receiver.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
        {
            if (model.GetSymbolInfo(identifier, cancellationToken).Symbol is ILocalSymbol local
                && local.DeclaringSyntaxReferences.Any(reference => reference.SyntaxTree == onMutate.SyntaxTree && onMutate.Span.Contains(reference.Span)))
            {
                return null;
            }
        }

        // The key as OnMutate's names would write it (locals of OnMutate replaced by their initializers), to pick free names.
        if (OnMutateKey.Rewrite(key, model, onMutate, parameterSymbol, parameterSymbol?.Name ?? string.Empty, cancellationToken) is not { } probe) return null;

        if (!MutationSyntax.HasProperty(MutationSyntax.OptionsType(model, initializer, cancellationToken), "OnSettledAsync")) return null;

        var taken = new HashSet<string>(model.LookupSymbols(initializer.SpanStart)
            .Where(symbol => symbol.Kind is SymbolKind.Local or SymbolKind.Parameter or SymbolKind.RangeVariable)
            .Select(symbol => symbol.Name));
        taken.UnionWith(Lambdas.IdentifiersIn(probe));
        taken.UnionWith(Lambdas.IdentifiersIn(receiver));
        var preferred = parameter is { Identifier.ValueText: { } name } && name != "_" ? name : "variables";
        taken.Remove(preferred);
        var names = new List<string>();
        foreach (var wanted in new[] { "data", "error", preferred, "context" })
        {
            var unique = Lambdas.UniqueName(wanted, taken);
            taken.Add(unique);
            names.Add(unique);
        }

        if (OnMutateKey.Rewrite(key, model, onMutate, parameterSymbol, names[2], cancellationToken) is not { } rewritten) return null;
        key = rewritten;
        return $"OnSettledAsync = ({string.Join(", ", names)}) => {MutationSyntax.ReceiverText(receiver)}.{invalidate}({key.WithoutTrivia().ToFullString()})";
    }

    /// <summary>
    /// The name of the invalidation to call on the receiver: <c>InvalidateQueriesAsync</c>, else a wrapper client's
    /// <c>[QueryInvalidate]</c> method found by its role that returns a <c>Task</c> and takes the key first and alone
    /// (<see cref="CacheCallTemplate"/>); null when there is none.
    /// </summary>
    private static string? InvalidateMethod(SemanticModel model, MutationAnalysisContext? roles, int position, ITypeSymbol receiverType)
    {
        if (model.LookupSymbols(position, receiverType, "InvalidateQueriesAsync", includeReducedExtensionMethods: true).OfType<IMethodSymbol>().Any()) return "InvalidateQueriesAsync";
        if (roles is null || CacheCallTemplate.Find(roles, receiverType, CacheOperationKind.Invalidate) is not { KeyOrdinal: 0, FilterType: null } template) return null;
        return template.Method.ReturnType is INamedTypeSymbol { Name: "Task", Arity: 0, ContainingNamespace: { Name: "Tasks", ContainingNamespace: { Name: "Threading", ContainingNamespace.Name: "System" } } }
            ? template.Method.Name
            : null;
    }

    private protected override SyntaxNode? Apply(SyntaxNode root, SemanticModel model, IReadOnlyList<FixPlan> plans, CancellationToken cancellationToken)
    {
        var layout = Layout.Of(root);
        var byInitializer = plans.OfType<RemovalPlan>().GroupBy(plan => plan.Initializer).ToDictionary(group => group.Key, group => group.First());
        return root.ReplaceNodes(byInitializer.Keys, (original, _) => Rewrite(original, byInitializer[original], layout));
    }

    private static InitializerExpressionSyntax Rewrite(InitializerExpressionSyntax initializer, RemovalPlan plan, Layout layout)
    {
        // The insertion reads the original layout, so it goes first; members are then found again by name.
        var result = plan.SettledCode is null
            ? initializer
            : MutationSyntax.InsertMember(initializer, after: null, SyntaxFactory.ParseExpression(plan.SettledCode), layout);

        foreach (var name in new[] { "OnError", "OnErrorAsync" })
        {
            if (MutationSyntax.FindMember(result, name) is not { } member || MutationSyntax.LambdaOf(member) is not { } lambda) continue;
            var kept = WithoutRollback(lambda);
            result = kept is null ? MutationSyntax.RemoveMember(result, member) : result.ReplaceNode(member, member.WithRight(kept));
        }

        foreach (var name in new[] { "OnMutate", "OnMutateAsync" })
        {
            if (MutationSyntax.FindMember(result, name) is { } member) result = MutationSyntax.RemoveMember(result, member);
        }

        return result;
    }

    /// <summary>The error callback without its rollback statements; null when nothing else is left.</summary>
    private static AnonymousFunctionExpressionSyntax? WithoutRollback(AnonymousFunctionExpressionSyntax lambda)
    {
        var parameters = Lambdas.Parameters(lambda);
        var contextName = parameters.Count == 3 ? parameters[2].Identifier.ValueText : null;
        if (lambda.ExpressionBody is { } body) return IsRollback(body, contextName) ? null : lambda;
        if (lambda.Block is not { } block) return lambda;

        var remaining = block.Statements.Where(statement => !IsRollback(statement, contextName)).ToList();
        if (remaining.Count == block.Statements.Count) return lambda;
        if (remaining.Count == 0) return null;
        if (remaining.Count == 1 && remaining[0] is ExpressionStatementSyntax { Expression: { } only } && only is not AwaitExpressionSyntax && !Lambdas.IsAsync(lambda)
            && !block.DescendantTrivia().Any(trivia => trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia)))
        {
            return Lambdas.WithExpressionBody(lambda, only);
        }

        return lambda.WithBlock(block.WithStatements(SyntaxFactory.List(remaining)));
    }

    private static bool IsRollback(SyntaxNode node, string? contextName) =>
        node.DescendantNodesAndSelf().Any(descendant =>
            (contextName is not null && contextName != "_" && descendant is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == contextName)
            || (descendant is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: { } method } } && s_rollbackMethods.Contains(method))
            || (descendant is InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax { Name.Identifier.ValueText: { } bound } } && s_rollbackMethods.Contains(bound)));

    private sealed class RemovalPlan : FixPlan
    {
        public RemovalPlan(string title, InitializerExpressionSyntax initializer, string? settledCode)
            : base(title)
        {
            Initializer = initializer;
            SettledCode = settledCode;
        }

        public InitializerExpressionSyntax Initializer { get; }

        /// <summary>The OnSettledAsync member to add; null when an invalidation is already there.</summary>
        public string? SettledCode { get; }
    }
}
