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
/// OPT006 for a library whose only settled callback is synchronous (an <c>Action&lt;…&gt;</c>, mapped in the global config): the
/// client's synchronous invalidation (found by role, not awaitable) goes into that callback, added in the delegate's parameter
/// list (<c>OnSettled = (data, error, input, context, mutationContext) =&gt; mutationContext.Client.MarkStale(…)</c>) or appended
/// to the existing lambda (first when it has a <c>return</c>). No fix when the client's only invalidation returns a task: a
/// synchronous callback can only drop it (<c>_ = client.InvalidateQueries(…)</c>), which OPT012 reports, so the fix would trade
/// one warning for another.
/// </summary>
public sealed partial class InvalidateInOnSettledCodeFixProvider
{
    private static FixPlan? PlanSynchronousSettled(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var properties = diagnostic.Properties;
        if (!properties.TryGetValue(DiagnosticPropertyNames.CallbackProperty, out var onMutateName) || onMutateName is null) return null;
        if (DiagnosticSyntax.AdditionalNode(root, diagnostic, 0) is not ExpressionSyntax key) return null;
        var initializer = key.Ancestors().OfType<InitializerExpressionSyntax>().FirstOrDefault(i => MutationSyntax.FindMember(i, onMutateName) is not null);
        if (initializer is null || MutationSyntax.FindMember(initializer, onMutateName) is not { Right: AnonymousFunctionExpressionSyntax onMutate }) return null;
        var onMutateParameters = Lambdas.Parameters(onMutate);
        if (onMutateParameters.Count == 0 || model.GetDeclaredSymbol(onMutateParameters[0], cancellationToken) is not { } variables) return null;
        var otherParameters = onMutateParameters.Skip(1).Select(parameter => model.GetDeclaredSymbol(parameter, cancellationToken)).OfType<IParameterSymbol>().ToList();

        // The synchronous settled member and its delegate's shape.
        var optionsType = MutationSyntax.OptionsType(model, initializer, cancellationToken);
        if (MutationAnalysisContext.Get(model.Compilation, options) is not { } context || context.GetOptionsType(optionsType) is not { } roles) return null;
        var settledName = roles.Members.Where(pair => pair.Value == CallbackPhase.Settled && !roles.IsAsync(pair.Key)).Select(pair => pair.Key).OrderBy(name => name, System.StringComparer.Ordinal).FirstOrDefault();
        if (settledName is null || CallbackShape.Parameters(optionsType, settledName) is not { } shape) return null;
        var variablesIndex = CallbackShape.VariablesIndex(shape);
        if (variablesIndex < 0) return null;

        // The written key's client and its synchronous invalidation.
        var write = key.Ancestors().OfType<InvocationExpressionSyntax>().FirstOrDefault();
        if (write?.Expression is not MemberAccessExpressionSyntax { Expression: { } receiver }) return null;
        if (CacheCallTemplate.Find(context, model.GetTypeInfo(receiver, cancellationToken).Type, CacheOperationKind.Invalidate, awaitable: false) is not { } invalidate) return null;

        var settled = MutationSyntax.FindMember(initializer, settledName);
        properties.TryGetValue(DiagnosticPropertyNames.InvalidatedIn, out var invalidatedIn);
        var removedSuccess = RemovableSuccess(initializer, invalidatedIn);
        if (settled is null)
        {
            // A new lambda in the delegate's parameter list: the variables named as OnMutate names them, no name of K captured.
            var taken = new HashSet<string>(model.LookupSymbols(initializer.SpanStart)
                .Where(symbol => symbol.Kind is SymbolKind.Local or SymbolKind.Parameter or SymbolKind.RangeVariable)
                .Select(symbol => symbol.Name));
            taken.UnionWith(Lambdas.IdentifiersIn(key));
            taken.UnionWith(Lambdas.IdentifiersIn(receiver));
            var preferred = variables.Name == "_" ? "variables" : variables.Name;
            taken.Remove(preferred);
            var variablesName = Lambdas.UniqueName(preferred, taken);
            taken.Add(variablesName);
            var names = CallbackShape.Names(shape, variablesIndex, variablesName, -1, taken);
            var call = Call(model, onMutate, key, receiver, variables, otherParameters, shape, names, invalidate, initializer.SpanStart, cancellationToken);
            if (call is null) return null;
            var added = SyntaxFactory.ParseExpression($"{settledName} = ({string.Join(", ", names)}) => {call}");
            return new Edit(Title, initializer, null, added, removedSuccess);
        }

        // An existing synchronous lambda gets the call appended (first when a return could skip it).
        if (settled.Right is not ParenthesizedLambdaExpressionSyntax { ReturnType: null } lambda || Lambdas.IsAsync(lambda)) return null;
        var parameters = lambda.ParameterList.Parameters;
        if (parameters.Count != shape.Count || parameters[variablesIndex].Identifier.ValueText == "_") return null;
        var existingNames = parameters.Select(parameter => parameter.Identifier.ValueText).ToList();
        var statement = Call(model, onMutate, key, receiver, variables, otherParameters, shape, existingNames, invalidate, lambda.SpanStart, cancellationToken);
        if (statement is null) return null;
        var declared = new HashSet<string>(Lambdas.DeclaredNamesIn(lambda));
        if (Lambdas.IdentifiersIn(SyntaxFactory.ParseExpression(statement)).Any(name => !existingNames.Contains(name) && declared.Contains(name))) return null;

        var layout = Layout.Of(root);
        var indentation = Layout.IndentationOf(settled.GetFirstToken());
        AnonymousFunctionExpressionSyntax extended;
        if (lambda.ExpressionBody is { } body)
        {
            extended = Lambdas.ExpressionToBlock(lambda, body, returnsValue: false, Enumerable.Empty<string>(), new[] { statement + ";" }, layout, indentation);
        }
        else if (lambda.Block is { } block)
        {
            var returns = block.DescendantNodes(node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<ReturnStatementSyntax>().Any();
            var blockIndentation = Layout.StartsLine(block.OpenBraceToken) ? Layout.IndentationOf(block.OpenBraceToken) : indentation;
            extended = lambda.WithBlock(Lambdas.InsertStatements(block, returns ? 0 : block.Statements.Count, new[] { statement + ";" }, layout, blockIndentation));
        }
        else
        {
            return null;
        }

        return new Edit(Title, initializer, settled, settled.WithRight(extended), removedSuccess);
    }

    /// <summary>
    /// The invalidation of K on the client as the settled callback writes them: OnMutate's variables and its other parameters (a
    /// library's <c>MutationContext</c>) renamed to the settled callback's of the same type, its locals inlined; null when either
    /// cannot be written there.
    /// </summary>
    private static string? Call(
        SemanticModel model,
        AnonymousFunctionExpressionSyntax onMutate,
        ExpressionSyntax key,
        ExpressionSyntax receiver,
        IParameterSymbol variables,
        IReadOnlyList<IParameterSymbol> otherParameters,
        IReadOnlyList<IParameterSymbol> shape,
        IReadOnlyList<string> names,
        CacheCallTemplate invalidate,
        int position,
        CancellationToken cancellationToken)
    {
        var variablesName = names[CallbackShape.VariablesIndex(shape)];
        var byType = CallbackShape.ByType(otherParameters, shape, names);
        if (LocalInliner.Inline(model, onMutate, receiver, variables, variablesName, cancellationToken, out _, byType) is not { } client
            || LocalInliner.Inline(model, onMutate, key, variables, variablesName, cancellationToken, out _, byType) is not { } inlinedKey)
        {
            return null;
        }

        return invalidate.Expression(MutationSyntax.ReceiverText(client), inlinedKey.WithoutTrivia().ToFullString(), model, position);
    }
}
