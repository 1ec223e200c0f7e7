using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Optimistic.Query.Analyzers.Model;

/// <summary>
/// A third-party API map as written in the global analyzer config (<c>optimistic_query.api.*</c>), parsed but not resolved:
/// compilation-independent, so it is parsed once per distinct config text and shared by every compilation that has that text.
/// </summary>
/// <remarks>
/// Keys (case-insensitive, as analyzer config keys are; values are comma-separated lists):
/// <list type="bullet">
/// <item><c>read</c>, <c>write</c>, <c>patch</c>, <c>layer</c>, <c>layer_rollback</c>, <c>layer_commit</c>, <c>cancel</c>, <c>invalidate</c>, <c>toast.success</c>, <c>toast.error</c>:
/// methods, by documentation-comment ID (<c>M:Ns.Type.Method(Ns.Key)</c>, one overload) or full name (<c>Ns.Type.Method</c>,
/// every overload; a generic type by its metadata name, <c>Ns.Cache`1.Get</c>).</item>
/// <item><c>key_parameter</c>: the key parameter of every mapped method, by name (a list: the first present wins) or 0-based
/// index; <c>key_parameter.Ns.Type.Method</c> overrides it for one method (by full name).</item>
/// <item><c>key_factory</c>: static methods whose <c>params</c> arguments are the key's parts (as <c>QueryKey.Create</c>).</item>
/// <item><c>mutation_options</c>: the options types, by metadata name (<c>Ns.Options`3</c>) or <c>T:</c> ID.</item>
/// <item><c>mutation_function</c>, <c>callback.mutate</c>, <c>callback.success</c>, <c>callback.error</c>,
/// <c>callback.settled</c>: property names of the options types; <c>mutation_kind</c>: the Create/Update/Delete property.</item>
/// <item><c>mutation_invalidates.success</c>, <c>.error</c>, <c>.settled</c>: methods taking the options that invalidate in that
/// phase (the map's form of <c>[MutationInvalidates]</c>).</item>
/// <item><c>key_type</c>: key types whose constructor <c>params</c> arguments, collection expression or collection initializer
/// elements are the key's parts (<c>new QueryKey("todos", id)</c>, <c>["todos", id]</c>); <c>System.Object[]</c> for array keys.</item>
/// <item><c>filter_key</c>, <c>filter_exact</c>: <c>Ns.Filters.Member</c>, the member of a filter object that holds the key and the
/// one that makes the match exact.</item>
/// <item><c>mutation_arguments</c>: methods taking the options whose other arguments, named as the mapped members
/// (<c>mutationFn</c>, <c>onSuccess</c>), are members of the definition; a listed method that takes no options type is a
/// definition by itself, one per call.</item>
/// <item><c>invalidate_property.success</c>, <c>.error</c>, <c>.settled</c>: options-type properties whose keys the library
/// invalidates in that phase (<c>InvalidateKeys = [k]</c>).</item>
/// </list>
/// Anything unknown or malformed is ignored, and recorded as a <see cref="ApiMapProblem"/> (OPT013).
/// </remarks>
internal sealed class ApiMapSpec
{
    public const string Prefix = "optimistic_query.api.";
    private const string KeyParameterOverridePrefix = "key_parameter.";
    private const int MaxCachedSpecs = 32;

    private static readonly ConcurrentDictionary<string, ApiMapSpec> s_specs = new(StringComparer.Ordinal);

    private ApiMapSpec()
    {
    }

    /// <summary>Mapped methods and what they do (entries as written, with their key).</summary>
    public List<(CacheOperationKind Kind, string Key, string Entry)> Methods { get; } = new();

    /// <summary>Wrapper methods with a built-in invalidation, and its phase.</summary>
    public List<(CallbackPhase Phase, string Key, string Entry)> Invalidates { get; } = new();

    /// <summary>Property names the map gives options types, with their key (checked against the resolved types for OPT013).</summary>
    public List<(string Key, string Name)> MemberEntries { get; } = new();

