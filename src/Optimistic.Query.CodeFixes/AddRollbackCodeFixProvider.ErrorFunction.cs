using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Optimistic.Query.CodeFixes.Common;

namespace Optimistic.Query.CodeFixes;

/// <summary>
/// OPT002 when the error callback is a method group or local function (<c>OnError = HandleError</c>).
/// <list type="bullet">
/// <item>A private method or local function of this document that nothing but this callback references
/// (<see cref="CallbackFunction"/>) gets the rollback first in its own body. For an invalidation a synchronous one becomes
/// <c>private async Task HandleErrorAsync(…)</c> and the member <c>OnErrorAsync = HandleErrorAsync</c>, as a lambda would.</item>
/// <item>Any other method (shared, non-private, in another file or type): the member becomes a lambda that rolls back, then
/// calls the method with the same arguments (<c>OnError = (error, input, context) =&gt; { rollback; HandleError(error, input, context); }</c>),
/// awaiting it for the async twin; an invalidation makes a synchronous <c>OnError</c> an async <c>OnErrorAsync</c> lambda.</item>
/// </list>
/// The rollback comes first, as in a lambda, so that an exception thrown by the handler (a toast) cannot skip it.
/// </summary>
public sealed partial class AddRollbackCodeFixProvider
{
    /// <summary>Extends the error callback's own method, when the rollback's names mean the same there as in OnMutate.</summary>
    private static FixPlan? PlanErrorFunction(ErrorSite site, CallbackFunction function, CancellationToken cancellationToken)
    {
        var parameters = function.Parameters;
        if (parameters.Count != 3) return null;
        var variablesName = parameters[1].Identifier.ValueText;
        var contextName = parameters[2].Identifier.ValueText;
        if (contextName == "_" || (!IsContextOnly(site.Kind) && site.KeyUsesParameter && variablesName == "_")) return null;

        if (MutationSyntax.MemberName(site.ErrorMember) is not ("OnError" or "OnErrorAsync")) return null;
        var isAsyncTwin = MutationSyntax.MemberName(site.ErrorMember) == "OnErrorAsync";
        var makeAsync = false;
        if (site.Kind == RollbackKind.Invalidate && site.Awaits)
        {
            if (!isAsyncTwin)
            {
                // void → async Task, and the member becomes the async twin.
                if (function.IsAsync || !function.Symbol.ReturnsVoid) return null;
                if (MutationSyntax.FindMember(site.Initializer, "OnErrorAsync") is not null || !MutationSyntax.HasProperty(site.OptionsType, "OnErrorAsync")) return null;
                makeAsync = true;
            }
            else if (!function.IsAsync)
            {
                // A Task returned by a block would need unwrapping; an expression body is awaited once the method is async.
                if (function.Block is not null) return null;
                makeAsync = true;
            }
        }

        var body = (SyntaxNode?)function.Block ?? function.ExpressionBody;
        if (body is null) return null;
        var taken = new HashSet<string>(site.Taken);
        taken.UnionWith(Lambdas.DeclaredNamesIn(function.Declaration));
        taken.UnionWith(Lambdas.IdentifiersIn(function.Declaration));
        var target = function.Block is { } block ? block.OpenBraceToken.Span.End : body.SpanStart;
        var code = Code(site.Kind, site.Rollback!, contextName, "previous", taken, site.OnMutate, site.Receiver, site.Key, site.OnMutateParameterSymbol, variablesName, NoOtherParameters, site.Model, target, cancellationToken);
        if (code is null) return null;

        // The method is elsewhere than OnMutate: every other name the rollback uses must mean the same thing there.
        var own = Lambdas.DeclaredNamesIn(SyntaxFactory.ParseStatement(code)).Concat(new[] { variablesName, contextName }).ToList();
        if (!NameBinding.MeansTheSame(site.Model, code, site.Key.SpanStart, target, own)) return null;

        var statement = Statement(site, code);
        return new ErrorFunctionPlan(Title(site.Kind, site.Key, adding: false), site, statement)
        {
            Function = function,
            MakeAsync = makeAsync,
            ToAsyncTwin = makeAsync && !isAsyncTwin,
        };
    }

