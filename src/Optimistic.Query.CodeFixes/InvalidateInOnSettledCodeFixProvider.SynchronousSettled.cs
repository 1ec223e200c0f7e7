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
/// to the existing lambda (first when it has a <c>return</c>). When the client's only invalidation returns a task, a synchronous
/// callback could only drop it (<c>_ = client.InvalidateQueries(…)</c>), which OPT012 reports: the key goes instead into the
/// property the library invalidates once settled (<c>invalidate_property.settled</c>, <c>InvalidateKeys = [Keys.Todos()]</c>)
/// when it reads nothing of the callback; otherwise no fix.
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
        properties.TryGetValue(DiagnosticPropertyNames.InvalidatedIn, out var invalidatedIn);
        var removedSuccess = RemovableSuccess(initializer, invalidatedIn);

        // The written key's client and its synchronous invalidation; without one, the library's settled invalidating property.
        var settledName = roles.Members.Where(pair => pair.Value == CallbackPhase.Settled && !roles.IsAsync(pair.Key)).Select(pair => pair.Key).OrderBy(name => name, System.StringComparer.Ordinal).FirstOrDefault();
        var write = key.Ancestors().OfType<InvocationExpressionSyntax>().FirstOrDefault();
        var receiver = (write?.Expression as MemberAccessExpressionSyntax)?.Expression;
        var invalidate = receiver is null ? null : CacheCallTemplate.Find(context, model.GetTypeInfo(receiver, cancellationToken).Type, CacheOperationKind.Invalidate, awaitable: false);
        if (settledName is null || invalidate is null || receiver is null || CallbackShape.Parameters(optionsType, settledName) is not { } shape)
        {
            return PlanInvalidatingProperty(model, initializer, optionsType, roles, onMutate, key, variables, removedSuccess, cancellationToken);
        }

        var variablesIndex = CallbackShape.VariablesIndex(shape);
        if (variablesIndex < 0) return null;
        var settled = MutationSyntax.FindMember(initializer, settledName);
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

    /// <summary>
    /// The written key added to the options property the library invalidates once settled (<c>invalidate_property.settled</c>:
    /// <c>InvalidateKeys = [Keys.Todos()]</c>, or appended to the one-line collection expression already there). Only for a key
    /// that reads nothing of the callback (no variables, no other parameter, OnMutate's locals inlined): the property is set
    /// before the mutation runs. Written <c>[K]</c> from C# 12, else <c>new T[] { K }</c> where an array converts to the property.
    /// </summary>
    private static FixPlan? PlanInvalidatingProperty(
        SemanticModel model,
        InitializerExpressionSyntax initializer,
        INamedTypeSymbol? optionsType,
        MutationOptionsType roles,
        AnonymousFunctionExpressionSyntax onMutate,
        ExpressionSyntax key,
        IParameterSymbol variables,
        AssignmentExpressionSyntax? removedSuccess,
        CancellationToken cancellationToken)
    {
        var propertyName = roles.InvalidatingProperties?.Where(pair => pair.Value.Contains(CallbackPhase.Settled)).Select(pair => pair.Key).OrderBy(name => name, System.StringComparer.Ordinal).FirstOrDefault();
        if (propertyName is null || PropertyOf(optionsType, propertyName) is not { } property || ElementType(model.Compilation, property.Type) is not { } elementType) return null;
        if (LocalInliner.Inline(model, onMutate, key, variables, variables.Name, cancellationToken, out var usesVariables) is not { } inlined || usesVariables) return null;
        if (model.GetTypeInfo(key, cancellationToken).ConvertedType is not { } keyType || !model.Compilation.ClassifyCommonConversion(keyType, elementType).IsImplicit) return null;

        var keyText = inlined.WithoutTrivia().ToFullString();
        var title = "Invalidate the key once settled (" + propertyName + ")";
        if (MutationSyntax.FindMember(initializer, propertyName) is { } existing)
        {
            // Appended to a one-line collection expression; another form (a variable, a list built elsewhere) is left alone.
            if (existing.Right is not CollectionExpressionSyntax collection || !Layout.OnOneLine(collection.OpenBracketToken, collection.CloseBracketToken)
                || collection.Elements.SeparatorCount >= collection.Elements.Count && collection.Elements.Count > 0)
            {
                return null;
            }

            var element = SyntaxFactory.ExpressionElement(SyntaxFactory.ParseExpression(keyText));
            var nodes = collection.Elements.GetWithSeparators();
            if (collection.Elements.Count > 0) nodes = nodes.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space));
            var extended = collection.WithElements(SyntaxFactory.SeparatedList<CollectionElementSyntax>(nodes.Add(element)));
            return new Edit(title, initializer, existing, existing.WithRight(extended), removedSuccess);
        }

        string value;
        if (initializer.SyntaxTree.Options is CSharpParseOptions { LanguageVersion: >= LanguageVersion.CSharp12 })
        {
            value = "[" + keyText + "]";
        }
        else
        {
            var array = model.Compilation.CreateArrayTypeSymbol(elementType);
            if (!model.Compilation.ClassifyCommonConversion(array, property.Type).IsImplicit) return null;
            value = "new " + elementType.ToMinimalDisplayString(model, initializer.SpanStart) + "[] { " + keyText + " }";
        }

        return new Edit(title, initializer, null, SyntaxFactory.ParseExpression(propertyName + " = " + value), removedSuccess);
    }

    /// <summary>The settable property <paramref name="name"/> of the options type (or a base).</summary>
    private static IPropertySymbol? PropertyOf(INamedTypeSymbol? optionsType, string name)
    {
        for (var current = optionsType; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers(name))
            {
                if (member is IPropertySymbol { IsStatic: false, SetMethod: not null } property) return property;
            }
        }

        return null;
    }

    /// <summary>T of an <c>IEnumerable&lt;T&gt;</c> (or array) type: the type of one key the property holds.</summary>
    private static ITypeSymbol? ElementType(Compilation compilation, ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol array) return array.ElementType;
        var enumerable = compilation.GetSpecialType(SpecialType.System_Collections_Generic_IEnumerable_T);
        if (type is INamedTypeSymbol named && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, enumerable)) return named.TypeArguments[0];
        foreach (var @interface in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(@interface.OriginalDefinition, enumerable)) return @interface.TypeArguments[0];
        }

        return null;
    }
}
