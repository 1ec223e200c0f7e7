using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Optimistic.Query.Analyzers.Model;

/// <summary>
/// What the analyzers know about a key expression (or a part of one), enough to relate two keys without running them.
/// Built by <see cref="KeyShape.Create"/>; related by <see cref="KeyRelations.Relate"/>.
/// </summary>
internal abstract class KeyShape
{
    private const int MaxDepth = 6;

    protected KeyShape(IOperation? expression) => Expression = expression;

    /// <summary>The expression the shape was built from (null for synthesized shapes).</summary>
    public IOperation? Expression { get; }

    /// <summary>The source text of the expression.</summary>
    public string Text => Expression?.Syntax.ToString() ?? string.Empty;

    /// <summary>
    /// Builds the shape of <paramref name="expression"/>. <paramref name="isVariablesParameter"/> says whether a parameter is a
    /// callback's variables parameter (keys built from it relate across callbacks); <paramref name="context"/> answers whether
    /// a local may be reassigned (null: never follow locals' initializers).
    /// </summary>
    public static KeyShape Create(IOperation? expression, Func<IParameterSymbol, bool> isVariablesParameter, MutationAnalysisContext? context, CancellationToken cancellationToken) =>
        Build(expression, isVariablesParameter, context, cancellationToken, depth: 0);

    /// <summary>
    /// The shape of a key once fields, properties and key-builder methods are seen through (see <see cref="KeyExpansion"/>),
    /// or null when this shape has no expansion. Computed on first use, with the caller's token (a cancelled computation is
    /// not cached), so rules that never ask never pay for it.
    /// </summary>
    public KeyShape? GetExpanded(CancellationToken cancellationToken)
    {
        var expanded = Volatile.Read(ref _expanded);
        if (expanded is not null) return ReferenceEquals(expanded, s_noExpansion) ? null : (KeyShape)expanded;
        if (Expander is not { } expander) return null;
        var computed = expander(cancellationToken);
        Interlocked.CompareExchange(ref _expanded, (object?)computed ?? s_noExpansion, null);
        return computed;
    }

    private static readonly object s_noExpansion = new();
    private object? _expanded;

    /// <summary>Computes <see cref="GetExpanded"/> (set by the builder for member paths and key-builder calls).</summary>
    internal Func<CancellationToken, KeyShape?>? Expander { get; set; }

    /// <summary>Builds a shape inside an expansion: parameters in <paramref name="substitutions"/> stand for the call's arguments.</summary>
    internal static KeyShape BuildExpansion(IOperation expression, System.Collections.Generic.IReadOnlyDictionary<IParameterSymbol, KeyShape>? substitutions, MutationAnalysisContext context, CancellationToken cancellationToken, int depth) =>
        Build(expression, static _ => false, context, cancellationToken, depth, substitutions);

