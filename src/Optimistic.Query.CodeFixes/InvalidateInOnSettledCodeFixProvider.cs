using System.Collections.Generic;
using System.Composition;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Optimistic.Query.Analyzers;
using Optimistic.Query.CodeFixes.Common;

namespace Optimistic.Query.CodeFixes;

/// <summary>
/// OPT006: invalidates the written key in <c>OnSettledAsync</c>. Without a settled callback it adds
/// <c>OnSettledAsync = (data, error, input, context) =&gt; client.InvalidateQueriesAsync(K),</c> (the variables parameter named as
/// OnMutate names it); an <c>OnSettledAsync</c> or <c>OnSettled</c> lambda is extended with an awaited invalidation (a sync
/// <c>OnSettled</c> becomes <c>OnSettledAsync</c>, never a task dropped in a sync callback). When only OnSuccess invalidated
/// the key and that invalidation is the whole OnSuccess body, the OnSuccess member is removed (the invalidation moves).
/// The key expression is rewritten to the settled callback's variables parameter; no fix when it uses anything else local
/// to OnMutate, when a name would be captured, or when the settled lambda has a <c>return</c> or drops a task.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InvalidateInOnSettledCodeFixProvider)), Shared]
public sealed class InvalidateInOnSettledCodeFixProvider : DocumentRewriteCodeFixProvider
{
    /// <summary>The equivalence key of the fix.</summary>
    public const string Key = "OPT006.InvalidateInOnSettled";

    private const string Title = "Invalidate the key in OnSettled";

    /// <summary>The fix of OPT006.</summary>
    public InvalidateInOnSettledCodeFixProvider()
        : base("OPT006", Key)
    {
    }

    private sealed class Edit : FixPlan
    {
        public Edit(string title, InitializerExpressionSyntax initializer, AssignmentExpressionSyntax? settled, SyntaxNode newSettled, AssignmentExpressionSyntax? removedSuccess)
            : base(title)
        {
            Initializer = initializer;
            Settled = settled;
            NewSettled = newSettled;
            RemovedSuccess = removedSuccess;
        }

        public InitializerExpressionSyntax Initializer { get; }

        public AssignmentExpressionSyntax? Settled { get; }

        public SyntaxNode NewSettled { get; }

        public AssignmentExpressionSyntax? RemovedSuccess { get; }
    }

    private protected override FixPlan? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var properties = diagnostic.Properties;
        if (!properties.TryGetValue(DiagnosticPropertyNames.SettledAsyncProperty, out var settledAsync) || settledAsync is null) return null;
        if (!properties.TryGetValue(DiagnosticPropertyNames.InvalidateMethod, out var invalidate) || invalidate is null) return null;
        if (!properties.TryGetValue(DiagnosticPropertyNames.ReceiverText, out var receiver) || receiver is null) return null;
        if (!properties.TryGetValue(DiagnosticPropertyNames.CallbackProperty, out var onMutateName) || onMutateName is null) return null;
        if (DiagnosticSyntax.AdditionalNode(root, diagnostic, 0) is not ExpressionSyntax key) return null;
        if (SyntaxFactory.ParseExpression(receiver) is not (IdentifierNameSyntax or MemberAccessExpressionSyntax)) return null;

