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
/// OPT006: invalidates the written key in <c>OnSettledAsync</c>, in the initializer's own layout (members, comments and line
/// breaks stay where they were):
/// <list type="bullet">
/// <item>no settled callback: <c>OnSettledAsync = (data, error, input, context) =&gt; client.InvalidateQueriesAsync(K),</c> is
/// added (the variables parameter named as OnMutate names it);</item>
/// <item>a settled lambda (either twin) becomes an async <c>OnSettledAsync</c> with <c>await client.InvalidateQueriesAsync(K);</c>
/// appended, or first when the lambda has a <c>return</c> (appended, it could be skipped); an expression body becomes a block
/// on its own lines;</item>
/// <item>a settled method group (or local function) is called from a new <c>OnSettledAsync</c> lambda, then the invalidation;</item>
/// <item>when only OnSuccess invalidated the key and that invalidation is its whole body, the OnSuccess member goes.</item>
/// </list>
/// K is rewritten for the settled callback: OnMutate's variables parameter takes its name there, and locals of OnMutate are
/// replaced by their initializers where evaluating them again gives the same key (<see cref="OnMutateKey"/>).
/// No fix when K uses another local of OnMutate (a value read or awaited there), when a name of K would be captured by the
/// settled lambda's parameters or locals, when the client has no Task-returning invalidation by key, when a synchronous
/// <c>OnSettled</c> drops a task inside a <c>lock</c> (made async, each dropped task is awaited, as OPT012's fix does; a
/// <c>lock</c> cannot hold an <c>await</c>), when a non-async <c>OnSettledAsync</c> block returns a task, or when both twins
/// would be set.
/// A wrapper's built-in invalidation (<c>[MutationInvalidates]</c> on the method the options are passed to: on success only, or
/// of another prefix) is not edited: the <c>OnSettledAsync</c> member is added beside it, with the client's own
/// <c>[QueryInvalidate]</c> method.
/// A library without an asynchronous settled callback is handled in the SynchronousSettled part of this class.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InvalidateInOnSettledCodeFixProvider)), Shared]
public sealed partial class InvalidateInOnSettledCodeFixProvider : DocumentRewriteCodeFixProvider
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
        public Edit(string title, InitializerExpressionSyntax initializer, AssignmentExpressionSyntax? settled, ExpressionSyntax newSettled, AssignmentExpressionSyntax? removedSuccess)
            : base(title)
        {
            Initializer = initializer;
            Settled = settled;
            NewSettled = newSettled;
            RemovedSuccess = removedSuccess;
        }

        public InitializerExpressionSyntax Initializer { get; }

        /// <summary>The settled member replaced by <see cref="NewSettled"/>; null when <see cref="NewSettled"/> is added.</summary>
        public AssignmentExpressionSyntax? Settled { get; }

        public ExpressionSyntax NewSettled { get; }

        public AssignmentExpressionSyntax? RemovedSuccess { get; }
    }

    /// <summary>A wrapper's built-in success or settled invalidation stays as it is: the fix adds OnSettledAsync beside it.</summary>
    private protected override bool AddsBesideImplicitCallbacks => true;

    private protected override FixPlan? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken) => null;

    private protected override System.Threading.Tasks.Task<FixPlan?> PlanAsync(Document document, SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken) =>
        System.Threading.Tasks.Task.FromResult(Plan(root, model, diagnostic, document.Project.AnalyzerOptions, cancellationToken));

    private static FixPlan? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions options, CancellationToken cancellationToken)
    {
        if (PlanArguments(root, model, diagnostic, options, cancellationToken) is { } onArguments) return onArguments; // callbacks as arguments
        var properties = diagnostic.Properties;
        if (!properties.TryGetValue(DiagnosticPropertyNames.SettledAsyncProperty, out var settledAsync) || settledAsync is null)
        {
            return PlanSynchronousSettled(root, model, diagnostic, options, cancellationToken); // a library without an asynchronous settled callback
        }

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

        // A wrapper's built-in callback (the wrapper method invalidates on success, or another prefix once settled) is not
        // written in the definition: it is left to the wrapper, and the OnSettledAsync member is added beside it.
        var implicitNames = ImplicitCallbacks.NamesOf(initializer, model, options, cancellationToken);
        if (settledName is not null && implicitNames.Contains(settledName) && MutationSyntax.FindMember(initializer, settledName) is null) settledName = null;
        if (invalidatedIn is not null && implicitNames.Contains(invalidatedIn) && MutationSyntax.FindMember(initializer, invalidatedIn) is null) invalidatedIn = null;
        var settled = settledName is null ? null : MutationSyntax.FindMember(initializer, settledName);
        if (settledName is not null && settled is null) return null;
        if (settledName is not null && settledName != settledAsync && MutationSyntax.FindMember(initializer, settledAsync) is not null) return null;
        var removedSuccess = RemovableSuccess(initializer, invalidatedIn);

        if (settled is null || settled.Right is not AnonymousFunctionExpressionSyntax)
        {
            // Added, or wrapping a method group: a new lambda whose parameters must not capture a name of the key.
            var variablesName = variables.Identifier.ValueText == "_" ? "variables" : variables.Identifier.ValueText;
            var rewritten = RewriteKey(key, model, variablesSymbol, variablesName, onMutate, cancellationToken);
            if (rewritten is null) return null;
            var taken = new HashSet<string>(Lambdas.IdentifiersIn(SyntaxFactory.ParseExpression(rewritten))) { variablesName };
            if (settled is not null) taken.UnionWith(Lambdas.IdentifiersIn(settled.Right));
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
                // The settled delegate's own shape (a mapped library may pass an argument of its own after the context).
                parameterList = CallbackShape.ParameterList(settledParameters, settledVariables, variablesName, taken);
            }

            var invalidation = $"{receiver}.{invalidate}({rewritten})";
            if (settled is null)
            {
                return new Edit(Title, initializer, null, SyntaxFactory.ParseExpression($"{settledAsync} = {parameterList} => {invalidation}"), removedSuccess);
            }

            // A method group (or local function) is called first, as the runtime called it, awaited when it is the async twin's.
            if (settled.Right is not (IdentifierNameSyntax or MemberAccessExpressionSyntax or GenericNameSyntax)) return null;
            if (model.GetSymbolInfo(settled.Right, cancellationToken).Symbol is not IMethodSymbol handler) return null;
            var call = $"{settled.Right.WithoutTrivia().ToFullString()}{parameterList}";
            var awaitsHandler = !handler.ReturnsVoid;
            var indentation = Layout.IndentationOf(settled.GetFirstToken());
            var layout = Layout.Of(root);
            var lambda = (AnonymousFunctionExpressionSyntax)SyntaxFactory.ParseExpression($"async {parameterList} => {{ }}");
            var block = layout.Block(new[] { SyntaxFactory.ParseStatement((awaitsHandler ? "await " : string.Empty) + call + ";"), SyntaxFactory.ParseStatement("await " + invalidation + ";") }, indentation);
            lambda = Lambdas.WithBlock(lambda, block.WithTrailingTrivia(settled.Right.GetTrailingTrivia()), layout.EndOfLineTrivia);
            var wrapped = TwinClearing.Mark(MutationSyntax.WithMemberName(settled, settledAsync).WithRight(lambda), Cleared(initializer, settledName!, settledAsync, model, cancellationToken));
            return new Edit(Title, initializer, settled, wrapped, removedSuccess);
        }

        var settledLambda = (AnonymousFunctionExpressionSyntax)settled.Right;
        if (settledLambda is not ParenthesizedLambdaExpressionSyntax { ReturnType: null, ParameterList.Parameters.Count: >= 2 } parenthesizedSettled) return null;
        var parameters = parenthesizedSettled.ParameterList.Parameters;
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
        var extended = Extend(settledLambda, settled, awaitStatement, model, Layout.Of(root), cancellationToken);
        if (extended is null) return null;
        var newSettled = TwinClearing.Mark(MutationSyntax.WithMemberName(settled, settledAsync).WithRight(extended), Cleared(initializer, settledName!, settledAsync, model, cancellationToken));
        return new Edit(Title, initializer, settled, newSettled, removedSuccess);
    }

    private protected override SyntaxNode? Apply(SyntaxNode root, SemanticModel model, IReadOnlyList<FixPlan> plans, CancellationToken cancellationToken)
    {
        var byInitializer = new Dictionary<InitializerExpressionSyntax, Edit>();
        foreach (var edit in plans.OfType<Edit>())
        {
            if (!byInitializer.ContainsKey(edit.Initializer)) byInitializer[edit.Initializer] = edit; // one key per definition and round
        }

        var byArguments = new Dictionary<ArgumentListSyntax, ArgumentEdit>();
        foreach (var edit in plans.OfType<ArgumentEdit>())
        {
            if (!byArguments.ContainsKey(edit.List)) byArguments[edit.List] = edit;
        }

        var layout = Layout.Of(root);
        return TwinClearing.Apply(root.ReplaceNodes(byInitializer.Keys.Cast<SyntaxNode>().Concat(byArguments.Keys), (original, _) =>
        {
            if (original is ArgumentListSyntax list) return RewriteArguments(list, byArguments[list], layout);
            var initializer = (InitializerExpressionSyntax)original;
            var edit = byInitializer[initializer];
            var removedName = edit.RemovedSuccess is null ? null : MutationSyntax.MemberName(edit.RemovedSuccess);

            // The insertion reads the original layout, so it goes first; members are then found again by name.
            var result = edit.Settled is null
                ? MutationSyntax.InsertMember(initializer, after: null, edit.NewSettled, layout)
                : initializer.ReplaceNode(edit.Settled, edit.NewSettled);
            if (removedName is not null && MutationSyntax.FindMember(result, removedName) is { } success) result = MutationSyntax.RemoveMember(result, success);
            return result;
        }), layout);
    }

    /// <summary>The synchronous twin to set to null beside the renamed settled member, in options copied with <c>with</c> (<see cref="TwinClearing"/>).</summary>
    private static string? Cleared(InitializerExpressionSyntax initializer, string settledName, string settledAsync, SemanticModel model, CancellationToken cancellationToken) =>
        settledName == settledAsync ? null : TwinClearing.NameToClear(initializer, settledName, model, cancellationToken);
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

    /// <summary>The key's text for the settled callback (see <see cref="OnMutateKey"/>); null when it cannot be written there.</summary>
    private static string? RewriteKey(ExpressionSyntax key, SemanticModel model, ISymbol variables, string name, SyntaxNode onMutate, CancellationToken cancellationToken) =>
        OnMutateKey.Rewrite(key, model, onMutate, variables, name, cancellationToken)?.WithoutTrivia().ToFullString();

    /// <summary>
    /// The settled lambda made async with the awaited invalidation: appended, or first when the lambda has a <c>return</c>
    /// (appended, a return could skip it); null when that is not safe.
    /// </summary>
    internal static AnonymousFunctionExpressionSyntax? Extend(
        AnonymousFunctionExpressionSyntax lambda,
        SyntaxNode member,
        string awaitStatement,
        SemanticModel model,
        Layout layout,
        CancellationToken cancellationToken)
    {
        var isAsync = Lambdas.IsAsync(lambda);
        var asyncTwin = IsAsyncTwinBody(lambda);
        if (lambda.ExpressionBody is { } expression)
        {
            // An async twin's non-async body is the task: await it. A sync twin's body is a statement; one dropping a task is
            // awaited too, as OPT012's fix would (made async, the task would otherwise stay dropped).
            var drops = !isAsync && !asyncTwin && model.GetTypeInfo(expression, cancellationToken).Type is { } type && type.GetMembers("GetAwaiter").Length > 0;
            var first = isAsync || (!asyncTwin && !drops) ? expression : SyntaxFactory.AwaitExpression(expression.WithoutTrivia()).WithTriviaFrom(expression);
            var block = Lambdas.ExpressionToBlock(lambda, first, returnsValue: false, Enumerable.Empty<string>(), new[] { awaitStatement }, layout, Layout.IndentationOf(member.GetFirstToken()));
            return Lambdas.MakeAsync(block);
        }

        if (lambda.Block is not { } body) return null;
        var returns = body.DescendantNodes(node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<ReturnStatementSyntax>().ToList();
        if (!isAsync && returns.Any(r => r.Expression is not null)) return null; // a non-async async twin returns its task: each would need awaiting
        var blockIndentation = Layout.StartsLine(body.OpenBraceToken) ? Layout.IndentationOf(body.OpenBraceToken) : Layout.IndentationOf(member.GetFirstToken());
        if (!isAsync)
        {
            // Made async, a dropped task would stay dropped (OPT012): each such statement is awaited, as OPT012's fix does.
            var dropped = DroppedTasks(body, model, cancellationToken).ToList();
            if (dropped.Any(statement => statement.Ancestors().TakeWhile(node => node != body).Any(node => node is LockStatementSyntax))) return null; // no await in a lock
            body = body.ReplaceNodes(dropped, (original, _) => original.WithExpression(SyntaxFactory.AwaitExpression(
                SyntaxFactory.Token(SyntaxKind.AwaitKeyword).WithTrailingTrivia(SyntaxFactory.Space), original.Expression.WithoutLeadingTrivia()).WithLeadingTrivia(original.Expression.GetLeadingTrivia())));
            lambda = lambda.WithBlock(body);
        }

        var index = returns.Count > 0 ? 0 : body.Statements.Count;
        return Lambdas.MakeAsync(lambda.WithBlock(Lambdas.InsertStatements(body, index, new[] { awaitStatement }, layout, blockIndentation)));
    }

    /// <summary>The statements of the block (not of nested functions) that discard an awaitable value.</summary>
    private static IEnumerable<ExpressionStatementSyntax> DroppedTasks(BlockSyntax body, SemanticModel model, CancellationToken cancellationToken) =>
        body.DescendantNodes(node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
            .OfType<ExpressionStatementSyntax>()
            .Where(statement => statement.Expression is not AssignmentExpressionSyntax
                && model.GetTypeInfo(statement.Expression, cancellationToken).Type is { } type
                && type.GetMembers("GetAwaiter").Length > 0);

    private static bool IsAsyncTwinBody(AnonymousFunctionExpressionSyntax lambda) =>
        lambda.Parent is AssignmentExpressionSyntax { Left: IdentifierNameSyntax name } && name.Identifier.ValueText.EndsWith("Async", System.StringComparison.Ordinal);
}
