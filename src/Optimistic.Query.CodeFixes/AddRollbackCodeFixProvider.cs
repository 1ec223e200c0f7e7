using System.Collections.Generic;
using System.Composition;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Optimistic.Query.CodeFixes.Common;

namespace Optimistic.Query.CodeFixes;

/// <summary>
/// OPT002: adds the rollback to the error callback, first thing, keeping what is already there (the error toast).
/// <list type="bullet">
/// <item>OnMutate returns <c>new Snapshot&lt;T&gt;(x)</c>, <c>x</c> read from the written key: <c>if (context?.Previous is { } previous) client.SetQueryData(K, previous);</c></item>
/// <item>OnMutate returns the <c>PatchResult&lt;T&gt;</c> of <c>UpdateQueryData(K, …)</c>: <c>context?.Undo();</c></item>
/// <item>OnMutate returns the <c>OptimisticLayer&lt;T&gt;</c> of <c>AddOptimisticLayer(K, …)</c>: <c>context?.Rollback();</c></item>
/// <item>otherwise: invalidate K. A new callback is <c>OnErrorAsync = (error, variables, context) =&gt; client.InvalidateQueriesAsync(K)</c>;
/// an existing synchronous <c>OnError</c> becomes an async <c>OnErrorAsync</c> that awaits it (no Task dropped, see OPT012).</item>
/// </list>
/// A missing callback is added right after the OnMutate member, in the initializer's layout. Parameter and pattern names
/// avoid every name in scope; the variables parameter reuses OnMutate's, so that a key built from it reads the same.
/// A key built from OnMutate's locals is written with their initializers (<c>var key = Keys.Todo(input.Id);</c> gives
/// <c>Keys.Todo(input.Id)</c>; see <see cref="LocalInliner"/>). No fix when such a local would not recompute the same value
/// in the error callback (the undo and the layer rollback need no key), when OnMutate is not a lambda or a readable method, or
/// when an invalidation would have to go into a non-async block that returns a Task. An error callback written as a method
/// group or local function is extended in place or wrapped (see the ErrorFunction part of this class).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddRollbackCodeFixProvider)), Shared]
public sealed partial class AddRollbackCodeFixProvider : DocumentRewriteCodeFixProvider
{
    /// <summary>The equivalence key of the fix.</summary>
    public const string Key = "OPT002.AddRollback";

    /// <summary>The fix of OPT002.</summary>
    public AddRollbackCodeFixProvider()
        : base("OPT002", Key)
    {
    }

    private enum RollbackKind
    {
        Restore,
        Undo,
        RemoveLayer,
        Invalidate,
    }

