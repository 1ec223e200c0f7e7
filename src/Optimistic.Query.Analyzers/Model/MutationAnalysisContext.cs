using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Optimistic.Query.Analyzers.Model;

/// <summary>
/// Everything the rules share for one compilation: the resolved annotation attributes, the per-symbol caches and the
/// mutation models. Created once per compilation (not per analyzer: every rule analyzer of the compilation gets the same
/// instance, so a mutation definition is modeled once however many rules run) and held by a
/// <see cref="ConditionalWeakTable{TKey, TValue}"/> keyed by the compilation, so it lives exactly as long as the compilation.
/// No analyzer instance holds per-compilation state.
/// </summary>
internal sealed class MutationAnalysisContext
{
    private const string AnnotationsNamespace = "Optimistic.Query.Annotations";

    private static readonly string[] s_attributeNames =
    {
        "QueryReadAttribute",
        "QueryWriteAttribute",
        "QueryPatchAttribute",
        "QueryCancelAttribute",
        "QueryInvalidateAttribute",
        "QueryKeyArgumentAttribute",
        "MutationOptionsAttribute",
        "MutationFunctionAttribute",
        "MutationCallbackAttribute",
        "ToastSuccessAttribute",
        "ToastErrorAttribute",
        "MutationInvalidatesAttribute",
        "QueryLayerAttribute",
        "LayerRollbackAttribute",
        "LayerCommitAttribute",
    };

    // Lazy: the twelve analyzers start on the same compilation at once, and GetValue may run its factory once per caller.
    private static readonly ConditionalWeakTable<Compilation, Lazy<MutationAnalysisContext?>> s_contexts = new();
    private static readonly HashSet<string> s_noNames = new(StringComparer.Ordinal);

    // The rules of a compilation add to these caches from the driver's threads at once. More lock stripes than threads, and
    // the caches that grow with the project sized by its tree count up front: on a loaded build machine, an add that waits
    // for another thread's stripe, or for the table to grow, spins while that thread is descheduled (a tenth of our time
    // in a 2,000-file build, when each cache had a stripe per core and started at 31 entries).
    private const int ConcurrencyLevel = 32;

