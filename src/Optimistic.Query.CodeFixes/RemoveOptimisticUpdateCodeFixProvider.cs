using System.Collections.Generic;
using System.Composition;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Optimistic.Query.Analyzers.Model;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Text;
using Optimistic.Query.CodeFixes.Common;

namespace Optimistic.Query.CodeFixes;

/// <summary>
/// OPT005: turns an optimistic create or delete into a pessimistic one. Removes the OnMutate (or OnMutateAsync) member and the
/// rollback statements of the error callbacks (those that use the context, or restore or patch the cache); an error callback
/// left empty is removed, one left with a single statement becomes expression-bodied (the toast stays). Keeps the OnSettled
/// invalidation, or adds <c>OnSettledAsync = (data, error, variables, context) =&gt; client.InvalidateQueriesAsync(K)</c> with
/// the key OnMutate wrote. The context type argument stays as it is.
/// K is written for OnSettledAsync as <see cref="OnMutateKey"/> does (locals of OnMutate replaced by their initializers where
/// evaluating them again gives the same key). No fix when K cannot be written outside OnMutate (a local read or awaited there,
/// OnMutate a delegate of unknown body, a name of K that means something else in the definition) and an invalidation is
/// needed, or when a settled callback without an invalidation is not a lambda of the definition (a settled lambda gets it as
/// OPT006's fix adds it: <see cref="InvalidateInOnSettledCodeFixProvider.Extend"/>).
/// A method-group or local-function OnMutate is read for K (<see cref="CallbackFunction"/>), and removed with the member when
/// the definitions fixed together held every reference to it.
/// On options copied with <c>with</c>, a member the copied options may set is set to <c>null</c> rather than removed (removing
/// it would bring the copied value back), and the copied settled callbacks must be known (<see cref="CopiedOptions"/>) when the
/// copy sets none itself.
/// A wrapper client's write and invalidation are found by their roles (<c>[QueryWrite]</c>/<c>[QueryPatch]</c>,
/// <c>[QueryInvalidate]</c>: a Task-returning method taking the key alone).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveOptimisticUpdateCodeFixProvider)), Shared]
public sealed partial class RemoveOptimisticUpdateCodeFixProvider : DocumentRewriteCodeFixProvider
{
    /// <summary>The equivalence key of the fix.</summary>
    public const string Key = "OPT005.RemoveOptimisticUpdate";

    private static readonly string[] s_rollbackMethods = { "SetQueryData", "UpdateQueryData", "Undo", "Rollback" };

    /// <summary>The fix of OPT005.</summary>
    public RemoveOptimisticUpdateCodeFixProvider()
        : base("OPT005", Key)
    {
    }