    private static KeyShape Build(
        IOperation? expression,
        Func<IParameterSymbol, bool> isVariablesParameter,
        MutationAnalysisContext? context,
        CancellationToken cancellationToken,
        int depth,
        System.Collections.Generic.IReadOnlyDictionary<IParameterSymbol, KeyShape>? substitutions = null)
    {
        var original = expression;
        expression = OperationHelpers.SkipConversions(expression);
        if (expression is null || depth > MaxDepth || expression.Kind == OperationKind.Invalid) return new UnknownShape(original);

        // Constants (key parts): strings, numbers, booleans, null, enum members.
        if (expression.ConstantValue.HasValue && ConstantShape.TryCreate(expression, out var constant)) return constant;

        // A mapped key type written in place (new QueryKey("todos", id), ["todos", id]): its parts, as QueryKey.Create's.
        if (context?.ApiMap is { } map && KeyParts.Find(expression, map) is { } inPlace)
        {
            var parts = ImmutableArray.CreateBuilder<KeyShape>(inPlace.Count);
            foreach (var part in inPlace)
            {
                parts.Add(Build(part, isVariablesParameter, context, cancellationToken, depth + 1, substitutions));
            }

            return new CreateShape(expression, parts.MoveToImmutable());
        }

        switch (expression)
        {
            case IInvocationOperation invocation:
                return BuildInvocation(invocation, isVariablesParameter, context, cancellationToken, depth, substitutions);

            case IParameterReferenceOperation parameter when substitutions is not null && substitutions.TryGetValue(parameter.Parameter, out var argument):
                return argument;

            case IParameterReferenceOperation parameter:
                return isVariablesParameter(parameter.Parameter)
                    ? new VariablesPathShape(expression, string.Empty)
                    : new SymbolPathShape(expression, ImmutableArray.Create<ISymbol>(parameter.Parameter), null);

            case ILocalReferenceOperation local:
            {
                KeyShape? resolved = null;
                if (context is not null && !context.MayBeReassigned(local.Local, cancellationToken))
                {
                    var initializer = OperationHelpers.FindLocalInitializer(local, cancellationToken);
                    if (initializer is not null)
                    {
                        resolved = Build(initializer, isVariablesParameter, context, cancellationToken, depth + 1, substitutions);
                    }
                }

                return new SymbolPathShape(expression, ImmutableArray.Create<ISymbol>(local.Local), resolved);
            }

            case IMemberReferenceOperation member when member is IFieldReferenceOperation or IPropertyReferenceOperation:
            {
                var symbol = member.Member;
                if (member is IPropertyReferenceOperation { Arguments.Length: > 0 }) return new UnknownShape(original);
                if (member.Instance is null || member.Instance is IInstanceReferenceOperation)
                {
                    return WithMemberExpander(new SymbolPathShape(expression, ImmutableArray.Create(symbol), null), symbol, sameInstance: true, context, depth);
                }

                var instance = Build(member.Instance, isVariablesParameter, context, cancellationToken, depth + 1, substitutions);
                return instance switch
                {
                    VariablesPathShape path => new VariablesPathShape(expression, path.Path.Length == 0 ? symbol.Name : path.Path + "." + symbol.Name),
                    SymbolPathShape path when path.Resolved is null => WithMemberExpander(new SymbolPathShape(expression, path.Path.Add(symbol), null), symbol, sameInstance: false, context, depth),
                    _ => new UnknownShape(original),
                };
            }

            default:
                return new UnknownShape(original);
        }
    }

    private static KeyShape WithMemberExpander(SymbolPathShape shape, ISymbol member, bool sameInstance, MutationAnalysisContext? context, int depth)
    {
        if (context is not null && member is IFieldSymbol or IPropertySymbol)
        {
            shape.Expander = token => KeyExpansion.ExpandMember(member, sameInstance, context, token, depth + 1);
        }

        return shape;
    }

    private static KeyShape BuildInvocation(
        IInvocationOperation invocation,
        Func<IParameterSymbol, bool> isVariablesParameter,
        MutationAnalysisContext? context,
        CancellationToken cancellationToken,
        int depth,
        System.Collections.Generic.IReadOnlyDictionary<IParameterSymbol, KeyShape>? substitutions)
    {
        var method = invocation.TargetMethod;
        if ((method.Name == "Create" && method.IsStatic && method.ContainingType is { Name: "QueryKey" })
            || (context is not null && context.IsKeyFactory(method)))
        {
            var parts = ImmutableArray.CreateBuilder<KeyShape>();
            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation { Initializer: { } initializer })
                {
                    foreach (var element in initializer.ElementValues)
                    {
                        parts.Add(Build(element, isVariablesParameter, context, cancellationToken, depth + 1, substitutions));
                    }
                }
                else if (argument.ArgumentKind == ArgumentKind.ParamArray)
                {
                    // params passed as an empty array (no arguments): zero parts.
                    if (argument.Value is not IArrayCreationOperation) return new UnknownShape(invocation);
                }
                else
                {
                    // An explicit array (or anything else) passed as the parts: not modeled.
                    return new UnknownShape(invocation);
                }
            }