    private readonly ApiMap? _apiMap;
    private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<ImplicitInvalidation>> _mutationInvalidations = new(ConcurrencyLevel, 31, SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, MethodRole> _methodRoles;
    private readonly ConcurrentDictionary<INamedTypeSymbol, MutationOptionsType?> _optionsTypes = new(ConcurrencyLevel, 31, SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _patchResultTypes = new(ConcurrencyLevel, 31, SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<string, ImmutableArray<string>> _parsedLists = new(ConcurrencyLevel, 31, StringComparer.Ordinal);
    private readonly ConcurrentDictionary<SyntaxNode, ModelSlot> _models;
    private readonly ConcurrentDictionary<IMethodSymbol, IOperation?> _methodBodies = new(ConcurrencyLevel, 31, SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<SyntaxTree, SourceTreeInfo> _trees;
    private readonly ConditionalWeakTable<SyntaxNode, HashSet<string>> _assignedNamesByScope = new();

    private MutationAnalysisContext(Compilation compilation, ApiMap? apiMap)
    {
        Compilation = compilation;
        _apiMap = apiMap;
        // Capped: an IDE creates a context per edit, and the table grows past the cap if it must.
        var capacity = compilation is CSharpCompilation csharp ? Math.Min(Math.Max(csharp.SyntaxTrees.Length, 31), 4096) : 31;
        _methodRoles = new(ConcurrencyLevel, capacity, SymbolEqualityComparer.Default);
        _models = new(ConcurrencyLevel, capacity);
        _trees = new(ConcurrencyLevel, capacity);
    }

    public Compilation Compilation { get; }

    /// <summary>The third-party API map resolved against the compilation, when the global config has one.</summary>
    public ApiMap? ApiMap => _apiMap;

    /// <summary>
    /// The context of <paramref name="compilation"/>, or null when nothing in it carries the annotations and the global
    /// analyzer config of <paramref name="options"/> maps no third-party API (then the analyzers register nothing).
    /// </summary>
    /// <remarks>
    /// The first caller for a compilation creates the context; every rule analyzer of a compilation run gets the same options.
    /// The map (<c>optimistic_query.api.*</c>) is parsed once per distinct text (<see cref="ApiMapSpec.From"/>) and resolved
    /// against the compilation once, here.
    /// </remarks>
    public static MutationAnalysisContext? Get(Compilation compilation, AnalyzerOptions? options = null)
    {
        if (s_contexts.TryGetValue(compilation, out var known)) return known.Value;
        var spec = ApiMapSpec.From(options);
        return s_contexts.GetValue(compilation, c => new Lazy<MutationAnalysisContext?>(() => TryCreate(c, spec), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    /// <summary>
    /// The context of <paramref name="compilation"/> if an analyzer or fixer already created it, else null: for a code fix that
    /// has no analyzer options at hand, which must not create (and cache) a context without the map.
    /// </summary>
    public static MutationAnalysisContext? Existing(Compilation compilation) =>
        s_contexts.TryGetValue(compilation, out var known) ? known.Value : null;

    private static MutationAnalysisContext? TryCreate(Compilation compilation, ApiMapSpec? spec)
    {
        // A third-party API map in the global config (optimistic_query.api.*) activates the analyzers by its presence.
        var apiMap = spec is null ? null : ApiMap.Resolve(spec, compilation);
        return apiMap is not null || RuntimeReference.IsReferenced(compilation) || DeclaresAnyAnnotation(compilation)
            ? new MutationAnalysisContext(compilation, apiMap)
            : null;
    }

    /// <summary>
    /// Whether an annotation attribute is declared in the compilation or a reference (a wrapper's own copy, without the
    /// runtime): asked only when the runtime is not referenced (<see cref="RuntimeReference"/>), as these look-ups bind
    /// every reference. This runs on every compilation (an IDE makes one per edit), so the attributes are not resolved
    /// here: <see cref="IsAnnotation"/> matches them by full name.
    /// </summary>
    private static bool DeclaresAnyAnnotation(Compilation compilation)
    {
        foreach (var name in s_attributeNames)
        {
            // GetTypesByMetadataName, not GetTypeByMetadataName: the latter returns null when a wrapper declares its own copy.
            if (!compilation.GetTypesByMetadataName(AnnotationsNamespace + "." + name).IsDefaultOrEmpty) return true;
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="attributeClass"/> is the annotation <paramref name="kind"/>, by full name: the runtime's, or a
    /// wrapper's own copy (what <c>GetTypesByMetadataName</c> would find, without a lookup per compilation).
    /// </summary>
    public bool IsAnnotation(INamedTypeSymbol? attributeClass, AnnotationKind kind) =>
        attributeClass is not null
        && attributeClass.Name == s_attributeNames[(int)kind]
        && IsAnnotationsNamespace(attributeClass.ContainingNamespace);

    /// <summary>Whether <paramref name="ns"/> is <c>Optimistic.Query.Annotations</c> (the runtime's, or a wrapper's copy).</summary>
    internal static bool IsAnnotationsNamespace(INamespaceSymbol? ns) =>
        ns is { Name: "Annotations" }
        && ns.ContainingNamespace is { Name: "Query" } query
        && query.ContainingNamespace is { Name: "Optimistic" } optimistic
        && optimistic.ContainingNamespace is { IsGlobalNamespace: true };

    public AttributeData? FindAnnotation(ISymbol symbol, AnnotationKind kind)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (IsAnnotation(attribute.AttributeClass, kind)) return attribute;
        }

        return null;
    }

    /// <summary>The cache role of <paramref name="method"/> (cached per original definition).</summary>
    public MethodRole GetRole(IMethodSymbol method)
    {
        method = method.ReducedFrom ?? method;
        method = method.OriginalDefinition;
        if (_methodRoles.TryGetValue(method, out var role)) return role;
        role = ComputeRole(method);
        if (role.Kind == CacheOperationKind.Patch && method.ReturnType.OriginalDefinition is INamedTypeSymbol patchResult)
        {
            _patchResultTypes.TryAdd(patchResult, true);
        }

        return _methodRoles.GetOrAdd(method, role);
    }

    /// <summary>
    /// Whether <paramref name="method"/> is a key factory of a mapped library (<c>optimistic_query.api.key_factory</c>): a
    /// static method whose <c>params</c> arguments are the key's parts, related as <c>QueryKey.Create</c>'s are.
    /// </summary>
    public bool IsKeyFactory(IMethodSymbol method) =>
        _apiMap is not null && method.IsStatic && _apiMap.IsKeyFactory((method.ReducedFrom ?? method).OriginalDefinition);

    /// <summary>
    /// The member that the argument for <paramref name="parameter"/> of <paramref name="method"/> sets, when the map lists the
    /// method under <c>mutation_arguments</c> (callbacks and the mutation function passed beside the options object).
    /// </summary>
    public bool TryGetArgumentMember(IMethodSymbol method, IParameterSymbol parameter, out CallbackPhase phase, out string member)
    {
        phase = default;
        member = parameter.Name;
        return _apiMap is not null
               && _apiMap.TakesMemberArguments((method.ReducedFrom ?? method).OriginalDefinition)
               && _apiMap.TryGetMemberByParameter(parameter.Name, out phase, out member);
    }

    /// <summary>
    /// Whether <paramref name="method"/> is <c>Undo()</c> on the result type of a <c>[QueryPatch]</c> method: the runtime's
    /// <c>PatchResult&lt;T&gt;</c> (by full name), or a wrapper's type learned as its <c>[QueryPatch]</c> methods are seen.
    /// </summary>
    public bool IsUndoPatch(IMethodSymbol method) =>
        method.Name == "Undo"
        && method.ContainingType?.OriginalDefinition is { } type
        && (IsRuntimePatchResult(type) || _patchResultTypes.ContainsKey(type));

    private static bool IsRuntimePatchResult(INamedTypeSymbol type) =>
        type is { Name: "PatchResult", Arity: 1, ContainingType: null }
        && type.ContainingNamespace is { Name: "Query" } query
        && query.ContainingNamespace is { Name: "Optimistic" } optimistic
        && optimistic.ContainingNamespace is { IsGlobalNamespace: true };

    private MethodRole ComputeRole(IMethodSymbol method)
    {
        var kind = ClassifyAttributes(method);
        if (kind == CacheOperationKind.Other)
        {
            // Attributes are not inherited by overrides or interface implementations (IToaster.Success on a concrete toaster).
            kind = ClassifyInherited(method);
        }

        if (kind == CacheOperationKind.Other) return MethodRole.None;
        return new MethodRole(kind, FindKeyParameter(method, kind));
    }

    /// <summary>What <paramref name="method"/> does: the third-party map first, then the annotation attributes.</summary>
    private CacheOperationKind ClassifyAttributes(IMethodSymbol method)
    {
        if (_apiMap is not null)
        {
            var mapped = _apiMap.GetKind(method);
            if (mapped != CacheOperationKind.Other) return mapped;
        }

        foreach (var attribute in method.GetAttributes())
        {
            var attributeClass = attribute.AttributeClass;
            if (attributeClass is null) continue;
            if (IsAnnotation(attributeClass, AnnotationKind.QueryRead)) return CacheOperationKind.Read;
            if (IsAnnotation(attributeClass, AnnotationKind.QueryWrite)) return CacheOperationKind.Write;
            if (IsAnnotation(attributeClass, AnnotationKind.QueryPatch)) return CacheOperationKind.Patch;
            if (IsAnnotation(attributeClass, AnnotationKind.QueryLayer)) return CacheOperationKind.Layer;
            if (IsAnnotation(attributeClass, AnnotationKind.LayerRollback)) return CacheOperationKind.RemoveLayer;
            if (IsAnnotation(attributeClass, AnnotationKind.LayerCommit)) return CacheOperationKind.CommitLayer;
            if (IsAnnotation(attributeClass, AnnotationKind.QueryCancel)) return CacheOperationKind.Cancel;
            if (IsAnnotation(attributeClass, AnnotationKind.QueryInvalidate)) return CacheOperationKind.Invalidate;
            if (IsAnnotation(attributeClass, AnnotationKind.ToastSuccess)) return CacheOperationKind.ToastSuccess;
            if (IsAnnotation(attributeClass, AnnotationKind.ToastError)) return CacheOperationKind.ToastError;
        }

        return CacheOperationKind.Other;
    }

    private CacheOperationKind ClassifyInherited(IMethodSymbol method)
    {
        var overridden = method.OverriddenMethod;
        var depth = 0;
        while (overridden is not null && depth++ < 16)
        {
            var kind = ClassifyAttributes(overridden.OriginalDefinition);
            if (kind != CacheOperationKind.Other) return kind;
            overridden = overridden.OverriddenMethod;
        }

        foreach (var implemented in method.ExplicitInterfaceImplementations)
        {
            var kind = ClassifyAttributes(implemented.OriginalDefinition);
            if (kind != CacheOperationKind.Other) return kind;
        }

        var containingType = method.ContainingType;
        if (containingType is null || containingType.TypeKind == TypeKind.Interface || method.MethodKind != MethodKind.Ordinary) return CacheOperationKind.Other;
        foreach (var @interface in containingType.AllInterfaces)
        {
            foreach (var member in @interface.GetMembers(method.Name))
            {
                if (member is not IMethodSymbol interfaceMethod) continue;
                if (!SymbolEqualityComparer.Default.Equals(containingType.FindImplementationForInterfaceMember(interfaceMethod)?.OriginalDefinition, method)) continue;
                var kind = ClassifyAttributes(interfaceMethod.OriginalDefinition);
                if (kind != CacheOperationKind.Other) return kind;
            }
        }

        return CacheOperationKind.Other;
    }

    private int FindKeyParameter(IMethodSymbol method, CacheOperationKind kind)
    {
        if (kind is CacheOperationKind.ToastSuccess or CacheOperationKind.ToastError) return -1;
        if (_apiMap is not null && _apiMap.IsMapped(method) && _apiMap.FindKeyParameter(method) is >= 0 and var mapped) return mapped;
        var parameters = method.Parameters;
        foreach (var parameter in parameters)
        {
            if (FindAnnotation(parameter, AnnotationKind.QueryKeyArgument) is not null) return parameter.Ordinal;
        }

        foreach (var parameter in parameters)
        {
            if (parameter.Type.Name == "QueryKey") return parameter.Ordinal;
        }

        return -1;
    }

    /// <summary>
    /// The mutation members of <paramref name="type"/> when it is a <c>[MutationOptions]</c> type; else null. Cached per
    /// options type.
    /// </summary>
    /// <remarks>
    /// Asked by every rule for every object creation of the compilation. Any other type is rejected without the cache: its
    /// attributes are already cached by Roslyn, and reading them costs less than a cache look-up, whereas adding thousands
    /// of types to a cache shared by concurrent rules made them wait for each other.
    /// </remarks>
    public MutationOptionsType? GetOptionsType(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol named) return null;
        named = named.OriginalDefinition;
        if (!IsOptionsTypeCandidate(named, out var mapped)) return null;
        if (_optionsTypes.TryGetValue(named, out var known)) return known;
        return _optionsTypes.GetOrAdd(named, ComputeOptionsType(named, mapped));
    }

    private bool IsOptionsTypeCandidate(INamedTypeSymbol type, out bool mapped)
    {
        mapped = false;
        if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct)) return false;
        mapped = _apiMap is not null && _apiMap.IsOptionsTypeOrDerived(type);
        return mapped || FindAnnotation(type, AnnotationKind.MutationOptions) is not null;
    }

    private MutationOptionsType? ComputeOptionsType(INamedTypeSymbol type, bool mapped)
    {

        var members = new Dictionary<string, CallbackPhase>(StringComparer.Ordinal);
        Dictionary<string, List<CallbackPhase>>? invalidating = null;
        string? kindProperty = null;
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member is not IPropertySymbol property || members.ContainsKey(property.Name)) continue;
                if (mapped && _apiMap!.TryGetInvalidatingProperty(property.Name, out var invalidatingPhases))
                {
                    (invalidating ??= new Dictionary<string, List<CallbackPhase>>(StringComparer.Ordinal))[property.Name] = invalidatingPhases;
                }
                else if (mapped && _apiMap!.TryGetMemberPhase(property.Name, out var mappedPhase))
                {
                    members[property.Name] = mappedPhase;
                }
                else if (mapped && kindProperty is null && property.Name == _apiMap!.KindProperty)
                {
                    kindProperty = property.Name;
                }
                else if (FindAnnotation(property, AnnotationKind.MutationFunction) is not null)
                {
                    members[property.Name] = CallbackPhase.MutationFunction;
                }
                else if (FindAnnotation(property, AnnotationKind.MutationCallback) is { } callback
                         && callback.ConstructorArguments.Length == 1
                         && callback.ConstructorArguments[0].Value is int phase
                         && phase is >= 0 and <= 3)
                {
                    members[property.Name] = (CallbackPhase)phase;
                }
                else if (kindProperty is null
                         && property.Name == "Kind"
                         && property.Type is INamedTypeSymbol { TypeKind: TypeKind.Enum, Name: "MutationKind" })
                {
                    kindProperty = property.Name;
                }
            }
        }

        return new MutationOptionsType(type, members, kindProperty) { InvalidatingProperties = invalidating };
    }

    /// <summary>
    /// The built-in invalidations of <paramref name="method"/>, a method taking mutation options
    /// (<c>[MutationInvalidates(phase)]</c>, or <c>optimistic_query.api.mutation_invalidates.*</c>): phase and key parameter
    /// (-1: none, the invalidation reaches every key). Empty for other methods. Cached per original definition.
    /// </summary>
    public ImmutableArray<ImplicitInvalidation> GetMutationInvalidations(IMethodSymbol method)
    {
        method = (method.ReducedFrom ?? method).OriginalDefinition;
        if (_mutationInvalidations.TryGetValue(method, out var known)) return known;
        return _mutationInvalidations.GetOrAdd(method, ComputeMutationInvalidations(method));
    }

    private ImmutableArray<ImplicitInvalidation> ComputeMutationInvalidations(IMethodSymbol method)
    {
        var phases = new List<CallbackPhase>();
        if (_apiMap?.GetInvalidationPhases(method) is { } mapped) phases.AddRange(mapped);
        foreach (var attribute in method.GetAttributes())
        {
            if (!IsAnnotation(attribute.AttributeClass, AnnotationKind.MutationInvalidates)) continue;
            if (attribute.ConstructorArguments.Length == 1
                && attribute.ConstructorArguments[0].Value is int value
                && value is 1 or 2 or 3
                && !phases.Contains((CallbackPhase)value))
            {
                phases.Add((CallbackPhase)value);
            }
        }

        if (phases.Count == 0) return ImmutableArray<ImplicitInvalidation>.Empty;
        var key = FindKeyParameter(method, CacheOperationKind.Invalidate);
        var builder = ImmutableArray.CreateBuilder<ImplicitInvalidation>(phases.Count);
        foreach (var phase in phases)
        {
            builder.Add(new ImplicitInvalidation(phase, key));
        }

        return builder.MoveToImmutable();
    }

    /// <summary>
    /// Whether <paramref name="local"/> may be assigned after its declaration. Syntactic and by name (so conservative):
    /// any assignment, increment, or ref/out argument naming it in its enclosing body counts.
    /// </summary>
    /// <remarks>
    /// The names assigned in a scope are collected once per scope (a definition's locals share one or two scopes), so
    /// each key local costs a lookup. A dictionary per local cost three times a scan (locals hash poorly: many share a
    /// name); a scan per query cost ten times the lookup (profiled on the synthetic project).
    /// </remarks>
    public bool MayBeReassigned(ILocalSymbol local, CancellationToken cancellationToken)
    {
        if (local.IsRef || local.DeclaringSyntaxReferences.Length != 1) return true;
        var declarator = local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
        SyntaxNode? scope = declarator.Parent;
        while (scope is not null && scope is not (BlockSyntax or MemberDeclarationSyntax or CompilationUnitSyntax))
        {
            scope = scope.Parent;
        }

        if (scope is null) return true;
        return _assignedNamesByScope.GetValue(scope, CollectAssignedNames).Contains(local.Name);
    }

    private static HashSet<string> CollectAssignedNames(SyntaxNode scope)
    {
        HashSet<string>? names = null;
        foreach (var node in scope.DescendantNodes())
        {
            var target = node switch
            {
                AssignmentExpressionSyntax { Left: IdentifierNameSyntax id } => id,
                PrefixUnaryExpressionSyntax { Operand: IdentifierNameSyntax pre } => pre,
                PostfixUnaryExpressionSyntax { Operand: IdentifierNameSyntax post } => post,
                ArgumentSyntax { RefKindKeyword.RawKind: not 0, Expression: IdentifierNameSyntax arg } => arg,
                _ => null,
            };
            if (target is not null) (names ??= new HashSet<string>(StringComparer.Ordinal)).Add(target.Identifier.ValueText);
        }

        return names ?? s_noNames;
    }

    /// <summary>
    /// The body operation of <paramref name="method"/> (an ordinary method or a local function declared in this compilation),
    /// or null. Cached per method.
    /// </summary>
    /// <remarks>
    /// The body is bound with <paramref name="semanticModel"/> when it is in the same tree as the callback (the common case,
    /// no new binding). A method group may name a method of another file of the compilation: its body is then bound with
    /// <see cref="Compilation.GetSemanticModel(SyntaxTree, bool)"/> (RS1030 is suppressed for that one call). The cost is one
    /// method body per distinct method-group callback, once per compilation thanks to the cache.
    /// </remarks>
    public IOperation? GetMethodBody(IMethodSymbol method, SemanticModel? semanticModel, CancellationToken cancellationToken)
    {
        method = method.OriginalDefinition;
        if (_methodBodies.TryGetValue(method, out var body)) return body;
        body = ComputeMethodBody(method, semanticModel, cancellationToken);
        return _methodBodies.GetOrAdd(method, body);
    }

    private IOperation? ComputeMethodBody(IMethodSymbol method, SemanticModel? semanticModel, CancellationToken cancellationToken)
    {
        if (!SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, Compilation.Assembly)) return null;
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax(cancellationToken);
            if (syntax is not (MethodDeclarationSyntax { Body: not null } or MethodDeclarationSyntax { ExpressionBody: not null } or LocalFunctionStatementSyntax))
            {
                continue;
            }

            var tree = reference.SyntaxTree;
            SemanticModel? model = semanticModel is not null && semanticModel.SyntaxTree == tree ? semanticModel : null;
            if (model is null)
            {
                if (!Compilation.ContainsSyntaxTree(tree)) return null;
#pragma warning disable RS1030 // A method group may target another file: bind that one body (cached per method).
                model = Compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
            }

            switch (model.GetOperation(syntax, cancellationToken))
            {
                case IMethodBodyOperation methodBody:
                    return (IOperation?)methodBody.BlockBody ?? methodBody.ExpressionBody;
                case ILocalFunctionOperation localFunction:
                    return (IOperation?)localFunction.Body ?? localFunction.IgnoredBody;
            }
        }