    private protected override FixPlan? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken) =>
        PlanArguments(root, model, diagnostic, cancellationToken) ?? PlanCore(root, model, diagnostic, null, cancellationToken);

    private protected override async System.Threading.Tasks.Task<FixPlan?> PlanAsync(Document document, SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (PlanArguments(root, model, diagnostic, cancellationToken) is { } onArguments) return onArguments; // callbacks as arguments

        // OnMutate written as a method group or local function: its body gives the key; the function goes too when nothing else uses it.
        CallbackFunction? function = null;
        IReadOnlyList<TextSpan>? references = null;
        if (FlaggedMember(root, diagnostic)?.Parent is InitializerExpressionSyntax initializer
            && (MutationSyntax.FindMember(initializer, "OnMutate") ?? MutationSyntax.FindMember(initializer, "OnMutateAsync")) is { Right: not AnonymousFunctionExpressionSyntax } onMutateMember)
        {
            function = await CallbackFunction.ResolveAsync(document, model, onMutateMember.Right, cancellationToken, forEdit: false).ConfigureAwait(false);
            if (function is not null && IsRemovable(function))
            {
                var found = await SymbolFinder.FindReferencesAsync(function.Symbol, document.Project.Solution, cancellationToken).ConfigureAwait(false);
                var locations = found.SelectMany(symbol => symbol.Locations).Select(location => location.Location).ToList();
                if (locations.All(location => location.SourceTree == root.SyntaxTree)) references = locations.Select(location => location.SourceSpan).ToList();
            }
        }

        var plan = PlanCore(root, model, diagnostic, function, cancellationToken);
        if (plan is not null && function is not null && references is not null && !function.Declaration.Ancestors().OfType<InitializerExpressionSyntax>().Any())
        {
            plan.RemovedFunction = function.Declaration;
            plan.FunctionReferences = references;
            plan.Reference = function.Reference.Span;
        }

        return plan;
    }

    /// <summary>A function the fix may delete once no callback names it: a local function, or a private method that is neither partial nor an interface implementation.</summary>
    private static bool IsRemovable(CallbackFunction function) =>
        function.Declaration switch
        {
            LocalFunctionStatementSyntax => true,
            MethodDeclarationSyntax method => function.Symbol is { MethodKind: MethodKind.Ordinary, DeclaredAccessibility: Accessibility.Private, IsPartialDefinition: false, PartialImplementationPart: null }
                                              && method.ExplicitInterfaceSpecifier is null && !method.Modifiers.Any(SyntaxKind.PartialKeyword),
            _ => false,
        };

    /// <summary>The member flagged, of the options or their `with` copy; else (a mutation function passed beside them) found through OnMutate, additional location 0.</summary>
    private static AssignmentExpressionSyntax? FlaggedMember(SyntaxNode root, Diagnostic diagnostic) =>
        MutationSyntax.EnclosingMember(DiagnosticSyntax.NodeAt(root, diagnostic.Location), includeWith: true)
        ?? MutationSyntax.EnclosingMember(DiagnosticSyntax.AdditionalNode(root, diagnostic, 0), includeWith: true);

    private static RemovalPlan? PlanCore(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CallbackFunction? function, CancellationToken cancellationToken)
    {
        var flagged = FlaggedMember(root, diagnostic);
        if (flagged?.Parent is not InitializerExpressionSyntax initializer) return null;
        var onMutateMember = MutationSyntax.FindMember(initializer, "OnMutate") ?? MutationSyntax.FindMember(initializer, "OnMutateAsync");
        if (onMutateMember is null) return null;

        // Options copied with `with`: what the copy already sets, where the source shows it (null: unknown).
        var isCopy = initializer.Parent is WithExpressionSyntax;
        var copied = initializer.Parent is WithExpressionSyntax with ? CopiedOptions.MembersOf(with.Expression, model, cancellationToken) : null;

        var settled = new[] { "OnSettled", "OnSettledAsync" }.Select(name => MutationSyntax.FindMember(initializer, name)?.Right).ToList();
        if (settled.All(value => value is null) && isCopy)
        {
            // The copy's settled callbacks stay: they must be known, and invalidate, or be absent (then one is added).
            if (copied is null) return null;
            settled = new[] { "OnSettled", "OnSettledAsync" }.Select(name => copied.TryGetValue(name, out var value) ? value : null).ToList();
            if (new[] { "OnSettled", "OnSettledAsync" }.Any(name => copied.ContainsKey(name) && copied[name] is null)) return null;
        }

        settled.RemoveAll(value => value is null);
        string? settledCode = null;
        AssignmentExpressionSyntax? mergedSettled = null;
        AssignmentExpressionSyntax? newSettled = null;
        // The analyzer's word first: a settled invalidation by role, or by the library itself (a mapped InvalidateKeys property).
        var invalidatesOnSettled = diagnostic.Properties.TryGetValue(Optimistic.Query.Analyzers.DiagnosticPropertyNames.HasSettledInvalidation, out var known) && known == "true";
        if (!invalidatesOnSettled && !settled.Any(value => Invalidates(value!)))
        {
            if (settled.Count == 0)
            {
                settledCode = SettledInvalidation(model, initializer, onMutateMember, function, cancellationToken);
                if (settledCode is null) return null;
            }
            else
            {
                // The definition's own settled lambda gets the invalidation, as OPT006's fix adds it (async OnSettledAsync, awaited).
                var own = new[] { "OnSettled", "OnSettledAsync" }.Select(name => MutationSyntax.FindMember(initializer, name)).OfType<AssignmentExpressionSyntax>().ToList();
                if (own.Count != 1 || MutationSyntax.LambdaOf(own[0]) is not { } settledLambda) return null;
                if (!MutationSyntax.HasProperty(MutationSyntax.OptionsType(model, initializer, cancellationToken), "OnSettledAsync")) return null;
                if (SettledInvalidation(model, initializer, onMutateMember, function, cancellationToken, into: settledLambda) is not { } invalidation) return null;
                if (InvalidateInOnSettledCodeFixProvider.Extend(settledLambda, own[0], "await " + invalidation + ";", model, Layout.Of(root), cancellationToken) is not { } extended) return null;
                var settledName = MutationSyntax.MemberName(own[0]);
                var cleared = settledName == "OnSettledAsync" ? null : TwinClearing.NameToClear(initializer, settledName, model, cancellationToken);
                mergedSettled = own[0];
                newSettled = TwinClearing.Mark(MutationSyntax.WithMemberName(own[0], "OnSettledAsync").WithRight(extended), cleared);
            }
        }

        IReadOnlyCollection<string>? setByCopy = !isCopy ? System.Array.Empty<string>() : copied?.Keys.ToList();
        return new RemovalPlan("Remove the optimistic update and invalidate in OnSettled", initializer, settledCode, setByCopy) { Settled = mergedSettled, NewSettled = newSettled };
    }

    private static bool Invalidates(ExpressionSyntax callback) =>
        callback.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>().Any(invocation =>
            invocation.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "InvalidateQueriesAsync" or "InvalidateTagsAsync" });

    /// <summary>
    /// The new <c>OnSettledAsync</c> member's text, from the first write of OnMutate; with <paramref name="into"/> (a settled lambda
    /// of the definition), the invalidation call to add to it, in its own names. Null when it cannot be written.
    /// </summary>
    private static string? SettledInvalidation(SemanticModel model, InitializerExpressionSyntax initializer, AssignmentExpressionSyntax onMutateMember, CallbackFunction? function, CancellationToken cancellationToken, AnonymousFunctionExpressionSyntax? into = null)
    {
        var lambda = MutationSyntax.LambdaOf(onMutateMember);
        SyntaxNode? onMutate = function?.Declaration ?? lambda;
        if (onMutate is null) return null;

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

        var parameter = function is not null ? function.Parameters.FirstOrDefault() : Lambdas.Parameters(lambda!).FirstOrDefault();
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

        var names = new List<string>();
        string variablesName;
        if (into is null)
        {
            var taken = new HashSet<string>(model.LookupSymbols(initializer.SpanStart)
                .Where(symbol => symbol.Kind is SymbolKind.Local or SymbolKind.Parameter or SymbolKind.RangeVariable)
                .Select(symbol => symbol.Name));
            taken.UnionWith(Lambdas.IdentifiersIn(probe));
            taken.UnionWith(Lambdas.IdentifiersIn(receiver));
            var preferred = parameter is { Identifier.ValueText: { } name } && name != "_" ? name : "variables";
            taken.Remove(preferred);
            foreach (var wanted in new[] { "data", "error", preferred, "context" }) names.Add(Lambdas.ClaimName(wanted, taken));
            variablesName = names[2];
        }
        else
        {
            // The settled lambda's own variables parameter (second to last); no name of the key may be one it declares.
            var parameters = Lambdas.Parameters(into);
            if (parameters.Count < 2) return null;
            variablesName = parameters[parameters.Count - 2].Identifier.ValueText;
            if (variablesName == "_") return null;
            names.Add(variablesName);
        }

        if (OnMutateKey.Rewrite(key, model, onMutate, parameterSymbol, variablesName, cancellationToken) is not { } rewritten) return null;
        var invalidation = $"{MutationSyntax.ReceiverText(receiver)}.{invalidate}({rewritten.WithoutTrivia().ToFullString()})";
        if (into is not null)
        {
            var declared = new HashSet<string>(Lambdas.DeclaredNamesIn(into));
            if (Lambdas.IdentifiersIn(SyntaxFactory.ParseExpression(invalidation)).Any(used => used != variablesName && declared.Contains(used))) return null;
        }

        // Written from a method's body into the definition: its names must mean the same there (a field, not a parameter of the factory).
        if (function is not null && !NameBinding.MeansTheSame(model, invalidation, write.SpanStart, initializer.SpanStart, names)) return null;
        return into is not null ? invalidation : $"OnSettledAsync = ({string.Join(", ", names)}) => {invalidation}";
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
        var byArguments = plans.OfType<ArgumentRemovalPlan>().GroupBy(plan => plan.List).ToDictionary(group => group.Key, group => group.First());
        // A function goes when the definitions fixed here held every reference to it (a local function left unused would be CS8321).
        var functions = byInitializer.Values.Where(plan => plan.RemovedFunction is not null).GroupBy(plan => plan.RemovedFunction!)
            .Where(group => group.First().FunctionReferences!.All(reference => group.Any(plan => plan.Reference == reference)))
            .Select(group => group.Key).ToList();
        if (functions.Count == 0)
        {
            return TwinClearing.Apply(root.ReplaceNodes(byInitializer.Keys.Cast<SyntaxNode>().Concat(byArguments.Keys), (original, _) => original is ArgumentListSyntax list
                ? RewriteArguments(list, byArguments[list])
                : Rewrite((InitializerExpressionSyntax)original, byInitializer[(InitializerExpressionSyntax)original], layout)), layout);
        }

        // The functions are outside every initializer (checked when planning): tracked through the initializers' rewrite, then removed.
        var tracked = root.TrackNodes(byInitializer.Keys.Cast<SyntaxNode>().Concat(byArguments.Keys).Concat(functions));
        var planOf = byInitializer.ToDictionary(pair => (SyntaxNode)tracked.GetCurrentNode(pair.Key)!, pair => pair.Value);
        var argumentsOf = byArguments.ToDictionary(pair => (SyntaxNode)tracked.GetCurrentNode(pair.Key)!, pair => pair.Value);
        var result = tracked.ReplaceNodes(planOf.Keys.Concat(argumentsOf.Keys), (original, _) => original is ArgumentListSyntax list
            ? RewriteArguments(list, argumentsOf[original])
            : Rewrite((InitializerExpressionSyntax)original, planOf[original], layout));
        foreach (var function in functions)
        {
            if (result.GetCurrentNode(function) is { } current) result = result.RemoveNode(current, SyntaxRemoveOptions.KeepNoTrivia) ?? result;
        }

        return TwinClearing.Apply(result, layout);
    }

    private static InitializerExpressionSyntax Rewrite(InitializerExpressionSyntax initializer, RemovalPlan plan, Layout layout)
    {
        // The insertion reads the original layout, so it goes first; members are then found again by name.
        var result = plan.SettledCode is null
            ? initializer
            : MutationSyntax.InsertMember(initializer, after: null, SyntaxFactory.ParseExpression(plan.SettledCode), layout);
        if (plan.Settled is not null && MutationSyntax.FindMember(result, MutationSyntax.MemberName(plan.Settled)) is { } settled) result = result.ReplaceNode(settled, plan.NewSettled!);

        foreach (var name in new[] { "OnError", "OnErrorAsync" })
        {
            if (MutationSyntax.FindMember(result, name) is not { } member || MutationSyntax.LambdaOf(member) is not { } lambda) continue;
            var kept = WithoutRollback(lambda);
            result = kept is null ? Unset(result, member, plan) : result.ReplaceNode(member, member.WithRight(kept));
        }

        foreach (var name in new[] { "OnMutate", "OnMutateAsync" })
        {
            if (MutationSyntax.FindMember(result, name) is { } member) result = Unset(result, member, plan);
        }

        return result;
    }

    /// <summary>
    /// Removes the member, unless the options are a copy that may set it (removing it would bring the copied value back):
    /// there it is set to <c>null</c>.
    /// </summary>
    private static InitializerExpressionSyntax Unset(InitializerExpressionSyntax initializer, AssignmentExpressionSyntax member, RemovalPlan plan)
    {
        if (plan.SetByCopy is { } known && !known.Contains(MutationSyntax.MemberName(member))) return MutationSyntax.RemoveMember(initializer, member);
        var nullValue = SyntaxFactory.LiteralExpression(SyntaxKind.NullLiteralExpression).WithTriviaFrom(member.Right);
        return initializer.ReplaceNode(member, member.WithRight(nullValue));
    }

    /// <summary>
    /// The error callback without its rollback statements; null when nothing else is left. The context is the third of three
    /// parameters, or the one at <paramref name="contextIndex"/> (found by type in a mapped library's delegate).
    /// </summary>
    private static AnonymousFunctionExpressionSyntax? WithoutRollback(AnonymousFunctionExpressionSyntax lambda, int contextIndex = -1)
    {
        var parameters = Lambdas.Parameters(lambda);
        var contextName = contextIndex >= 0 && contextIndex < parameters.Count ? parameters[contextIndex].Identifier.ValueText
            : parameters.Count == 3 ? parameters[2].Identifier.ValueText : null;
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
        public RemovalPlan(string title, InitializerExpressionSyntax initializer, string? settledCode, IReadOnlyCollection<string>? setByCopy)
            : base(title)
        {
            Initializer = initializer;
            SettledCode = settledCode;
            SetByCopy = setByCopy;
        }

        public InitializerExpressionSyntax Initializer { get; }

        /// <summary>The OnSettledAsync member to add; null when an invalidation is already there.</summary>
        public string? SettledCode { get; }

        /// <summary>The members the copied options set (none for a creation); null when the options are a copy of unknown options.</summary>
        public IReadOnlyCollection<string>? SetByCopy { get; }

        /// <summary>The definition's settled member that gets the invalidation (replaced by <see cref="NewSettled"/>); else null.</summary>
        public AssignmentExpressionSyntax? Settled { get; set; }

        public AssignmentExpressionSyntax? NewSettled { get; set; }

        /// <summary>The method or local function OnMutate names, removed when the definitions fixed together hold all its references; else null.</summary>
        public SyntaxNode? RemovedFunction { get; set; }

        /// <summary>Every reference to <see cref="RemovedFunction"/> (all in this document).</summary>
        public IReadOnlyList<TextSpan>? FunctionReferences { get; set; }

        /// <summary>This definition's reference to <see cref="RemovedFunction"/>.</summary>
        public TextSpan Reference { get; set; }
    }
}
