using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Optimistic.Query.Analyzers.Model;
using Optimistic.Query.CodeFixes.Common;

namespace Optimistic.Query.CodeFixes;

/// <summary>
/// OPT002 when the error argument of a mutation_arguments call is a method group or local function
/// (<c>UseMutation(mutationFn, onMutate: …, onError: RollBack)</c>) that this callback alone uses (<see cref="CallbackFunction"/>):
/// the rollback goes first in its body, as for an options member (the ErrorFunction part of this class), its parameters placed
/// by the method parameter's delegate shape (the variables by type, the context found by type, a library's trailing argument
/// by type). No fix when the rollback must be awaited in a synchronous error callback (the twin parameter is not switched to)
/// or in a non-async block that returns a task, nor for any other method group (no wrapper lambda is written for an argument).
/// </summary>
public sealed partial class AddRollbackCodeFixProvider
{
    private static FixPlan? PlanArgumentErrorFunction(
        SemanticModel model,
        RollbackKind kind,
        RollbackCalls rollback,
        bool awaits,
        ArgumentCallbacks arguments,
        ArgumentSyntax errorArgument,
        CallbackFunction function,
        SyntaxNode onMutate,
        IParameterSymbol? onMutateParameter,
        IReadOnlyList<IParameterSymbol> otherParameters,
        ExpressionSyntax receiver,
        ExpressionSyntax key,
        bool keyUsesParameter,
        IReadOnlyCollection<string> definitionTaken,
        CancellationToken cancellationToken)
    {
        if (arguments.MemberOf(errorArgument) is not { } errorName || arguments.Shape(errorName) is not { } shape) return null;
        var parameters = function.Parameters;
        if (parameters.Count != shape.Count) return null;
        var variablesIndex = CallbackShape.VariablesIndex(shape);
        if (variablesIndex < 0) variablesIndex = parameters.Count - 2;
        var contextIndex = CallbackContext.DelegateIndex(arguments.Roles, errorName);
        if (variablesIndex < 0 || contextIndex < 0 || contextIndex == variablesIndex) return null;
        var names = parameters.Select(parameter => parameter.Identifier.ValueText).ToList();
        var variablesName = names[variablesIndex];
        var contextName = names[contextIndex];
        if (contextName == "_" || (!IsContextOnly(kind) && keyUsesParameter && variablesName == "_")) return null;

        var makeAsync = false;
        if (kind == RollbackKind.Invalidate && awaits)
        {
            if (!arguments.Roles.IsAsync(errorName)) return null;
            if (!function.IsAsync)
            {
                // A Task returned by a block would need unwrapping; an expression body is awaited once the method is async.
                if (function.Block is not null) return null;
                makeAsync = true;
            }
        }

        var body = (SyntaxNode?)function.Block ?? function.ExpressionBody;
        if (body is null) return null;
        var taken = new HashSet<string>(definitionTaken);
        taken.UnionWith(Lambdas.DeclaredNamesIn(function.Declaration));
        taken.UnionWith(Lambdas.IdentifiersIn(function.Declaration));
        var target = function.Block is { } block ? block.OpenBraceToken.Span.End : body.SpanStart;
        var code = Code(kind, rollback, contextName, "previous", taken, onMutate, receiver, key, onMutateParameter, variablesName, ByType(otherParameters, shape, names), model, target, cancellationToken);
        if (code is null) return null;

        // The method is elsewhere than OnMutate: every other name the rollback uses must mean the same thing there.
        var own = Lambdas.DeclaredNamesIn(SyntaxFactory.ParseStatement(code)).Concat(names).ToList();
        if (!NameBinding.MeansTheSame(model, code, key.SpanStart, target, own)) return null;
        var statement = kind != RollbackKind.Invalidate ? code : awaits ? "await " + code + ";" : code + ";";
        return new ArgumentErrorFunctionPlan(Title(kind, key, adding: false), function, statement, makeAsync);
    }

    /// <summary>The rollback written first in the body of an error argument's method or local function.</summary>
    private sealed class ArgumentErrorFunctionPlan : FixPlan
    {
        public ArgumentErrorFunctionPlan(string title, CallbackFunction function, string rollback, bool makeAsync)
            : base(title)
        {
            Function = function;
            Rollback = rollback;
            MakeAsync = makeAsync;
        }

        public CallbackFunction Function { get; }

        /// <summary>The rollback statement.</summary>
        public string Rollback { get; }

        /// <summary>Whether the method becomes <c>async</c> (an expression body returning the task, awaited after the rollback).</summary>
        public bool MakeAsync { get; }

        /// <summary>The method or local function with the rollback.</summary>
        public SyntaxNode Declaration(SemanticModel model, Layout layout) => ExtendedDeclaration(Function, Rollback, MakeAsync, toAsyncTwin: false, model, layout);
    }
}
