using System.Collections.Generic;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Optimistic.Query.Analyzers;
using Optimistic.Query.Analyzers.Model;
using Optimistic.Query.CodeFixes.Common;

namespace Optimistic.Query.CodeFixes;

/// <summary>
/// OPT012: switches the synchronous callback to its <c>…Async</c> twin. An expression body returning a
/// <see cref="System.Threading.Tasks.Task"/> is kept; a block whose only statement is the discarded call returns it; otherwise
/// the body becomes <c>async</c> and every discarded awaitable call of it is awaited (so neither CS1998 nor CS4014).
/// <list type="bullet">
/// <item>A lambda is kept and rewritten so.</item>
/// <item>A method group or local function (<c>OnSuccess = Refresh</c>) is rewritten the same way in its declaration, which
/// returns <c>Task</c> and takes the <c>Async</c> suffix; only when it is a private method or a local function of this document
/// that nothing else references (see <see cref="CallbackFunction"/>). As a callback argument of a mutation_arguments call
/// (<c>onSuccess: Refresh</c>) it is renamed to the twin's parameter, when the twin's delegate takes the retyped method.</item>
/// <item>A discarded call inside a local function the callback calls (<c>Refresh(); void Refresh() { client.InvalidateQueriesAsync(k); }</c>):
/// the local function returns a <c>Task</c> the same way, and its calls in the callback are awaited (or returned); only
/// when the callback is its only user and calls it as a statement.</item>
/// </list>
/// One rewrite per callback, however many of its calls are reported. No fix for constructor arguments, a twin already set,
/// a discarded call inside <c>lock</c>, a method shared with other code, or a local function called from elsewhere or nested
/// two deep.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseAsyncTwinCodeFixProvider)), Shared]
public sealed class UseAsyncTwinCodeFixProvider : DocumentRewriteCodeFixProvider
{
    /// <summary>The equivalence key of the fix.</summary>
    public const string Key = "OPT012.UseAsyncTwin";

    private const string FixTitle = "Use the asynchronous callback and return or await the task";

    /// <summary>The fix of OPT012.</summary>
    public UseAsyncTwinCodeFixProvider()
        : base("OPT012", Key)
    {
    }

    /// <summary>Every node the fix of one callback replaces, original → replacement (computed against the original tree).</summary>
    private sealed class Target : FixPlan
    {
        public Target(Dictionary<SyntaxNode, SyntaxNode> replacements)
            : base(FixTitle)
        {
            Replacements = replacements;
        }

        public Dictionary<SyntaxNode, SyntaxNode> Replacements { get; }
    }

