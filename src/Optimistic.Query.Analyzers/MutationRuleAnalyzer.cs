using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Optimistic.Query.Analyzers.Model;

namespace Optimistic.Query.Analyzers;

/// <summary>
/// The base of every rule: gates on the annotations at compilation start (nothing is registered in a compilation that neither
/// references the runtime, nor declares the annotation attributes, nor maps a third-party API in its global analyzer config), watches object creations and <c>with</c> expressions,
/// rejects types that are not <c>[MutationOptions]</c> with one cached lookup per type, and hands the shared
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
        // No callbacks on generated code; reporting is allowed so that Roslyn skips its per-tree generated-code scan on
        // each first report (see GeneratedCode): the one path that can reach another tree filters itself in Report.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var shared = MutationAnalysisContext.Get(start.Compilation, start.Options);
            if (shared is null) return;
            start.RegisterOperationAction(
                operationContext =>
                {
                    var model = shared.GetModel(operationContext.Operation, operationContext.CancellationToken);
                    if (model is null) return;
                    Analyze(new MutationRuleContext(operationContext, model, shared));
                },
                OperationKind.ObjectCreation,
                OperationKind.With);
        });
    }

    private protected abstract void Analyze(in MutationRuleContext context);
}

/// <summary>What a rule's query gets: the model, the shared per-compilation context, options and the report sink.</summary>
internal readonly struct MutationRuleContext
{
    private readonly OperationAnalysisContext _context;

    public MutationRuleContext(OperationAnalysisContext context, MutationModel model, MutationAnalysisContext shared)
    {
        _context = context;
        Model = model;
        Shared = shared;
    }

    public MutationModel Model { get; }

    public MutationAnalysisContext Shared { get; }

    public CancellationToken CancellationToken => _context.CancellationToken;

    /// <summary>Reports <paramref name="diagnostic"/>, unless it lands in another tree than the definition's that is generated code.</summary>
    public void Report(Diagnostic diagnostic)
    {
        var tree = diagnostic.Location.SourceTree;
        if (tree is not null && tree != Model.Creation.Syntax.SyntaxTree && IsGenerated(tree)) return;
        _context.ReportDiagnostic(diagnostic);
    }

    private bool IsGenerated(SyntaxTree tree) => Shared.IsGeneratedTree(tree, _context.Options);

    /// <summary>The <c>.editorconfig</c> value of <paramref name="key"/> for the definition's file, parsed as a list (cached).</summary>
    public ImmutableArray<string>? GetListOption(string key)
    {
        var options = _context.Options.AnalyzerConfigOptionsProvider.GetOptions(Model.Creation.Syntax.SyntaxTree);
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
