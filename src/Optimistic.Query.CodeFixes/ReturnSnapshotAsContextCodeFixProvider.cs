using System.Collections.Generic;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Optimistic.Query.Analyzers;
using Optimistic.Query.Analyzers.Model;
using Optimistic.Query.CodeFixes.Common;

namespace Optimistic.Query.CodeFixes;

/// <summary>
/// OPT003: keeps the snapshot in a local of OnMutate and returns it as the context, <c>new Snapshot&lt;T&gt;(local)</c>; the
/// other callbacks read <c>context?.Previous</c> instead of the shared storage (<c>if (_previous is not null) S</c> becomes
/// <c>if (context?.Previous is { } previous) S</c>). A stored layer handle is returned as the context itself
/// (<c>OptimisticLayer&lt;T&gt;</c>; <c>_layer?.Rollback()</c> becomes <c>context?.Rollback()</c>). A placeholder context type
/// argument (<c>Unit</c>, or a <c>bool</c> no callback reads) becomes the snapshot's type, in the options creation and in the
/// declared type the <c>CreateMutation</c> result flows into (a return, variable, field or property type, including a
/// property assigned in a constructor). A context parameter named <c>_</c> is named <c>context</c> where it is read. A private
/// field or outer local left unused is removed. The fix is offered only when the result compiles (no new error in the
/// document); anything else (a context of another type, OnMutate not a block lambda, the storage written twice) gets no fix.
/// A <c>bool</c> context that callbacks do read (<c>changed</c>) keeps its information: the context becomes the tuple
/// <c>(bool Changed, T? Previous)</c>, each <c>return b;</c> of OnMutate <c>return (b, previous);</c>, and the callbacks read
/// <c>context.Changed</c> and <c>context.Previous</c>; the default context of a failed OnMutate is <c>(false, null)</c>, as the
/// bool's was <c>false</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReturnSnapshotAsContextCodeFixProvider)), Shared]
public sealed class ReturnSnapshotAsContextCodeFixProvider : DocumentRewriteCodeFixProvider
{
    /// <summary>The equivalence key of the fix.</summary>
    public const string Key = "OPT003.ReturnSnapshotAsContext";

    /// <summary>The fix of OPT003.</summary>
    public ReturnSnapshotAsContextCodeFixProvider()
        : base("OPT003", Key)
    {
    }

    private protected override async Task<FixPlan?> PlanAsync(Document document, SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var plan = Plan(root, model, diagnostic, cancellationToken);
        if (plan is null) return null;

        // Offered only when it compiles: no error the document did not have before.
        var fixedRoot = Apply(root, model, new[] { plan }, cancellationToken);
        if (fixedRoot is null) return null;
        var fixedModel = await document.WithSyntaxRoot(fixedRoot).GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (fixedModel is null) return null;
        var before = model.GetDiagnostics(cancellationToken: cancellationToken).Count(d => d.Severity == DiagnosticSeverity.Error);
        var after = fixedModel.GetDiagnostics(cancellationToken: cancellationToken).Count(d => d.Severity == DiagnosticSeverity.Error);
        return after > before ? null : plan;
    }

