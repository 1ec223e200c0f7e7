using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Optimistic.Query.Analyzers.Model;

/// <summary>One cache operation (or toast) inside a callback, in execution order.</summary>
internal sealed class CacheOperation
{
    public CacheOperation(CacheOperationKind kind, IInvocationOperation invocation, IOperation? keyExpression, bool isCompleted, int order)
    {
        Kind = kind;
        Invocation = invocation;
        KeyExpression = keyExpression;
        IsCompleted = isCompleted;
        Order = order;
    }

    /// <summary>What the call does (settable by the model builder: <c>Undo()</c> is classified once every callback is walked).</summary>
    public CacheOperationKind Kind { get; internal set; }

    public IInvocationOperation Invocation { get; }

    /// <summary>The key argument's value; null for tag invalidation, cancel-all, toasts and other calls.</summary>
    public IOperation? KeyExpression { get; }

    /// <summary>The key's shape (set by the model builder when there is a key).</summary>
    public KeyShape? Key { get; internal set; }

    /// <summary>The receiver (the cache client), when the call has one.</summary>
    public IOperation? Receiver => Invocation.Instance;

    /// <summary>Whether the call has completed before the next statement (awaited, blocked on, or synchronous by API).</summary>
    public bool IsCompleted { get; }

    /// <summary>Execution order within the callback (post-order: arguments before the call, the call before its await).</summary>
    public int Order { get; }

    /// <summary>
    /// Which keys a keyed cancel or invalidation reaches from its key (<c>exact:</c>); <see cref="KeyMatch.Prefix"/> for every
    /// other call. Set by the model builder (and by whatever maps a third-party API's filter onto it).
    /// </summary>
    public KeyMatch Match { get; internal set; }

    /// <summary>An invalidation (or cancel) without a key argument reaches every key (tags: any query may provide them).</summary>
    public bool ReachesAnyKey => KeyExpression is null && Kind is CacheOperationKind.Invalidate or CacheOperationKind.Cancel;

    /// <summary>A write, patch or layered write: what makes an OnMutate optimistic.</summary>
    public bool IsCacheWrite => Kind is CacheOperationKind.Write or CacheOperationKind.Patch or CacheOperationKind.Layer;

    public bool IsCacheAccess => Kind is CacheOperationKind.Read or CacheOperationKind.Write or CacheOperationKind.Patch or CacheOperationKind.Layer;

    /// <summary>An undo of the mutation's own write that needs no key (<c>PatchResult.Undo</c>, <c>OptimisticLayer.Rollback</c>).</summary>
    public bool IsKeylessRollback => Kind is CacheOperationKind.UndoPatch or CacheOperationKind.RemoveLayer;
}

/// <summary>How a callback's value is written.</summary>
internal enum CallbackForm
{
    /// <summary>The body is not known (a delegate variable, a method of another assembly, a conditional…): rules stay silent.</summary>
    Opaque,
    Lambda,
    MethodGroup,
    LocalFunction,

    /// <summary>
    /// Not written in the definition: the built-in invalidation of the wrapper method the definition is passed to
    /// (<c>[MutationInvalidates]</c>). No body or method; one Invalidate operation; named after the wrapper method; listed after
    /// the definition's own callbacks. Code fixes must not edit it.
    /// </summary>
    Implicit,
}

/// <summary>A member set by a mutation definition: a callback, the mutation function, or <c>Kind</c>.</summary>
internal class MutationMember
{
    public MutationMember(string name, SyntaxNode nameSyntax, SyntaxNode assignmentSyntax, IOperation value)
    {
        Name = name;
        NameSyntax = nameSyntax;
        AssignmentSyntax = assignmentSyntax;
        Value = value;
    }

    /// <summary>The property name (OnMutate, OnErrorAsync, Kind, …).</summary>
    public string Name { get; }

    /// <summary>The property name on the left of the initializer assignment (or a named constructor argument's name).</summary>
    public SyntaxNode NameSyntax { get; }

    /// <summary>The whole member assignment (<c>OnMutate = …</c>) or constructor argument.</summary>
    public SyntaxNode AssignmentSyntax { get; }

    /// <summary>The assigned value.</summary>
    public IOperation Value { get; }
}

/// <summary>A callback of a mutation definition and what its body does, in execution order.</summary>
internal sealed class MutationCallback : MutationMember
{
    public MutationCallback(
        string name,
        SyntaxNode nameSyntax,
        SyntaxNode assignmentSyntax,
        IOperation value,
        CallbackPhase phase,
        CallbackForm form,
        IMethodSymbol? method,
        IOperation? body,
        ImmutableArray<CacheOperation> operations,
        ImmutableArray<IOperation> returnedValues,
        ImmutableArray<ISimpleAssignmentOperation> assignments)
        : base(name, nameSyntax, assignmentSyntax, value)
    {
        Phase = phase;
        Form = form;
        Method = method;
        Body = body;
        Operations = operations;
        ReturnedValues = returnedValues;
        Assignments = assignments;
        IsAsyncTwin = name.EndsWith("Async", System.StringComparison.Ordinal);
    }