    /// <summary>Wraps a method group the fix may not edit in a lambda that rolls back, then calls it.</summary>
    private static FixPlan? PlanErrorWrapper(ErrorSite site, CancellationToken cancellationToken)
    {
        var value = site.ErrorMember.Right;
        if (value is not (SimpleNameSyntax or MemberAccessExpressionSyntax)) return null;
        if (site.Model.GetSymbolInfo(value, cancellationToken).Symbol is not IMethodSymbol { IsGenericMethod: false, Parameters.Length: 3 }) return null;

        if (MutationSyntax.MemberName(site.ErrorMember) is not ("OnError" or "OnErrorAsync")) return null;
        var isAsyncTwin = MutationSyntax.MemberName(site.ErrorMember) == "OnErrorAsync";
        var toAsyncTwin = site.Kind == RollbackKind.Invalidate && site.Awaits && !isAsyncTwin;
        if (toAsyncTwin && (MutationSyntax.FindMember(site.Initializer, "OnErrorAsync") is not null || !MutationSyntax.HasProperty(site.OptionsType, "OnErrorAsync"))) return null;

        var taken = new HashSet<string>(site.Taken);
        taken.UnionWith(Lambdas.IdentifiersIn(value));
        var preferred = site.OnMutateParameter is { Identifier.ValueText: { } name } && name != "_" ? name : "variables";
        var errorName = Lambdas.UniqueName("error", taken);
        taken.Remove(preferred);
        taken.Add(errorName);
        var variablesName = Lambdas.ClaimName(preferred, taken);
        var contextName = Lambdas.ClaimName("context", taken);
        var code = Code(site.Kind, site.Rollback!, contextName, "previous", taken, site.OnMutate, site.Receiver, site.Key, site.OnMutateParameterSymbol, variablesName, NoOtherParameters, site.Model, site.Initializer.SpanStart, cancellationToken);
        if (code is null) return null;
        var rollback = Statement(site, code);
        var call = $"{value.WithoutTrivia().ToFullString()}({errorName}, {variablesName}, {contextName});";
        var isAsync = isAsyncTwin || toAsyncTwin;
        var lambda = $"{(isAsync ? "async " : string.Empty)}({errorName}, {variablesName}, {contextName}) => x";
        return new ErrorFunctionPlan(Title(site.Kind, site.Key, adding: false), site, rollback)
        {
            WrapperLambda = lambda,
            WrapperCall = isAsyncTwin ? "await " + call : call,
            ToAsyncTwin = toAsyncTwin,
        };
    }

    private static readonly IReadOnlyDictionary<IParameterSymbol, string> NoOtherParameters = new Dictionary<IParameterSymbol, string>(SymbolEqualityComparer.Default);

    /// <summary>The rollback as a statement: an invalidation is awaited when it returns a task, a restore or undo is one already.</summary>
    private static string Statement(ErrorSite site, string code) =>
        site.Kind != RollbackKind.Invalidate ? code : site.Awaits ? "await " + code + ";" : code + ";";

    /// <summary>What the rollback needs from the definition, for an error callback that is not a lambda.</summary>
    private sealed class ErrorSite
    {
        public ErrorSite(
            SemanticModel model,
            RollbackKind kind,
            InitializerExpressionSyntax initializer,
            AssignmentExpressionSyntax onMutateMember,
            AssignmentExpressionSyntax errorMember,
            SyntaxNode onMutate,
            ParameterSyntax? onMutateParameter,
            IParameterSymbol? onMutateParameterSymbol,
            ExpressionSyntax receiver,
            ExpressionSyntax key,
            bool keyUsesParameter,
            INamedTypeSymbol optionsType,
            IReadOnlyCollection<string> taken)
        {
            Model = model;
            Kind = kind;
            Initializer = initializer;
            OnMutateMember = onMutateMember;
            ErrorMember = errorMember;
            OnMutate = onMutate;
            OnMutateParameter = onMutateParameter;
            OnMutateParameterSymbol = onMutateParameterSymbol;
            Receiver = receiver;
            Key = key;
            KeyUsesParameter = keyUsesParameter;
            OptionsType = optionsType;
            Taken = taken;
        }

        public SemanticModel Model { get; }

        public RollbackKind Kind { get; }

        public InitializerExpressionSyntax Initializer { get; }

        public AssignmentExpressionSyntax OnMutateMember { get; }

        public AssignmentExpressionSyntax ErrorMember { get; }

        public SyntaxNode OnMutate { get; }

        public ParameterSyntax? OnMutateParameter { get; }

        public IParameterSymbol? OnMutateParameterSymbol { get; }

        public ExpressionSyntax Receiver { get; }

        public ExpressionSyntax Key { get; }

        public bool KeyUsesParameter { get; }

        public INamedTypeSymbol OptionsType { get; }

        /// <summary>Names in use where the definition is.</summary>
        public IReadOnlyCollection<string> Taken { get; }

        /// <summary>The restore or invalidation call, by role.</summary>
        public RollbackCalls? Rollback { get; set; }

        /// <summary>Whether the invalidation returns a task to await.</summary>
        public bool Awaits { get; set; }
    }

    /// <summary>The rollback of an error callback that is a method group: its method edited, or the member wrapped in a lambda.</summary>
    private sealed class ErrorFunctionPlan : FixPlan
    {
        public ErrorFunctionPlan(string title, ErrorSite site, string rollback)
            : base(title)
        {
            Site = site;
            Rollback = rollback;
        }

        public ErrorSite Site { get; }

        /// <summary>The rollback statement.</summary>
        public string Rollback { get; }

