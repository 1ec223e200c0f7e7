using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Optimistic.Query.Analyzers.Model;
using Optimistic.Query.Analyzers.Rules;

namespace Optimistic.Query.Analyzers.Benchmarks.Ide;

/// <summary>
/// The rules' set-up on a new compilation (what an IDE pays on every edit before any operation is analyzed), with the
/// set-up as it was before issue #16 reproduced beside it: the shared context's gate (all sixteen annotation and
/// PatchResult lookups, before; one lookup, now) and OPT011's gate (every tree's text searched, before; each tree once,
/// now). Each invocation makes a new compilation with one document edited; <see cref="NewCompilation"/> is that alone.
/// </summary>
[MemoryDiagnoser]
public class CompilationSetupBenchmarks
{
    private static readonly string[] s_attributeNames =
    [
        "QueryReadAttribute", "QueryWriteAttribute", "QueryPatchAttribute", "QueryCancelAttribute", "QueryInvalidateAttribute",
        "QueryKeyArgumentAttribute", "MutationOptionsAttribute", "MutationFunctionAttribute", "MutationCallbackAttribute",
        "ToastSuccessAttribute", "ToastErrorAttribute", "MutationInvalidatesAttribute", "QueryLayerAttribute",
        "LayerRollbackAttribute", "LayerCommitAttribute",
    ];

    private CSharpCompilation _compilation = null!;
    private SyntaxTree _original = null!;
    private SyntaxTree _current = null!;
    private int _edits;

    [Params(100, 2000)]
    public int Files { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _compilation = LoadedProjects.Get(Files, EditedDocument.Mutations).Load();
        _original = _current = IdeProject.Find(_compilation, EditedDocument.Mutations);
        _compilation.GetSemanticModel(_original).GetDiagnostics();
    }

    [Benchmark(Baseline = true)]
    public object NewCompilation() => Edit();

    [Benchmark]
    public object SharedContextNow() => MutationAnalysisContext.Get(Edit()) ?? throw new InvalidOperationException("not activated");

    [Benchmark]
    public object SharedContextBefore()
    {
        var compilation = Edit();
        var sets = new List<ImmutableHashSet<INamedTypeSymbol>>();
        foreach (var name in s_attributeNames)
        {
            var types = compilation.GetTypesByMetadataName("Optimistic.Query.Annotations." + name);
            sets.Add(types.IsDefaultOrEmpty ? ImmutableHashSet<INamedTypeSymbol>.Empty : ImmutableHashSet.CreateRange<INamedTypeSymbol>(SymbolEqualityComparer.Default, types));
        }

        sets.Add(ImmutableHashSet.CreateRange<INamedTypeSymbol>(SymbolEqualityComparer.Default, compilation.GetTypesByMetadataName("Optimistic.Query.PatchResult`1")));
        return sets;
    }

    [Benchmark]
    public bool PersistenceMaxAgeGateNow()
    {
        // Both halves of OPT011's gate: the source scan at compilation start, then the referenced libraries (at the first
        // code block since session 7, on the same compilation).
        var compilation = Edit();
        return PersistenceMaxAgeParameters.NamedInSource(compilation, CancellationToken.None)
               || PersistenceMaxAgeParameters.ReferencedLibraryMayMark(compilation);
    }

    [Benchmark]
    public bool PersistenceMaxAgeGateBefore()
    {
        var compilation = Edit();
        var attributes = compilation.GetTypesByMetadataName("Optimistic.Query.Annotations.PersistenceMaxAgeAttribute");
        var declaring = new HashSet<IAssemblySymbol>(attributes.Select(a => a.ContainingAssembly), SymbolEqualityComparer.Default);
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (assembly.Name == "Optimistic.Query") continue;
            if (declaring.Contains(assembly)) return true;
            foreach (var module in assembly.Modules)
            {
                foreach (var referenced in module.ReferencedAssemblySymbols)
                {
                    if (declaring.Contains(referenced)) return true;
                }
            }
        }

        foreach (var tree in compilation.SyntaxTrees)
        {
            if (tree.GetText().ToString().IndexOf("PersistenceMaxAge", StringComparison.Ordinal) >= 0) return true;
        }

        return false;
    }

    /// <summary>A new compilation with the document edited; its references bound (the compiler needs them for any edit).</summary>
    private CSharpCompilation Edit()
    {
        var edited = IdeProject.Edit(_original, ++_edits);
        _compilation = _compilation.ReplaceSyntaxTree(_current, edited);
        _current = edited;
        _ = _compilation.Assembly;
        return _compilation;
    }
}
