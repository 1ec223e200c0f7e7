using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Optimistic.Query.Analyzers.Model;

/// <summary>
/// Builds the <see cref="MutationModel"/> of a mutation definition from its <see cref="IOperation"/> tree.
/// Tolerant of code mid-edit: anything it does not recognize (invalid operations, missing values, unbound lambdas) becomes
/// an absent or opaque member, never an exception.
/// </summary>
internal static class MutationModelBuilder
{
    public static MutationModel? Build(MutationAnalysisContext context, MutationOptionsType optionsType, IOperation creation, CancellationToken cancellationToken)
    {
        var callbacks = ImmutableArray.CreateBuilder<MutationCallback>();
        MutationMember? kind = null;
        List<MutationMember>? invalidatingMembers = null;
        bool isPartial;

        IObjectOrCollectionInitializerOperation? initializer;
        switch (creation)
        {
            case IObjectCreationOperation objectCreation:
                isPartial = false;
                initializer = objectCreation.Initializer;
                foreach (var argument in objectCreation.Arguments)
                {
                    if (argument.Parameter is not { } parameter || argument.ArgumentKind != ArgumentKind.Explicit) continue;
                    var nameSyntax = argument.Syntax is ArgumentSyntax { NameColon: { } nameColon } ? nameColon.Name : argument.Syntax;
                    AddMember(parameter.Name, nameSyntax, argument.Syntax, argument.Value);
                }

                break;
            case IWithOperation with:
                isPartial = true;
                initializer = with.Initializer;
                break;
            case IInvocationOperation:
                // A mutation_arguments method called without an options object: its arguments are the whole definition.
                isPartial = false;
                initializer = null;
                break;
            default:
                return null;
        }

        if (initializer is not null)
        {
            foreach (var member in initializer.Initializers)
            {
                if (member is not ISimpleAssignmentOperation { Target: IMemberReferenceOperation target } assignment) continue;
                var nameSyntax = assignment.Syntax is AssignmentExpressionSyntax { Left: { } left } ? left : assignment.Syntax;
                AddMember(target.Member.Name, nameSyntax, assignment.Syntax, assignment.Value);
            }
        }

        // Callbacks and the mutation function passed beside the options (UseMutation(mutationFn, options), a mapped
        // mutation_arguments method), by parameter name.
        if (!isPartial && (creation as IInvocationOperation ?? PropertyInvalidation.CallReceiving(creation)) is { } receiving)
        {
            foreach (var argument in receiving.Arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.Explicit || argument.Parameter is not { } parameter) continue;
                if (OperationHelpers.SkipConversions(argument.Value) == creation) continue;
                if (!context.TryGetArgumentMember(receiving.TargetMethod, parameter, out var argumentPhase, out var member)) continue;
                if (IsNullValue(argument.Value)) continue;
                var nameSyntax = argument.Syntax is ArgumentSyntax { NameColon: { } nameColon } ? nameColon.Name : argument.Syntax;
                callbacks.Add(BuildCallback(context, optionsType, member, argumentPhase, nameSyntax, argument.Syntax, argument.Value, creation.SemanticModel, cancellationToken));
            }
        }

        // A wrapper's built-in invalidations (after the definition's own callbacks): implicit callbacks of their phase.
        ImplicitInvalidation.AddImplicitCallbacks(context, creation, callbacks);
        if (invalidatingMembers is not null)
        {
            foreach (var member in invalidatingMembers) PropertyInvalidation.AddCallbacks(optionsType, creation, member, callbacks);
        }

        var built = callbacks.ToImmutable();
        AssignKeys(context, built, cancellationToken);
        return new MutationModel(creation, optionsType, isPartial, built, kind);