    /// <summary>Unknown keys and malformed values: ignored, reported as OPT013.</summary>
    public List<ApiMapProblem> Problems { get; } = new();

    /// <summary>The default key parameter: names, or one 0-based index.</summary>
    public ImmutableArray<string> KeyParameter { get; private set; } = ImmutableArray<string>.Empty;

    /// <summary>Per-method key parameter (method full name, case-insensitive → name or index).</summary>
    public Dictionary<string, string> KeyParameterOverrides { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<string> OptionsTypes { get; } = new();

    /// <summary>Key types whose constructor <c>params</c> arguments or collection elements are a key's parts (<c>Ns.QueryKey</c>, <c>System.Object[]</c>).</summary>
    public List<string> KeyTypes { get; } = new();

    /// <summary>Filter-object members that hold the key (<c>Ns.QueryFilters.QueryKey</c>).</summary>
    public List<string> FilterKeys { get; } = new();

    /// <summary>Filter-object members that make the match exact when true (<c>Ns.QueryFilters.Exact</c>).</summary>
    public List<string> FilterExacts { get; } = new();

    /// <summary>Methods taking the options whose other arguments, named as mapped members (<c>mutationFn</c>, <c>onSuccess</c>), are members of the definition.</summary>
    public List<string> ArgumentMethods { get; } = new();

    /// <summary>Static methods whose <c>params</c> arguments are a key's parts (as <c>QueryKey.Create</c>).</summary>
    public List<string> KeyFactories { get; } = new();

    /// <summary>Option-type property names (ordinal) and their phase (the mutation function included).</summary>
    public Dictionary<string, CallbackPhase> Members { get; } = new(StringComparer.Ordinal);

    public string? KindProperty { get; private set; }

    /// <summary>Options-type properties whose value the library invalidates in a phase (<c>InvalidateKeys = [k]</c>).</summary>
    public Dictionary<string, List<CallbackPhase>> InvalidatingProperties { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The map in <paramref name="options"/>'s global options, or null when there is no <c>optimistic_query.api.*</c> key.
    /// Parsed once per distinct text.
    /// </summary>
    public static ApiMapSpec? From(AnalyzerOptions? options)
    {
        var global = options?.AnalyzerConfigOptionsProvider.GlobalOptions;
        if (global is null) return null;

        List<(string Key, string Value)>? entries = null;
        foreach (var key in global.Keys)
        {
            if (key is null || !key.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) continue;
            if (!global.TryGetValue(key, out var value) || value is null) continue;
            (entries ??= new List<(string, string)>()).Add((key.Substring(Prefix.Length).ToLowerInvariant(), value));
        }

        if (entries is null) return null;
        entries.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var text = new StringBuilder();
        foreach (var (key, value) in entries)
        {
            text.Append(key).Append('=').Append(value).Append('\n');
        }

        var canonical = text.ToString();
        if (s_specs.TryGetValue(canonical, out var spec)) return spec;
        if (s_specs.Count >= MaxCachedSpecs) s_specs.Clear();
        return s_specs.GetOrAdd(canonical, _ => Parse(entries));
    }

    private static ApiMapSpec Parse(List<(string Key, string Value)> entries)
    {
        var spec = new ApiMapSpec();
        foreach (var (key, value) in entries)
        {
            var list = SplitList(value);
            switch (key)
            {
                case "read": spec.AddMethods(CacheOperationKind.Read, key, list); break;
                case "write": spec.AddMethods(CacheOperationKind.Write, key, list); break;
                case "patch": spec.AddMethods(CacheOperationKind.Patch, key, list); break;
                case "layer": spec.AddMethods(CacheOperationKind.Layer, key, list); break;
                case "layer_rollback": spec.AddMethods(CacheOperationKind.RemoveLayer, key, list); break;
                case "layer_commit": spec.AddMethods(CacheOperationKind.CommitLayer, key, list); break;
                case "cancel": spec.AddMethods(CacheOperationKind.Cancel, key, list); break;
                case "invalidate": spec.AddMethods(CacheOperationKind.Invalidate, key, list); break;
                case "toast.success": spec.AddMethods(CacheOperationKind.ToastSuccess, key, list); break;
                case "toast.error": spec.AddMethods(CacheOperationKind.ToastError, key, list); break;
                case "key_factory": spec.KeyFactories.AddRange(list); break;
                case "key_parameter": spec.KeyParameter = list; break;
                case "mutation_options": spec.OptionsTypes.AddRange(list); break;
                case "mutation_arguments": spec.ArgumentMethods.AddRange(list); break;
                case "key_type": spec.KeyTypes.AddRange(list); break;
                case "filter_key": spec.FilterKeys.AddRange(list); break;
                case "filter_exact": spec.FilterExacts.AddRange(list); break;
                case "mutation_function": spec.AddMembers(CallbackPhase.MutationFunction, key, list); break;
                case "callback.mutate": spec.AddMembers(CallbackPhase.Mutate, key, list); break;
                case "callback.success": spec.AddMembers(CallbackPhase.Success, key, list); break;
                case "callback.error": spec.AddMembers(CallbackPhase.Error, key, list); break;
                case "callback.settled": spec.AddMembers(CallbackPhase.Settled, key, list); break;
                case "mutation_kind": spec.SetKindProperty(key, list); break;
                case "mutation_invalidates.success": spec.AddInvalidates(CallbackPhase.Success, key, list); break;
                case "mutation_invalidates.error": spec.AddInvalidates(CallbackPhase.Error, key, list); break;
                case "mutation_invalidates.settled": spec.AddInvalidates(CallbackPhase.Settled, key, list); break;
                case "invalidate_property.success": spec.AddInvalidatingProperties(CallbackPhase.Success, key, list); break;
                case "invalidate_property.error": spec.AddInvalidatingProperties(CallbackPhase.Error, key, list); break;
                case "invalidate_property.settled": spec.AddInvalidatingProperties(CallbackPhase.Settled, key, list); break;
                default:
                    if (key.StartsWith(KeyParameterOverridePrefix, StringComparison.Ordinal) && key.Length > KeyParameterOverridePrefix.Length)
                    {
                        if (list.Length == 1) spec.KeyParameterOverrides[key.Substring(KeyParameterOverridePrefix.Length)] = list[0];
                        else spec.Problems.Add(new ApiMapProblem(Prefix + key, value, "takes one parameter name or 0-based index"));
                    }
                    else
                    {
                        spec.Problems.Add(new ApiMapProblem(Prefix + key, value, "is not a key of the map"));
                    }

                    break;
            }
        }

        return spec;
    }

    private void AddMethods(CacheOperationKind kind, string key, ImmutableArray<string> list)
    {
        foreach (var entry in list) Methods.Add((kind, key, entry));
    }

    private void AddInvalidates(CallbackPhase phase, string key, ImmutableArray<string> list)
    {
        foreach (var entry in list) Invalidates.Add((phase, key, entry));
    }

    private void AddMembers(CallbackPhase phase, string key, ImmutableArray<string> list)
    {
        foreach (var entry in list)
        {
            if (IsIdentifier(entry))
            {
                Members[entry] = phase;
                MemberEntries.Add((key, entry));
            }
            else
            {
                Problems.Add(new ApiMapProblem(Prefix + key, entry, "is not a property name"));
            }
        }
    }

    private void AddInvalidatingProperties(CallbackPhase phase, string key, ImmutableArray<string> list)
    {
        foreach (var entry in list)
        {
            if (!IsIdentifier(entry))
            {
                Problems.Add(new ApiMapProblem(Prefix + key, entry, "is not a property name"));
                continue;
            }

            if (!InvalidatingProperties.TryGetValue(entry, out var phases)) InvalidatingProperties[entry] = phases = new List<CallbackPhase>();
            if (!phases.Contains(phase)) phases.Add(phase);
            MemberEntries.Add((key, entry));
        }
    }

    /// <summary>The <c>mutation_kind</c> value: one property name (further entries are reported and ignored).</summary>
    private void SetKindProperty(string key, ImmutableArray<string> list)
    {
        KindProperty = null;
        for (var i = 0; i < list.Length; i++)
        {
            if (i > 0) Problems.Add(new ApiMapProblem(Prefix + key, list[i], "is one too many: the key takes one property name"));
            else if (!IsIdentifier(list[i])) Problems.Add(new ApiMapProblem(Prefix + key, list[i], "is not a property name"));
            else
            {
                KindProperty = list[i];
                MemberEntries.Add((key, list[i]));
            }
        }
    }

    private static bool IsIdentifier(string text)
    {
        if (text.Length == 0 || !(char.IsLetter(text[0]) || text[0] == '_')) return false;
        foreach (var c in text)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_')) return false;
        }

        return true;
    }

    private static ImmutableArray<string> SplitList(string value)
    {
        var builder = ImmutableArray.CreateBuilder<string>();
        foreach (var part in value.Split(','))
        {
            var trimmed = part.Trim();
            if (trimmed.Length > 0) builder.Add(trimmed);
        }

        return builder.ToImmutable();
    }
}

/// <summary>
/// A third-party API map resolved against one compilation: the mapped methods, wrapper methods and options types as symbols.
/// Feeds the same role tables the annotation attributes feed (<see cref="MutationAnalysisContext"/>), so rules cannot tell a
/// mapped library from an annotated one. Entries that resolve to nothing are ignored (and reported by OPT013).
/// </summary>
internal sealed class ApiMap
{
    private static readonly SymbolDisplayFormat s_fullNameFormat = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.None);