            return new CreateShape(invocation, parts.ToImmutable());
        }

        // A key builder: the same method with the same arguments builds the same key.
        KeyShape? instance = null;
        if (invocation.Instance is { } receiver && receiver is not IInstanceReferenceOperation)
        {
            instance = Build(receiver, isVariablesParameter, context, cancellationToken, depth + 1, substitutions);
        }

        var arguments = ImmutableArray.CreateBuilder<KeyShape>(invocation.Arguments.Length);
        var parameters = ImmutableArray.CreateBuilder<IParameterSymbol?>(invocation.Arguments.Length);
        foreach (var argument in invocation.Arguments)
        {
            arguments.Add(Build(argument.Value, isVariablesParameter, context, cancellationToken, depth + 1, substitutions));
            parameters.Add(argument.Parameter);
        }

        var builder = new BuilderShape(invocation, method, instance, arguments.MoveToImmutable());
        if (context is not null && (invocation.Instance is null or IInstanceReferenceOperation || method.IsStatic))
        {
            // Inlined only when the receiver is this instance (or none): the body may read instance state.
            var argumentShapes = builder.Arguments;
            var argumentParameters = parameters.MoveToImmutable();
            builder.Expander = token => KeyExpansion.InlineBuilder(method, argumentParameters, argumentShapes, context, token, depth + 1);
        }

        return builder;
    }
}

/// <summary>Nothing known: relates as Unknown to everything.</summary>
internal sealed class UnknownShape : KeyShape
{
    public UnknownShape(IOperation? expression) : base(expression) { }
}

/// <summary>A constant key part, normalized as <c>QueryKey</c> normalizes parts (integers as one class, enums by name).</summary>
internal sealed class ConstantShape : KeyShape
{
    private ConstantShape(IOperation expression, char category, object? value) : base(expression)
    {
        Category = category;
        Value = value;
    }

    /// <summary>s: string (and enum names), i: integer, r: real, b: boolean, n: null.</summary>
    public char Category { get; }

    public object? Value { get; }

    public static bool TryCreate(IOperation expression, out KeyShape shape)
    {
        shape = null!;
        var value = expression.ConstantValue.Value;
        if (expression.Type is { TypeKind: TypeKind.Enum })
        {
            if (expression is not IFieldReferenceOperation field) return false;
            shape = new ConstantShape(expression, 's', field.Field.Name);
            return true;
        }

        switch (value)
        {
            case null:
                shape = new ConstantShape(expression, 'n', null);
                return true;
            case string s:
                shape = new ConstantShape(expression, 's', s);
                return true;
            case bool b:
                shape = new ConstantShape(expression, 'b', b);
                return true;
            case char:
                return false;
            case float or double or decimal:
                shape = new ConstantShape(expression, 'r', Convert.ToDouble(value, CultureInfo.InvariantCulture));
                return true;
            case ulong u:
                shape = new ConstantShape(expression, 'i', (decimal)u);
                return true;
            case sbyte or byte or short or ushort or int or uint or long:
                shape = new ConstantShape(expression, 'i', Convert.ToDecimal(value, CultureInfo.InvariantCulture));
                return true;
            default:
                return false;
        }
    }
}

/// <summary>A path rooted at a mutation callback's variables parameter: <c>input.Id</c> is <c>"Id"</c>, <c>input</c> is <c>""</c>.</summary>
internal sealed class VariablesPathShape : KeyShape
{
    public VariablesPathShape(IOperation expression, string path) : base(expression) => Path = path;

    public string Path { get; }
}

/// <summary>
/// A symbol, or a member path rooted at one (<c>_keys.Todos</c>). For a local never reassigned, <see cref="Resolved"/> is the
/// shape of its initializer.
/// </summary>
internal sealed class SymbolPathShape : KeyShape
{
    public SymbolPathShape(IOperation expression, ImmutableArray<ISymbol> path, KeyShape? resolved) : base(expression)
    {
        Path = path;
        Resolved = resolved;
    }

    public ImmutableArray<ISymbol> Path { get; }

    public KeyShape? Resolved { get; }
}

/// <summary><c>QueryKey.Create(parts…)</c>.</summary>
internal sealed class CreateShape : KeyShape
{
    public CreateShape(IOperation expression, ImmutableArray<KeyShape> parts) : base(expression) => Parts = parts;

    public ImmutableArray<KeyShape> Parts { get; }
}

/// <summary>A call to a key-building method (not <c>QueryKey.Create</c>).</summary>
internal sealed class BuilderShape : KeyShape
{
    public BuilderShape(IOperation expression, IMethodSymbol method, KeyShape? instance, ImmutableArray<KeyShape> arguments) : base(expression)
    {
        Method = method;
        Instance = instance;
        Arguments = arguments;
    }

    public IMethodSymbol Method { get; }

    public KeyShape? Instance { get; }

    public ImmutableArray<KeyShape> Arguments { get; }
}