    private protected override FixPlan? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var isLayer = diagnostic.Properties.TryGetValue(DiagnosticPropertyNames.IsLayerHandle, out var layerFlag) && layerFlag == "true";
        if (DiagnosticSyntax.NodeAt(root, diagnostic.Location) is not { } node) return null;
        var assignment = node as AssignmentExpressionSyntax ?? node.FirstAncestorOrSelf<AssignmentExpressionSyntax>();
        if (assignment is not { Parent: ExpressionStatementSyntax { Parent: BlockSyntax } statement }) return null;
        // OnMutate: an initializer member, or an argument of a mutation_arguments call (ArgumentCallbacks).
        var onMutateMember = MutationSyntax.EnclosingMember(assignment);
        var onMutateArgument = ArgumentCallbacks.EnclosingArgument(assignment);
        var arguments = onMutateArgument is null ? null : ArgumentCallbacks.Of(model, MutationAnalysisContext.Existing(model.Compilation), onMutateArgument, cancellationToken);
        if (arguments is not null) onMutateMember = null;
        var onMutateName = arguments is not null ? arguments.MemberOf(onMutateArgument!) : onMutateMember is null ? null : MutationSyntax.MemberName(onMutateMember);
        if (onMutateName is null || !diagnostic.Properties.TryGetValue(DiagnosticPropertyNames.CallbackProperty, out var flagged) || flagged != onMutateName) return null;
        var onMutateValue = arguments is not null ? onMutateArgument!.Expression : onMutateMember!.Right;
        if (onMutateValue is not AnonymousFunctionExpressionSyntax { Block: { } body } onMutate || !Lambdas.IsEditable(onMutate)) return null;
        if (assignment.FirstAncestorOrSelf<AnonymousFunctionExpressionSyntax>() != onMutate) return null;
        var definition = (SyntaxNode?)onMutateMember?.Parent ?? arguments!.Call;
        var initializer = onMutateMember?.Parent as InitializerExpressionSyntax;

        var target = model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol;
        if (target is not (IFieldSymbol or IPropertySymbol or ILocalSymbol)) return null;
        var value = assignment.Right;
        if (model.GetTypeInfo(value, cancellationToken).Type is not { IsReferenceType: true } valueType) return null;
        valueType = valueType.WithNullableAnnotation(NullableAnnotation.NotAnnotated);

        // The context type: Snapshot<T> (the layer handle itself for a layer) already, or a dummy changed to it. A library
        // whose context is untyped (object?, through the third-party map) gets the stored value itself as the context.
        var optionsType = initializer is null ? null : MutationSyntax.OptionsType(model, initializer, cancellationToken);
        var untyped = (arguments is not null ? arguments.ContextType(onMutateName) : CallbackShape.ContextType(model, onMutateMember!, cancellationToken)) is { SpecialType: SpecialType.System_Object };
        if (!untyped && optionsType is not { TypeArguments.Length: 3 }) return null;
        ITypeSymbol snapshotType;
        if (isLayer || untyped)
        {
            snapshotType = valueType;
        }
        else
        {
            var snapshotDefinition = model.Compilation.GetTypeByMetadataName("Optimistic.Query.Snapshot`1");
            if (snapshotDefinition is null) return null;
            snapshotType = snapshotDefinition.Construct(valueType);
        }

        var snapshotText = MutationSyntax.TypeText(model, snapshotType, definition.SpanStart);
        var contextType = untyped ? snapshotType : optionsType!.TypeArguments[2];
        var changeContext = !SymbolEqualityComparer.Default.Equals(contextType.WithNullableAnnotation(NullableAnnotation.NotAnnotated), snapshotType);

        // A bool the callbacks read carries information: it stays, beside the snapshot, in a tuple (flag, Previous).
        string? flagName = null;
        if (changeContext && (initializer is null || !IsDummyContext(contextType, model, initializer, onMutateMember!, cancellationToken)))
        {
            if (initializer is null || isLayer || contextType.SpecialType != SpecialType.System_Boolean || FlagName(model, initializer, onMutateMember!, cancellationToken) is not { } flag) return null;
            flagName = flag;
            snapshotText = $"(bool {flagName}, {MutationSyntax.TypeText(model, valueType, definition.SpanStart)}? Previous)";
        }

        var replacements = new Dictionary<SyntaxNode, SyntaxNode>();

