using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Optimistic.Query.Analyzers.Model;

/// <summary>
/// The methods a mutation function invokes when the definition does not write it out: <c>MutationFn = mutationFn</c> where
/// <c>mutationFn</c> is a parameter of the method (or constructor, or local function) holding the definition, a field or
/// property of this compilation, or a local. Followed to the values it is given, where the source shows them:
/// <list type="bullet">
/// <item>a parameter: the argument of every call of its method in the definition's file;</item>
/// <item>a field or property: its initializer and every assignment in its type's declarations in that file;</item>
/// <item>a local never reassigned: its initializer.</item>
/// </list>
/// Each value found is a method group (its method), a lambda (the outermost call it returns, else the first call of its
/// body), or again one of the above (a few hops). Anything else adds nothing: a name is only ever one the code provably
/// passes, so a rule matching verbs on them stays precise.
/// </summary>
internal static class MutationFunctionTargets
{
    private const int MaxHops = 3;

    /// <summary>The names of the methods <paramref name="value"/> (a mutation function's value) provably invokes, in source order.</summary>
    public static List<string> InvokedMethodNames(IOperation value, MutationAnalysisContext context, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        Collect(value, context, names, hops: 0, cancellationToken);
        return names;
    }

    private static void Collect(IOperation? value, MutationAnalysisContext context, List<string> names, int hops, CancellationToken cancellationToken)
    {
        value = OperationHelpers.SkipConversions(value);
        if (value is IDelegateCreationOperation delegateCreation) value = OperationHelpers.SkipConversions(delegateCreation.Target);
        switch (value)
        {
            case IMethodReferenceOperation reference:
                names.Add(reference.Method.Name);
                return;
            case IAnonymousFunctionOperation lambda:
                if (LambdaInvokedMethod(lambda) is { } invoked) names.Add(invoked.Name);
                return;
            case IConditionalOperation conditional:
                Collect(conditional.WhenTrue, context, names, hops, cancellationToken);
                Collect(conditional.WhenFalse, context, names, hops, cancellationToken);
                return;
            case ICoalesceOperation coalesce:
                Collect(coalesce.Value, context, names, hops, cancellationToken);
                Collect(coalesce.WhenNull, context, names, hops, cancellationToken);
                return;
        }

        if (hops >= MaxHops || value is null) return;
        switch (value)
        {
            case IParameterReferenceOperation parameter:
                CollectFromCallSites(parameter.Parameter, value, context, names, hops + 1, cancellationToken);
                return;
            case ILocalReferenceOperation local when !context.MayBeReassigned(local.Local, cancellationToken):
                Collect(OperationHelpers.FindLocalInitializer(local, cancellationToken), context, names, hops + 1, cancellationToken);
                return;
            case IFieldReferenceOperation field:
                CollectFromMemberValues(field.Field, value, context, names, hops + 1, cancellationToken);
                return;
            case IPropertyReferenceOperation { Arguments.Length: 0 } property:
                CollectFromMemberValues(property.Property, value, context, names, hops + 1, cancellationToken);
                return;
        }
    }

    /// <summary>The outermost call a lambda returns (seen through await and <c>ConfigureAwait</c>), else the top call of its first statement with one.</summary>
    public static IMethodSymbol? LambdaInvokedMethod(IAnonymousFunctionOperation lambda)
    {
        IInvocationOperation? first = null;
        foreach (var operation in Descendants(lambda.Body))
        {
            if (operation is IReturnOperation { ReturnedValue: { } returned } && Outermost(returned) is { } invocation) return invocation.TargetMethod;
            if (first is null && operation is IInvocationOperation call) first = call;
        }

        return first?.TargetMethod;
    }

    /// <summary>The outermost call of <paramref name="operation"/>, seen through await, conversions and <c>ConfigureAwait</c>.</summary>
    public static IInvocationOperation? Outermost(IOperation? operation)
    {
        operation = OperationHelpers.SkipConversions(operation);
        if (operation is IAwaitOperation awaitOperation) operation = OperationHelpers.SkipConversions(awaitOperation.Operation);
        if (operation is not IInvocationOperation invocation) return null;
        while (invocation.TargetMethod.Name == "ConfigureAwait" && OperationHelpers.SkipConversions(invocation.Instance) is IInvocationOperation inner)
        {
            invocation = inner;
        }

        return invocation;
    }

