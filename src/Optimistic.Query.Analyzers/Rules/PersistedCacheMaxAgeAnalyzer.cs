using System;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Optimistic.Query.Analyzers.Model;

namespace Optimistic.Query.Analyzers.Rules;

/// <summary>
/// OPT011: a value given to a property or parameter marked <c>[PersistenceMaxAge]</c> (the runtime's
/// <c>QueryPersisterOptions.MaxAge</c>, or a wrapper's) that disables expiry — <c>null</c>, <c>default</c> of
/// <c>TimeSpan?</c>, <c>TimeSpan.MaxValue</c>, <c>Timeout.InfiniteTimeSpan</c> — or evaluates above the ceiling
/// (7 days, or <c>optimistic_query.OPT011.max_age_ceiling</c>: a TimeSpan such as <c>7.00:00:00</c>, or a number of
/// days). Evaluated: those constants, <c>TimeSpan.Zero</c>, <c>TimeSpan.FromX(constants)</c>, <c>new TimeSpan(constants)</c>.
/// Anything else (a variable, a computation) is not reported. Reported at the value.
/// </summary>
/// <remarks>
/// Not a mutation rule, so it does not use <see cref="MutationRuleAnalyzer"/>; it gates the same way, at compilation start,
/// on the runtime's reference or the annotation type (<c>GetTypesByMetadataName</c>, so a wrapper's own copy counts; none:
/// nothing registered), and matches the attribute by full name.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PersistedCacheMaxAgeAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The <c>.editorconfig</c> key of the ceiling.</summary>
    public const string CeilingOption = "optimistic_query.OPT011.max_age_ceiling";

    private static readonly TimeSpan DefaultCeiling = TimeSpan.FromDays(7);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.OPT011_PersistedCacheMaxAge);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        // No callbacks on generated code; diagnostics land on the analyzed operation, never in generated code, so
        // reporting is allowed and Roslyn skips its per-tree generated-code scan (see Model/GeneratedCode.cs).
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var compilation = start.Compilation;
            // The runtime recognised by name binds nothing (see RuntimeReference); else a look-up finds a wrapper's copy.
            if (!RuntimeReference.IsReferenced(compilation) && compilation.GetTypesByMetadataName(PersistenceMaxAgeParameters.AttributeMetadataName).IsDefaultOrEmpty) return;
            start.RegisterOperationAction(AnalyzeAssignment, OperationKind.SimpleAssignment);
            // Arguments only when a marked parameter may exist at all (calls and creations are the most frequent operations);
            // then calls and creations rather than each argument: a third as many callbacks, and most are rejected by a
            // parameter list without a TimeSpan before any argument is looked at.
            if (PersistenceMaxAgeParameters.NamedInSource(compilation, start.CancellationToken))
            {
                start.RegisterOperationAction(AnalyzeInvocation, OperationKind.Invocation);
                start.RegisterOperationAction(AnalyzeCreation, OperationKind.ObjectCreation);
                return;
            }

            // Whether a referenced library marks parameters needs the referenced assembly symbols: asked at the first method
            // body, when the compiler has bound the references, rather than here, where asking would bind them.
            var referencedMayMark = new Lazy<bool>(() => PersistenceMaxAgeParameters.ReferencedLibraryMayMark(compilation));
            start.RegisterOperationBlockStartAction(block =>
            {
                if (!referencedMayMark.Value) return;
                block.RegisterOperationAction(AnalyzeInvocation, OperationKind.Invocation);
                block.RegisterOperationAction(AnalyzeCreation, OperationKind.ObjectCreation);
            });
        });
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context) => AnalyzeArguments(context, ((IInvocationOperation)context.Operation).Arguments);

    private static void AnalyzeCreation(OperationAnalysisContext context) => AnalyzeArguments(context, ((IObjectCreationOperation)context.Operation).Arguments);

    private static void AnalyzeAssignment(OperationAnalysisContext context)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation { Property: { } property }
            || !IsTimeSpanOrNullable(property.Type)
            || !IsMarked(property))
        {
            return;
        }

        Check(context, assignment.Value);
    }

    private static void AnalyzeArguments(OperationAnalysisContext context, ImmutableArray<IArgumentOperation> arguments)
    {
        foreach (var argument in arguments)
        {
            // The type test first: it is far cheaper than the attributes.
            if (argument.ArgumentKind != ArgumentKind.Explicit
                || argument.Parameter is not { } parameter
                || !IsTimeSpanOrNullable(parameter.Type)
                || !IsMarked(parameter))
            {
                continue;
            }

            Check(context, argument.Value);
        }
    }

    /// <summary>The rule checks <c>TimeSpan</c> and <c>TimeSpan?</c> members (the values it can evaluate); others are skipped unread.</summary>
    private static bool IsTimeSpanOrNullable(ITypeSymbol type) =>
        IsTimeSpan(type)
        || type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, TypeArguments.Length: 1 } nullable
           && IsTimeSpan(nullable.TypeArguments[0]);

    /// <summary>Whether <paramref name="symbol"/> carries <c>[PersistenceMaxAge]</c>: the runtime's or a wrapper's copy, by full name.</summary>
    private static bool IsMarked(ISymbol symbol)
    {
        var definition = symbol.OriginalDefinition;
        foreach (var attribute in definition.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: PersistenceMaxAgeParameters.AttributeTypeName, ContainingType: null } type
                && MutationAnalysisContext.IsAnnotationsNamespace(type.ContainingNamespace))
            {
                return true;
            }
        }

        return false;
    }

    private static void Check(OperationAnalysisContext context, IOperation value)
    {
        var inner = Unwrap(value);
        string? problem;
        if (IsDisabled(inner))
        {
            problem = "'" + value.Syntax + "' disables expiry";
        }
        else if (Evaluate(inner) is { } age)
        {
            var ceiling = Ceiling(context, value.Syntax.SyntaxTree);
            if (age <= ceiling) return;
            problem = "'" + value.Syntax + "' (" + Format(age) + ") exceeds the ceiling of " + Format(ceiling);
        }
        else
        {
            return; // not evaluable: a variable, a computation
        }

        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.OPT011_PersistedCacheMaxAge, value.Syntax.GetLocation(), problem));
    }

    /// <summary>Strips implicit conversions (to <c>TimeSpan?</c>) and parentheses.</summary>
    private static IOperation Unwrap(IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation { IsImplicit: true } conversion:
                    operation = conversion.Operand;
                    continue;
                case IConversionOperation conversion when conversion.Type is { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T }
                                                          && conversion.Operand.ConstantValue is { HasValue: true, Value: null }:
                    operation = conversion.Operand; // (TimeSpan?)null
                    continue;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    continue;
                default:
                    return operation;
            }
        }
    }

    private static bool IsDisabled(IOperation operation)
    {
        if (operation.ConstantValue is { HasValue: true, Value: null }) return true;
        if (operation is IDefaultValueOperation { Type: { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } }) return true;
        if (operation is IFieldReferenceOperation { Field: { } field })
        {
            if (field.Name == "MaxValue" && IsTimeSpan(field.ContainingType)) return true;
            if (field.Name == "InfiniteTimeSpan" && IsSystemThreading(field.ContainingType, "Timeout")) return true;
        }

        return false;
    }

    /// <summary>The value of a <c>TimeSpan</c> expression the rule can evaluate, or null.</summary>
    private static TimeSpan? Evaluate(IOperation operation)
    {
        try
        {
            switch (operation)
            {
                case IFieldReferenceOperation { Field: { Name: "Zero" } field } when IsTimeSpan(field.ContainingType):
                    return TimeSpan.Zero;
                case IDefaultValueOperation { Type: { } type } when IsTimeSpan(type):
                    return TimeSpan.Zero;
                case IInvocationOperation { Instance: null, TargetMethod: { } method } invocation when IsTimeSpan(method.ContainingType):
                    return FromFactory(method.Name, invocation.Arguments);
                case IObjectCreationOperation { Type: { } type } creation when IsTimeSpan(type):
                    return FromConstructor(creation.Arguments);
                default:
                    return null;
            }
        }
        catch (Exception exception) when (exception is OverflowException or ArgumentException)
        {
            return TimeSpan.MaxValue; // a constant too large for a TimeSpan is certainly above any ceiling
        }
    }

    private static TimeSpan? FromFactory(string name, ImmutableArray<IArgumentOperation> arguments)
    {
        double unitTicks;
        switch (name)
        {
            case "FromDays": unitTicks = TimeSpan.TicksPerDay; break;
            case "FromHours": unitTicks = TimeSpan.TicksPerHour; break;
            case "FromMinutes": unitTicks = TimeSpan.TicksPerMinute; break;
            case "FromSeconds": unitTicks = TimeSpan.TicksPerSecond; break;
            case "FromMilliseconds": unitTicks = TimeSpan.TicksPerMillisecond; break;
            case "FromTicks": unitTicks = 1; break;
            default: return null;
        }

        // One argument in the method's unit; .NET 9's integer overloads add smaller units by parameter name.
        double ticks = 0;
        foreach (var argument in arguments)
        {
            if (argument.Parameter is not { } parameter || Constant(argument.Value) is not { } value) return null;
            double unit = argument.Parameter.Ordinal == 0 ? unitTicks : UnitOf(parameter.Name);
            if (unit == 0) return null;
            ticks += value * unit;
        }

        return Ticks(ticks);
    }

    private static TimeSpan? FromConstructor(ImmutableArray<IArgumentOperation> arguments)
    {
        var values = new double[arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            if (Constant(arguments[i].Value) is not { } value) return null;
            values[i] = value;
        }

        double ticks = values.Length switch
        {
            0 => 0,
            1 => values[0],
            3 => values[0] * TimeSpan.TicksPerHour + values[1] * TimeSpan.TicksPerMinute + values[2] * TimeSpan.TicksPerSecond,
            4 => values[0] * TimeSpan.TicksPerDay + values[1] * TimeSpan.TicksPerHour + values[2] * TimeSpan.TicksPerMinute + values[3] * TimeSpan.TicksPerSecond,
            5 => values[0] * TimeSpan.TicksPerDay + values[1] * TimeSpan.TicksPerHour + values[2] * TimeSpan.TicksPerMinute + values[3] * TimeSpan.TicksPerSecond
                 + values[4] * TimeSpan.TicksPerMillisecond,
            6 => values[0] * TimeSpan.TicksPerDay + values[1] * TimeSpan.TicksPerHour + values[2] * TimeSpan.TicksPerMinute + values[3] * TimeSpan.TicksPerSecond
                 + values[4] * TimeSpan.TicksPerMillisecond + values[5] * 10,
            _ => double.NaN,
        };
        return double.IsNaN(ticks) ? null : Ticks(ticks);
    }

    private static double UnitOf(string parameterName) => parameterName switch
    {
        "days" => TimeSpan.TicksPerDay,
        "hours" => TimeSpan.TicksPerHour,
        "minutes" => TimeSpan.TicksPerMinute,
        "seconds" => TimeSpan.TicksPerSecond,
        "milliseconds" => TimeSpan.TicksPerMillisecond,
        "microseconds" => 10,
        _ => 0,
    };

    private static TimeSpan Ticks(double ticks) =>
        ticks >= TimeSpan.MaxValue.Ticks ? TimeSpan.MaxValue : ticks <= TimeSpan.MinValue.Ticks ? TimeSpan.MinValue : TimeSpan.FromTicks((long)ticks);

    private static double? Constant(IOperation operation)
    {
        var constant = Unwrap(operation).ConstantValue;
        if (!constant.HasValue || constant.Value is null) return null;
        return constant.Value switch
        {
            int i => i,
            long l => l,
            double d => d,
            float f => f,
            short s => s,
            uint u => u,
            ulong ul => ul,
            decimal m => (double)m,
            _ => null,
        };
    }

    private static TimeSpan Ceiling(OperationAnalysisContext context, SyntaxTree tree)
    {
        var options = context.Options.AnalyzerConfigOptionsProvider.GetOptions(tree);
        return options.TryGetValue(CeilingOption, out var text) && ParseCeiling(text) is { } ceiling ? ceiling : DefaultCeiling;
    }

    /// <summary>A TimeSpan (<c>7.00:00:00</c>, <c>12:00:00</c>) or a number of days (<c>7</c>, <c>0.5</c>); null when invalid or negative.</summary>
    internal static TimeSpan? ParseCeiling(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        text = text!.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var days))
            return days >= 0 && days < TimeSpan.MaxValue.TotalDays ? TimeSpan.FromDays(days) : null;
        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && value >= TimeSpan.Zero ? value : null;
    }

    private static string Format(TimeSpan value) =>
        value == TimeSpan.MaxValue ? "TimeSpan.MaxValue"
        : value.Ticks % TimeSpan.TicksPerDay == 0 ? (value.Ticks / TimeSpan.TicksPerDay).ToString(CultureInfo.InvariantCulture) + (value.Ticks == TimeSpan.TicksPerDay ? " day" : " days")
        : value.ToString("c", CultureInfo.InvariantCulture);

    private static bool IsTimeSpan(ITypeSymbol? type) =>
        type is { Name: "TimeSpan", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

    private static bool IsSystemThreading(ITypeSymbol? type, string name) =>
        type is { ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } }
        && type.Name == name;
}