        var initializer = key.Ancestors().OfType<InitializerExpressionSyntax>().FirstOrDefault(i => MutationSyntax.FindMember(i, onMutateName) is not null);
        if (initializer is null || MutationSyntax.FindMember(initializer, onMutateName) is not { Right: AnonymousFunctionExpressionSyntax onMutate }) return null;
        // OnMutate's variables come first (a mapped library may pass an argument of its own after them).
        var variables = onMutate switch
        {
            SimpleLambdaExpressionSyntax simple => simple.Parameter,
            ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: >= 1 } parenthesized => parenthesized.ParameterList.Parameters[0],
            _ => null,
        };
        // The settled delegate's own parameter list (Optimistic.Query's four, or a mapped library's shape).
        var settledParameters = CallbackShape.Parameters(MutationSyntax.OptionsType(model, initializer, cancellationToken), settledAsync);
        var settledVariables = settledParameters is null ? -1 : CallbackShape.VariablesIndex(settledParameters);
        if (variables is null || model.GetDeclaredSymbol(variables, cancellationToken) is not { } variablesSymbol) return null;

        properties.TryGetValue(DiagnosticPropertyNames.SettledCallbackProperty, out var settledName);
        properties.TryGetValue(DiagnosticPropertyNames.InvalidatedIn, out var invalidatedIn);
        var settled = settledName is null ? null : MutationSyntax.FindMember(initializer, settledName);
        if (settledName is not null && settled is null) return null;
        if (settledName is not null && settledName != settledAsync && MutationSyntax.FindMember(initializer, settledAsync) is not null) return null;

        if (settled is null)
        {
            var variablesName = variables.Identifier.ValueText;
            var taken = new HashSet<string>(Lambdas.IdentifiersIn(key)) { variablesName };
            string parameterList;
            if (settledParameters is null || settledVariables < 0)
            {
                // No TVariables to place the variables by: Optimistic.Query's (data, error, input, context).
                var data = Lambdas.ClaimName("data", taken);
                var error = Lambdas.ClaimName("error", taken);
                var context = Lambdas.ClaimName("context", taken);
                parameterList = $"({data}, {error}, {variablesName}, {context})";
            }
            else
            {
                parameterList = CallbackShape.ParameterList(settledParameters, settledVariables, variablesName, taken);
            }

            var rewritten = RewriteKey(key, model, variablesSymbol, variablesName, onMutate, cancellationToken);
            if (rewritten is null) return null;
            var text = $"{settledAsync} = {parameterList} => {receiver}.{invalidate}({rewritten})";
            var added = SyntaxFactory.ParseExpression(text);
            return new Edit(Title, initializer, null, added, RemovableSuccess(initializer, invalidatedIn));
        }

        if (settled.Right is not AnonymousFunctionExpressionSyntax settledLambda
            || settledLambda is not ParenthesizedLambdaExpressionSyntax { ReturnType: null, ParameterList.Parameters.Count: >= 2 })
        {
            return null;
        }

        var parameters = ((ParenthesizedLambdaExpressionSyntax)settledLambda).ParameterList.Parameters;
        var existingParameters = CallbackShape.Parameters(MutationSyntax.OptionsType(model, initializer, cancellationToken), settledName!);
        var variablesIndex = existingParameters is { } shape && shape.Count == parameters.Count ? CallbackShape.VariablesIndex(shape) : parameters.Count - 2;
        if (variablesIndex < 0) return null;
        var target = parameters[variablesIndex].Identifier.ValueText;
        if (target == "_") return null;
        var keyText = RewriteKey(key, model, variablesSymbol, target, onMutate, cancellationToken);
        if (keyText is null) return null;
        var declared = new HashSet<string>(Lambdas.DeclaredNamesIn(settledLambda));
        foreach (var used in SyntaxFactory.ParseExpression(keyText).DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
        {
            if (used.Identifier.ValueText != target && declared.Contains(used.Identifier.ValueText)) return null;
        }

        var awaitStatement = "await " + receiver + "." + invalidate + "(" + keyText + ");";
        var extended = Extend(settledLambda, awaitStatement);
        if (extended is null) return null;
        var newSettled = MutationSyntax.WithMemberName(settled, settledAsync).WithRight(extended);
        return new Edit(Title, initializer, settled, newSettled, RemovableSuccess(initializer, invalidatedIn));
    }

    private protected override SyntaxNode? Apply(SyntaxNode root, SemanticModel model, IReadOnlyList<FixPlan> plans, CancellationToken cancellationToken)
    {
        var byInitializer = new Dictionary<InitializerExpressionSyntax, Edit>();
        foreach (Edit edit in plans)
        {
            if (!byInitializer.ContainsKey(edit.Initializer)) byInitializer[edit.Initializer] = edit; // one key per definition and round
        }

        return root.ReplaceNodes(byInitializer.Keys, (original, _) =>
        {
            var edit = byInitializer[original];
            var expressions = original.Expressions.ToList();
            if (edit.Settled is not null)
            {
                expressions[expressions.IndexOf(edit.Settled)] = (ExpressionSyntax)edit.NewSettled;
            }
            else
            {
                expressions.Add((ExpressionSyntax)edit.NewSettled);
            }

            if (edit.RemovedSuccess is not null) expressions.Remove(edit.RemovedSuccess);
            return Relist(original, expressions);
        });
    }

    /// <summary>Rebuilds the initializer's list one member per line, at the indentation of its first member.</summary>
    private static InitializerExpressionSyntax Relist(InitializerExpressionSyntax original, List<ExpressionSyntax> expressions)
    {
        var indentation = original.Expressions.Count > 0 ? original.Expressions[0].GetLeadingTrivia() : SyntaxFactory.TriviaList(SyntaxFactory.Whitespace("        "));
        var endOfLine = SyntaxFactory.EndOfLine("\n");
        var nodes = new List<SyntaxNodeOrToken>();
        foreach (var expression in expressions)
        {
            nodes.Add(expression.WithLeadingTrivia(indentation).WithTrailingTrivia(SyntaxTriviaList.Empty));
            nodes.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(endOfLine));
        }

        return original.WithExpressions(SyntaxFactory.SeparatedList<ExpressionSyntax>(nodes));
    }

    /// <summary>The OnSuccess member to remove when its whole body is the one invalidation (so it moves to OnSettled).</summary>
    private static AssignmentExpressionSyntax? RemovableSuccess(InitializerExpressionSyntax initializer, string? invalidatedIn)
    {
        if (invalidatedIn is null || !invalidatedIn.StartsWith("OnSuccess", System.StringComparison.Ordinal)) return null;
        if (MutationSyntax.FindMember(initializer, invalidatedIn) is not { Right: AnonymousFunctionExpressionSyntax lambda } member) return null;
        var body = lambda.ExpressionBody ?? (lambda.Block is { Statements.Count: 1 } block && block.Statements[0] is ExpressionStatementSyntax statement ? statement.Expression : null);
        body = body switch
        {
            AwaitExpressionSyntax awaited => awaited.Expression,
            AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" } } discard => discard.Right,
            _ => body,
        };
        return body is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: var method } }
               && method.StartsWith("Invalidate", System.StringComparison.Ordinal)
            ? member
            : null;
    }

    /// <summary>The key's text with OnMutate's variables parameter renamed; null when it uses another local of OnMutate.</summary>
    private static string? RewriteKey(ExpressionSyntax key, SemanticModel model, ISymbol variables, string name, SyntaxNode onMutate, CancellationToken cancellationToken)
    {
        var renames = new List<IdentifierNameSyntax>();
        foreach (var identifier in key.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
        {
            var symbol = model.GetSymbolInfo(identifier, cancellationToken).Symbol;
            if (SymbolEqualityComparer.Default.Equals(symbol, variables))
            {
                renames.Add(identifier);
            }
            else if (symbol is ILocalSymbol or IParameterSymbol or IRangeVariableSymbol
                     && symbol.DeclaringSyntaxReferences.Any(reference => onMutate.Span.Contains(reference.Span)))
            {
                return null;
            }
        }

        var rewritten = key.ReplaceNodes(renames, (original, _) => original.WithIdentifier(SyntaxFactory.Identifier(original.Identifier.LeadingTrivia, name, original.Identifier.TrailingTrivia)));
        return rewritten.WithoutTrivia().ToFullString();
    }

    /// <summary>The settled lambda made async with the awaited invalidation appended; null when that is not safe.</summary>
    private static AnonymousFunctionExpressionSyntax? Extend(AnonymousFunctionExpressionSyntax lambda, string awaitStatement)
    {
        var isAsync = Lambdas.IsAsync(lambda);
        var added = SyntaxFactory.ParseStatement(awaitStatement);
        if (lambda.ExpressionBody is { } expression)
        {
            // An async twin's non-async body is the task: await it. A sync twin's body is a statement.
            var first = (isAsync || !IsAsyncTwinBody(lambda) ? string.Empty : "await ") + expression.WithoutTrivia().ToFullString();
            if (SyntaxFactory.ParseStatement("{ " + first + "; " + awaitStatement + " }") is not BlockSyntax block || block.ContainsDiagnostics) return null;
            return Lambdas.MakeAsync(lambda.WithBlock(block.WithLeadingTrivia(SyntaxTriviaList.Empty).WithTrailingTrivia(expression.GetTrailingTrivia())).WithExpressionBody(null));
        }

        if (lambda.Block is not { } body) return null;
        if (body.DescendantNodes(node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<ReturnStatementSyntax>().Any()) return null;
        if (!isAsync && body.Statements.Count > 0) return null; // a sync body may drop tasks (OPT012): leave it to that fix first
        var indentation = body.Statements.Count > 0 ? body.Statements[0].GetLeadingTrivia() : SyntaxFactory.TriviaList();
        var statement = added.WithLeadingTrivia(indentation).WithTrailingTrivia(SyntaxFactory.EndOfLine("\n"));
        return Lambdas.MakeAsync(lambda.WithBlock(body.WithStatements(body.Statements.Add(statement))));
    }

    private static bool IsAsyncTwinBody(AnonymousFunctionExpressionSyntax lambda) =>
        lambda.Parent is AssignmentExpressionSyntax { Left: IdentifierNameSyntax name } && name.Identifier.ValueText.EndsWith("Async", System.StringComparison.Ordinal);
}