    private protected override FixPlan? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken) =>
        PlanCore(root, model, diagnostic, null, cancellationToken);

    private protected override async System.Threading.Tasks.Task<FixPlan?> PlanAsync(Document document, SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        // OnMutate written as a method group or local function: the fix reads its body (the key, the context it returns).
        var onMutateMember = MutationSyntax.EnclosingMember(DiagnosticSyntax.NodeAt(root, diagnostic.Location));
        CallbackFunction? function = null;
        if (onMutateMember is { Right: not AnonymousFunctionExpressionSyntax } && onMutateMember.Right is { } value)
        {
            function = await CallbackFunction.ResolveAsync(document, model, value, cancellationToken, forEdit: false).ConfigureAwait(false);
            if (function is null) return null;
        }

        // OnError written as a method group or local function: extended in place when this callback alone uses it.
        var errorFunction = onMutateMember?.Parent is InitializerExpressionSyntax initializer
                            && (MutationSyntax.FindMember(initializer, "OnError") ?? MutationSyntax.FindMember(initializer, "OnErrorAsync")) is { Right: not AnonymousFunctionExpressionSyntax } errorMember
            ? await CallbackFunction.ResolveAsync(document, model, errorMember.Right, cancellationToken).ConfigureAwait(false)
            : null;
        return PlanCore(root, model, diagnostic, function, cancellationToken, errorFunction);
    }

    private static FixPlan? PlanCore(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CallbackFunction? function, CancellationToken cancellationToken, CallbackFunction? errorFunction = null)
    {
        var onMutateMember = MutationSyntax.EnclosingMember(DiagnosticSyntax.NodeAt(root, diagnostic.Location));
        if (onMutateMember is null) return null;
        SyntaxNode onMutate;
        IReadOnlyList<ParameterSyntax> onMutateParameters;
        if (function is not null)
        {
            onMutate = function.Declaration;
            onMutateParameters = function.Parameters;
        }
        else if (MutationSyntax.LambdaOf(onMutateMember) is { } lambda)
        {
            onMutate = lambda;
            onMutateParameters = Lambdas.Parameters(lambda);
        }
        else
        {
            return null;
        }

        if (MutationSyntax.MemberName(onMutateMember) is not ("OnMutate" or "OnMutateAsync")) return null;
        var initializer = (InitializerExpressionSyntax)onMutateMember.Parent!;
        var optionsType = MutationSyntax.OptionsType(model, initializer, cancellationToken);
        if (optionsType is not { TypeArguments.Length: 3 }) return null;
        var contextType = optionsType.TypeArguments[2];

        // The written key and its client, from the write the analyzer flagged.
        var keyNode = DiagnosticSyntax.AdditionalNode(root, diagnostic, 0);
        if (keyNode is ArgumentSyntax argument) keyNode = argument.Expression;
        if (keyNode is not ExpressionSyntax key || !onMutate.Span.Contains(key.Span)) return null;
        var write = key.Ancestors().OfType<InvocationExpressionSyntax>().FirstOrDefault(); // the write holding the key (a key may be a call itself)
        if (write?.Expression is not MemberAccessExpressionSyntax { Expression: { } receiver }) return null;

        var kind = RollbackKind.Invalidate;
        if (IsQueryType(contextType, "Snapshot") && ReturnsSnapshotOf(model, onMutate, key, cancellationToken))
        {
            kind = RollbackKind.Restore;
        }
        else if (IsQueryType(contextType, "PatchResult") && ReturnsPatchOf(model, onMutate, key, cancellationToken))
        {
            kind = RollbackKind.Undo;
        }
        else if (IsQueryType(contextType, "OptimisticLayer") && ReturnsLayerOf(model, onMutate, key, cancellationToken))
        {
            kind = RollbackKind.RemoveLayer;
        }

        // The key and client must be writable in the error callback: OnMutate's parameter gets renamed, its locals inlined.
        var onMutateParameter = onMutateParameters.FirstOrDefault();
        var onMutateParameterSymbol = onMutateParameter is null ? null : model.GetDeclaredSymbol(onMutateParameter, cancellationToken);
        IEnumerable<string> inlinedIdentifiers = System.Array.Empty<string>();
        // A key (or client) built from OnMutate's locals is rewritten with their initializers, when they recompute the same value.
        var keyUsesParameter = false;
        if (!IsContextOnly(kind))
        {
            var sameName = onMutateParameter?.Identifier.ValueText ?? string.Empty;
            if (LocalInliner.Inline(model, onMutate, key, onMutateParameterSymbol, sameName, cancellationToken, out keyUsesParameter) is not { } inlinedKey
                || LocalInliner.Inline(model, onMutate, receiver, onMutateParameterSymbol, sameName, cancellationToken, out _) is not { } inlinedReceiver)
            {
                return null;
            }

            inlinedIdentifiers = Lambdas.IdentifiersIn(inlinedKey).Concat(Lambdas.IdentifiersIn(inlinedReceiver)).ToList();
        }

        if (kind == RollbackKind.Invalidate
            && (model.GetTypeInfo(receiver, cancellationToken).Type is not { } receiverType
                || !model.LookupSymbols(write.SpanStart, receiverType, "InvalidateQueriesAsync", includeReducedExtensionMethods: true).OfType<IMethodSymbol>().Any()))
        {
            return null;
        }

        // Names already in use where the callback goes.
        var taken = new HashSet<string>(model.LookupSymbols(initializer.SpanStart)
            .Where(symbol => symbol.Kind is SymbolKind.Local or SymbolKind.Parameter or SymbolKind.RangeVariable)
            .Select(symbol => symbol.Name));
        taken.UnionWith(Lambdas.IdentifiersIn(key));
        taken.UnionWith(Lambdas.IdentifiersIn(receiver));
        taken.UnionWith(inlinedIdentifiers);

        var errorMember = MutationSyntax.FindMember(initializer, "OnError") ?? MutationSyntax.FindMember(initializer, "OnErrorAsync");
        string variablesName;
        string contextName;
        AnonymousFunctionExpressionSyntax? errorLambda = null;
        if (errorMember is null)
        {
            var preferred = onMutateParameter is { Identifier.ValueText: { } name } && name != "_" ? name : "variables";
            var errorName = Lambdas.UniqueName("error", taken);
            taken.Remove(preferred);
            taken.Add(errorName);
            variablesName = Lambdas.UniqueName(preferred, taken);
            taken.Add(variablesName);
            contextName = Lambdas.UniqueName("context", taken);
            taken.Add(contextName);
            var newProperty = kind == RollbackKind.Invalidate ? "OnErrorAsync" : "OnError";
            if (!MutationSyntax.HasProperty(optionsType, newProperty)) return null;
            var code = Code(kind, contextName, "previous", taken, onMutate, receiver, key, onMutateParameterSymbol, variablesName, model, cancellationToken, out var previousName);
            return new RollbackPlan(Title(kind, key, adding: true), initializer, onMutateMember, null, kind, code, errorName, variablesName, contextName);
        }

        errorLambda = MutationSyntax.LambdaOf(errorMember);
        if (errorLambda is null)
        {
            var site = new ErrorSite(model, kind, initializer, onMutateMember, errorMember, onMutate, onMutateParameter, onMutateParameterSymbol, receiver, key, keyUsesParameter, optionsType, taken);
            // Extended in place where that is sound, else wrapped (a name the method does not see, a Task it returns from a block).
            return (errorFunction is not null ? PlanErrorFunction(site, errorFunction, cancellationToken) : null) ?? PlanErrorWrapper(site, cancellationToken);
        }

        var parameters = Lambdas.Parameters(errorLambda);
        if (parameters.Count != 3) return null;
        variablesName = parameters[1].Identifier.ValueText;
        contextName = parameters[2].Identifier.ValueText;
        if (contextName == "_" || (!IsContextOnly(kind) && keyUsesParameter && variablesName == "_")) return null;

        var isAsyncTwin = MutationSyntax.MemberName(errorMember) == "OnErrorAsync";
        if (kind == RollbackKind.Invalidate)
        {
            if (!isAsyncTwin && (MutationSyntax.FindMember(initializer, "OnErrorAsync") is not null || !MutationSyntax.HasProperty(optionsType, "OnErrorAsync") || Lambdas.IsAsync(errorLambda))) return null;
            if (isAsyncTwin && !Lambdas.IsAsync(errorLambda) && errorLambda.Block is not null) return null;
        }

        taken.UnionWith(Lambdas.DeclaredNamesIn(errorLambda));
        taken.UnionWith(Lambdas.IdentifiersIn(errorLambda));
        var statement = Code(kind, contextName, "previous", taken, onMutate, receiver, key, onMutateParameterSymbol, variablesName, model, cancellationToken, out _);
        return new RollbackPlan(Title(kind, key, adding: false), initializer, onMutateMember, errorMember, kind, statement, null, variablesName, contextName)
        {
            ErrorLambda = errorLambda,
            ErrorIsAsyncTwin = isAsyncTwin,
        };
    }

    private static string Title(RollbackKind kind, ExpressionSyntax key, bool adding) =>
        kind switch
        {
            RollbackKind.Restore => adding ? "Add OnError restoring the snapshot from the context" : "Restore the snapshot from the context in OnError",
            RollbackKind.Undo => adding ? "Add OnError undoing the patch" : "Undo the patch in OnError",
            RollbackKind.RemoveLayer => adding ? "Add OnError rolling the layer back" : "Roll the layer back in OnError",
            _ => "Invalidate " + key.WithoutTrivia().ToFullString() + " on error",
        };

    /// <summary>The rollback statement (for Invalidate: the awaited call's expression, without <c>await</c> and <c>;</c>).</summary>
    private static string Code(
        RollbackKind kind,
        string contextName,
        string previousPreferred,
        HashSet<string> taken,
        SyntaxNode onMutate,
        ExpressionSyntax receiver,
        ExpressionSyntax key,
        IParameterSymbol? onMutateParameter,
        string variablesName,
        SemanticModel model,
        CancellationToken cancellationToken,
        out string previousName)
    {
        previousName = Lambdas.UniqueName(previousPreferred, taken);
        var client = MutationSyntax.ReceiverText(LocalInliner.Inline(model, onMutate, receiver, onMutateParameter, variablesName, cancellationToken, out _) ?? receiver);
        var keyText = (LocalInliner.Inline(model, onMutate, key, onMutateParameter, variablesName, cancellationToken, out _) ?? key).WithoutTrivia().ToFullString();
        return kind switch
        {
            RollbackKind.Restore => $"if ({contextName}?.Previous is {{ }} {previousName}) {client}.SetQueryData({keyText}, {previousName});",
            RollbackKind.Undo => $"{contextName}?.Undo();",
            RollbackKind.RemoveLayer => $"{contextName}?.Rollback();",
            _ => $"{client}.InvalidateQueriesAsync({keyText})",
        };
    }

    private static bool IsQueryType(ITypeSymbol type, string name) =>
        type is INamedTypeSymbol { Name: { } typeName, TypeArguments.Length: 1, ContainingNamespace: { Name: "Query", ContainingNamespace: { Name: "Optimistic", ContainingNamespace.IsGlobalNamespace: true } } }
        && typeName == name;

    /// <summary>Every return of OnMutate is <c>new Snapshot&lt;T&gt;(x)</c> with x read by <c>GetQueryData(K)</c>.</summary>
    private static bool ReturnsSnapshotOf(SemanticModel model, SyntaxNode lambda, ExpressionSyntax key, CancellationToken cancellationToken)
    {
        var returned = ReturnedExpressions(lambda).ToList();
        return returned.Count > 0 && returned.All(value =>
            value is ObjectCreationExpressionSyntax { ArgumentList.Arguments: { Count: 1 } arguments }
            && IsCallOnKey(model, lambda, arguments[0].Expression, "GetQueryData", key, cancellationToken));
    }

    /// <summary>Every return of OnMutate is the <c>UpdateQueryData(K, …)</c> result (directly or through a local).</summary>
    private static bool ReturnsPatchOf(SemanticModel model, SyntaxNode lambda, ExpressionSyntax key, CancellationToken cancellationToken)
    {
        var returned = ReturnedExpressions(lambda).ToList();
        return returned.Count > 0 && returned.All(value => IsCallOnKey(model, lambda, value, "UpdateQueryData", key, cancellationToken));
    }

    /// <summary>Every return of OnMutate is the <c>OptimisticLayer&lt;T&gt;</c> of <c>AddOptimisticLayer(K, …)</c>.</summary>
    private static bool ReturnsLayerOf(SemanticModel model, SyntaxNode lambda, ExpressionSyntax key, CancellationToken cancellationToken)
    {
        var returned = ReturnedExpressions(lambda).ToList();
        return returned.Count > 0 && returned.All(value => IsCallOnKey(model, lambda, value, "AddOptimisticLayer", key, cancellationToken));
    }

    /// <summary>A rollback through the context alone (no key, no client): <c>Undo()</c>, <c>Rollback()</c>.</summary>
    private static bool IsContextOnly(RollbackKind kind) => kind is RollbackKind.Undo or RollbackKind.RemoveLayer;

    private static IEnumerable<ExpressionSyntax> ReturnedExpressions(SyntaxNode function)
    {
        var (block, expressionBody) = function switch
        {
            AnonymousFunctionExpressionSyntax lambda => (lambda.Block, lambda.ExpressionBody),
            MethodDeclarationSyntax method => (method.Body, method.ExpressionBody?.Expression),
            LocalFunctionStatementSyntax local => (local.Body, local.ExpressionBody?.Expression),
            _ => (null, null),
        };
        if (expressionBody is { } body)
        {
            yield return body;
            yield break;
        }

        if (block is null) yield break;
        foreach (var statement in block.DescendantNodes(node => node is not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax).OfType<ReturnStatementSyntax>())
        {
            if (statement.Expression is { } expression) yield return expression;
        }
    }

    /// <summary>Whether <paramref name="value"/> is a call of <paramref name="method"/> on <paramref name="key"/>, or a local initialized with one.</summary>
    private static bool IsCallOnKey(SemanticModel model, SyntaxNode lambda, ExpressionSyntax value, string method, ExpressionSyntax key, CancellationToken cancellationToken)
    {
        if (value is IdentifierNameSyntax identifier
            && model.GetSymbolInfo(identifier, cancellationToken).Symbol is ILocalSymbol local
            && local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } initial } declarator
            && lambda.Span.Contains(declarator.Span))
        {
            value = initial;
        }

        return value is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: { } name }, ArgumentList.Arguments: { Count: > 0 } arguments }
               && name == method
               && SyntaxFactory.AreEquivalent(arguments[0].Expression, key);
    }

    private protected override SyntaxNode? Apply(SyntaxNode root, SemanticModel model, IReadOnlyList<FixPlan> plans, CancellationToken cancellationToken)
    {
        var layout = Layout.Of(root);
        var byInitializer = plans.OfType<RollbackPlan>().GroupBy(plan => plan.Initializer).ToDictionary(group => group.Key, group => group.First());
        var replacements = new Dictionary<SyntaxNode, SyntaxNode>();
        foreach (var pair in byInitializer) replacements[pair.Key] = Rewrite(pair.Key, pair.Value, layout);
        foreach (var plan in plans.OfType<ErrorFunctionPlan>())
        {
            foreach (var pair in plan.Edit(model, layout, cancellationToken))
            {
                if (!replacements.ContainsKey(pair.Key)) replacements[pair.Key] = pair.Value;
            }
        }

        // Nested nodes (never expected: each definition's edits are disjoint) would be lost under their ancestor's replacement.
        var nodes = replacements.Keys.Where(node => !node.Ancestors().Any(replacements.ContainsKey)).ToList();
        return root.ReplaceNodes(nodes, (original, _) => replacements[original]);
    }

    private static InitializerExpressionSyntax Rewrite(InitializerExpressionSyntax initializer, RollbackPlan plan, Layout layout)
    {
        if (plan.ErrorMember is null)
        {
            var indentation = Layout.IndentationOf(plan.OnMutateMember.GetFirstToken());
            var parameters = $"({plan.ErrorName}, {plan.VariablesName}, {plan.ContextName})";
            ExpressionSyntax member;
            if (plan.Kind == RollbackKind.Restore)
            {
                var assignment = (AssignmentExpressionSyntax)SyntaxFactory.ParseExpression($"OnError = {parameters} => x");
                var lambda = (AnonymousFunctionExpressionSyntax)assignment.Right;
                var block = layout.Block(new[] { SyntaxFactory.ParseStatement(plan.Code) }, indentation);
                member = assignment.WithRight(Lambdas.WithBlock(lambda, block, layout.EndOfLineTrivia));
            }
            else
            {
                var body = IsContextOnly(plan.Kind) ? plan.Code.TrimEnd(';') : plan.Code;
                member = SyntaxFactory.ParseExpression($"{(IsContextOnly(plan.Kind) ? "OnError" : "OnErrorAsync")} = {parameters} => {body}");
            }

            return MutationSyntax.InsertMember(initializer, plan.OnMutateMember, member, layout);
        }

        var errorMember = plan.ErrorMember;
        var errorLambda = plan.ErrorLambda!;
        var memberIndentation = Layout.IndentationOf(errorMember.GetFirstToken());
        var toAsync = plan.Kind == RollbackKind.Invalidate && !Lambdas.IsAsync(errorLambda);
        var statement = plan.Kind == RollbackKind.Invalidate ? "await " + plan.Code + ";" : plan.Code;

        AnonymousFunctionExpressionSyntax rewritten;
        if (errorLambda.Block is { } existingBlock)
        {
            rewritten = errorLambda.WithBlock(Lambdas.InsertStatements(existingBlock, 0, new[] { statement }, layout, memberIndentation));
        }
        else if (errorLambda.ExpressionBody is { } body)
        {
            // An async twin that is not async returns its expression's Task: await it once async, else return it.
            var returnsTask = plan.ErrorIsAsyncTwin && !Lambdas.IsAsync(errorLambda);
            var kept = returnsTask && toAsync ? SyntaxFactory.AwaitExpression(body.WithoutTrivia()).WithTriviaFrom(body) : body;
            rewritten = Lambdas.ExpressionToBlock(errorLambda, kept, returnsValue: returnsTask && !toAsync, new[] { statement }, Enumerable.Empty<string>(), layout, memberIndentation);
        }
        else
        {
            return initializer;
        }

        var newMember = errorMember;
        if (toAsync)
        {
            rewritten = Lambdas.MakeAsync(rewritten);
            if (!plan.ErrorIsAsyncTwin) newMember = MutationSyntax.WithMemberName(newMember, "OnErrorAsync");
        }

        return initializer.ReplaceNode(errorMember, newMember.WithRight(rewritten));
    }

    private sealed class RollbackPlan : FixPlan
    {
        public RollbackPlan(
            string title,
            InitializerExpressionSyntax initializer,
            AssignmentExpressionSyntax onMutateMember,
            AssignmentExpressionSyntax? errorMember,
            RollbackKind kind,
            string code,
            string? errorName,
            string variablesName,
            string contextName)
            : base(title)
        {
            Initializer = initializer;
            OnMutateMember = onMutateMember;
            ErrorMember = errorMember;
            Kind = kind;
            Code = code;
            ErrorName = errorName;
            VariablesName = variablesName;
            ContextName = contextName;
        }

        public InitializerExpressionSyntax Initializer { get; }

        public AssignmentExpressionSyntax OnMutateMember { get; }

        public AssignmentExpressionSyntax? ErrorMember { get; }

        public AnonymousFunctionExpressionSyntax? ErrorLambda { get; set; }

        public bool ErrorIsAsyncTwin { get; set; }

        public RollbackKind Kind { get; }

        public string Code { get; }

        public string? ErrorName { get; }

        public string VariablesName { get; }

        public string ContextName { get; }
    }
}