        // OnMutate: the statement becomes a local (or goes), later reads read the local, returns return the snapshot.
        var references = References(model, onMutate, target, cancellationToken).ToList();
        if (references.Any(reference => reference != assignment.Left && IsWritten(reference))) return null;
        string localName;
        if (value is IdentifierNameSyntax identifier && model.GetSymbolInfo(identifier, cancellationToken).Symbol is ILocalSymbol)
        {
            localName = identifier.Identifier.ValueText;
            replacements[statement] = SyntaxFactory.EmptyStatement(); // removed below
        }
        else
        {
            var taken = new HashSet<string>(model.LookupSymbols(statement.SpanStart).Where(s => s.Kind is SymbolKind.Local or SymbolKind.Parameter).Select(s => s.Name));
            taken.UnionWith(Lambdas.DeclaredNamesIn(onMutate));
            var preferred = target.Name.TrimStart('_');
            preferred = preferred.Length == 0 ? "previous" : char.ToLowerInvariant(preferred[0]) + preferred.Substring(1);
            localName = Lambdas.UniqueName(preferred == target.Name && target is ILocalSymbol ? "previous" : preferred, taken);
            replacements[statement] = SyntaxFactory.ParseStatement($"var {localName} = {value.WithoutTrivia().ToFullString()};").WithTriviaFrom(statement);
        }

        foreach (var reference in references)
        {
            if (reference == assignment.Left || reference.SpanStart < statement.Span.End) continue;
            replacements[reference] = SyntaxFactory.IdentifierName(localName).WithTriviaFrom(reference);
        }

        var returns = body.DescendantNodes(n => n is not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax).OfType<ReturnStatementSyntax>().ToList();
        if (returns.Count == 0 || returns.Any(r => r.Expression is null)) return null;
        if (flagName is null && returns.Any(r => replacements.Keys.Any(k => r.Span.Contains(k.Span)))) return null;
        foreach (var returnStatement in returns)
        {
            // The flag keeps its value (`return previous is not null;` reads the local too); the snapshot goes beside it.
            var inner = replacements.Keys.Where(k => returnStatement.Span.Contains(k.Span)).ToList();
            var flag = returnStatement.Expression!.ReplaceNodes(inner, (original, _) => replacements[original]);
            foreach (var key in inner) replacements.Remove(key);
            var returned = isLayer || untyped ? localName
                : flagName is not null ? $"({flag.WithoutTrivia().ToFullString()}, {localName})"
                : $"new {snapshotText}({localName})";
            replacements[returnStatement] = returnStatement.WithExpression(SyntaxFactory.ParseExpression(returned).WithTriviaFrom(returnStatement.Expression!));
        }