    private readonly ApiMapSpec _spec;
    private readonly Dictionary<IMethodSymbol, CacheOperationKind> _methods = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IMethodSymbol, List<CallbackPhase>> _invalidates = new(SymbolEqualityComparer.Default);
    private readonly HashSet<INamedTypeSymbol> _optionsTypes = new(SymbolEqualityComparer.Default);
    private readonly HashSet<IMethodSymbol> _keyFactories = new(SymbolEqualityComparer.Default);
    private readonly HashSet<IMethodSymbol> _argumentMethods = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ITypeSymbol> _keyTypes = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<INamedTypeSymbol, string> _filterKeys = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<INamedTypeSymbol, string> _filterExacts = new(SymbolEqualityComparer.Default);
    private List<ApiMapProblem>? _unresolved;
    private bool _anyResolved;

    private ApiMap(ApiMapSpec spec) => _spec = spec;

    public string? KindProperty => _spec.KindProperty;

    public static ApiMap Resolve(ApiMapSpec spec, Compilation compilation)
    {
        var map = new ApiMap(spec);
        var lookup = new ApiMapLookup(compilation);
        foreach (var (kind, key, entry) in spec.Methods)
        {
            var any = false;
            foreach (var method in lookup.Methods(entry))
            {
                any = true;
                // The first mapping of a method wins (a method listed twice keeps one role).
                if (!map._methods.ContainsKey(method)) map._methods.Add(method, kind);
            }

            map.Unresolved(any, key, entry, NoMethod);
        }

        foreach (var (phase, key, entry) in spec.Invalidates)
        {
            var any = false;
            foreach (var method in lookup.Methods(entry))
            {
                any = true;
                if (!map._invalidates.TryGetValue(method, out var phases)) map._invalidates[method] = phases = new List<CallbackPhase>();
                if (!phases.Contains(phase)) phases.Add(phase);
            }

            map.Unresolved(any, key, entry, NoMethod);
        }

        foreach (var entry in spec.KeyFactories)
        {
            var any = false;
            foreach (var method in lookup.Methods(entry))
            {
                any = true;
                map._keyFactories.Add(method);
            }

            map.Unresolved(any, "key_factory", entry, NoMethod);
        }

        foreach (var entry in spec.KeyTypes)
        {
            var any = false;
            foreach (var type in ResolveKeyTypes(entry, lookup, compilation))
            {
                any = true;
                map._keyTypes.Add(type);
            }

            map.Unresolved(any, "key_type", entry, "names no type of this compilation");
        }

        ResolveFilterMembers(map, spec.FilterKeys, "filter_key", map._filterKeys, lookup);
        ResolveFilterMembers(map, spec.FilterExacts, "filter_exact", map._filterExacts, lookup);

        foreach (var entry in spec.ArgumentMethods)
        {
            var any = false;
            foreach (var method in lookup.Methods(entry))
            {
                any = true;
                map._argumentMethods.Add(method);
            }

            map.Unresolved(any, "mutation_arguments", entry, NoMethod);
        }

        foreach (var entry in spec.OptionsTypes)
        {
            var any = false;
            foreach (var type in lookup.Types(entry))
            {
                any = true;
                map._optionsTypes.Add(type.OriginalDefinition);
            }

            map.Unresolved(any, "mutation_options", entry, "names no type of this compilation");
        }

        map.CompilationLookups = lookup.CompilationLookups;
        return map;
    }

