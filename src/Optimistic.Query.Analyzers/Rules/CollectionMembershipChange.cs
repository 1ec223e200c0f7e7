using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Optimistic.Query.Analyzers.Model;

namespace Optimistic.Query.Analyzers.Rules;

/// <summary>
/// Whether an optimistic write provably adds a client-built element to the cached collection it writes, or removes one: the
/// shape of an optimistic create or delete when neither <c>Kind</c> nor a verb says so (OPT005).
/// <para>
/// The new value must be built from the entry's prior value: the updater's (or recipe's) parameter, or a snapshot read from
/// the same key in OnMutate, a member of either, or a local copy of one (<c>ToList()</c>). Then:
/// </para>
/// <list type="bullet">
/// <item>adds: <c>Append</c>/<c>Prepend</c>/<c>Add</c>/<c>Insert</c>, <c>Concat</c> of a one-element array, or a collection
/// expression with the prior value spread (<c>[..old, item]</c>), of an element built here: <c>new T(…)</c>, an anonymous
/// object, the mutation's variables, or a <c>with</c> on one of those, of a type of the app (not a number, string, Guid or
/// enum: adding an id to a set of ids is an update);</item>
/// <item>removes: <c>Where(x =&gt; x.Id != id)</c> (an identity filter against a value that does not depend on the element),
/// <c>Remove</c>, <c>RemoveAt</c>, <c>RemoveAll</c>.</item>
/// </list>
/// A write that both adds and removes (a move, a replace) is neither, and an element replaced in place
/// (<c>Select(t =&gt; t.Id == id ? t with { Done = true } : t)</c>) is no change of membership.
/// </summary>
internal sealed class CollectionMembershipChange
{
    private static readonly HashSet<string> s_materializers = new(System.StringComparer.Ordinal)
    {
        "ToList", "ToArray", "ToImmutableList", "ToImmutableArray", "ToHashSet", "ToImmutableHashSet", "AsReadOnly", "AsEnumerable",
    };

    private readonly MutationModel _model;
    private readonly CacheOperation _write;
    private readonly IParameterSymbol? _variables;
    private readonly CancellationToken _cancellationToken;
    private IParameterSymbol? _updaterParameter;
    private IOperation? _scope;
    private int _depth;

    private CollectionMembershipChange(MutationModel model, CacheOperation write, CancellationToken cancellationToken)
    {
        _model = model;
        _write = write;
        _variables = model.OnMutate?.VariablesParameter;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Whether the write adds elements to the collection (any element: a move also adds).</summary>
    public bool AddsAny { get; private set; }

    /// <summary>The first element added that was built on the client, when one is.</summary>
    public IOperation? ClientBuiltElement { get; private set; }

    /// <summary>Whether the write removes elements from the collection.</summary>
    public bool Removes { get; private set; }

    /// <summary>Analyzes one optimistic write of <paramref name="model"/>'s OnMutate.</summary>
    public static CollectionMembershipChange Of(MutationModel model, CacheOperation write, CancellationToken cancellationToken)
    {
        var change = new CollectionMembershipChange(model, write, cancellationToken);
        change.Analyze();
        return change;
    }

    private void Analyze()
    {
        foreach (var argument in _write.Invocation.Arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Value == _write.KeyExpression) continue;
            var value = OperationHelpers.SkipConversions(argument.Value);
            if (value is IDelegateCreationOperation delegateCreation) value = OperationHelpers.SkipConversions(delegateCreation.Target);
            if (value is IAnonymousFunctionOperation { Symbol.Parameters.Length: 1 } lambda)
            {
                _updaterParameter = lambda.Symbol.Parameters[0];
                _scope = lambda.Body;
                foreach (var returned in Returns(lambda.Body))
                {
                    Classify(returned);
                }

                _updaterParameter = null;
            }
            else if (value is not IAnonymousFunctionOperation)
            {
                _scope = _model.OnMutate?.Body;
                Classify(argument.Value);
            }
        }
    }

    private static IEnumerable<IOperation> Returns(IOperation body)
    {
        foreach (var operation in body.DescendantsAndSelf())
        {
            if (operation is IReturnOperation { ReturnedValue: { } returned } && !InNestedFunction(operation, body)) yield return returned;
        }
    }

    private static bool InNestedFunction(IOperation operation, IOperation body)
    {
        for (var current = operation.Parent; current is not null && current != body; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation) return true;
        }