        // The other callbacks read the context.
        foreach (var (member, memberName, memberValue) in OtherMembers(initializer, arguments, onMutateMember, onMutateArgument))
        {
            var callbackReferences = References(model, memberValue, target, cancellationToken).ToList();
            var flagReads = flagName is null || member is not AssignmentExpressionSyntax flagMember ? new List<ExpressionSyntax>() : ContextReads(model, flagMember, cancellationToken);
            if (callbackReferences.Count == 0 && flagReads.Count == 0) continue;
            if (memberName is null || memberValue is not AnonymousFunctionExpressionSyntax lambda || !Lambdas.IsEditable(lambda)
                || ContextParameter(model, lambda, optionsType, memberName, arguments) is not { } contextParameter) return null;
            if (callbackReferences.Any(IsWritten) || flagReads.Any(IsWritten)) return null;
            var namesInLambda = new HashSet<string>(Lambdas.DeclaredNamesIn(lambda).Concat(Lambdas.IdentifiersIn(lambda)));
            var contextName = contextParameter.Identifier.ValueText;
            if (contextName == "_" || (flagName is not null && contextName != "context"))
            {
                // A discarded context is named, so that the callback can read it; a bool's name (`changed`) no longer fits.
                contextName = Lambdas.ClaimName("context", namesInLambda);
                replacements[contextParameter] = contextParameter.WithIdentifier(SyntaxFactory.Identifier(contextName).WithTriviaFrom(contextParameter.Identifier));
            }

            var previous = Lambdas.UniqueName(isLayer ? "layer" : "previous", namesInLambda);
            var read = untyped ? $"({contextName} as {snapshotText})" : isLayer ? contextName : flagName is not null ? contextName + ".Previous" : contextName + "?.Previous";
            var flagRead = contextName + "." + flagName;
            var handled = new HashSet<SyntaxNode>();
            foreach (var ifStatement in lambda.DescendantNodes().OfType<IfStatementSyntax>())
            {
                if (ifStatement.Else is not null || !IsNullCheck(ifStatement.Condition, callbackReferences)) continue;
                var inner = callbackReferences.Where(r => ifStatement.Statement.Span.Contains(r.Span)).ToList();
                var innerFlags = flagReads.Where(r => ifStatement.Statement.Span.Contains(r.Span)).ToList();
                var newStatement = ifStatement.Statement.ReplaceNodes(
                    inner.Concat(innerFlags),
                    (original, _) => (inner.Contains(original) ? SyntaxFactory.IdentifierName(previous) : SyntaxFactory.ParseExpression(flagRead)).WithTriviaFrom(original));
                var condition = SyntaxFactory.ParseExpression(untyped ? $"{contextName} is {snapshotText} {previous}" : $"{read} is {{ }} {previous}");
                replacements[ifStatement] = ifStatement.WithCondition(condition).WithStatement(newStatement);
                handled.UnionWith(callbackReferences.Concat(flagReads).Where(r => ifStatement.Span.Contains(r.Span)));
            }

            foreach (var reference in callbackReferences.Where(r => !handled.Contains(r)))
            {
                replacements[reference] = SyntaxFactory.ParseExpression(read).WithTriviaFrom(reference);
            }

            foreach (var reference in flagReads.Where(r => !handled.Contains(r)))
            {
                replacements[reference] = SyntaxFactory.ParseExpression(flagRead).WithTriviaFrom(reference);
            }
        }

        // The context type argument, where it is written.
        if (changeContext)
        {
            if (initializer?.Parent is not ObjectCreationExpressionSyntax { Type: GenericNameSyntax { TypeArgumentList.Arguments.Count: 3 } optionsName }) return null;
            replacements[optionsName] = WithContextArgument(optionsName, snapshotText);
            if (DeclaredResultType(initializer.Parent, model, cancellationToken) is { } declared) replacements[declared] = WithContextArgument(declared, snapshotText);
        }

