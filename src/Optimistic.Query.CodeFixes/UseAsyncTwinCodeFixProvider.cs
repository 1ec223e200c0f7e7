using System.Collections.Generic;
using System.Composition;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Optimistic.Query.Analyzers;
using Optimistic.Query.CodeFixes.Common;

namespace Optimistic.Query.CodeFixes;

/// <summary>
/// OPT012: switches the synchronous callback to its <c>…Async</c> twin and keeps the lambda. An expression body returning a
/// <see cref="System.Threading.Tasks.Task"/> is kept; a block whose only statement is the discarded call returns it; otherwise
/// the lambda becomes <c>async</c> and every discarded awaitable call of its body is awaited (so neither CS1998 nor CS4014).
/// One rewrite per callback, however many of its calls are reported. No fix for method groups, local functions,
/// constructor arguments, a twin already set, or a discarded call inside <c>lock</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseAsyncTwinCodeFixProvider)), Shared]
public sealed class UseAsyncTwinCodeFixProvider : DocumentRewriteCodeFixProvider
{
    /// <summary>The equivalence key of the fix.</summary>
    public const string Key = "OPT012.UseAsyncTwin";

    private const string Title = "Use the asynchronous callback and return or await the task";

    /// <summary>The fix of OPT012.</summary>
    public UseAsyncTwinCodeFixProvider()
        : base("OPT012", Key)
    {
    }

    private sealed class Target : FixPlan
    {
        public Target(string title, AssignmentExpressionSyntax assignment, AnonymousFunctionExpressionSyntax lambda, string twin)
            : base(title)
        {
            Assignment = assignment;
            Lambda = lambda;
            Twin = twin;
        }

        public AssignmentExpressionSyntax Assignment { get; }

        public AnonymousFunctionExpressionSyntax Lambda { get; }

        public string Twin { get; }
    }

    private protected override FixPlan? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (!diagnostic.Properties.TryGetValue(DiagnosticPropertyNames.AsyncTwin, out var twin) || twin is null) return null;
        if (DiagnosticSyntax.AdditionalNode(root, diagnostic, 0) is not AnonymousFunctionExpressionSyntax lambda) return null;
        if (!Lambdas.IsEditable(lambda)) return null;
        if (lambda.Parent is not AssignmentExpressionSyntax { Left: IdentifierNameSyntax, Parent: InitializerExpressionSyntax } assignment) return null;
        var target = new Target(Title, assignment, lambda, twin);
        return Rewrite(target, model, cancellationToken) is null ? null : target;
    }

    private protected override SyntaxNode? Apply(SyntaxNode root, SemanticModel model, IReadOnlyList<FixPlan> plans, CancellationToken cancellationToken)
    {
        var targets = new Dictionary<AssignmentExpressionSyntax, Target>();
        foreach (Target target in plans) targets[target.Assignment] = target;
        return root.ReplaceNodes(targets.Keys, (original, _) => Rewrite(targets[original], model, cancellationToken) ?? original);
    }

    private static AssignmentExpressionSyntax? Rewrite(Target target, SemanticModel model, CancellationToken cancellationToken)
    {
        var lambda = target.Lambda;
        AnonymousFunctionExpressionSyntax? rewritten;
        if (lambda.ExpressionBody is { } expression)
        {
            var call = expression is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" }, Right: { } right } ? right : expression;
            if (!IsAwaitable(model, call, cancellationToken)) return null;
            var body = call.WithTriviaFrom(expression);
            rewritten = IsTask(model, call, cancellationToken)
                ? lambda.WithExpressionBody(body)
                : Lambdas.MakeAsync(lambda).WithExpressionBody(SyntaxFactory.AwaitExpression(SyntaxFactory.Token(SyntaxKind.AwaitKeyword).WithTrailingTrivia(SyntaxFactory.Space), call.WithoutTrivia()).WithTriviaFrom(expression));
        }
        else if (lambda.Block is { } block)
        {
            var discarded = DiscardedStatements(block, model, cancellationToken);
            if (discarded.Count == 0) return null;
            if (discarded.Any(pair => pair.Statement.Ancestors().Any(a => a is LockStatementSyntax))) return null;
            if (block.Statements.Count == 1 && discarded.Count == 1 && discarded[0].Statement == block.Statements[0] && IsTask(model, discarded[0].Call, cancellationToken))
            {
                var statement = block.Statements[0];
                var returned = SyntaxFactory.ParseStatement("return " + discarded[0].Call.WithoutTrivia().ToFullString() + ";").WithTriviaFrom(statement);
                rewritten = lambda.WithBlock(block.ReplaceNode(statement, returned));
            }
            else
            {
                var calls = discarded.ToDictionary(pair => pair.Statement, pair => pair.Call);
                var newBlock = block.ReplaceNodes(
                    calls.Keys,
                    (original, _) => SyntaxFactory.ParseStatement("await " + calls[original].WithoutTrivia().ToFullString() + ";").WithTriviaFrom(original));
                rewritten = Lambdas.MakeAsync(lambda.WithBlock(newBlock));
            }
        }
        else
        {
            return null;
        }

        return MutationSyntax.WithMemberName(target.Assignment, target.Twin).WithRight(rewritten);
    }

    /// <summary>The statements of the block (not of nested functions) that throw an awaitable call away, with that call.</summary>
    private static List<(StatementSyntax Statement, ExpressionSyntax Call)> DiscardedStatements(BlockSyntax block, SemanticModel model, CancellationToken cancellationToken)
    {
        var result = new List<(StatementSyntax, ExpressionSyntax)>();
        foreach (var statement in block.DescendantNodes(node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<ExpressionStatementSyntax>())
        {
            var call = statement.Expression is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" } } discard
                && model.GetOperation(discard, cancellationToken) is ISimpleAssignmentOperation { Target: IDiscardOperation }
                    ? discard.Right
                    : statement.Expression;
            if (call is InvocationExpressionSyntax && IsAwaitable(model, call, cancellationToken)) result.Add((statement, call));
        }

        return result;
    }

    private static bool IsAwaitable(SemanticModel model, ExpressionSyntax expression, CancellationToken cancellationToken)
    {
        var type = model.GetTypeInfo(expression, cancellationToken).Type;
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.GetMembers("GetAwaiter").Any(member => member is IMethodSymbol { IsStatic: false, Parameters.Length: 0 })) return true;
        }

        return false;
    }

    /// <summary>Whether the expression is a <c>System.Threading.Tasks.Task</c> (or a type deriving from it).</summary>
    private static bool IsTask(SemanticModel model, ExpressionSyntax expression, CancellationToken cancellationToken)
    {
        for (var current = model.GetTypeInfo(expression, cancellationToken).Type; current is not null; current = current.BaseType)
        {
            if (current is { Name: "Task", ContainingNamespace: { Name: "Tasks", ContainingNamespace: { Name: "Threading", ContainingNamespace.Name: "System" } } }) return true;
        }

        return false;
    }
}
