using System.Collections.Generic;
using System.Composition;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Optimistic.Query.Analyzers;
using Optimistic.Query.Analyzers.Model;
using Optimistic.Query.CodeFixes.Common;

namespace Optimistic.Query.CodeFixes;

/// <summary>
/// OPT001: inserts <c>await client.CancelQueriesAsync(K);</c> at the top of the OnMutate lambda (after the cancels already
/// there), with the receiver and key of the flagged access. A synchronous <c>OnMutate</c> becomes <c>OnMutateAsync</c> and its
/// lambda <c>async</c>; an expression body becomes a block that returns it. When the key is built from a local of the callback,
/// the cancel goes right before the statement of the access instead (the local's declaration must precede it).
/// FixAll adds one cancel per key and callback, however many diagnostics ask for it.
/// A cancel of the callback that covers the key (by the rules' key relation) but is not awaited (<c>_ = client.CancelQueriesAsync(K);</c>)
/// or comes after the access is reused rather than doubled: it is awaited where it stands when it already precedes the
/// access, else moved (with its comments) to where the new cancel would go, and awaited.
/// </summary>
/// <remarks>
/// A method group or local function (<c>OnMutate = Prepare</c>) gets the cancel in its own body, when it is a private method or
/// local function of this document used by this callback only (<see cref="CallbackFunction"/>); a synchronous one becomes
/// <c>async Task&lt;R&gt; PrepareAsync(…)</c> and the member <c>OnMutateAsync = PrepareAsync</c>. The same holds for the callback
/// argument of a mutation_arguments call (<c>onMutate: Prepare</c>), renamed to the twin's parameter (<c>onMutateAsync: PrepareAsync</c>).
/// In options copied with <c>with</c>, the renamed member is followed by <c>OnMutate = null</c> unless the copied options provably
/// do not set it (<see cref="TwinClearing"/>).
/// An access in a local function the OnMutate lambda calls (<c>var previous = Bump();</c>) gets its cancel in the lambda, at
/// the top as usual (so before the call), when the key and receiver use nothing of the local function's own.
/// No fix for: a method shared with other code, an <c>OnMutateAsync</c> lambda or method that is not <c>async</c> (its returns
/// would need unwrapping), an <c>OnMutate</c> in an initializer that also sets <c>OnMutateAsync</c>, a receiver without a cancel
/// method taking the key (found by role: <c>[QueryCancel]</c> or the third-party map; a mapped library gets its own method,
/// awaited only when it returns a task, its key in the mapped filter object, and a synchronous cancel keeps a synchronous
/// OnMutate), or a key built from locals the top of the callback cannot see.
/// </remarks>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InsertCancelCodeFixProvider)), Shared]
public sealed class InsertCancelCodeFixProvider : DocumentRewriteCodeFixProvider
{
    /// <summary>The equivalence key of the fix.</summary>
    public const string Key = "OPT001.InsertCancel";

    private const string CancelMethod = "CancelQueriesAsync";

    /// <summary>The fix of OPT001.</summary>
    public InsertCancelCodeFixProvider()
        : base("OPT001", Key)
    {
    }