    /// <summary>
    /// How many times resolving the map asked the compilation for a type or a documentation ID: once per distinct type name
    /// or ID, however many entries repeat it (a map of thousands of methods of one type asks once).
    /// </summary>
    public int CompilationLookups { get; private set; }

    private const string NoMethod = "names no method of this compilation";

    /// <summary>A key type: a named type by metadata name or <c>T:</c> ID, or an array (<c>System.Object[]</c>) by its element type.</summary>
    private static IEnumerable<ITypeSymbol> ResolveKeyTypes(string entry, ApiMapLookup lookup, Compilation compilation)
    {
        if (entry.EndsWith("[]", StringComparison.Ordinal))
        {
            foreach (var element in lookup.Types(entry.Substring(0, entry.Length - 2)))
            {
                yield return compilation.CreateArrayTypeSymbol(element);
            }

            yield break;
        }

        foreach (var type in lookup.Types(entry))
        {
            yield return type.OriginalDefinition;
        }
    }

    /// <summary>Resolves <c>Ns.Type.Member</c> entries (a property or field of a filter type) into <paramref name="target"/>.</summary>
    private static void ResolveFilterMembers(ApiMap map, List<string> entries, string key, Dictionary<INamedTypeSymbol, string> target, ApiMapLookup lookup)
    {
        foreach (var entry in entries)
        {
            var any = false;
            var dot = entry.LastIndexOf('.');
            if (dot > 0 && dot < entry.Length - 1)
            {
                var memberName = entry.Substring(dot + 1);
                foreach (var type in lookup.Types(entry.Substring(0, dot)))
                {
                    foreach (var member in type.GetMembers(memberName))
                    {
                        if (member is not (IPropertySymbol or IFieldSymbol)) continue;
                        any = true;
                        target[type.OriginalDefinition] = memberName;
                    }
                }
            }

            map.Unresolved(any, key, entry, "names no property or field of this compilation");
        }
    }

