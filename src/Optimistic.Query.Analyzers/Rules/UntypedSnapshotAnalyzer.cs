using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Optimistic.Query.Analyzers.Model;

namespace Optimistic.Query.Analyzers.Rules;

/// <summary>
/// OPT009 (suggestion): in an optimistic OnMutate, a cache read (the snapshot) whose explicit type argument is <c>object</c> or
/// <c>dynamic</c>. Reported at the type argument. When the compilation shows the query's type — the same key (Same, seen
/// through fields, properties and key builders) written, patched, read, fetched or observed with another type argument in the
/// mutation definition, else in the containing type — the diagnostic carries it for the code fix. That search binds the
/// containing type, and runs only once a diagnostic is certain.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UntypedSnapshotAnalyzer : MutationRuleAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.OPT009_UntypedSnapshot);

    private protected override void Analyze(in MutationRuleContext context)
    {
        var model = context.Model;
        if (!model.IsOptimistic || model.OnMutate is not { } onMutate) return;
        foreach (var read in onMutate.OfKind(CacheOperationKind.Read))
        {
            if (read.Invocation.Syntax is not InvocationExpressionSyntax call || TypeArgumentSyntax(call) is not { } typeList) continue;
            var method = read.Invocation.TargetMethod;
            if (method.TypeArguments.Length != 1 || typeList.Arguments.Count != 1 || !IsUntyped(method.TypeArguments[0])) continue;
            var typeSyntax = typeList.Arguments[0];
            var queryType = FindQueryType(context, read, typeSyntax);
            var properties = MutationRuleContext.Properties(
                (DiagnosticPropertyNames.KeyText, read.Key?.Text),
                (DiagnosticPropertyNames.QueryType, queryType));
            context.Report(Diagnostic.Create(
                DiagnosticDescriptors.OPT009_UntypedSnapshot,
                typeSyntax.GetLocation(),
                properties,
                read.Key?.Text ?? read.Invocation.Syntax.ToString(),
                typeSyntax.ToString()));
        }
    }

    private static TypeArgumentListSyntax? TypeArgumentSyntax(InvocationExpressionSyntax call) =>
        call.Expression switch
        {
            GenericNameSyntax generic => generic.TypeArgumentList,
            MemberAccessExpressionSyntax { Name: GenericNameSyntax generic } => generic.TypeArgumentList,
            MemberBindingExpressionSyntax { Name: GenericNameSyntax generic } => generic.TypeArgumentList,
            _ => null,
        };

    private static bool IsUntyped(ITypeSymbol type) =>
        type.SpecialType == SpecialType.System_Object || type.TypeKind == TypeKind.Dynamic;

    private static string? FindQueryType(in MutationRuleContext context, CacheOperation read, SyntaxNode location)
    {
        var token = context.CancellationToken;
        var semanticModel = read.Invocation.SemanticModel;
        if (semanticModel is null || read.Key is null) return null;

        // First the mutation definition (keys built from the variables relate across its callbacks)…
        foreach (var callback in context.Model.Callbacks)
        {
            foreach (var operation in callback.Operations)
            {
                if (operation == read || operation.Key is null || !operation.IsCacheAccess) continue;
                if (TypedAccess(operation.Invocation) is { } type && context.Model.Relate(operation.Key, read.Key, token) == KeyRelation.Same)
                {
                    return Display(type, semanticModel, location);
                }
            }
        }

        // … then the type declaring the definition: queries fetched, observed or written elsewhere with the same key.
        var declaration = location.FirstAncestorOrSelf<TypeDeclarationSyntax>();
        if (declaration is null) return null;
        foreach (var node in declaration.DescendantNodes())
        {
            token.ThrowIfCancellationRequested();
            if (node is not InvocationExpressionSyntax invocation || !HasExplicitTypeArgument(invocation) || invocation == read.Invocation.Syntax) continue;
            if (semanticModel.GetOperation(invocation, token) is not IInvocationOperation operation || TypedAccess(operation) is not { } type) continue;
            var keyArgument = KeyArgument(context.Shared, operation);
            if (keyArgument is null) continue;
            var shape = KeyShape.Create(keyArgument, static _ => false, context.Shared, token);
            // The same relation as the model's; not cached there, the shape is built for this one question.
            if (KeyRelations.RelateExpanded(shape, read.Key, token) == KeyRelation.Same) return Display(type, semanticModel, location);
        }

        return null;
    }

    private static bool HasExplicitTypeArgument(InvocationExpressionSyntax invocation) =>
        invocation.Expression is GenericNameSyntax or MemberAccessExpressionSyntax { Name: GenericNameSyntax };

    /// <summary>The type argument of a generic method with one type parameter, when it is a real type (not object or dynamic).</summary>
    private static ITypeSymbol? TypedAccess(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (method.TypeArguments.Length != 1) return null;
        var type = method.TypeArguments[0];
        return IsUntyped(type) || type.TypeKind is TypeKind.Error or TypeKind.TypeParameter ? null : type;
    }

    /// <summary>The key argument: the role's key parameter, else the first parameter typed <c>QueryKey</c> (FetchQueryAsync, observers).</summary>
    private static IOperation? KeyArgument(MutationAnalysisContext shared, IInvocationOperation invocation)
    {
        var ordinal = shared.GetRole(invocation.TargetMethod).KeyParameterOrdinal;
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is not { } parameter) continue;
            if (ordinal >= 0 ? parameter.Ordinal == ordinal : parameter.Type.Name == "QueryKey") return argument.Value;
        }

        return null;
    }

    private static string Display(ITypeSymbol type, SemanticModel semanticModel, SyntaxNode location) =>
        type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToMinimalDisplayString(semanticModel, location.SpanStart);
}