    private protected override FixPlan? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken) => null;

    private protected override async Task<FixPlan?> PlanAsync(Document document, SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (!diagnostic.Properties.TryGetValue(DiagnosticPropertyNames.AsyncTwin, out var twin) || twin is null) return null;
        if (DiagnosticSyntax.AdditionalNode(root, diagnostic, 0) is not ExpressionSyntax value) return null;
        if (DiagnosticSyntax.NodeAt(root, diagnostic.Location) is not { } reported) return null;
        var replacements = new Dictionary<SyntaxNode, SyntaxNode>();
        if (value.Parent is ArgumentSyntax { NameColon: not null } argument && argument.Expression == value)
        {
            // A callback argument of a mutation_arguments call: renamed to the twin's parameter, when the method has it.
            var arguments = ArgumentCallbacks.Of(model, MutationAnalysisContext.Existing(model.Compilation), argument, cancellationToken);
            if (arguments?.MemberOf(argument) is null || !arguments.CanAdd(twin)) return null;
            var twinParameter = arguments.ParameterFor(twin)!;
            if (value is AnonymousFunctionExpressionSyntax argumentLambda)
            {
                if (RewriteLambda(model, argumentLambda, reported, replacements, cancellationToken) is not { } rewrittenArgument) return null;
                replacements[argument] = ArgumentCallbacks.Rename(argument, twinParameter.Name).WithExpression(rewrittenArgument);
                return new Target(replacements);
            }

            // A method group or local function: rewritten as for an options member, when the twin's delegate takes it once it returns a Task.
            if (await CallbackFunction.ResolveAsync(document, model, value, cancellationToken).ConfigureAwait(false) is not { } argumentFunction
                || !FitsTwin(model, argumentFunction.Symbol, twinParameter.Type)
                || RewriteFunction(model, argumentFunction, reported, replacements, cancellationToken) is not { } renamedReference)
            {
                return null;
            }

            replacements[argument] = ArgumentCallbacks.Rename(argument, twinParameter.Name).WithExpression(value.ReplaceNode(argumentFunction.Reference, renamedReference));
            return new Target(replacements);
        }

        if (value.Parent is not AssignmentExpressionSyntax { Left: IdentifierNameSyntax, Parent: InitializerExpressionSyntax } assignment || assignment.Right != value) return null;
        if (value is AnonymousFunctionExpressionSyntax lambda)
        {
            if (RewriteLambda(model, lambda, reported, replacements, cancellationToken) is not { } rewritten) return null;
            replacements[assignment] = TwinClearing.Mark(MutationSyntax.WithMemberName(assignment, twin).WithRight(rewritten), TwinClearing.NameToClear((InitializerExpressionSyntax)assignment.Parent!, MutationSyntax.MemberName(assignment), model, cancellationToken));
        }
        else if (await CallbackFunction.ResolveAsync(document, model, value, cancellationToken).ConfigureAwait(false) is { } function)
        {
            if (RewriteFunction(model, function, reported, replacements, cancellationToken) is not { } reference) return null;
            replacements[assignment] = TwinClearing.Mark(MutationSyntax.WithMemberName(assignment, twin).WithRight(value.ReplaceNode(function.Reference, reference)), TwinClearing.NameToClear((InitializerExpressionSyntax)assignment.Parent!, MutationSyntax.MemberName(assignment), model, cancellationToken));
        }
        else
        {
            return null;
        }

        return new Target(replacements);
    }

    /// <summary>
    /// Adds the function's declaration returning a Task (awaiting or returning its dropped tasks, with the <c>Async</c> suffix) to
    /// <paramref name="replacements"/>, and returns the callback's reference renamed to it; null when that is not possible.
    /// </summary>
    private static SimpleNameSyntax? RewriteFunction(SemanticModel model, CallbackFunction function, SyntaxNode reported, Dictionary<SyntaxNode, SyntaxNode> replacements, CancellationToken cancellationToken)
    {
        if (function.IsAsync || !function.Symbol.ReturnsVoid) return null;
        var functionBody = (SyntaxNode?)function.Block ?? function.ExpressionBody;
        if (functionBody is null || LocalFunctionsCalledBy(model, functionBody, replacements, cancellationToken) is not { } promoted) return null;
        if (RewriteBody(model, function.Block, function.ExpressionBody, promoted.Keys, cancellationToken) is not { } body) return null;
        if (!Covers(body, promoted, reported)) return null;
        var name = function.AsyncName(model);
        SyntaxNode declaration = body.Block is { } block
            ? CallbackFunction.Edit(function.Declaration, method => method.WithBody(ReplaceInside(model, block, function.Block!, promoted)), local => local.WithBody(ReplaceInside(model, block, function.Block!, promoted)))
            : CallbackFunction.WithExpressionBody(function.Declaration, body.Expression!);
        replacements[function.Declaration] = CallbackFunction.Retype(declaration, function.TaskTypeText(model, null), name, body.MakeAsync);
        return function.Reference.WithIdentifier(SyntaxFactory.Identifier(function.Reference.Identifier.LeadingTrivia, name, function.Reference.Identifier.TrailingTrivia));
    }

    /// <summary>
    /// Whether the twin parameter's delegate (<paramref name="twinType"/>, as the call constructs it) takes <paramref name="method"/>
    /// once it returns a Task: as many parameters, each taking the delegate's argument (the same type, or a base type or interface
    /// of it, as a method group conversion allows), and a non-generic <c>Task</c> returned.
    /// </summary>
    private static bool FitsTwin(SemanticModel model, IMethodSymbol method, ITypeSymbol twinType)
    {
        if (twinType is not INamedTypeSymbol { DelegateInvokeMethod: { } invoke }) return false;
        var task = model.Compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        if (task is null || !SymbolEqualityComparer.Default.Equals(invoke.ReturnType, task) || invoke.Parameters.Length != method.Parameters.Length) return false;
        for (var i = 0; i < invoke.Parameters.Length; i++)
        {
            if (invoke.Parameters[i].RefKind != method.Parameters[i].RefKind) return false;
            var conversion = model.Compilation.ClassifyConversion(invoke.Parameters[i].Type, method.Parameters[i].Type);
            if (!conversion.IsIdentity && !(conversion.IsImplicit && conversion.IsReference)) return false;
        }

        return true;
    }

    /// <summary>The lambda returning or awaiting its dropped tasks (<c>async</c> when it awaits); null when that is not possible.</summary>
    private static AnonymousFunctionExpressionSyntax? RewriteLambda(SemanticModel model, AnonymousFunctionExpressionSyntax lambda, SyntaxNode reported, Dictionary<SyntaxNode, SyntaxNode> replacements, CancellationToken cancellationToken)
    {
        if (!Lambdas.IsEditable(lambda)) return null;
        if (LocalFunctionsCalledBy(model, lambda.Body, replacements, cancellationToken) is not { } promoted) return null;
        if (RewriteBody(model, lambda.Block, lambda.ExpressionBody, promoted.Keys, cancellationToken) is not { } body) return null;
        if (!Covers(body, promoted, reported)) return null;
        AnonymousFunctionExpressionSyntax rewritten = body.Block is { } block ? lambda.WithBlock(ReplaceInside(model, block, lambda.Block!, promoted)) : lambda.WithExpressionBody(body.Expression);
        return body.MakeAsync ? Lambdas.MakeAsync(rewritten) : rewritten;
    }

    private protected override SyntaxNode? Apply(SyntaxNode root, SemanticModel model, IReadOnlyList<FixPlan> plans, CancellationToken cancellationToken)
    {
        var replacements = new Dictionary<SyntaxNode, SyntaxNode>();
        foreach (Target target in plans)
        {
            foreach (var pair in target.Replacements) replacements[pair.Key] = pair.Value;
        }

        // Nested keys (never expected: each callback's nodes are disjoint) would be lost under their ancestor's replacement.
        var keys = replacements.Keys.Where(key => !key.Ancestors().Any(replacements.ContainsKey)).ToList();
        return TwinClearing.Apply(root.ReplaceNodes(keys, (original, _) => replacements[original]), Layout.Of(root));
    }

    /// <summary>What becomes of a body: a new block or expression, and whether the function must become <c>async</c>.</summary>
    private sealed class Body
    {
        public Body(BlockSyntax? block, ExpressionSyntax? expression, bool makeAsync, IReadOnlyList<SyntaxNode> handled)
        {
            Block = block;
            Expression = expression;
            MakeAsync = makeAsync;
            Handled = handled;
        }

        public BlockSyntax? Block { get; }

        public ExpressionSyntax? Expression { get; }

        public bool MakeAsync { get; }

        /// <summary>The original calls the rewrite returns or awaits.</summary>
        public IReadOnlyList<SyntaxNode> Handled { get; }
    }

    /// <summary>
    /// The body with its discarded awaitable calls returned (one Task call, alone) or awaited (the function then becomes async).
    /// Calls of <paramref name="promoted"/> local functions count as Task calls (they are about to return one). Null when
    /// nothing is discarded, or a discarded call sits in a <c>lock</c>.
    /// </summary>
    private static Body? RewriteBody(SemanticModel model, BlockSyntax? block, ExpressionSyntax? expression, ICollection<IMethodSymbol> promoted, CancellationToken cancellationToken)
    {
        if (expression is not null)
        {
            var call = expression is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" }, Right: { } right } ? right : expression;
            if (!IsAwaitable(model, call, promoted, cancellationToken)) return null;
            if (IsTask(model, call, promoted, cancellationToken)) return new Body(null, call.WithTriviaFrom(expression), makeAsync: false, new[] { call });
            var awaited = SyntaxFactory.AwaitExpression(SyntaxFactory.Token(SyntaxKind.AwaitKeyword).WithTrailingTrivia(SyntaxFactory.Space), call.WithoutTrivia()).WithTriviaFrom(expression);
            return new Body(null, awaited, makeAsync: true, new[] { call });
        }

        if (block is null) return null;
        var discarded = DiscardedStatements(block, model, promoted, cancellationToken);
        if (discarded.Count == 0) return null;
        if (discarded.Any(pair => pair.Statement.Ancestors().Any(a => a is LockStatementSyntax))) return null;
        var handled = discarded.Select(pair => (SyntaxNode)pair.Call).ToList();
        if (block.Statements.Count == 1 && discarded.Count == 1 && discarded[0].Statement == block.Statements[0] && IsTask(model, discarded[0].Call, promoted, cancellationToken))
        {
            var statement = block.Statements[0];
            var returned = SyntaxFactory.ParseStatement("return " + discarded[0].Call.WithoutTrivia().ToFullString() + ";").WithTriviaFrom(statement);
            return new Body(block.ReplaceNode(statement, returned), null, makeAsync: false, handled);
        }

        var calls = discarded.ToDictionary(pair => pair.Statement, pair => pair.Call);
        var newBlock = block.ReplaceNodes(
            calls.Keys,
            (original, _) => SyntaxFactory.ParseStatement("await " + calls[original].WithoutTrivia().ToFullString() + ";").WithTriviaFrom(original));
        return new Body(newBlock, null, makeAsync: true, handled);
    }

    /// <summary>Whether every reported call is one the rewrite handles (in the callback, or in a local function it promotes).</summary>
    private static bool Covers(Body body, Dictionary<IMethodSymbol, Promotion> promoted, SyntaxNode reported)
    {
        var handled = body.Handled.Concat(promoted.Values.SelectMany(promotion => promotion.Body.Handled));
        return handled.Any(call => call.Span.Contains(reported.Span) || reported.Span.Contains(call.Span));
    }

    /// <summary>A local function that is about to return a task: its declaration and its rewritten body.</summary>
    private sealed class Promotion
    {
        public Promotion(LocalFunctionStatementSyntax declaration, Body body)
        {
            Declaration = declaration;
            Body = body;
        }

        public LocalFunctionStatementSyntax Declaration { get; }

        public Body Body { get; }
    }

    /// <summary>
    /// The void local functions <paramref name="body"/> calls as statements (or as its expression) whose own body discards an
    /// awaitable: they become Task-returning. Null when one of them is also used anywhere else (or not as a plain call). The
    /// replacement of each declaration outside <paramref name="body"/> goes to <paramref name="replacements"/> (one inside it
    /// is replaced with the body, by <see cref="ReplaceInside"/>).
    /// </summary>
    private static Dictionary<IMethodSymbol, Promotion>? LocalFunctionsCalledBy(SemanticModel model, SyntaxNode body, Dictionary<SyntaxNode, SyntaxNode> replacements, CancellationToken cancellationToken)
    {
        var result = new Dictionary<IMethodSymbol, Promotion>(SymbolEqualityComparer.Default);
        foreach (var invocation in body.DescendantNodesAndSelf(node => node == body || node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<InvocationExpressionSyntax>())
        {
            if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol { MethodKind: MethodKind.LocalFunction, ReturnsVoid: true, IsAsync: false, IsGenericMethod: false } local) continue;
            if (result.ContainsKey(local)) continue;
            if (local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is not LocalFunctionStatementSyntax declaration) continue;
            var localBody = (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody?.Expression;
            if (localBody is null) continue;
            if (RewriteBody(model, declaration.Body, declaration.ExpressionBody?.Expression, System.Array.Empty<IMethodSymbol>(), cancellationToken) is not { } rewritten) continue;

            // Its only uses are calls, as statements or expression bodies, in this body.
            var scope = declaration.Parent;
            if (scope is null) return null;
            foreach (var identifier in scope.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (identifier.Identifier.ValueText != local.Name) continue;
                if (!SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, local)) continue;
                if (identifier.Parent is not InvocationExpressionSyntax call || call.Expression != identifier || !body.Span.Contains(call.Span)) return null;
                if (call.Parent is not (ExpressionStatementSyntax or ArrowExpressionClauseSyntax) && !(call.Parent is AnonymousFunctionExpressionSyntax function && function.ExpressionBody == call)) return null;
            }

            var promotion = new Promotion(declaration, rewritten);
            result[local] = promotion;
            if (!body.Span.Contains(declaration.Span)) replacements[declaration] = Promote(model, promotion);
        }

        return result;
    }

    /// <summary>The local function's declaration returning a task, its body rewritten.</summary>
    private static SyntaxNode Promote(SemanticModel model, Promotion promotion)
    {
        var declaration = promotion.Declaration;
        var body = promotion.Body;
        var edited = body.Block is { } block ? declaration.WithBody(block) : declaration.WithExpressionBody(declaration.ExpressionBody!.WithExpression(body.Expression!));
        var task = model.LookupNamespacesAndTypes(declaration.SpanStart, name: "Task").Any(symbol => symbol.ToDisplayString() == "System.Threading.Tasks.Task") ? "Task" : "System.Threading.Tasks.Task";
        return CallbackFunction.Retype(edited, task, declaration.Identifier.ValueText, body.MakeAsync);
    }

    /// <summary><paramref name="rewritten"/> (made from <paramref name="original"/>) with the promoted local functions declared inside it replaced too.</summary>
    private static BlockSyntax ReplaceInside(SemanticModel model, BlockSyntax rewritten, BlockSyntax original, Dictionary<IMethodSymbol, Promotion> promoted)
    {
        // The declarations are statements of nested blocks the body rewrite did not touch (it skips local functions), so their
        // original text is found in the rewritten block at the same relative position.
        var inside = promoted.Values.Where(promotion => original.Span.Contains(promotion.Declaration.Span)).ToList();
        if (inside.Count == 0) return rewritten;
        var map = new Dictionary<SyntaxNode, SyntaxNode>();
        foreach (var promotion in inside)
        {
            var match = rewritten.DescendantNodes().OfType<LocalFunctionStatementSyntax>()
                .FirstOrDefault(candidate => candidate.Identifier.ValueText == promotion.Declaration.Identifier.ValueText && candidate.IsEquivalentTo(promotion.Declaration));
            if (match is not null) map[match] = Promote(model, promotion).WithTriviaFrom(match);
        }

        return rewritten.ReplaceNodes(map.Keys, (node, _) => map[node]);
    }

    /// <summary>The statements of the block (not of nested functions) that throw an awaitable call away, with that call.</summary>
    private static List<(StatementSyntax Statement, ExpressionSyntax Call)> DiscardedStatements(BlockSyntax block, SemanticModel model, ICollection<IMethodSymbol> promoted, CancellationToken cancellationToken)
    {
        var result = new List<(StatementSyntax, ExpressionSyntax)>();
        foreach (var statement in block.DescendantNodes(node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<ExpressionStatementSyntax>())
        {
            var call = statement.Expression is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" } } discard
                && model.GetOperation(discard, cancellationToken) is ISimpleAssignmentOperation { Target: IDiscardOperation }
                    ? discard.Right
                    : statement.Expression;
            if (call is InvocationExpressionSyntax && IsAwaitable(model, call, promoted, cancellationToken)) result.Add((statement, call));
        }

        return result;
    }

    private static bool IsPromotedCall(SemanticModel model, ExpressionSyntax expression, ICollection<IMethodSymbol> promoted, CancellationToken cancellationToken) =>
        promoted.Count > 0
        && expression is InvocationExpressionSyntax
        && model.GetSymbolInfo(expression, cancellationToken).Symbol is IMethodSymbol method
        && promoted.Contains(method);

    private static bool IsAwaitable(SemanticModel model, ExpressionSyntax expression, ICollection<IMethodSymbol> promoted, CancellationToken cancellationToken)
    {
        if (IsPromotedCall(model, expression, promoted, cancellationToken)) return true;
        var type = model.GetTypeInfo(expression, cancellationToken).Type;
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.GetMembers("GetAwaiter").Any(member => member is IMethodSymbol { IsStatic: false, Parameters.Length: 0 })) return true;
        }

        return false;
    }

    /// <summary>Whether the expression is a <c>System.Threading.Tasks.Task</c> (or a type deriving from it), or a promoted call.</summary>
    private static bool IsTask(SemanticModel model, ExpressionSyntax expression, ICollection<IMethodSymbol> promoted, CancellationToken cancellationToken)
    {
        if (IsPromotedCall(model, expression, promoted, cancellationToken)) return true;
        for (var current = model.GetTypeInfo(expression, cancellationToken).Type; current is not null; current = current.BaseType)
        {
            if (current is { Name: "Task", ContainingNamespace: { Name: "Tasks", ContainingNamespace: { Name: "Threading", ContainingNamespace.Name: "System" } } }) return true;
        }

        return false;
    }
}
