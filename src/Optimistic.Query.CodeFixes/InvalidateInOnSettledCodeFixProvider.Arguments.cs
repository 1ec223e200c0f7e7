using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Optimistic.Query.Analyzers;
using Optimistic.Query.Analyzers.Model;
using Optimistic.Query.CodeFixes.Common;

namespace Optimistic.Query.CodeFixes;

/// <summary>
/// OPT006 on a definition whose callbacks are the arguments of a mutation_arguments call (<see cref="ArgumentCallbacks"/>):
/// an asynchronous settled argument gets the awaited invalidation (as an options member does, <see cref="Extend"/>), a method
/// group or local function in a new asynchronous lambda that calls it, then awaits the invalidation; without
/// one, a named argument of the method's optional settled parameter is added last, in its delegate's parameter list, the
/// client reached through the parameter of the type OnMutate reached it through
/// (<c>onSettled: (data, error, input, context, mutationContext) =&gt; mutationContext.Client.InvalidateQueries(…)</c>).
/// No fix when the method has no such optional parameter, nor for a synchronous settled argument.
/// </summary>
public sealed partial class InvalidateInOnSettledCodeFixProvider
{
    private static FixPlan? PlanArguments(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var properties = diagnostic.Properties;
        if (!properties.TryGetValue(DiagnosticPropertyNames.CallbackProperty, out var onMutateName) || onMutateName is null) return null;
        if (DiagnosticSyntax.AdditionalNode(root, diagnostic, 0) is not ExpressionSyntax key) return null;
        if (MutationAnalysisContext.Get(model.Compilation, options) is not { } context) return null;

        // The call whose OnMutate argument writes the key.
        ArgumentCallbacks? arguments = null;
        ArgumentSyntax? onMutateArgument = null;
        foreach (var candidate in key.Ancestors().OfType<ArgumentSyntax>())
        {
            if (candidate.Expression is not AnonymousFunctionExpressionSyntax) continue;
            if (ArgumentCallbacks.Of(model, context, candidate, cancellationToken) is { } found && found.MemberOf(candidate) == onMutateName)
            {
                arguments = found;
                onMutateArgument = candidate;
                break;
            }
        }

        if (arguments is null || onMutateArgument!.Expression is not AnonymousFunctionExpressionSyntax onMutate || !Lambdas.IsEditable(onMutate)) return null;
        var onMutateParameters = Lambdas.Parameters(onMutate);
        if (onMutateParameters.Count == 0 || model.GetDeclaredSymbol(onMutateParameters[0], cancellationToken) is not { } variables) return null;
        var otherParameters = onMutateParameters.Skip(1).Select(parameter => model.GetDeclaredSymbol(parameter, cancellationToken)).OfType<IParameterSymbol>().ToList();

        // The settled argument the analyzer saw, else the asynchronous settled parameter the method takes.
        var roles = arguments.Roles;
        properties.TryGetValue(DiagnosticPropertyNames.SettledCallbackProperty, out var settledName);
        var settled = settledName is null ? null : arguments.Find(settledName);
        if (settledName is not null && settled is null) return null;
        var memberName = settledName ?? roles.Members.Where(pair => pair.Value == CallbackPhase.Settled && roles.IsAsync(pair.Key) && arguments.CanAdd(pair.Key)).Select(pair => pair.Key).OrderBy(name => name, System.StringComparer.Ordinal).FirstOrDefault();
        if (memberName is null || !roles.IsAsync(memberName) || arguments.Shape(memberName) is not { } shape) return null;
        var variablesIndex = CallbackShape.VariablesIndex(shape);
        if (variablesIndex < 0) return null;

        // The written key's client and its invalidation returning a task (awaited in the asynchronous callback).
        var write = key.Ancestors().OfType<InvocationExpressionSyntax>().FirstOrDefault();
        if (write?.Expression is not MemberAccessExpressionSyntax { Expression: { } receiver }) return null;
        if (CacheCallTemplate.Find(context, model.GetTypeInfo(receiver, cancellationToken).Type, CacheOperationKind.Invalidate, awaitable: true) is not { } invalidate) return null;

        if (settled is null || settled.Expression is not AnonymousFunctionExpressionSyntax)
        {
            // A new lambda in the delegate's parameter list: the variables named as OnMutate names them, no name of K captured.
            var taken = new HashSet<string>(model.LookupSymbols(arguments.Call.SpanStart)
                .Where(symbol => symbol.Kind is SymbolKind.Local or SymbolKind.Parameter or SymbolKind.RangeVariable)
                .Select(symbol => symbol.Name));
            taken.UnionWith(Lambdas.IdentifiersIn(key));
            taken.UnionWith(Lambdas.IdentifiersIn(receiver));
            if (settled is not null) taken.UnionWith(Lambdas.IdentifiersIn(settled.Expression));
            var preferred = variables.Name == "_" ? "variables" : variables.Name;
            taken.Remove(preferred);
            var variablesName = Lambdas.UniqueName(preferred, taken);
            taken.Add(variablesName);
            var names = CallbackShape.Names(shape, variablesIndex, variablesName, -1, taken);
            var call = Call(model, onMutate, key, receiver, variables, otherParameters, shape, names, invalidate, arguments.Call.SpanStart, cancellationToken);
            if (call is null) return null;
            var parameterList = "(" + string.Join(", ", names) + ")";
            if (settled is null)
            {
                var lambda = SyntaxFactory.ParseExpression($"{parameterList} => {call}");
                return new ArgumentEdit(arguments.Call.ArgumentList, null, arguments.ParameterFor(memberName)!.Name, lambda);
            }

            // A method group (or local function) is wrapped as an options member's is: called first, as the library called it
            // (awaited when it returns a task), then the invalidation.
            if (settled.Expression is not (IdentifierNameSyntax or MemberAccessExpressionSyntax or GenericNameSyntax)) return null;
            if (model.GetSymbolInfo(settled.Expression, cancellationToken).Symbol is not IMethodSymbol handler) return null;
            var layout = Layout.Of(root);
            var handlerCall = (handler.ReturnsVoid ? string.Empty : "await ") + settled.Expression.WithoutTrivia().ToFullString() + parameterList + ";";
            var block = layout.Block(new[] { SyntaxFactory.ParseStatement(handlerCall), SyntaxFactory.ParseStatement("await " + call + ";") }, Layout.IndentationOf(settled.GetFirstToken()));
            var head = (AnonymousFunctionExpressionSyntax)SyntaxFactory.ParseExpression($"async {parameterList} => {{ }}");
            var wrapper = Lambdas.WithBlock(head, block.WithTrailingTrivia(settled.Expression.GetTrailingTrivia()), layout.EndOfLineTrivia);
            return new ArgumentEdit(arguments.Call.ArgumentList, settled, null, wrapper);
        }

        // An existing lambda gets the awaited invalidation, through its own parameters.
        if (settled.Expression is not ParenthesizedLambdaExpressionSyntax { ReturnType: null } settledLambda || !Lambdas.IsEditable(settledLambda)) return null;
        var parameters = settledLambda.ParameterList.Parameters;
        if (parameters.Count != shape.Count || parameters[variablesIndex].Identifier.ValueText == "_") return null;
        var existingNames = parameters.Select(parameter => parameter.Identifier.ValueText).ToList();
        var invalidation = Call(model, onMutate, key, receiver, variables, otherParameters, shape, existingNames, invalidate, settledLambda.SpanStart, cancellationToken);
        if (invalidation is null) return null;
        var declared = new HashSet<string>(Lambdas.DeclaredNamesIn(settledLambda));
        if (Lambdas.IdentifiersIn(SyntaxFactory.ParseExpression(invalidation)).Any(name => !existingNames.Contains(name) && declared.Contains(name))) return null;
        var extended = Extend(settledLambda, settled, "await " + invalidation + ";", model, Layout.Of(root), cancellationToken);
        return extended is null ? null : new ArgumentEdit(arguments.Call.ArgumentList, settled, null, extended);
    }

    /// <summary>The argument list with the edit: the settled argument's new lambda, or the new named argument added last.</summary>
    private static ArgumentListSyntax RewriteArguments(ArgumentListSyntax list, ArgumentEdit edit, Layout layout) =>
        edit.Settled is { } settled
            ? list.ReplaceNode(settled, settled.WithExpression(edit.Lambda))
            : ArgumentCallbacks.AddNamed(list, edit.NewName!, edit.Lambda, layout);

    /// <summary>The edit of a mutation_arguments call's arguments.</summary>
    private sealed class ArgumentEdit : FixPlan
    {
        public ArgumentEdit(ArgumentListSyntax list, ArgumentSyntax? settled, string? newName, ExpressionSyntax lambda)
            : base(InvalidateInOnSettledCodeFixProvider.Title)
        {
            List = list;
            Settled = settled;
            NewName = newName;
            Lambda = lambda;
        }

        public ArgumentListSyntax List { get; }

        /// <summary>The settled argument whose lambda is replaced; null when a named argument is added.</summary>
        public ArgumentSyntax? Settled { get; }

        /// <summary>The parameter name of the added argument.</summary>
        public string? NewName { get; }

        public ExpressionSyntax Lambda { get; }
    }
}