        void AddMember(string name, SyntaxNode nameSyntax, SyntaxNode assignmentSyntax, IOperation? value)
        {
            if (value is null || IsNullValue(value)) return;
            if (optionsType.TryGetPhase(name, out var phase, out var propertyName))
            {
                callbacks.Add(BuildCallback(context, optionsType, propertyName, phase, nameSyntax, assignmentSyntax, value, creation.SemanticModel, cancellationToken));
            }
            else if (kind is null && optionsType.IsKind(name))
            {
                kind = new MutationMember(optionsType.KindPropertyName!, nameSyntax, assignmentSyntax, value);
            }
            else if (PropertyInvalidation.FindProperty(optionsType, name) is { } invalidatingProperty)
            {
                (invalidatingMembers ??= new List<MutationMember>()).Add(new MutationMember(invalidatingProperty, nameSyntax, assignmentSyntax, value));
            }
        }
    }

    private static bool IsNullValue(IOperation value)
    {
        var operation = OperationHelpers.SkipConversions(value);
        return operation is IDefaultValueOperation
               || operation is ILiteralOperation { ConstantValue: { HasValue: true, Value: null } };
    }

    private static MutationCallback BuildCallback(
        MutationAnalysisContext context,
        MutationOptionsType optionsType,
        string name,
        CallbackPhase phase,
        SyntaxNode nameSyntax,
        SyntaxNode assignmentSyntax,
        IOperation value,
        SemanticModel? semanticModel,
        CancellationToken cancellationToken)
    {
        var target = OperationHelpers.SkipConversions(value);
        if (target is IDelegateCreationOperation delegateCreation)
        {
            target = delegateCreation.Target;
        }

        var form = CallbackForm.Opaque;
        IMethodSymbol? method = null;
        IOperation? body = null;
        switch (target)
        {
            case IAnonymousFunctionOperation lambda:
                form = CallbackForm.Lambda;
                method = lambda.Symbol;
                body = lambda.Body;
                break;
            case IMethodReferenceOperation reference:
                method = reference.Method;
                form = method.MethodKind == MethodKind.LocalFunction ? CallbackForm.LocalFunction : CallbackForm.MethodGroup;
                body = context.GetMethodBody(method, semanticModel, cancellationToken);
                if (body is null) form = CallbackForm.Opaque;
                break;
        }

        var walker = new CallbackWalker(context, cancellationToken);
        if (body is not null) walker.Visit(body);

        var callback = new MutationCallback(
            name,
            nameSyntax,
            assignmentSyntax,
            value,
            phase,
            form,
            method,
            body,
            walker.Operations.ToImmutable(),
            walker.Returns,
            walker.Assignments);
        callback.VariablesParameter = FindVariablesParameter(optionsType, name, phase, method);
        // Async-ness from the delegate type: the property's, else (an argument of a mutation_arguments method) the value's.
        callback.IsAsyncTwin = optionsType.FindProperty(name) is null && value.Type is INamedTypeSymbol { DelegateInvokeMethod: { } valueInvoke }
            ? OperationHelpers.IsAwaitable(valueInvoke.ReturnType)
            : optionsType.IsAsync(name);
        callback.ContextParameter = CallbackContext.FindParameter(optionsType, name, phase, method);
        return callback;
    }

    /// <summary>
    /// The parameter receiving the mutation's variables: the one typed by the options type's <c>TVariables</c> type parameter
    /// in the property's delegate; else by convention (first for OnMutate and MutationFn, second to last for the others).
    /// </summary>
    private static IParameterSymbol? FindVariablesParameter(MutationOptionsType optionsType, string name, CallbackPhase phase, IMethodSymbol? method)
    {
        if (method is null) return null;
        var parameters = method.Parameters;
        if (parameters.Length == 0) return null;

        if (optionsType.DelegateType(name) is { DelegateInvokeMethod: { } invoke }
            && invoke.Parameters.Length == parameters.Length)
        {
            for (var i = 0; i < invoke.Parameters.Length; i++)
            {
                if (invoke.Parameters[i].Type is ITypeParameterSymbol { Name: "TVariables" }) return parameters[i];
            }
        }

        return phase is CallbackPhase.Mutate or CallbackPhase.MutationFunction
            ? parameters[0]
            : parameters.Length >= 2 ? parameters[parameters.Length - 2] : null;
    }

    /// <summary>Classifies <c>Undo()</c> calls and builds the key shapes, once the variables parameters of every callback are known.</summary>
    private static void AssignKeys(MutationAnalysisContext context, ImmutableArray<MutationCallback> callbacks, CancellationToken cancellationToken)
    {
        // A handful of callbacks per definition: a scan of their parameters beats a hash set (allocated per definition).
        System.Func<IParameterSymbol, bool> isVariables = parameter =>
        {
            foreach (var callback in callbacks)
            {
                if (SymbolEqualityComparer.Default.Equals(callback.VariablesParameter, parameter)) return true;
            }

            return false;
        };
        foreach (var callback in callbacks)
        {
            foreach (var operation in callback.Operations)
            {
                // Undo() is recognized by the patch result types seen so far, which include every [QueryPatch] call of this
                // definition whatever the order of its callbacks: classify it only now that all callbacks are walked.
                if (operation.Kind == CacheOperationKind.Other && context.IsUndoPatch(operation.Invocation.TargetMethod))
                {
                    operation.Kind = CacheOperationKind.UndoPatch;
                }

                if (operation.KeyExpression is not null)
                {
                    operation.Key = KeyShape.Create(operation.KeyExpression, isVariables, context, cancellationToken);
                }
            }
        }
    }

    /// <summary>
    /// Walks a callback body in execution order and records its invocations, returns and assignments.
    /// Descends into nested blocks, conditionals, try/using and declarations; does NOT descend into nested lambdas or local
    /// function declarations (they may never run, or run later: a SetQueryData updater, a Task.Run body), except a local
    /// function that the body invokes directly, which is walked at the call site (once per call chain, no recursion).
    /// </summary>
    private sealed class CallbackWalker
    {
        private readonly MutationAnalysisContext _context;
        private readonly CancellationToken _cancellationToken;
        private HashSet<IMethodSymbol>? _activeLocalFunctions; // only when the body calls a local function
        private Dictionary<ILocalSymbol, CacheOperation>? _pendingCancels;
        private int _order;
        private int _localFunctionDepth;

        public CallbackWalker(MutationAnalysisContext context, CancellationToken cancellationToken)
        {
            _context = context;
            _cancellationToken = cancellationToken;
        }

        public ImmutableArray<CacheOperation>.Builder Operations { get; } = ImmutableArray.CreateBuilder<CacheOperation>();

        // Most callbacks return nothing or assign nothing: those builders are made on first use.
        private ImmutableArray<IOperation>.Builder? _returns;
        private ImmutableArray<ISimpleAssignmentOperation>.Builder? _assignments;

        public ImmutableArray<IOperation> Returns => _returns?.ToImmutable() ?? ImmutableArray<IOperation>.Empty;

        public ImmutableArray<ISimpleAssignmentOperation> Assignments => _assignments?.ToImmutable() ?? ImmutableArray<ISimpleAssignmentOperation>.Empty;

        public void Visit(IOperation? operation)
        {
            switch (operation)
            {
                case null:
                case IAnonymousFunctionOperation:
                case ILocalFunctionOperation:
                    return;
                case IReturnOperation { Kind: OperationKind.Return } returnOperation:
                    VisitChildren(operation);
                    if (_localFunctionDepth == 0 && returnOperation.ReturnedValue is { } returned) (_returns ??= ImmutableArray.CreateBuilder<IOperation>()).Add(returned);
                    return;
                case ISimpleAssignmentOperation assignment:
                    VisitChildren(operation);
                    (_assignments ??= ImmutableArray.CreateBuilder<ISimpleAssignmentOperation>()).Add(assignment);
                    return;
                case IInvocationOperation invocation:
                    _cancellationToken.ThrowIfCancellationRequested();
                    VisitChildren(operation);
                    Record(invocation);
                    VisitInvokedLocalFunction(invocation);
                    return;
                case IAwaitOperation awaitOperation:
                    VisitChildren(operation);
                    if (_pendingCancels is not null
                        && AwaitedLocal(awaitOperation.Operation) is { } local
                        && _pendingCancels.TryGetValue(local.Local, out var pending))
                    {
                        // `var t = client.CancelQueriesAsync(k); …; await t;` (or `await t.ConfigureAwait(false);`) completes the cancel here.
                        Operations.Add(new CacheOperation(CacheOperationKind.Cancel, pending.Invocation, pending.KeyExpression, isCompleted: true, _order++) { Match = pending.Match });
                    }

                    return;
                default:
                    VisitChildren(operation);
                    return;
            }
        }

        /// <summary>The local an await awaits: <c>await t</c>, or <c>await t.ConfigureAwait(…)</c>.</summary>
        private static ILocalReferenceOperation? AwaitedLocal(IOperation awaited)
        {
            var operation = OperationHelpers.SkipConversions(awaited);
            if (operation is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } instance }) operation = OperationHelpers.SkipConversions(instance);
            return operation as ILocalReferenceOperation;
        }

        private void VisitChildren(IOperation operation)
        {
            foreach (var child in operation.ChildOperations)
            {
                Visit(child);
            }
        }

        private void Record(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (method is null) return;
            var role = _context.GetRole(method);
            var kind = role.Kind;

            IOperation? key = null;
            KeyMatch? filterMatch = null;
            if (role.KeyParameterOrdinal >= 0)
            {
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter?.Ordinal == role.KeyParameterOrdinal && argument.ArgumentKind != ArgumentKind.DefaultValue)
                    {
                        key = argument.Value;
                        break;
                    }
                }

                // The key parameter exists but the argument is missing or invalid (mid-edit): not a usable cache operation.
                if (key is null || OperationHelpers.SkipConversions(key) is null or IInvalidOperation) return;

                // A mapped filter object created in place stands for its key member (none: every key), exact or not.
                if (_context.ApiMap is { } map && FilterArgument.TryUnwrap(key, map, out var filtered, out var filterExact))
                {
                    if (filtered is not null && OperationHelpers.SkipConversions(filtered) is null or IInvalidOperation) return;
                    key = filtered;
                    filterMatch = filterExact switch { true => KeyMatch.Exact, false => KeyMatch.Prefix, null => KeyMatch.Unknown };
                }
            }

            var isCompleted = kind is not (CacheOperationKind.Cancel or CacheOperationKind.Invalidate) || OperationHelpers.IsCompleted(invocation);
            var operation = new CacheOperation(kind, invocation, key, isCompleted, _order++);
            if (key is not null && kind is CacheOperationKind.Cancel or CacheOperationKind.Invalidate) operation.Match = filterMatch ?? KeyMatches.Of(invocation);
            Operations.Add(operation);

            if (kind == CacheOperationKind.Cancel && !isCompleted
                && invocation.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
            {
                (_pendingCancels ??= new Dictionary<ILocalSymbol, CacheOperation>(SymbolEqualityComparer.Default))[declarator.Symbol] = operation;
            }
        }

        private void VisitInvokedLocalFunction(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (method.MethodKind != MethodKind.LocalFunction || _localFunctionDepth > 4) return;
            var original = method.OriginalDefinition;
            _activeLocalFunctions ??= new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            if (!_activeLocalFunctions.Add(original)) return;
            try
            {
                var body = _context.GetMethodBody(original, invocation.SemanticModel, _cancellationToken);
                _localFunctionDepth++;
                Visit(body);
                _localFunctionDepth--;
            }
            finally
            {
                _activeLocalFunctions.Remove(original);
            }
        }
    }
}