    /// <summary>Pre-order descendants, not entering nested lambdas or local functions.</summary>
    private static IEnumerable<IOperation> Descendants(IOperation? root)
    {
        if (root is null) yield break;
        var stack = new Stack<IOperation>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            yield return current;
            var children = new List<IOperation>(current.ChildOperations);
            for (var i = children.Count - 1; i >= 0; i--)
            {
                if (children[i] is IAnonymousFunctionOperation or ILocalFunctionOperation) continue;
                stack.Push(children[i]);
            }
        }
    }

    /// <summary>
    /// The arguments passed for <paramref name="parameter"/> at the calls of its method (or constructor, or local function) in
    /// the file of <paramref name="use"/>. Found by name first (syntax), then bound.
    /// </summary>
    private static void CollectFromCallSites(IParameterSymbol parameter, IOperation use, MutationAnalysisContext context, List<string> names, int hops, CancellationToken cancellationToken)
    {
        if (parameter.ContainingSymbol is not IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.LocalFunction or MethodKind.Constructor } method) return;
        if (use.SemanticModel is not { } semanticModel) return;
        var original = method.OriginalDefinition;
        var name = method.MethodKind == MethodKind.Constructor ? method.ContainingType.Name : method.Name;
        var root = semanticModel.SyntaxTree.GetRoot(cancellationToken);
        foreach (var node in root.DescendantNodes())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!MayCall(node, name, method.MethodKind == MethodKind.Constructor)) continue;
            var arguments = semanticModel.GetOperation(node, cancellationToken) switch
            {
                IInvocationOperation invocation when SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.OriginalDefinition, original) => invocation.Arguments,
                IObjectCreationOperation creation when creation.Constructor is { } constructor && SymbolEqualityComparer.Default.Equals(constructor.OriginalDefinition, original) => creation.Arguments,
                _ => default,
            };
            if (arguments.IsDefaultOrEmpty) continue;
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Ordinal == parameter.Ordinal && argument.ArgumentKind == ArgumentKind.Explicit)
                {
                    Collect(argument.Value, context, names, hops, cancellationToken);
                }
            }
        }
    }

    private static bool MayCall(SyntaxNode node, string name, bool isConstructor) => node switch
    {
        InvocationExpressionSyntax { Expression: IdentifierNameSyntax id } => !isConstructor && id.Identifier.ValueText == name,
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } => !isConstructor && access.Name.Identifier.ValueText == name,
        InvocationExpressionSyntax { Expression: GenericNameSyntax generic } => !isConstructor && generic.Identifier.ValueText == name,
        ObjectCreationExpressionSyntax creation => isConstructor && RightmostName(creation.Type) == name,
        ImplicitObjectCreationExpressionSyntax => isConstructor,
        _ => false,
    };

    private static string? RightmostName(TypeSyntax type) => type switch
    {
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>
    /// The values of a field or property of this compilation declared in the file of <paramref name="use"/>: its initializer and
    /// every assignment to it (by name, then bound) in its type's declarations of that file, constructors included.
    /// </summary>
    private static void CollectFromMemberValues(ISymbol member, IOperation use, MutationAnalysisContext context, List<string> names, int hops, CancellationToken cancellationToken)
    {
        if (use.SemanticModel is not { } semanticModel || member.ContainingType is not { } type) return;
        if (!SymbolEqualityComparer.Default.Equals(member.ContainingAssembly, context.Compilation.Assembly)) return;
        var tree = semanticModel.SyntaxTree;
        var original = member.OriginalDefinition;
        foreach (var reference in member.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree != tree) continue;
            var initializer = reference.GetSyntax(cancellationToken) switch
            {
                VariableDeclaratorSyntax { Initializer.Value: { } value } => value,
                PropertyDeclarationSyntax { Initializer.Value: { } value } => value,
                _ => null,
            };
            if (initializer is not null) Collect(semanticModel.GetOperation(initializer, cancellationToken), context, names, hops, cancellationToken);
        }

        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree != tree) continue;
            foreach (var node in reference.GetSyntax(cancellationToken).DescendantNodes())
            {
                if (node is not AssignmentExpressionSyntax { Left: var left, Right: var right } || NameOf(left) != member.Name) continue;
                if (semanticModel.GetOperation(node, cancellationToken) is ISimpleAssignmentOperation { Target: IMemberReferenceOperation target }
                    && SymbolEqualityComparer.Default.Equals(target.Member.OriginalDefinition, original))
                {
                    Collect(semanticModel.GetOperation(right, cancellationToken), context, names, hops, cancellationToken);
                }
            }
        }
    }

    private static string? NameOf(ExpressionSyntax target) => target switch
    {
        IdentifierNameSyntax id => id.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        _ => null,
    };
}