    public CallbackPhase Phase { get; }

    /// <summary>
    /// Whether the property's delegate returns an awaitable (the <c>…Async</c> twin of Optimistic.Query; a library's single
    /// Task-returning <c>OnMutate</c>). Set by the model builder from the delegate type; by the <c>…Async</c> name otherwise.
    /// </summary>
    public bool IsAsyncTwin { get; internal set; }

    public CallbackForm Form { get; }

    /// <summary>Whether the body is known (rules query only analyzable callbacks).</summary>
    public bool IsAnalyzable => Form == CallbackForm.Implicit || (Form != CallbackForm.Opaque && Body is not null);

    /// <summary>A wrapper's built-in invalidation (<see cref="CallbackForm.Implicit"/>), not a callback written in the definition.</summary>
    public bool IsImplicit => Form == CallbackForm.Implicit;

    /// <summary>The lambda, local function or method the callback runs.</summary>
    public IMethodSymbol? Method { get; }

    public IOperation? Body { get; }

    /// <summary>Invocations of the body in execution order (nested lambdas not descended; invoked local functions are).</summary>
    public ImmutableArray<CacheOperation> Operations { get; }

    /// <summary>The values the body returns (the context, for OnMutate).</summary>
    public ImmutableArray<IOperation> ReturnedValues { get; }

    /// <summary>The simple assignments of the body (same scope as <see cref="Operations"/>).</summary>
    public ImmutableArray<ISimpleAssignmentOperation> Assignments { get; }

    /// <summary>The variables parameter (<c>TVariables</c>) of the callback, when known.</summary>
    public IParameterSymbol? VariablesParameter { get; internal set; }

    /// <summary>
    /// The parameter receiving the value OnMutate returned (the snapshot context) in a success, error or settled callback, when
    /// known: not necessarily the last one, as libraries pass an extra argument after it (see <see cref="CallbackContext"/>).
    /// </summary>
    public IParameterSymbol? ContextParameter { get; internal set; }

    public IEnumerable<CacheOperation> OfKind(CacheOperationKind kind)
    {
        foreach (var operation in Operations)
        {
            if (operation.Kind == kind) yield return operation;
        }
    }
}

/// <summary>
/// The shared model of one mutation definition: the creation of a <c>[MutationOptions]</c> type and its callbacks.
/// Every rule is a query over it.
/// </summary>
internal sealed class MutationModel
{
    private const int MaxCachedRelations = 64;

    private List<(KeyShape First, KeyShape Second, KeyRelation Relation)>? _relations;
    private ImmutableArray<CacheOperation> _optimisticWrites;

    public MutationModel(
        IOperation creation,
        MutationOptionsType optionsType,
        bool isPartial,
        ImmutableArray<MutationCallback> callbacks,
        MutationMember? kind)
    {
        Creation = creation;
        OptionsType = optionsType;
        IsPartial = isPartial;
        Callbacks = callbacks;
        Kind = kind;
        foreach (var callback in callbacks)
        {
            if (callback.Phase == CallbackPhase.Mutate && OnMutate is null) OnMutate = callback;
            if (callback.Phase == CallbackPhase.MutationFunction && MutationFunction is null) MutationFunction = callback;
        }

        IsOptimistic = OnMutate is { IsAnalyzable: true } onMutate && HasCacheWrite(onMutate);
    }

    /// <summary>The object creation or <c>with</c> expression.</summary>
    public IOperation Creation { get; }

    public MutationOptionsType OptionsType { get; }

    /// <summary>A <c>with</c> expression: members it does not set come from the copied instance and are unknown.</summary>
    public bool IsPartial { get; }

    /// <summary>Every callback (and the mutation function) the definition sets, in source order.</summary>
    public ImmutableArray<MutationCallback> Callbacks { get; }

    /// <summary>OnMutate or OnMutateAsync (the first set, if both are).</summary>
    public MutationCallback? OnMutate { get; }

    public MutationCallback? MutationFunction { get; }

    /// <summary>The <c>Kind = …</c> member, if set.</summary>
    public MutationMember? Kind { get; }

    /// <summary>An OnMutate that writes or patches the cache.</summary>
    public bool IsOptimistic { get; }

    /// <summary>The callbacks of <paramref name="phase"/> (both twins).</summary>
    public IEnumerable<MutationCallback> InPhase(CallbackPhase phase)
    {
        foreach (var callback in Callbacks)
        {
            if (callback.Phase == phase) yield return callback;
        }
    }