        // Storage that nothing uses any more goes.
        SyntaxNode? removedDeclaration = null;
        if (target is IFieldSymbol { DeclaredAccessibility: Accessibility.Private } or ILocalSymbol
            && target.DeclaringSyntaxReferences.Length == 1
            && target.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: { } declaration } } declarator
            && declarator.SyntaxTree == root.SyntaxTree
            && declaration is FieldDeclarationSyntax or LocalDeclarationStatementSyntax)
        {
            var scope = declaration is FieldDeclarationSyntax ? declaration.Parent! : declaration.Parent!;
            var remaining = References(model, scope, target, cancellationToken).Where(r => !replacements.Keys.Any(k => k.Span.Contains(r.Span)) && r != assignment.Left);
            if (!remaining.Any() && (declarator.Initializer is null || declarator.Initializer.Value is LiteralExpressionSyntax or DefaultExpressionSyntax)) removedDeclaration = declaration;
        }

        return new SnapshotPlan(isLayer ? "Return the layer from OnMutate as the context" : "Return the snapshot from OnMutate as the context", definition, replacements, statement, removedDeclaration);
    }

    /// <summary>
    /// The definition's members other than OnMutate, with their member name (null: an argument no mapped member takes) and value:
    /// the initializer's, or the call's arguments.
    /// </summary>
    private static IEnumerable<(SyntaxNode Member, string? Name, ExpressionSyntax Value)> OtherMembers(InitializerExpressionSyntax? initializer, ArgumentCallbacks? arguments, AssignmentExpressionSyntax? onMutateMember, ArgumentSyntax? onMutateArgument)
    {
        if (arguments is not null)
        {
            foreach (var argument in arguments.Call.ArgumentList.Arguments)
            {
                if (argument != onMutateArgument) yield return (argument, arguments.MemberOf(argument), argument.Expression);
            }

            yield break;
        }

        foreach (var member in initializer!.Expressions.OfType<AssignmentExpressionSyntax>())
        {
            if (member != onMutateMember && member.Left is IdentifierNameSyntax) yield return (member, MutationSyntax.MemberName(member), member.Right);
        }
    }

    /// <summary>
    /// The lambda's parameter receiving the context: found by type in the property's delegate (a library passes an argument of
    /// its own after it), else the last.
    /// </summary>
    private static ParameterSyntax? ContextParameter(SemanticModel model, AnonymousFunctionExpressionSyntax lambda, INamedTypeSymbol? optionsType, string property, ArgumentCallbacks? arguments)
    {
        var parameters = Lambdas.Parameters(lambda);
        if (parameters.Count == 0) return null;
        if ((arguments?.Roles ?? MutationAnalysisContext.Existing(model.Compilation)?.GetOptionsType(optionsType)) is { } roles
            && (arguments is not null ? arguments.Shape(property) : CallbackShape.Parameters(optionsType, property)) is { } shape
            && shape.Count == parameters.Count
            && CallbackContext.DelegateIndex(roles, property) is var index and >= 0)
        {
            return parameters[index];
        }

        return parameters[parameters.Count - 1];
    }

    private static TypeSyntax WithContextArgument(GenericNameSyntax name, string context)
    {
        var arguments = name.TypeArgumentList.Arguments;
        return name.WithTypeArgumentList(name.TypeArgumentList.WithArguments(arguments.Replace(arguments[2], SyntaxFactory.ParseTypeName(context).WithTriviaFrom(arguments[2]))));
    }

    /// <summary>
    /// The declared <c>Mutation&lt;…, …, TContext&gt;</c> type that <c>client.CreateMutation(creation)</c> flows into, when written:
    /// a method's or property's return type, a variable's type, or a field or property of this document assigned the result
    /// (<c>MarkAsRead = client.CreateMutation(…)</c> in a constructor).
    /// </summary>
    private static GenericNameSyntax? DeclaredResultType(SyntaxNode creation, SemanticModel model, CancellationToken cancellationToken)
    {
        if (creation.Parent is not ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } }) return null;
        TypeSyntax? declared = invocation.Parent switch
        {
            ArrowExpressionClauseSyntax { Parent: MethodDeclarationSyntax method } => method.ReturnType,
            ArrowExpressionClauseSyntax { Parent: PropertyDeclarationSyntax property } => property.Type,
            ReturnStatementSyntax => invocation.FirstAncestorOrSelf<MethodDeclarationSyntax>()?.ReturnType,
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } } => declaration.Type,
            EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property } => property.Type,
            AssignmentExpressionSyntax assignment when assignment.Right == invocation => AssignedMemberType(assignment.Left, model, cancellationToken),
            _ => null,
        };
        if (declared is QualifiedNameSyntax qualified) declared = qualified.Right;
        return declared is GenericNameSyntax { Identifier.ValueText: "Mutation", TypeArgumentList.Arguments.Count: 3 } generic ? generic : null;
    }

    /// <summary>The declared type of the field or property <paramref name="target"/> names, when it is declared in the same document.</summary>
    private static TypeSyntax? AssignedMemberType(ExpressionSyntax target, SemanticModel model, CancellationToken cancellationToken)
    {
        var symbol = model.GetSymbolInfo(target, cancellationToken).Symbol;
        if (symbol is not (IFieldSymbol or IPropertySymbol) || symbol.DeclaringSyntaxReferences.Length != 1) return null;
        var reference = symbol.DeclaringSyntaxReferences[0];
        if (reference.SyntaxTree != target.SyntaxTree) return null;
        return reference.GetSyntax(cancellationToken) switch
        {
            PropertyDeclarationSyntax property => property.Type,
            VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1 } declaration } => declaration.Type,
            _ => null,
        };
    }

    /// <summary>
    /// Whether the context is a placeholder the snapshot can replace: <c>Unit</c>, or a <c>bool</c> that no callback reads
    /// (OnMutate returns a constant nobody looks at).
    /// </summary>
    private static bool IsDummyContext(ITypeSymbol contextType, SemanticModel model, InitializerExpressionSyntax initializer, AssignmentExpressionSyntax onMutateMember, CancellationToken cancellationToken)
    {
        if (contextType is { Name: "Unit", ContainingNamespace: { Name: "Query", ContainingNamespace.Name: "Optimistic" } }) return true;
        if (contextType.SpecialType != SpecialType.System_Boolean) return false;
        foreach (var member in initializer.Expressions.OfType<AssignmentExpressionSyntax>())
        {
            if (member == onMutateMember || member.Right is not AnonymousFunctionExpressionSyntax lambda) continue;
            if (!TakesContext(member)) continue; // the mutation function and other members take no context

            if (Lambdas.Parameters(lambda).LastOrDefault() is not { } parameter || model.GetDeclaredSymbol(parameter, cancellationToken) is not { } context) continue;
            if (References(model, lambda.Body, context, cancellationToken).Any()) return false;
        }

        return true;
    }

    /// <summary>Whether the member is a success, error or settled callback (either twin): the ones that take the context.</summary>
    private static bool TakesContext(AssignmentExpressionSyntax member) =>
        member.Left is IdentifierNameSyntax { Identifier.ValueText: var name }
        && (name.StartsWith("OnSuccess", System.StringComparison.Ordinal) || name.StartsWith("OnError", System.StringComparison.Ordinal) || name.StartsWith("OnSettled", System.StringComparison.Ordinal));

    /// <summary>The reads of the context parameter (its last) of a success, error or settled callback lambda; empty for anything else.</summary>
    private static List<ExpressionSyntax> ContextReads(SemanticModel model, AssignmentExpressionSyntax member, CancellationToken cancellationToken)
    {
        if (!TakesContext(member) || member.Right is not AnonymousFunctionExpressionSyntax lambda || Lambdas.Parameters(lambda).LastOrDefault() is not { } parameter) return new List<ExpressionSyntax>();
        if (model.GetDeclaredSymbol(parameter, cancellationToken) is not { } context) return new List<ExpressionSyntax>();
        return References(model, lambda.Body, context, cancellationToken).ToList();
    }

    /// <summary>
    /// The tuple element name for a <c>bool</c> context the callbacks read: the first reading callback's parameter name, in
    /// Pascal case (<c>changed</c> gives <c>Changed</c>), else <c>Changed</c>; null when no callback reads it.
    /// </summary>
    private static string? FlagName(SemanticModel model, InitializerExpressionSyntax initializer, AssignmentExpressionSyntax onMutateMember, CancellationToken cancellationToken)
    {
        foreach (var member in initializer.Expressions.OfType<AssignmentExpressionSyntax>())
        {
            if (member == onMutateMember || ContextReads(model, member, cancellationToken).Count == 0) continue;
            var name = Lambdas.Parameters((AnonymousFunctionExpressionSyntax)member.Right).Last().Identifier.ValueText;
            if (name is "_" or "context" or "previous" || !SyntaxFacts.IsValidIdentifier(name)) return "Changed";
            return char.ToUpperInvariant(name[0]) + name.Substring(1);
        }

        return null;
    }

    private static bool IsNullCheck(ExpressionSyntax condition, List<ExpressionSyntax> references) =>
        condition switch
        {
            IsPatternExpressionSyntax { Pattern: UnaryPatternSyntax { Pattern: ConstantPatternSyntax { Expression: LiteralExpressionSyntax literal } } } pattern
                when literal.IsKind(SyntaxKind.NullLiteralExpression) => references.Contains(pattern.Expression),
            BinaryExpressionSyntax { Right: LiteralExpressionSyntax right } binary
                when binary.IsKind(SyntaxKind.NotEqualsExpression) && right.IsKind(SyntaxKind.NullLiteralExpression) => references.Contains(binary.Left),
            _ => false,
        };

    private static bool IsWritten(ExpressionSyntax reference) =>
        reference.Parent is AssignmentExpressionSyntax assignment && assignment.Left == reference
        || reference.Parent is PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax
        || reference.Parent is ArgumentSyntax { RefKindKeyword.RawKind: not 0 };

    /// <summary>The expressions in <paramref name="scope"/> that denote <paramref name="symbol"/> (<c>x</c>, <c>this.x</c>).</summary>
    private static IEnumerable<ExpressionSyntax> References(SemanticModel model, SyntaxNode scope, ISymbol symbol, CancellationToken cancellationToken)
    {
        foreach (var identifier in scope.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
        {
            if (identifier.Identifier.ValueText != symbol.Name) continue;
            if (!SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, symbol)) continue;
            yield return identifier.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access && access.Name == identifier ? access : identifier;
        }
    }

    private protected override SyntaxNode? Apply(SyntaxNode root, SemanticModel model, IReadOnlyList<FixPlan> plans, CancellationToken cancellationToken)
    {
        // One definition at a time: a second snapshot of the same definition is fixed on the next pass.
        var chosen = plans.OfType<SnapshotPlan>().GroupBy(plan => plan.Initializer).Select(group => group.First()).ToList();
        var replacements = new Dictionary<SyntaxNode, SyntaxNode>();
        var removals = new List<SyntaxNode>();
        foreach (var plan in chosen)
        {
            foreach (var pair in plan.Replacements)
            {
                if (replacements.Keys.Any(key => key.Span.Contains(pair.Key.Span) || pair.Key.Span.Contains(key.Span))) continue;
                if (pair.Key == plan.Statement && pair.Value is EmptyStatementSyntax) removals.Add(pair.Key);
                else replacements[pair.Key] = pair.Value;
            }

            if (plan.RemovedDeclaration is { } declaration) removals.Add(declaration);
        }

        var tracked = root.TrackNodes(removals.Concat(replacements.Keys));
        var map = new Dictionary<SyntaxNode, SyntaxNode>();
        foreach (var pair in replacements)
        {
            if (tracked.GetCurrentNode(pair.Key) is { } currentNode) map[currentNode] = pair.Value;
        }

        var current = map.Keys.ToList();
        var result = tracked.ReplaceNodes(current, (original, _) => map[original]);
        foreach (var removal in removals)
        {
            if (result.GetCurrentNode(removal) is { } node) result = result.RemoveNode(node, SyntaxRemoveOptions.KeepNoTrivia | SyntaxRemoveOptions.KeepDirectives)!;
        }

        return result;
    }

    private sealed class SnapshotPlan : FixPlan
    {
        public SnapshotPlan(string title, SyntaxNode initializer, Dictionary<SyntaxNode, SyntaxNode> replacements, StatementSyntax statement, SyntaxNode? removedDeclaration)
            : base(title)
        {
            Initializer = initializer;
            Replacements = replacements;
            Statement = statement;
            RemovedDeclaration = removedDeclaration;
        }

        /// <summary>The definition: the options initializer, or the mutation_arguments call.</summary>
        public SyntaxNode Initializer { get; }

        public Dictionary<SyntaxNode, SyntaxNode> Replacements { get; }

        public StatementSyntax Statement { get; }

        public SyntaxNode? RemovedDeclaration { get; }
    }
}