    /// <summary>Records an entry that resolved to nothing (a list only on failure: resolution stays allocation-free otherwise).</summary>
    private void Unresolved(bool resolved, string key, string entry, string reason)
    {
        if (resolved) _anyResolved = true;
        else (_unresolved ??= new List<ApiMapProblem>()).Add(new ApiMapProblem(ApiMapSpec.Prefix + key, entry, reason));
    }

    /// <summary>
    /// Every entry the analyzers ignore in this compilation (OPT013): unknown keys and malformed values always; names that
    /// resolve to nothing only when something of the map resolves, i.e. when the compilation references the mapped library
    /// (a <c>.globalconfig</c> at the root of a repository reaches projects that do not). Computed on demand: the properties
    /// and parameters the map names are checked here, not at compilation start.
    /// </summary>
    public ImmutableArray<ApiMapProblem> FindProblems()
    {
        var problems = ImmutableArray.CreateBuilder<ApiMapProblem>();
        problems.AddRange(_spec.Problems);
        if (!_anyResolved) return problems.ToImmutable();
        if (_unresolved is not null) problems.AddRange(_unresolved);

        var properties = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in _optionsTypes)
        {
            for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                foreach (var name in current.MemberNames) properties.Add(name);
            }
        }

        // A member may also be passed as an argument of a mutation_arguments method (mutationFn for MutationFn).
        var parameters = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var method in _argumentMethods)
        {
            foreach (var parameter in method.Parameters) parameters.Add(parameter.Name);
        }

        if (_optionsTypes.Count > 0)
        {
            foreach (var (key, name) in _spec.MemberEntries)
            {
                if (!properties.Contains(name) && !parameters.Contains(name)) problems.Add(new ApiMapProblem(ApiMapSpec.Prefix + key, name, "names no property of the mapped options types"));
            }
        }

        var mapped = new List<IMethodSymbol>(_methods.Keys);
        mapped.AddRange(_invalidates.Keys);
        foreach (var value in _spec.KeyParameter)
        {
            if (!mapped.Exists(m => Match(m, value) >= 0))
            {
                problems.Add(new ApiMapProblem(ApiMapSpec.Prefix + "key_parameter", value, "names no parameter of a mapped method"));
            }
        }

        foreach (var pair in _spec.KeyParameterOverrides)
        {
            var methods = mapped.FindAll(m => m.ContainingType is { } type && string.Equals(type.ToDisplayString(s_fullNameFormat) + "." + m.Name, pair.Key, StringComparison.OrdinalIgnoreCase));
            var key = ApiMapSpec.Prefix + "key_parameter." + pair.Key;
            if (methods.Count == 0) problems.Add(new ApiMapProblem(key, pair.Value, "is set for no mapped method"));
            else if (!methods.Exists(m => Match(m, pair.Value) >= 0)) problems.Add(new ApiMapProblem(key, pair.Value, "names no parameter of that method"));
        }

        return problems.ToImmutable();
    }

    /// <summary>What the map says <paramref name="method"/> (an original definition) does, or <see cref="CacheOperationKind.Other"/>.</summary>
    public CacheOperationKind GetKind(IMethodSymbol method) =>
        _methods.TryGetValue(method, out var kind) ? kind : CacheOperationKind.Other;

    /// <summary>The phases of the built-in invalidation of the wrapper <paramref name="method"/> (an original definition).</summary>
    public IReadOnlyList<CallbackPhase>? GetInvalidationPhases(IMethodSymbol method) =>
        _invalidates.TryGetValue(method, out var phases) ? phases : null;

    /// <summary>Whether the map names <paramref name="method"/> (an original definition) as a cache method, a toast or a wrapper.</summary>
    public bool IsMapped(IMethodSymbol method) => _methods.ContainsKey(method) || _invalidates.ContainsKey(method);

    public bool IsKeyFactory(IMethodSymbol method) => _keyFactories.Contains(method);

    /// <summary>
    /// Whether <paramref name="type"/> (an original definition) is a mapped options type or derives from one: a library's
    /// <c>MutationOptions</c> subclass (<c>new TodoOptions { … }</c>) defines a mutation as its base does.
    /// </summary>
    public bool IsOptionsTypeOrDerived(INamedTypeSymbol type)
    {
        if (_optionsTypes.Count == 0) return false;
        for (INamedTypeSymbol? current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            if (_optionsTypes.Contains(current.OriginalDefinition)) return true;
        }

        return false;
    }

    /// <summary>The phases in which the library invalidates the value of the options property <paramref name="name"/>, if the map names it.</summary>
    public bool TryGetInvalidatingProperty(string name, out List<CallbackPhase> phases) => _spec.InvalidatingProperties.TryGetValue(name, out phases!);

    /// <summary>Whether the map names <paramref name="type"/> as a key type (<c>key_type</c>): built from parts by a constructor or a collection.</summary>
    public bool IsKeyType(ITypeSymbol? type) =>
        _keyTypes.Count > 0 && type is not null && _keyTypes.Contains(type is INamedTypeSymbol named ? named.OriginalDefinition : type);

    /// <summary>The member of the filter type <paramref name="type"/> that holds the key (<c>filter_key</c>), and the one that makes it exact (<c>filter_exact</c>).</summary>
    public bool TryGetFilter(ITypeSymbol? type, out string keyMember, out string? exactMember)
    {
        exactMember = null;
        keyMember = string.Empty;
        if (_filterKeys.Count == 0 || type is not INamedTypeSymbol named || !_filterKeys.TryGetValue(named.OriginalDefinition, out keyMember!)) return false;
        _filterExacts.TryGetValue(named.OriginalDefinition, out exactMember);
        return true;
    }

    /// <summary>Whether the map names <paramref name="method"/> (an original definition) under <c>mutation_arguments</c>.</summary>
    public bool TakesMemberArguments(IMethodSymbol method) => _argumentMethods.Contains(method);

    /// <summary>Whether the map names any method under <c>mutation_arguments</c>.</summary>
    public bool HasArgumentMethods => _argumentMethods.Count > 0;

    /// <summary>
    /// The member a parameter <paramref name="name"/> of a <c>mutation_arguments</c> method stands for: a mapped callback or
    /// mutation-function name, matched ignoring case (<c>onSuccess</c> is <c>OnSuccess</c>).
    /// </summary>
    public bool TryGetMemberByParameter(string name, out CallbackPhase phase, out string member)
    {
        member = name;
        if (_spec.Members.TryGetValue(name, out phase)) return true;
        foreach (var pair in _spec.Members)
        {
            if (!string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase)) continue;
            phase = pair.Value;
            member = pair.Key;
            return true;
        }

        return false;
    }

    /// <summary>Whether the map names the property <paramref name="name"/> as a callback or mutation function of options types.</summary>
    public bool TryGetMemberPhase(string name, out CallbackPhase phase) => _spec.Members.TryGetValue(name, out phase);

    /// <summary>
    /// The key parameter the map gives <paramref name="method"/> (per-method override, else the default, else the first parameter
    /// of a mapped key or filter type), or -1 when the map says nothing that applies (the caller falls back to <c>[QueryKeyArgument]</c> and the parameter typed <c>QueryKey</c>).
    /// </summary>
    public int FindKeyParameter(IMethodSymbol method)
    {
        if (_spec.KeyParameterOverrides.Count > 0 && method.ContainingType is { } type)
        {
            var fullName = type.ToDisplayString(s_fullNameFormat) + "." + method.Name;
            // An override that names no parameter of the method is an invalid entry: the default applies.
            if (_spec.KeyParameterOverrides.TryGetValue(fullName, out var value) && Match(method, value) is >= 0 and var overridden) return overridden;
        }

        foreach (var value in _spec.KeyParameter)
        {
            var ordinal = Match(method, value);
            if (ordinal >= 0) return ordinal;
        }

        // Else the first parameter of a mapped key type or filter type.
        if (_keyTypes.Count > 0 || _filterKeys.Count > 0)
        {
            foreach (var parameter in method.Parameters)
            {
                if (IsKeyType(parameter.Type) || TryGetFilter(parameter.Type, out _, out _)) return parameter.Ordinal;
            }
        }

        return -1;
    }

    private static int Match(IMethodSymbol method, string value)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return index < method.Parameters.Length ? index : -1;
        }

        foreach (var parameter in method.Parameters)
        {
            if (string.Equals(parameter.Name, value, StringComparison.Ordinal)) return parameter.Ordinal;
        }

        return -1;
    }
}