    private protected override async System.Threading.Tasks.Task<FixPlan?> PlanAsync(Document document, SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        // A method group or local function: the callback's value (additional location 1) names it, an initializer member's
        // value or a callback argument's (UseMutation(mutationFn, onMutate: Prepare)).
        CallbackFunction? function = null;
        if (DiagnosticSyntax.AdditionalNode(root, diagnostic, 1) is ExpressionSyntax value and not AnonymousFunctionExpressionSyntax
            && (value.Parent is AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax, Right: var right } && right == value
                || value.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax }, Expression: var argumentValue } && argumentValue == value))
        {
            function = await CallbackFunction.ResolveAsync(document, model, value, cancellationToken).ConfigureAwait(false);
            if (function is null) return null;
        }

        return PlanCore(root, model, diagnostic, document.Project.AnalyzerOptions, function, cancellationToken);
    }

    private protected override FixPlan? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken) =>
        PlanCore(root, model, diagnostic, null, null, cancellationToken);

    private FixPlan? PlanCore(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, AnalyzerOptions? options, CallbackFunction? function, CancellationToken cancellationToken)
    {
        if (DiagnosticSyntax.NodeAt(root, diagnostic.Location) is not { } node) return null;
        var access = node as InvocationExpressionSyntax ?? node.FirstAncestorOrSelf<InvocationExpressionSyntax>();
        if (access?.Expression is not MemberAccessExpressionSyntax { Expression: { } receiver }) return null;

        if (MutationAnalysisContext.Existing(model.Compilation) is not { } context) return null;
        SyntaxNode? member;
        ArgumentCallbacks? arguments = null;
        CallbackBody body;
        if (function is null)
        {
            // The access is in the OnMutate lambda, or in a local function the lambda calls (the cancel then goes in the lambda,
            // before the call, when the key means the same there).
            var through = DiagnosticSyntax.AdditionalNode(root, diagnostic, 1) is AnonymousFunctionExpressionSyntax callbackLambda
                          && LocalFunctionCalledBy(model, callbackLambda, access, receiver, KeyOf(root, diagnostic, access), cancellationToken)
                ? callbackLambda
                : null;
            member = MutationSyntax.EnclosingMember((SyntaxNode?)through ?? access, includeWith: true);
            AnonymousFunctionExpressionSyntax? lambda;
            var argument = ArgumentCallbacks.EnclosingArgument((SyntaxNode?)through ?? access);
            arguments = ArgumentCallbacks.Of(model, context, argument, cancellationToken);
            if (arguments is null && member is AssignmentExpressionSyntax assignment)
            {
                lambda = MutationSyntax.LambdaOf(assignment);
            }
            else
            {
                // OnMutate as an argument of a mutation_arguments call (UseMutation(mutationFn, onMutate: …)).
                member = argument;
                lambda = argument?.Expression is AnonymousFunctionExpressionSyntax value && Lambdas.IsEditable(value) ? value : null;
            }

            if (member is null || lambda is null) return null;
            if (through is null ? access.FirstAncestorOrSelf<AnonymousFunctionExpressionSyntax>() != lambda : through != lambda) return null;
            body = new CallbackBody(lambda, lambda.Block, lambda.ExpressionBody, Lambdas.IsAsync(lambda), null);
        }
        else
        {
            // The callback's initializer member, or its argument of a mutation_arguments call.
            var holder = function.Reference.Parent is MemberAccessExpressionSyntax qualified && qualified.Name == function.Reference ? qualified.Parent : function.Reference.Parent;
            if (holder is ArgumentSyntax functionArgument)
            {
                arguments = ArgumentCallbacks.Of(model, context, functionArgument, cancellationToken);
                if (arguments is null) return null;
                member = functionArgument;
            }
            else
            {
                member = (AssignmentExpressionSyntax)function.Reference.FirstAncestorOrSelf<AssignmentExpressionSyntax>()!;
            }

            if (!function.Declaration.Span.Contains(access.Span) || access.Ancestors().TakeWhile(ancestor => ancestor != function.Declaration).Any(ancestor => ancestor is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)) return null;
            if (function.Symbol.ReturnsVoid) return null;
            body = new CallbackBody(function.Declaration, function.Block, function.ExpressionBody, function.IsAsync, function);
        }

        // The OnMutate the analyzer flagged, sync or async by its delegate type (a library's single Task-returning OnMutate
        // is async), and the cancel method of the receiver's type by role: the attributes' or the third-party map's.
        var name = member is ArgumentSyntax onMutateArgument ? arguments?.MemberOf(onMutateArgument) : MutationSyntax.MemberName((AssignmentExpressionSyntax)member);
        if (!diagnostic.Properties.TryGetValue(DiagnosticPropertyNames.CallbackProperty, out var flagged) || flagged != name) return null;
        if (model.GetTypeInfo(receiver, cancellationToken).Type is not { } receiverType
            || CacheCallTemplate.Find(context, receiverType, CacheOperationKind.Cancel) is not { } cancel)
        {
            return null;
        }

        var isSync = diagnostic.Properties.TryGetValue(DiagnosticPropertyNames.IsSyncCallback, out var sync) && sync == "true";
        if (isSync == body.IsAsync) return null;
        string? asyncTwin = null;
        string? clearedTwin = null;
        if (isSync && cancel.IsAwaitable && arguments is not null)
        {
            // An argument: renamed to the twin's parameter, when the method has one not given yet.
            if (arguments.Roles.TwinOf(name!, CallbackPhase.Mutate) is not { } twin || !arguments.CanAdd(twin) || ((ArgumentSyntax)member).NameColon is null) return null;
            asyncTwin = arguments.ParameterFor(twin)!.Name;
        }
        else if (isSync && cancel.IsAwaitable)
        {
            // An awaited cancel needs the asynchronous twin (a synchronous cancel is inserted as it is, the callback kept).
            var initializer = (InitializerExpressionSyntax)member.Parent!;
            asyncTwin = context.GetOptionsType(MutationSyntax.OptionsType(model, initializer, cancellationToken))?.TwinOf(name!, CallbackPhase.Mutate);
            if (asyncTwin is null || MutationSyntax.FindMember(initializer, asyncTwin) is not null) return null;

            // In options copied with `with`, the renamed member would let the copied OnMutate back (both twins set).
            clearedTwin = TwinClearing.NameToClear(initializer, name!, model, cancellationToken);
        }

        var key = KeyOf(root, diagnostic, access);
        if (key is null) return null;

        // A cancel already there that covers the key but is not awaited, or comes too late: reuse it (an awaitable one only).
        var existing = options is null || !cancel.IsAwaitable ? null : ExistingCancel(model, options, member, body.Block, access, cancellationToken);
        if (existing?.Call is IdentifierNameSyntax held && !DeclaredBefore(model, body.Block!, held, access, cancellationToken))
        {
            existing = null; // the task is started after the access: its await cannot move before it, a cancel is added
        }
        var cancelled = existing?.Call ?? (SyntaxNode)key;

        // Locals of the callback the key (or receiver) uses: the cancel must follow their declarations.
        StatementSyntax? anchor = null;
        var dependencies = LocalsOfCallback(model, body.Node, cancelled, cancellationToken).Concat(LocalsOfCallback(model, body.Node, receiver, cancellationToken)).ToList();
        if (dependencies.Count > 0)
        {
            if (body.Block is not { } block) return null;
            anchor = TopLevelStatement(block, access);
            if (anchor is null) return null;
            var anchorIndex = block.Statements.IndexOf(anchor);
            foreach (var local in dependencies)
            {
                var declaration = local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken);
                var declaringStatement = declaration is null ? null : TopLevelStatement(block, declaration);
                if (declaringStatement is null || declaringStatement is not LocalDeclarationStatementSyntax) return null;
                if (block.Statements.IndexOf(declaringStatement) >= anchorIndex) return null;
            }
        }

        var keyText = key.WithoutTrivia().ToFullString();
        var code = cancel.Statement(MutationSyntax.ReceiverText(receiver), keyText, model, access.SpanStart);
        if (existing is not null)
        {
            code = "await " + existing.Awaited.WithoutTrivia().ToFullString() + ";";
            var accessStatement = body.Block is { } statements ? TopLevelStatement(statements, access) : null;
            var inPlace = body.Block is { } statements2 && accessStatement is not null
                          && statements2.Statements.IndexOf(existing.Statement) < statements2.Statements.IndexOf(accessStatement);
            return new CancelPlan($"Await the existing {cancel.Method.Name} before {Verb(diagnostic)} the cache", member, body, asyncTwin, code, inPlace ? existing.Statement : anchor)
            {
                Existing = existing.Statement,
                InPlace = inPlace,
                ClearedTwin = clearedTwin,
            };
        }

        var verb = cancel.IsAwaitable ? "Await " : "Call ";
        return new CancelPlan($"{verb}{cancel.Method.Name}({keyText}) before {Verb(diagnostic)} the cache", member, body, asyncTwin, code, anchor) { ClearedTwin = clearedTwin };
    }

    /// <summary>
    /// Whether <paramref name="access"/> lies in a local function of the lambda's own member that the lambda calls (directly,
    /// or through other such local functions), outside the lambda, and its receiver and key use nothing declared in that
    /// local function, nor a local declared after the lambda: then they mean the same at the top of the lambda.
    /// </summary>
    private static bool LocalFunctionCalledBy(SemanticModel model, AnonymousFunctionExpressionSyntax lambda, InvocationExpressionSyntax access, ExpressionSyntax receiver, ExpressionSyntax? key, CancellationToken cancellationToken)
    {
        if (key is null || lambda.Span.Contains(access.Span)) return false;
        if (access.Ancestors().FirstOrDefault(node => node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or MemberDeclarationSyntax) is not LocalFunctionStatementSyntax holder) return false;
        var member = lambda.FirstAncestorOrSelf<MemberDeclarationSyntax>();
        if (member is null || holder.FirstAncestorOrSelf<MemberDeclarationSyntax>() != member) return false;
        if (model.GetDeclaredSymbol(holder, cancellationToken) is not IMethodSymbol target) return false;

        // The local functions the lambda reaches by calls, breadth first.
        var reached = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        var pending = new Queue<SyntaxNode>();
        pending.Enqueue(lambda);
        while (pending.Count > 0 && !reached.Contains(target))
        {
            foreach (var invocation in pending.Dequeue().DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol { MethodKind: MethodKind.LocalFunction } local || !reached.Add(local)) continue;
                if (local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is LocalFunctionStatementSyntax declaration) pending.Enqueue(declaration);
            }
        }

        if (!reached.Contains(target)) return false;
        foreach (var identifier in key.DescendantNodesAndSelf().Concat(receiver.DescendantNodesAndSelf()).OfType<IdentifierNameSyntax>())
        {
            var symbol = model.GetSymbolInfo(identifier, cancellationToken).Symbol;
            if (symbol is not (ILocalSymbol or IParameterSymbol or IRangeVariableSymbol)) continue;
            foreach (var reference in symbol.DeclaringSyntaxReferences)
            {
                if (reference.SyntaxTree != holder.SyntaxTree || holder.Span.Contains(reference.Span) || reference.Span.Start > lambda.SpanStart) return false;
            }
        }

        return true;
    }

    private static string Verb(Diagnostic diagnostic) =>
        diagnostic.Properties.TryGetValue("AccessKind", out var kind) && kind is not null
            ? kind switch
            {
                "Write" => "writing",
                "Patch" => "patching",
                _ => "reading",
            }
            : "reading";

    /// <summary>A cancel statement of the callback's block and the awaitable it should await.</summary>
    private sealed class ExistingCancelStatement
    {
        public ExistingCancelStatement(ExpressionStatementSyntax statement, ExpressionSyntax call, ExpressionSyntax awaited)
        {
            Statement = statement;
            Call = call;
            Awaited = awaited;
        }

        public ExpressionStatementSyntax Statement { get; }

        /// <summary>The cancel call, or the variable holding its task (the new cancel must follow the variable's declaration).</summary>
        public ExpressionSyntax Call { get; }

        /// <summary>The call, or the <c>call.ConfigureAwait(…)</c> an existing <c>await</c> awaits, or the variable holding it.</summary>
        public ExpressionSyntax Awaited { get; }
    }

    /// <summary>
    /// The first cancel of OnMutate whose key provably covers the access's (the rules' relation) and that does not count: not awaited, or
    /// awaited after the access. Only a statement of the callback's own block is reused (<c>client.CancelQueriesAsync(K);</c>,
    /// <c>_ = …;</c>, <c>await …;</c>), or the <c>await t;</c> of a task held in a local (<c>var t = client.CancelQueriesAsync(K);</c>)
    /// that nothing else uses (see <see cref="HeldCancel"/>).
    /// </summary>
    private static ExistingCancelStatement? ExistingCancel(SemanticModel model, AnalyzerOptions options, SyntaxNode member, BlockSyntax? block, InvocationExpressionSyntax access, CancellationToken cancellationToken)
    {
        if (block is null) return null;
        if (DefinitionModels.Of(model, options, member, cancellationToken)?.OnMutate is not { } onMutate) return null;
        if (DefinitionModels.OperationAt(onMutate, access) is not { Key: { } accessKey } accessOperation) return null;
        foreach (var cancel in onMutate.Operations)
        {
            if (cancel.Kind != CacheOperationKind.Cancel || (cancel.IsCompleted && cancel.Order < accessOperation.Order)) continue;
            // Proven to reach the key only (Same or Covers, fields and key builders seen through): an unknown key is not reused.
            if (!cancel.ReachesAnyKey && KeyRelations.RelateExpanded(cancel.Key, accessKey, cancellationToken) is not (KeyRelation.Same or KeyRelation.Covers)) continue;
            if (cancel.Invocation.Syntax is not InvocationExpressionSyntax call) continue;

            SyntaxNode outer = call;
            ExpressionSyntax awaited = call;
            if (outer.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Parent: InvocationExpressionSyntax configured })
            {
                outer = configured;
                awaited = configured;
            }

            if (outer.Parent is AwaitExpressionSyntax awaitExpression) outer = awaitExpression;
            else if (outer.Parent is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" } } discard && discard.Right == outer) outer = discard;
            if (outer.Parent is ExpressionStatementSyntax statement && statement.Parent == block) return new ExistingCancelStatement(statement, call, awaited);
            if (HeldCancel(model, block, outer, cancellationToken) is { } held) return held;
        }

        return null;
    }

    /// <summary>
    /// A cancel held in a local of the callback's block (<c>var t = client.CancelQueriesAsync(K);</c>) and awaited by one
    /// statement of that block (<c>await t;</c>): that statement is reused, moved before the access (the caller checks that the
    /// declaration precedes it). Not when the local is assigned again or used anywhere else (<c>Task.WhenAll(t, …)</c>, a lambda),
    /// nor when the await (<c>await t;</c> or <c>await t.ConfigureAwait(false);</c>) is nested in another statement: moving it
    /// would change what else waits.
    /// </summary>
    private static ExistingCancelStatement? HeldCancel(SemanticModel model, BlockSyntax block, SyntaxNode value, CancellationToken cancellationToken)
    {
        if (value.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
            || declarator.Parent is not VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax declaration }
            || declaration.Parent != block
            || model.GetDeclaredSymbol(declarator, cancellationToken) is not ILocalSymbol local)
        {
            return null;
        }

        var uses = block.DescendantNodes().OfType<IdentifierNameSyntax>()
            .Where(identifier => identifier.Identifier.ValueText == local.Name && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, local))
            .ToList();
        if (uses.Count != 1) return null;
        var use = uses[0];
        ExpressionSyntax awaited = use;
        if (use.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Parent: InvocationExpressionSyntax configured } access && access.Expression == use) awaited = configured;
        return awaited.Parent is AwaitExpressionSyntax { Parent: ExpressionStatementSyntax statement } && statement.Parent == block
            ? new ExistingCancelStatement(statement, use, awaited)
            : null;
    }

    /// <summary>Whether the local <paramref name="held"/> is declared by a statement of <paramref name="block"/> before the one holding <paramref name="access"/>.</summary>
    private static bool DeclaredBefore(SemanticModel model, BlockSyntax block, IdentifierNameSyntax held, SyntaxNode access, CancellationToken cancellationToken)
    {
        var declaration = model.GetSymbolInfo(held, cancellationToken).Symbol?.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken);
        var declaring = declaration is null ? null : TopLevelStatement(block, declaration);
        var accessStatement = TopLevelStatement(block, access);
        return declaring is not null && accessStatement is not null && block.Statements.IndexOf(declaring) < block.Statements.IndexOf(accessStatement);
    }

    /// <summary>The flagged access's key expression: the analyzer's first additional location, else the first argument.</summary>
    private static ExpressionSyntax? KeyOf(SyntaxNode root, Diagnostic diagnostic, InvocationExpressionSyntax access)
    {
        var node = DiagnosticSyntax.AdditionalNode(root, diagnostic, 0);
        if (node is ArgumentSyntax argument) node = argument.Expression;
        if (node is ExpressionSyntax expression && access.ArgumentList.Span.Contains(expression.Span)) return expression;
        return access.ArgumentList.Arguments.Count > 0 ? access.ArgumentList.Arguments[0].Expression : null;
    }

    private static IEnumerable<ILocalSymbol> LocalsOfCallback(SemanticModel model, SyntaxNode function, SyntaxNode expression, CancellationToken cancellationToken)
    {
        foreach (var identifier in expression.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
        {
            if (model.GetSymbolInfo(identifier, cancellationToken).Symbol is ILocalSymbol local
                && local.DeclaringSyntaxReferences.FirstOrDefault() is { } reference
                && reference.SyntaxTree == function.SyntaxTree
                && function.Span.Contains(reference.Span))
            {
                yield return local;
            }
        }
    }

    private static StatementSyntax? TopLevelStatement(BlockSyntax block, SyntaxNode node)
    {
        foreach (var statement in node.AncestorsAndSelf().OfType<StatementSyntax>())
        {
            if (statement.Parent == block) return statement;
        }

        return null;
    }

    private protected override SyntaxNode? Apply(SyntaxNode root, SemanticModel model, IReadOnlyList<FixPlan> plans, CancellationToken cancellationToken)
    {
        var layout = Layout.Of(root);
        var replacements = new Dictionary<SyntaxNode, SyntaxNode>();
        foreach (var group in plans.OfType<CancelPlan>().GroupBy(plan => plan.Member))
        {
            Rewrite(group.Key, group.ToList(), layout, model, replacements);
        }

        return TwinClearing.Apply(root.ReplaceNodes(replacements.Keys, (original, _) => replacements[original]), layout);
    }

    /// <summary>Adds the replacements of one callback: its member (renamed to the async twin if needed) and its function.</summary>
    private static void Rewrite(SyntaxNode member, List<CancelPlan> plans, Layout layout, SemanticModel model, Dictionary<SyntaxNode, SyntaxNode> replacements)
    {
        var first = plans[0];
        var body = first.Body;

        // One cancel per key: the same statement text is written once, and never again when the callback has it already.
        // An existing cancel that is reused is awaited in place, or removed where it stood and written where the new one goes.
        var seen = new HashSet<string>(body.Block?.Statements.Take(LeadingCancels(body.Block)).Select(Normalize) ?? Enumerable.Empty<string>());
        var top = new List<(string Code, StatementSyntax? Origin)>();
        var anchored = new Dictionary<StatementSyntax, List<(string Code, StatementSyntax? Origin)>>();
        var removed = new HashSet<StatementSyntax>();
        var inPlace = new Dictionary<StatementSyntax, string>();
        // A reused cancel goes where the earliest of its accesses needs it (a prefix cancel held in a local covers two keys).
        foreach (var plan in plans.OrderBy(plan => plan.Existing is null ? 1 : 0).ThenBy(plan => plan.Anchor?.SpanStart ?? -1))
        {
            if (plan.Existing is { } existing && (removed.Contains(existing) || inPlace.ContainsKey(existing))) continue;
            if (!seen.Add(Normalize(ParseStatement(plan.Code)))) continue;
            if (plan.InPlace)
            {
                inPlace[plan.Existing!] = plan.Code;
                continue;
            }

            if (plan.Existing is not null) removed.Add(plan.Existing);
            if (plan.Anchor is null)
            {
                top.Add((plan.Code, plan.Existing));
            }
            else
            {
                if (!anchored.TryGetValue(plan.Anchor, out var list)) anchored[plan.Anchor] = list = new List<(string, StatementSyntax?)>();
                list.Add((plan.Code, plan.Existing));
            }
        }

        BlockSyntax? newBlock = null;
        if (body.Block is { } block)
        {
            var inline = Layout.OnOneLine(block.OpenBraceToken, block.CloseBraceToken);
            var indentation = Lambdas.StatementIndentation(block, Layout.IndentationOf(body.Node.GetFirstToken()), layout);
            var statements = new List<StatementSyntax>();
            var topIndex = LeadingCancels(block);
            for (var i = 0; i <= block.Statements.Count; i++)
            {
                if (i == topIndex) statements.AddRange(top.Select(Create));
                if (i == block.Statements.Count) break;
                var statement = block.Statements[i];
                if (anchored.TryGetValue(statement, out var codes)) statements.AddRange(codes.Select(Create));
                if (removed.Contains(statement)) continue;
                statements.Add(inPlace.TryGetValue(statement, out var awaited) ? Create((awaited, statement)) : statement);
            }

            newBlock = block.WithStatements(SyntaxFactory.List(statements));
            if (inline && block.Statements.Count == 0 && block.OpenBraceToken.TrailingTrivia.Count == 0)
            {
                newBlock = newBlock.WithOpenBraceToken(newBlock.OpenBraceToken.WithTrailingTrivia(SyntaxFactory.Space));
            }

            StatementSyntax Create((string Code, StatementSyntax? Origin) entry)
            {
                var parsed = ParseStatement(entry.Code);

                // A reused cancel keeps its comments (its own line's trivia: it stays in the same block).
                if (entry.Origin is { } origin && (inline || Layout.StartsLine(origin.GetFirstToken()))) return parsed.WithTriviaFrom(origin);
                return inline
                    ? parsed.WithLeadingTrivia(SyntaxTriviaList.Empty).WithTrailingTrivia(SyntaxFactory.Space)
                    : parsed.WithLeadingTrivia(SyntaxFactory.Whitespace(indentation)).WithTrailingTrivia(layout.EndOfLineTrivia);
            }
        }
        else if (body.ExpressionBody is null)
        {
            return;
        }

        if (body.Node is AnonymousFunctionExpressionSyntax lambda)
        {
            var rewritten = newBlock is not null
                ? lambda.WithBlock(newBlock)
                : Lambdas.ExpressionToBlock(lambda, body.ExpressionBody!, returnsValue: true, top.Select(entry => entry.Code), Enumerable.Empty<string>(), layout, Layout.IndentationOf(member.GetFirstToken()));
            if (member is ArgumentSyntax argument)
            {
                // An argument: renamed to the twin's parameter (its name) when the cancel is awaited.
                replacements[member] = first.AsyncTwin is { } parameter
                    ? ArgumentCallbacks.Rename(argument, parameter).WithExpression(Lambdas.MakeAsync(rewritten))
                    : argument.WithExpression(rewritten);
                return;
            }

            var assignment = (AssignmentExpressionSyntax)member;
            replacements[member] = first.AsyncTwin is { } twin
                ? TwinClearing.Mark(MutationSyntax.WithMemberName(assignment, twin).WithRight(Lambdas.MakeAsync(rewritten)), first.ClearedTwin)
                : assignment.WithRight(rewritten);
            return;
        }

        // A method or local function: its body gets the cancel; a synchronous one becomes `async Task<R> NameAsync(…)`.
        var function = body.Function!;
        SyntaxNode declaration;
        if (newBlock is not null)
        {
            declaration = CallbackFunction.Edit(function.Declaration, method => method.WithBody(newBlock), local => local.WithBody(newBlock));
        }
        else
        {
            var indentation = Layout.IndentationOf(function.Declaration.GetFirstToken());
            var statements = top.Select(entry => SyntaxFactory.ParseStatement(entry.Code)).ToList();
            statements.Add(SyntaxFactory.ReturnStatement(body.ExpressionBody!.WithoutTrivia().WithLeadingTrivia(SyntaxFactory.Space)));
            declaration = CallbackFunction.WithBlock(function.Declaration, layout.Block(statements, indentation), layout.EndOfLineTrivia);
        }

        if (first.AsyncTwin is null)
        {
            replacements[function.Declaration] = declaration;
            replacements[member] = member;
            return;
        }

        var name = function.AsyncName(model);
        replacements[function.Declaration] = CallbackFunction.Retype(declaration, function.TaskTypeText(model, function.ReturnType), name, makeAsync: true);
        var reference = function.Reference.WithIdentifier(SyntaxFactory.Identifier(function.Reference.Identifier.LeadingTrivia, name, function.Reference.Identifier.TrailingTrivia));
        if (member is ArgumentSyntax functionArgument)
        {
            // An argument: renamed to the twin's parameter, naming the renamed function.
            var renamedValue = functionArgument.Expression == function.Reference ? reference : functionArgument.Expression.ReplaceNode(function.Reference, reference);
            replacements[member] = ArgumentCallbacks.Rename(functionArgument, first.AsyncTwin).WithExpression(renamedValue);
            return;
        }

        var functionMember = (AssignmentExpressionSyntax)member;
        replacements[member] = TwinClearing.Mark(MutationSyntax.WithMemberName(functionMember, first.AsyncTwin).WithRight(functionMember.Right.ReplaceNode(function.Reference, reference)), first.ClearedTwin);
    }

    /// <summary>How many statements at the top of the block are already awaited cancels (new cancels go after them).</summary>
    private static int LeadingCancels(BlockSyntax block)
    {
        var count = 0;
        foreach (var statement in block.Statements)
        {
            if (statement is not ExpressionStatementSyntax { Expression: AwaitExpressionSyntax { Expression: { } awaited } }) break;
            if (awaited is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Expression: { } inner } }) awaited = inner;
            if (awaited is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: CancelMethod } }) break;
            count++;
        }

        return count;
    }

    /// <summary>
    /// The statement of <paramref name="code"/>. Out of an async context the parser reads <c>await t;</c> as the declaration of a
    /// local <c>t</c> of type <c>await</c>: an awaited variable (a held cancel) is built as the await it is.
    /// </summary>
    private static StatementSyntax ParseStatement(string code)
    {
        var parsed = SyntaxFactory.ParseStatement(code);
        if (parsed is LocalDeclarationStatementSyntax { Declaration.Type: IdentifierNameSyntax { Identifier.ValueText: "await" } } && code.StartsWith("await ", System.StringComparison.Ordinal))
        {
            var awaited = SyntaxFactory.ParseExpression(code.Substring("await ".Length).TrimEnd().TrimEnd(';'));
            return SyntaxFactory.ExpressionStatement(SyntaxFactory.AwaitExpression(SyntaxFactory.Token(SyntaxKind.AwaitKeyword).WithTrailingTrivia(SyntaxFactory.Space), awaited));
        }

        return parsed;
    }

    private static string Normalize(SyntaxNode node) => node.WithoutTrivia().NormalizeWhitespace().ToFullString();

    private sealed class CancelPlan : FixPlan
    {
        public CancelPlan(string title, SyntaxNode member, CallbackBody body, string? asyncTwin, string code, StatementSyntax? anchor)
            : base(title)
        {
            Member = member;
            Body = body;
            AsyncTwin = asyncTwin;
            Code = code;
            Anchor = anchor;
        }

        /// <summary>The callback's initializer member (<c>OnMutate = …</c>) or argument (<c>onMutate: …</c>).</summary>
        public SyntaxNode Member { get; }

        public CallbackBody Body { get; }

        /// <summary>The asynchronous twin the synchronous OnMutate becomes (an awaited cancel); null: the callback is kept.</summary>
        public string? AsyncTwin { get; }

        /// <summary>The synchronous twin set to null beside <see cref="AsyncTwin"/> (options copied with <c>with</c> may set it; <see cref="TwinClearing"/>); else null.</summary>
        public string? ClearedTwin { get; set; }

        /// <summary>The statement to insert.</summary>
        public string Code { get; }

        /// <summary>The statement to insert before (the key uses locals of the callback); null: at the top.</summary>
        public StatementSyntax? Anchor { get; }

        /// <summary>The callback's own cancel statement that this plan awaits (in place) or moves, instead of adding one.</summary>
        public StatementSyntax? Existing { get; set; }

        /// <summary>Whether <see cref="Existing"/> is awaited where it stands (it already precedes the access).</summary>
        public bool InPlace { get; set; }
    }

    /// <summary>The function OnMutate runs: a lambda, or a method or local function (<see cref="Function"/>).</summary>
    private sealed class CallbackBody
    {
        public CallbackBody(SyntaxNode node, BlockSyntax? block, ExpressionSyntax? expressionBody, bool isAsync, CallbackFunction? function)
        {
            Node = node;
            Block = block;
            ExpressionBody = expressionBody;
            IsAsync = isAsync;
            Function = function;
        }

        /// <summary>The lambda, or the method or local function declaration.</summary>
        public SyntaxNode Node { get; }

        public BlockSyntax? Block { get; }

        public ExpressionSyntax? ExpressionBody { get; }

        public bool IsAsync { get; }

        public CallbackFunction? Function { get; }
    }
}
