using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Optimistic.Query.Analyzers.Model;

namespace Optimistic.Query.Analyzers;

/// <summary>
/// The base of every rule: gates at compilation start, binding nothing when the runtime is referenced (see
/// <see cref="RuntimeReference"/>; nothing is registered in a compilation that neither references the runtime, nor declares the annotation attributes, nor maps a third-party API in its global analyzer config), watches object creations and <c>with</c> expressions,
/// rejects types that are not <c>[MutationOptions]</c> by their attributes (options types are cached), and hands the shared
/// <see cref="MutationModel"/> (built once per definition for all rules) to the rule's query.
/// </summary>
public abstract class MutationRuleAnalyzer : DiagnosticAnalyzer
{
    private protected MutationRuleAnalyzer()
    {
    }

    /// <inheritdoc />
    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        // Generated code is analyzed so that Razor components are: their @code blocks reach the compiler as generator output
        // (see RazorComponentCode). Every other generated tree is skipped by a check cached per tree, made only for creations
        // of [MutationOptions] types (one cached lookup per type first). Reporting stays allowed, so Roslyn does not scan
        // each tree for generated code on its first report (see GeneratedCode).
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var shared = MutationAnalysisContext.Get(start.Compilation, start.Options);
            if (shared is null) return;
            start.RegisterOperationAction(
                operationContext =>
                {
                    var operation = operationContext.Operation;
                    if (shared.GetOptionsType(operation.Type) is null) return;
                    // Passed to a mutation_arguments method, the definition is analyzed from that call (below), whose span holds
                    // the members passed beside it: a diagnostic there stays local to the analyzed node.
                    if (shared.HasArgumentMethods && PropertyInvalidation.CallReceiving(operation) is { } receiving && shared.TakesMemberArguments(receiving.TargetMethod)) return;
                    var tree = shared.GetTreeInfo(operation.Syntax.SyntaxTree, operationContext.Options, operationContext.CancellationToken);
                    if (!tree.IsAnalyzed) return;
                    if (tree.Kind == SourceTreeKind.User && GeneratedCode.IsInGeneratedCodeType(operationContext.ContainingSymbol)) return;
                    var model = shared.GetModel(operation, operationContext.CancellationToken);
                    if (model is null) return;
                    Analyze(new MutationRuleContext(operationContext, model, shared, tree));
                },
                OperationKind.ObjectCreation,
                OperationKind.With);
            if (!shared.HasArgumentMethods) return;

            // Calls of mutation_arguments methods (UseMutation(mutationFn, options), UseMutation(mutationFn, onMutate: …)).
            start.RegisterOperationAction(
                operationContext =>
                {
                    var invocation = (IInvocationOperation)operationContext.Operation;
                    if (!shared.TakesMemberArguments(invocation.TargetMethod)) return;
                    var tree = shared.GetTreeInfo(invocation.Syntax.SyntaxTree, operationContext.Options, operationContext.CancellationToken);
                    if (!tree.IsAnalyzed) return;
                    if (tree.Kind == SourceTreeKind.User && GeneratedCode.IsInGeneratedCodeType(operationContext.ContainingSymbol)) return;
                    var model = OptionsArgument(shared, invocation) is { } creation
                        ? shared.GetModel(creation, operationContext.CancellationToken)
                        : shared.GetArgumentsModel(invocation, operationContext.CancellationToken);
                    if (model is null) return;
                    Analyze(new MutationRuleContext(operationContext, model, shared, tree));
                },
                OperationKind.Invocation);
        });
    }

    /// <summary>The options creation (or <c>with</c>) passed to <paramref name="invocation"/>, if any.</summary>
    private static IOperation? OptionsArgument(MutationAnalysisContext shared, IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            var value = OperationHelpers.SkipConversions(argument.Value);
            if (value is IObjectCreationOperation or IWithOperation && shared.GetOptionsType(value.Type) is not null) return value;
        }

        return null;
    }

    private protected abstract void Analyze(in MutationRuleContext context);
}

/// <summary>What a rule's query gets: the model, the shared per-compilation context, options and the report sink.</summary>
internal readonly struct MutationRuleContext
{
    private readonly OperationAnalysisContext _context;

    public MutationRuleContext(OperationAnalysisContext context, MutationModel model, MutationAnalysisContext shared, SourceTreeInfo tree)
    {
        _context = context;
        Model = model;
        Shared = shared;
        Tree = tree;
    }

    public MutationModel Model { get; }

    public MutationAnalysisContext Shared { get; }

    /// <summary>The definition's tree: user code or a Razor component's generated C#.</summary>
    public SourceTreeInfo Tree { get; }

    public CancellationToken CancellationToken => _context.CancellationToken;

    /// <summary>
    /// Reports <paramref name="diagnostic"/>, unless its location is under <c>#line hidden</c> or in another tree than the
    /// definition's that is generated code. In a Razor component it reports at the <c>.razor</c> location only
    /// (<see cref="RazorComponentDiagnostics"/>).
    /// </summary>
    public void Report(Diagnostic diagnostic)
    {
        var location = diagnostic.Location;
        if (location.SourceTree is { } tree)
        {
            if (RazorComponentCode.IsHidden(location)) return;
            var info = tree == Model.Creation.Syntax.SyntaxTree ? Tree : Shared.GetTreeInfo(tree, _context.Options, _context.CancellationToken);
            if (info.Kind == SourceTreeKind.OtherGenerated) return;
            if (info.Kind == SourceTreeKind.RazorComponent)
            {
                var mapped = RazorComponentDiagnostics.ForComponent(diagnostic, info.ComponentOptions);
                if (mapped is null) return;
                diagnostic = mapped;
            }
        }

        _context.ReportDiagnostic(diagnostic);
    }

    /// <summary>
    /// The <c>.editorconfig</c> value of <paramref name="key"/> for the definition's file (a component's: its <c>.razor</c>
    /// file), parsed as a list (cached).
    /// </summary>
    public ImmutableArray<string>? GetListOption(string key)
    {
        var options = Tree.ComponentOptions ?? _context.Options.AnalyzerConfigOptionsProvider.GetOptions(Model.Creation.Syntax.SyntaxTree);
        return options.TryGetValue(key, out var value) ? Shared.ParseList(value) : null;
    }

    /// <summary>Builds a property bag, dropping null values.</summary>
    public static ImmutableDictionary<string, string?> Properties(params (string Key, string? Value)[] entries)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, string?>();
        foreach (var (key, value) in entries)
        {
            if (value is not null) builder[key] = value;
        }

        return builder.ToImmutable();
    }

    public static string Bool(bool value) => value ? "true" : "false";

    public static IEnumerable<Location> Locations(params SyntaxNode?[] nodes)
    {
        foreach (var node in nodes)
        {
            if (node is not null) yield return node.GetLocation();
        }
    }
}