        /// <summary>The method or local function extended in place; null when the member is wrapped.</summary>
        public CallbackFunction? Function { get; set; }

        /// <summary>Whether the method becomes <c>async</c>.</summary>
        public bool MakeAsync { get; set; }

        /// <summary>Whether the member <c>OnError</c> becomes <c>OnErrorAsync</c>.</summary>
        public bool ToAsyncTwin { get; set; }

        /// <summary>The wrapper lambda's head, <c>(error, input, context) =&gt; x</c> (the <c>x</c> replaced by the block).</summary>
        public string? WrapperLambda { get; set; }

        /// <summary>The wrapper's call of the method group, after the rollback.</summary>
        public string? WrapperCall { get; set; }

        /// <summary>The nodes to replace: the definition's initializer, and the method when it is extended.</summary>
        public IEnumerable<KeyValuePair<SyntaxNode, SyntaxNode>> Edit(SemanticModel model, Layout layout, CancellationToken cancellationToken)
        {
            var member = Site.ErrorMember;
            var memberIndentation = Layout.IndentationOf(member.GetFirstToken());
            if (Function is null)
            {
                var head = (ParenthesizedLambdaExpressionSyntax)SyntaxFactory.ParseExpression(WrapperLambda!);
                var block = layout.Block(new[] { SyntaxFactory.ParseStatement(Rollback), SyntaxFactory.ParseStatement(WrapperCall!) }, memberIndentation);
                var lambda = Lambdas.WithBlock(head, block, layout.EndOfLineTrivia).WithLeadingTrivia(member.Right.GetLeadingTrivia()).WithTrailingTrivia(member.Right.GetTrailingTrivia());
                var wrapped = (ToAsyncTwin ? MutationSyntax.WithMemberName(member, "OnErrorAsync") : member).WithRight(lambda);
                yield return new KeyValuePair<SyntaxNode, SyntaxNode>(Site.Initializer, Site.Initializer.ReplaceNode(member, wrapped));
                yield break;
            }

            var function = Function;
            var declaration = ExtendedDeclaration(function, Rollback, MakeAsync, ToAsyncTwin, model, layout);
            var newMember = member;
            if (ToAsyncTwin)
            {
                var reference = function.Reference.WithIdentifier(SyntaxFactory.Identifier(function.Reference.Identifier.LeadingTrivia, function.AsyncName(model), function.Reference.Identifier.TrailingTrivia));
                newMember = MutationSyntax.WithMemberName(member, "OnErrorAsync").WithRight(member.Right.ReplaceNode(function.Reference, reference));
            }

            yield return new KeyValuePair<SyntaxNode, SyntaxNode>(function.Declaration, declaration);
            if (newMember != member) yield return new KeyValuePair<SyntaxNode, SyntaxNode>(Site.Initializer, Site.Initializer.ReplaceNode(member, newMember));
        }
    }

    /// <summary>
    /// The error callback's method or local function with <paramref name="rollback"/> first in its body; <c>async</c> when
    /// <paramref name="makeAsync"/>, then returning <c>Task</c> under its <c>Async</c> name when <paramref name="toAsyncTwin"/>.
    /// </summary>
    private static SyntaxNode ExtendedDeclaration(CallbackFunction function, string rollback, bool makeAsync, bool toAsyncTwin, SemanticModel model, Layout layout)
    {
        var indentation = Layout.IndentationOf(function.Declaration.GetFirstToken());
        SyntaxNode declaration;
        if (function.Block is { } existing)
        {
            var extended = Lambdas.InsertStatements(existing, 0, new[] { rollback }, layout, indentation);
            declaration = CallbackFunction.Edit(function.Declaration, method => method.WithBody(extended), local => local.WithBody(extended));
        }
        else
        {
            // `=> expr;` becomes a block: the rollback, then the expression (awaited once async, returned while it returns the Task).
            var expression = function.ExpressionBody!.WithoutTrivia();
            var returnsTask = !function.Symbol.ReturnsVoid && !function.IsAsync;
            StatementSyntax kept = returnsTask && makeAsync
                ? SyntaxFactory.ExpressionStatement(SyntaxFactory.AwaitExpression(expression))
                : returnsTask ? SyntaxFactory.ReturnStatement(expression.WithLeadingTrivia(SyntaxFactory.Space)) : SyntaxFactory.ExpressionStatement(expression);
            var block = layout.Block(new[] { SyntaxFactory.ParseStatement(rollback), kept }, indentation);
            declaration = CallbackFunction.WithBlock(function.Declaration, block, layout.EndOfLineTrivia);
        }

        if (!makeAsync) return declaration;
        var name = toAsyncTwin ? function.AsyncName(model) : function.Symbol.Name;
        var returnType = toAsyncTwin ? function.TaskTypeText(model, null) : function.ReturnType.WithoutTrivia().ToFullString();
        return CallbackFunction.Retype(declaration, returnType, name, makeAsync: true);
    }
}
