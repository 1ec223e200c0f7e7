using System.Collections.Generic;
using System.Composition;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
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
/// </summary>
/// <remarks>
/// No fix for: method groups and local functions, an <c>OnMutateAsync</c> lambda that is not <c>async</c> (its returns would
/// need unwrapping), an <c>OnMutate</c> in an initializer that also sets <c>OnMutateAsync</c>, a receiver without a cancel
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

    private protected override FixPlan? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (DiagnosticSyntax.NodeAt(root, diagnostic.Location) is not { } node) return null;
        var access = node as InvocationExpressionSyntax ?? node.FirstAncestorOrSelf<InvocationExpressionSyntax>();
        if (access?.Expression is not MemberAccessExpressionSyntax { Expression: { } receiver }) return null;

        var member = MutationSyntax.EnclosingMember(access);
        if (member is null || MutationSyntax.LambdaOf(member) is not { } lambda) return null;
        if (access.FirstAncestorOrSelf<AnonymousFunctionExpressionSyntax>() != lambda) return null;
        // The OnMutate the analyzer flagged, sync or async by its delegate type (a library's single Task-returning OnMutate
        // is async), and the cancel method of the receiver's type by role: the attributes' or the third-party map's.
        var name = MutationSyntax.MemberName(member);
        if (!diagnostic.Properties.TryGetValue(DiagnosticPropertyNames.CallbackProperty, out var flagged) || flagged != name) return null;
        if (MutationAnalysisContext.Existing(model.Compilation) is not { } context) return null;
        if (model.GetTypeInfo(receiver, cancellationToken).Type is not { } receiverType
            || CacheCallTemplate.Find(context, receiverType, CacheOperationKind.Cancel) is not { } cancel)
        {
            return null;
        }

        var isSync = diagnostic.Properties.TryGetValue(DiagnosticPropertyNames.IsSyncCallback, out var sync) && sync == "true";
        if (isSync == Lambdas.IsAsync(lambda)) return null;
        string? asyncTwin = null;
        if (isSync && cancel.IsAwaitable)
        {
            // An awaited cancel needs the asynchronous twin (a synchronous cancel is inserted as it is, the callback kept).
            var initializer = (InitializerExpressionSyntax)member.Parent!;
            asyncTwin = context.GetOptionsType(MutationSyntax.OptionsType(model, initializer, cancellationToken))?.TwinOf(name!, CallbackPhase.Mutate);
            if (asyncTwin is null || MutationSyntax.FindMember(initializer, asyncTwin) is not null) return null;
        }

        var key = KeyOf(root, diagnostic, access);
        if (key is null) return null;

        // Locals of the callback the key (or receiver) uses: the cancel must follow their declarations.
        StatementSyntax? anchor = null;
        var dependencies = LocalsOfCallback(model, lambda, key, cancellationToken).Concat(LocalsOfCallback(model, lambda, receiver, cancellationToken)).ToList();
        if (dependencies.Count > 0)
        {
            if (lambda.Block is not { } block) return null;
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
        var awaited = cancel.IsAwaitable ? "Await " : "Call ";
        var verb = diagnostic.Properties.TryGetValue("AccessKind", out var kind) && kind is not null
            ? kind switch
            {
                "Write" => "writing",
                "Patch" => "patching",
                _ => "reading",
            }
            : "reading";
        return new CancelPlan($"{awaited}{cancel.Method.Name}({keyText}) before {verb} the cache", member, lambda, asyncTwin, code, anchor);
    }

    /// <summary>The flagged access's key expression: the analyzer's first additional location, else the first argument.</summary>
    private static ExpressionSyntax? KeyOf(SyntaxNode root, Diagnostic diagnostic, InvocationExpressionSyntax access)
    {
        var node = DiagnosticSyntax.AdditionalNode(root, diagnostic, 0);
        if (node is ArgumentSyntax argument) node = argument.Expression;
        if (node is ExpressionSyntax expression && access.ArgumentList.Span.Contains(expression.Span)) return expression;
        return access.ArgumentList.Arguments.Count > 0 ? access.ArgumentList.Arguments[0].Expression : null;
    }

    private static IEnumerable<ILocalSymbol> LocalsOfCallback(SemanticModel model, AnonymousFunctionExpressionSyntax lambda, ExpressionSyntax expression, CancellationToken cancellationToken)
    {
        foreach (var identifier in expression.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
        {
            if (model.GetSymbolInfo(identifier, cancellationToken).Symbol is ILocalSymbol local
                && local.DeclaringSyntaxReferences.FirstOrDefault() is { } reference
                && reference.SyntaxTree == lambda.SyntaxTree
                && lambda.Body.Span.Contains(reference.Span))
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
        var byMember = plans.OfType<CancelPlan>().GroupBy(plan => plan.Member).ToDictionary(group => group.Key, group => group.ToList());
        return root.ReplaceNodes(byMember.Keys, (original, _) => Rewrite(original, byMember[original], layout));
    }

    private static AssignmentExpressionSyntax Rewrite(AssignmentExpressionSyntax member, List<CancelPlan> plans, Layout layout)
    {
        var first = plans[0];
        var lambda = first.Lambda;

        // One cancel per key: the same statement text is written once, and never again when the callback has it already.
        var seen = new HashSet<string>(lambda.Block?.Statements.Take(LeadingCancels(lambda.Block)).Select(Normalize) ?? Enumerable.Empty<string>());
        var top = new List<string>();
        var anchored = new Dictionary<StatementSyntax, List<string>>();
        foreach (var plan in plans)
        {
            if (!seen.Add(Normalize(SyntaxFactory.ParseStatement(plan.Code)))) continue;
            if (plan.Anchor is null)
            {
                top.Add(plan.Code);
            }
            else
            {
                if (!anchored.TryGetValue(plan.Anchor, out var list)) anchored[plan.Anchor] = list = new List<string>();
                list.Add(plan.Code);
            }
        }

        AnonymousFunctionExpressionSyntax rewritten;
        if (lambda.Block is { } block)
        {
            var inline = Layout.OnOneLine(block.OpenBraceToken, block.CloseBraceToken);
            var indentation = Lambdas.StatementIndentation(block, Layout.IndentationOf(lambda.GetFirstToken()), layout);
            var statements = new List<StatementSyntax>();
            var topIndex = LeadingCancels(block);
            for (var i = 0; i <= block.Statements.Count; i++)
            {
                if (i == topIndex) statements.AddRange(top.Select(Create));
                if (i == block.Statements.Count) break;
                var statement = block.Statements[i];
                if (anchored.TryGetValue(statement, out var codes)) statements.AddRange(codes.Select(Create));
                statements.Add(statement);
            }

            var newBlock = block.WithStatements(SyntaxFactory.List(statements));
            if (inline && block.Statements.Count == 0 && block.OpenBraceToken.TrailingTrivia.Count == 0)
            {
                newBlock = newBlock.WithOpenBraceToken(newBlock.OpenBraceToken.WithTrailingTrivia(SyntaxFactory.Space));
            }

            rewritten = lambda.WithBlock(newBlock);

            StatementSyntax Create(string code)
            {
                var parsed = SyntaxFactory.ParseStatement(code);
                return inline
                    ? parsed.WithLeadingTrivia(SyntaxTriviaList.Empty).WithTrailingTrivia(SyntaxFactory.Space)
                    : parsed.WithLeadingTrivia(SyntaxFactory.Whitespace(indentation)).WithTrailingTrivia(layout.EndOfLineTrivia);
            }
        }
        else if (lambda.ExpressionBody is { } body)
        {
            rewritten = Lambdas.ExpressionToBlock(lambda, body, returnsValue: true, top, Enumerable.Empty<string>(), layout, Layout.IndentationOf(member.GetFirstToken()));
        }
        else
        {
            return member;
        }

        if (first.AsyncTwin is null) return member.WithRight(rewritten);
        return MutationSyntax.WithMemberName(member, first.AsyncTwin).WithRight(Lambdas.MakeAsync(rewritten));
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

    private static string Normalize(SyntaxNode node) => node.WithoutTrivia().NormalizeWhitespace().ToFullString();

    private sealed class CancelPlan : FixPlan
    {
        public CancelPlan(string title, AssignmentExpressionSyntax member, AnonymousFunctionExpressionSyntax lambda, string? asyncTwin, string code, StatementSyntax? anchor)
            : base(title)
        {
            Member = member;
            Lambda = lambda;
            AsyncTwin = asyncTwin;
            Code = code;
            Anchor = anchor;
        }

        public AssignmentExpressionSyntax Member { get; }

        public AnonymousFunctionExpressionSyntax Lambda { get; }

        /// <summary>The asynchronous twin the synchronous OnMutate becomes (an awaited cancel); null: the callback is kept.</summary>
        public string? AsyncTwin { get; }

        /// <summary>The statement to insert.</summary>
        public string Code { get; }

        /// <summary>The statement to insert before (the key uses locals of the callback); null: at the top.</summary>
        public StatementSyntax? Anchor { get; }
    }
}