        return false;
    }

    /// <summary>Records what the new value <paramref name="value"/> does to the collection's membership.</summary>
    private void Classify(IOperation? value)
    {
        if (value is null || _depth > 8) return;
        _cancellationToken.ThrowIfCancellationRequested();
        _depth++;
        try
        {
            ClassifyCore(value);
        }
        finally
        {
            _depth--;
        }
    }

    private void ClassifyCore(IOperation value)
    {
        if (value.Syntax is CollectionExpressionSyntax collection)
        {
            ClassifyCollectionExpression(collection, value.SemanticModel);
            return;
        }

        value = OperationHelpers.SkipConversions(value)!;
        if (value.Syntax is CollectionExpressionSyntax converted)
        {
            ClassifyCollectionExpression(converted, value.SemanticModel);
            return;
        }

        switch (value)
        {
            case IWithOperation with:
                ClassifyInitializer(with.Initializer);
                return;
            case IObjectCreationOperation creation when !IsCollection(creation.Type):
                foreach (var argument in creation.Arguments) Classify(argument.Value);
                ClassifyInitializer(creation.Initializer);
                return;
            case IConditionalOperation conditional:
                Classify(conditional.WhenTrue);
                Classify(conditional.WhenFalse);
                return;
            case ICoalesceOperation coalesce:
                Classify(coalesce.Value);
                Classify(coalesce.WhenNull);
                return;
            case IConditionalAccessOperation conditionalAccess:
                Classify(conditionalAccess.WhenNotNull);
                return;
            case IInvocationOperation invocation:
                ClassifyInvocation(invocation);
                return;
            case ILocalReferenceOperation local when _scope is not null && IsDeclaredIn(local.Local, _scope):
                ClassifyLocal(local);
                return;
        }
    }

    private void ClassifyInitializer(IObjectOrCollectionInitializerOperation? initializer)
    {
        if (initializer is null) return;
        foreach (var member in initializer.Initializers)
        {
            if (member is ISimpleAssignmentOperation assignment) Classify(assignment.Value);
        }
    }

    private void ClassifyInvocation(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var source = invocation.Instance ?? (method.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
        if (source is null) return;
        var rest = new List<IOperation>();
        for (var i = invocation.Instance is null ? 1 : 0; i < invocation.Arguments.Length; i++)
        {
            if (invocation.Arguments[i].ArgumentKind != ArgumentKind.DefaultValue) rest.Add(invocation.Arguments[i].Value);
        }

        if (s_materializers.Contains(method.Name) && rest.Count == 0)
        {
            Classify(source);
            return;
        }

        if (!IsPriorCollection(source)) return;
        switch (method.Name)
        {
            case "Append" or "Prepend" or "Add" when rest.Count == 1 && IsCollection(invocation.Type):
                Added(rest[0]);
                break;
            case "Insert" when rest.Count == 2 && IsCollection(invocation.Type):
                Added(rest[1]);
                break;
            case "Concat" when rest.Count == 1:
                ClassifyConcatenated(rest[0]);
                break;
            case "Where" when rest.Count == 1 && IsIdentityFilter(rest[0], equality: false):
            case "RemoveAll" when rest.Count == 1 && IsCollection(invocation.Type):
            case "Remove" or "RemoveAt" when rest.Count == 1 && IsCollection(invocation.Type):
                Removes = true;
                break;
        }

        Classify(source);
    }

    /// <summary><c>Concat(new[] { item })</c> or <c>Concat([item])</c>: adds each element.</summary>
    private void ClassifyConcatenated(IOperation other)
    {
        var operation = OperationHelpers.SkipConversions(other);
        if (operation is IArrayCreationOperation { Initializer: { } initializer })
        {
            foreach (var element in initializer.ElementValues) Added(element);
            return;
        }

        if ((other.Syntax as CollectionExpressionSyntax ?? operation?.Syntax as CollectionExpressionSyntax) is { } collection && other.SemanticModel is { } semanticModel)
        {
            foreach (var element in collection.Elements)
            {
                if (element is ExpressionElementSyntax { Expression: { } expression }) Added(semanticModel.GetOperation(expression, _cancellationToken));
            }
        }
    }

    /// <summary><c>[..old, item]</c>: adds its expression elements when it spreads the prior value.</summary>
    private void ClassifyCollectionExpression(CollectionExpressionSyntax collection, SemanticModel? semanticModel)
    {
        if (semanticModel is null) return;
        var spreadsPrior = false;
        foreach (var element in collection.Elements)
        {
            if (element is SpreadElementSyntax { Expression: { } spread } && semanticModel.GetOperation(spread, _cancellationToken) is { } spreadValue)
            {
                spreadsPrior |= IsPriorCollection(spreadValue);
                Classify(spreadValue);
            }
        }

        if (!spreadsPrior) return;
        foreach (var element in collection.Elements)
        {
            if (element is ExpressionElementSyntax { Expression: { } expression }) Added(semanticModel.GetOperation(expression, _cancellationToken));
        }
    }

    /// <summary>A local copy of the prior value (<c>var list = old.ToList();</c>) changed by <c>list.Add(item)</c> or <c>list.Remove(item)</c>.</summary>
    private void ClassifyLocal(ILocalReferenceOperation local)
    {
        Classify(OperationHelpers.FindLocalInitializer(local, _cancellationToken));
        if (!IsPriorCollection(local)) return;
        foreach (var operation in _scope!.Descendants())
        {
            if (operation is not IInvocationOperation { Instance: ILocalReferenceOperation receiver } call
                || !SymbolEqualityComparer.Default.Equals(receiver.Local, local.Local))
            {
                continue;
            }

            var arguments = call.Arguments;
            switch (call.TargetMethod.Name)
            {
                case "Add" when arguments.Length == 1:
                    Added(arguments[0].Value);
                    break;
                case "Insert" when arguments.Length == 2:
                    Added(arguments[1].Value);
                    break;
                case "Remove" or "RemoveAt" when arguments.Length == 1:
                case "RemoveAll" when arguments.Length == 1:
                    Removes = true;
                    break;
            }
        }
    }

    private void Added(IOperation? element)
    {
        if (element is null) return;
        AddsAny = true;
        if (ClientBuiltElement is null && IsClientBuilt(element, 0)) ClientBuiltElement = element;
    }

    /// <summary>An element built in the callback: a creation, an anonymous object, the variables, or a <c>with</c> on one, of an app type.</summary>
    private bool IsClientBuilt(IOperation element, int depth)
    {
        var operation = OperationHelpers.SkipConversions(element);
        if (operation is null || depth > 3 || !IsEntityType(operation.Type)) return false;
        return operation switch
        {
            IObjectCreationOperation creation => !IsCollection(creation.Type),
            IAnonymousObjectCreationOperation => true,
            IWithOperation with => IsClientBuilt(with.Operand, depth + 1),
            IParameterReferenceOperation parameter => SymbolEqualityComparer.Default.Equals(parameter.Parameter, _variables),
            ILocalReferenceOperation local when _model.OnMutate?.Body is { } body && IsDeclaredIn(local.Local, body)
                => OperationHelpers.FindLocalInitializer(local, _cancellationToken) is { } initializer && IsClientBuilt(initializer, depth + 1),
            _ => false,
        };
    }

    /// <summary>
    /// Whether <paramref name="operation"/> is the entry's prior value or a part of it: the updater's parameter, a snapshot
    /// read from the written key in OnMutate, a member of one, a materialized copy of one, or a local holding one.
    /// </summary>
    private bool IsPriorCollection(IOperation? operation, int depth = 0)
    {
        operation = OperationHelpers.SkipConversions(operation);
        if (operation is null || depth > 6) return false;
        switch (operation)
        {
            case IParameterReferenceOperation parameter:
                return _updaterParameter is not null && SymbolEqualityComparer.Default.Equals(parameter.Parameter, _updaterParameter);
            case IMemberReferenceOperation { Instance: { } instance }:
                return IsPriorCollection(instance, depth + 1);
            case IConditionalAccessOperation conditional:
                return IsPriorCollection(conditional.Operation, depth + 1);
            case IConditionalAccessInstanceOperation:
                return FindConditionalAccess(operation) is { } access && IsPriorCollection(access.Operation, depth + 1);
            case ICoalesceOperation coalesce:
                return IsPriorCollection(coalesce.Value, depth + 1);
            case IInvocationOperation invocation when s_materializers.Contains(invocation.TargetMethod.Name):
                return IsPriorCollection(invocation.Instance ?? (invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null), depth + 1);
            case IObjectCreationOperation { Arguments.Length: 1 } copy when IsCollection(copy.Type):
                // new List<T>(previous): a copy of the prior value.
                return IsPriorCollection(copy.Arguments[0].Value, depth + 1);
            case IInvocationOperation read when IsReadOfWrittenKey(read):
                return true;
            case IInvocationOperation derived when IsCollection(derived.Type):
                // Where, Select, Append…: a sequence made from the prior value.
                return IsPriorCollection(derived.Instance ?? (derived.TargetMethod.IsExtensionMethod && derived.Arguments.Length > 0 ? derived.Arguments[0].Value : null), depth + 1);
            case ILocalReferenceOperation local when _model.OnMutate?.Body is { } body && IsDeclaredIn(local.Local, body):
                return OperationHelpers.FindLocalInitializer(local, _cancellationToken) is { } initializer && IsPriorCollection(initializer, depth + 1);
            default:
                return false;
        }
    }

    private bool IsReadOfWrittenKey(IInvocationOperation invocation)
    {
        if (_model.OnMutate is not { } onMutate) return false;
        foreach (var operation in onMutate.Operations)
        {
            if (operation.Invocation == invocation)
            {
                return operation.Kind == CacheOperationKind.Read && _model.Relate(operation.Key, _write.Key, _cancellationToken) == KeyRelation.Same;
            }
        }

        return false;
    }

    private static IConditionalAccessOperation? FindConditionalAccess(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IConditionalAccessOperation conditional && conditional.Operation != operation) return conditional;
        }

        return null;
    }

    /// <summary>
    /// <c>x =&gt; x.Id != id</c> (or <c>==</c> for <paramref name="equality"/>): one side reads the element, the other does not.
    /// <c>!(x.Id == id)</c> and <c>!x.Id.Equals(id)</c> count as <c>!=</c>.
    /// </summary>
    private static bool IsIdentityFilter(IOperation predicate, bool equality)
    {
        var operation = OperationHelpers.SkipConversions(predicate);
        if (operation is IDelegateCreationOperation delegateCreation) operation = delegateCreation.Target;
        if (operation is not IAnonymousFunctionOperation { Symbol.Parameters.Length: 1 } lambda) return false;
        var element = lambda.Symbol.Parameters[0];
        IOperation? body = null;
        foreach (var returned in Returns(lambda.Body))
        {
            if (body is not null) return false;
            body = OperationHelpers.SkipConversions(returned);
        }

        var negated = false;
        if (body is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
        {
            negated = true;
            body = OperationHelpers.SkipConversions(not.Operand);
        }

        IOperation? left;
        IOperation? right;
        bool isEquality;
        switch (body)
        {
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary:
                left = binary.LeftOperand;
                right = binary.RightOperand;
                isEquality = binary.OperatorKind == BinaryOperatorKind.Equals;
                break;
            case IInvocationOperation { TargetMethod.Name: "Equals", Instance: { } instance, Arguments.Length: 1 } equals:
                left = instance;
                right = equals.Arguments[0].Value;
                isEquality = true;
                break;
            default:
                return false;
        }

        if (negated) isEquality = !isEquality;
        if (isEquality != equality) return false;
        return ReadsOnly(left, element) ? !Reads(right, element) : ReadsOnly(right, element) && !Reads(left, element);
    }

    /// <summary>Whether the operand is a member path of the element (<c>x.Id</c>, <c>x.Owner.Id</c>).</summary>
    private static bool ReadsOnly(IOperation? operand, IParameterSymbol element) =>
        OperationRoots.RootOf(OperationHelpers.SkipConversions(operand)) is IParameterReferenceOperation root
        && SymbolEqualityComparer.Default.Equals(root.Parameter, element)
        && OperationHelpers.SkipConversions(operand) is IMemberReferenceOperation;

    private static bool Reads(IOperation? operand, IParameterSymbol element)
    {
        if (operand is null) return false;
        foreach (var operation in operand.DescendantsAndSelf())
        {
            if (operation is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, element)) return true;
        }

        return false;
    }

    private static bool IsDeclaredIn(ILocalSymbol local, IOperation scope)
    {
        foreach (var reference in local.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree == scope.Syntax.SyntaxTree && scope.Syntax.Span.Contains(reference.Span)) return true;
        }

        return false;
    }

    /// <summary>A sequence type other than <c>string</c>.</summary>
    private static bool IsCollection(ITypeSymbol? type)
    {
        if (type is null || type.SpecialType == SpecialType.System_String) return false;
        if (type is IArrayTypeSymbol) return true;
        foreach (var @interface in type.AllInterfaces)
        {
            if (@interface.SpecialType is SpecialType.System_Collections_IEnumerable or SpecialType.System_Collections_Generic_IEnumerable_T) return true;
        }

        return type.SpecialType is SpecialType.System_Collections_IEnumerable or SpecialType.System_Collections_Generic_IEnumerable_T
               || type.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T;
    }

    /// <summary>A type of the app (a record, class or struct outside <c>System</c>), not a number, string, Guid, enum or collection.</summary>
    private static bool IsEntityType(ITypeSymbol? type)
    {
        if (type is null || type.SpecialType != SpecialType.None || IsCollection(type)) return false;
        if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct)) return false;
        if (type.IsAnonymousType) return true;
        for (var ns = type.ContainingNamespace; ns is not null && !ns.IsGlobalNamespace; ns = ns.ContainingNamespace)
        {
            if (ns.ContainingNamespace is { IsGlobalNamespace: true } && ns.Name == "System") return false;
        }

        return true;
    }
}