        return null;
    }

    /// <summary>
    /// What <paramref name="tree"/> is (user code, Razor component output, other generated code) and, for a component, the
    /// options of its <c>.razor</c> file. Computed once per tree: the header test reads a few directives.
    /// </summary>
    public SourceTreeInfo GetTreeInfo(SyntaxTree tree, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        if (_trees.TryGetValue(tree, out var known)) return known;
        return _trees.GetOrAdd(tree, ComputeTreeInfo(tree, options, cancellationToken));
    }

    private SourceTreeInfo ComputeTreeInfo(SyntaxTree tree, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        if (RazorComponentCode.GetComponentPath(tree, cancellationToken) is { } componentPath)
        {
            var provider = options.AnalyzerConfigOptionsProvider;
            var componentOptions = RazorAdditionalFiles.Find(options, componentPath) is { } razorFile ? provider.GetOptions(razorFile) : provider.GetOptions(tree);
            return new SourceTreeInfo(SourceTreeKind.RazorComponent, componentOptions);
        }

        return GeneratedCode.IsGenerated(tree, options) ? SourceTreeInfo.OtherGenerated : SourceTreeInfo.User;
    }

    /// <summary>A comma-separated option value as trimmed, non-empty entries (cached per distinct value).</summary>
    public ImmutableArray<string> ParseList(string value) =>
        _parsedLists.GetOrAdd(value, static v =>
        {
            var builder = ImmutableArray.CreateBuilder<string>();
            foreach (var part in v.Split(','))
            {
                var trimmed = part.Trim();
                if (trimmed.Length > 0) builder.Add(trimmed);
            }

            return builder.ToImmutable();
        });

    /// <summary>
    /// The model of the mutation definition <paramref name="creation"/> (an object creation or a <c>with</c>), or null when it
    /// does not create a <c>[MutationOptions]</c> type. Built once per creation and shared by every rule.
    /// </summary>
    public MutationModel? GetModel(IOperation creation, CancellationToken cancellationToken)
    {
        if (GetOptionsType(creation.Type) is not { } optionsType) return null;
        var slot = _models.GetOrAdd(creation.Syntax, static _ => new ModelSlot());
        if (Volatile.Read(ref slot.Built)) return slot.Model;

        // Rules run concurrently on the same creation: the first builds, the others wait for it instead of building again.
        // A cancelled build leaves the slot unbuilt (no exception is cached), so a later analysis builds it afresh.
        lock (slot)
        {
            if (!slot.Built)
            {
                slot.Model = MutationModelBuilder.Build(this, optionsType, creation, cancellationToken);
                Volatile.Write(ref slot.Built, true);
            }

            return slot.Model;
        }
    }

    /// <summary>
    /// The model of a call to a <c>mutation_arguments</c> method that takes no options object
    /// (<c>client.UseMutation(mutationFn, onMutate: …, onError: …)</c>): one definition per call, its members the arguments
    /// named as mapped members, their delegate types the method's parameters'. Null for any other call.
    /// </summary>
    public MutationModel? GetArgumentsModel(IInvocationOperation invocation, CancellationToken cancellationToken)
    {
        if (_apiMap is null) return null;
        var method = (invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod).OriginalDefinition;
        if (!_apiMap.TakesMemberArguments(method)) return null;
        var members = new Dictionary<string, CallbackPhase>(StringComparer.Ordinal);
        var delegates = new Dictionary<string, INamedTypeSymbol>(StringComparer.Ordinal);
        foreach (var parameter in method.Parameters)
        {
            if (GetOptionsType(parameter.Type) is not null) return null; // an options parameter: the definition is its creation
            if (!_apiMap.TryGetMemberByParameter(parameter.Name, out var phase, out var member)) continue;
            members[member] = phase;
            if (parameter.Type is INamedTypeSymbol { TypeKind: TypeKind.Delegate } delegateType) delegates[member] = delegateType;
        }

        if (members.Count == 0) return null;
        var slot = _models.GetOrAdd(invocation.Syntax, static _ => new ModelSlot());
        if (Volatile.Read(ref slot.Built)) return slot.Model;
        lock (slot)
        {
            if (!slot.Built)
            {
                var optionsType = new MutationOptionsType(method.ContainingType, members, null) { ArgumentDelegates = delegates };
                slot.Model = MutationModelBuilder.Build(this, optionsType, invocation, cancellationToken);
                Volatile.Write(ref slot.Built, true);
            }

            return slot.Model;
        }
    }

    /// <summary>Whether the map lists methods under <c>mutation_arguments</c> (their calls are analyzed as a whole).</summary>
    public bool HasArgumentMethods => _apiMap is not null && _apiMap.HasArgumentMethods;

    /// <summary>Whether <paramref name="method"/> is a <c>mutation_arguments</c> method.</summary>
    public bool TakesMemberArguments(IMethodSymbol method) =>
        _apiMap is not null && _apiMap.TakesMemberArguments((method.ReducedFrom ?? method).OriginalDefinition);

    private sealed class ModelSlot
    {
        public bool Built;
        public MutationModel? Model;
    }
}