    /// <summary>Whether the definition sets a callback of <paramref name="phase"/>, or may (a <c>with</c> that does not set it).</summary>
    public bool MaySetPhase(CallbackPhase phase)
    {
        if (IsPartial) return true;
        foreach (var callback in Callbacks)
        {
            if (callback.Phase == phase) return true;
        }

        return false;
    }

    /// <summary>
    /// The property of the other twin of <paramref name="callback"/>'s phase (<c>OnSettled</c> → <c>OnSettledAsync</c> and back):
    /// the member of the same phase whose delegate is asynchronous where the callback's is not, or the reverse; else null.
    /// </summary>
    public string? TwinOf(MutationCallback callback) => OptionsType.TwinOf(callback.Name, callback.Phase);

    /// <summary>The callback set for the property <paramref name="name"/>, if any.</summary>
    public MutationCallback? Find(string name)
    {
        foreach (var callback in Callbacks)
        {
            if (callback.Name == name) return callback;
        }

        return null;
    }

    /// <summary>
    /// How <paramref name="first"/> relates to <paramref name="second"/>: the one key relation every rule uses, with fields,
    /// properties and key builders seen through (<see cref="KeyRelations.RelateExpanded"/>). Computed once per pair of shapes
    /// of this definition and cached here (the model lives as long as its compilation; the cache dies with it).
    /// </summary>
    public KeyRelation Relate(KeyShape? first, KeyShape? second, CancellationToken cancellationToken)
    {
        if (first is null || second is null) return KeyRelation.Unknown;
        if (ReferenceEquals(first, second)) return KeyRelation.Same;
        // A short list under a lock, searched by reference: a definition has a handful of pairs, asked by its rules, rarely at
        // the same time (a concurrent dictionary per definition cost more to create than its look-ups, and hashing the pair
        // asks the runtime for each shape's identity hash code).
        var cache = LazyInitializer.EnsureInitialized(ref _relations)!;
        lock (cache)
        {
            foreach (var entry in cache)
            {
                if (ReferenceEquals(entry.First, first) && ReferenceEquals(entry.Second, second)) return entry.Relation;
            }
        }

        // Computed outside the lock; a cancelled computation throws before anything is cached. Two rules computing the same
        // pair at once store the same relation; past MaxCachedRelations pairs (a definition with dozens of keys) the
        // relation is computed each time rather than searched for in a long list.
        var relation = KeyRelations.RelateExpanded(first, second, cancellationToken);
        lock (cache)
        {
            if (cache.Count < MaxCachedRelations) cache.Add((first, second, relation));
        }

        return relation;
    }

    /// <summary>
    /// Whether the cancel or invalidation <paramref name="operation"/> may reach <paramref name="key"/>: it has no key (all
    /// keys, tags), or its key is Same or Unknown, or a strict prefix when the call is not exact (<see cref="KeyMatch"/>).
    /// </summary>
    public bool MayReach(CacheOperation operation, KeyShape? key, CancellationToken cancellationToken) =>
        operation.ReachesAnyKey || operation.Match.MayReach(Relate(operation.Key, key, cancellationToken));

    /// <summary>The first invalidation of <paramref name="callback"/> that may reach <paramref name="key"/> (see <see cref="MayReach"/>).</summary>
    public CacheOperation? FirstInvalidation(MutationCallback callback, KeyShape? key, CancellationToken cancellationToken)
    {
        foreach (var operation in callback.Operations)
        {
            if (operation.Kind == CacheOperationKind.Invalidate && MayReach(operation, key, cancellationToken)) return operation;
        }

        return null;
    }

    /// <summary>The distinct keys OnMutate writes or patches, first write of each, in order (cached: every rule asks).</summary>
    public ImmutableArray<CacheOperation> OptimisticWrites(CancellationToken cancellationToken)
    {
        var known = _optimisticWrites;
        if (!known.IsDefault) return known;
        var computed = ComputeOptimisticWrites(cancellationToken);
        ImmutableInterlocked.InterlockedInitialize(ref _optimisticWrites, computed);
        return _optimisticWrites;
    }

    private ImmutableArray<CacheOperation> ComputeOptimisticWrites(CancellationToken cancellationToken)
    {
        if (!IsOptimistic || OnMutate is null) return ImmutableArray<CacheOperation>.Empty;
        var builder = ImmutableArray.CreateBuilder<CacheOperation>();
        foreach (var operation in OnMutate.Operations)
        {
            if (!operation.IsCacheWrite || operation.Key is null) continue;
            var seen = false;
            foreach (var previous in builder)
            {
                if (Relate(previous.Key, operation.Key, cancellationToken) == KeyRelation.Same)
                {
                    seen = true;
                    break;
                }
            }

            if (!seen) builder.Add(operation);
        }

        return builder.ToImmutable();
    }

    private static bool HasCacheWrite(MutationCallback callback)
    {
        foreach (var operation in callback.Operations)
        {
            if (operation.IsCacheWrite) return true;
        }

        return false;
    }
}
