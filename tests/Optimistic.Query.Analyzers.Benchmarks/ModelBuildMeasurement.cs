using System.Diagnostics;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Optimistic.Query.Analyzers.Model;

namespace Optimistic.Query.Analyzers.Benchmarks;

/// <summary>
/// The shared model build alone (what OPT001's row carries in ReportAnalyzer): every mutation definition of the synthetic
/// project modeled on a fresh clone of the compilation per round, its operation trees bound beforehand (the binding is the
/// compiler's, not ours). Reports the median time and the bytes allocated per round: allocations are deterministic, so a
/// change's effect on them can be read on a loaded machine, where the times cannot.
/// </summary>
internal static class ModelBuildMeasurement
{
    public static void Run(SyntheticSources sources, int rounds, TextWriter output)
    {
        var compilation = InProcessMeasurement.CreateCompilation(sources);
        var times = new List<double>();
        var bytes = new List<long>();
        var models = 0;
        for (var round = 0; round < rounds; round++)
        {
            var clone = compilation.Clone();
            var creations = BindCreations(clone);
            var context = MutationAnalysisContext.Get(clone) ?? throw new InvalidOperationException("the analyzers are not activated");
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            models = 0;
            foreach (var creation in creations)
            {
                if (context.GetModel(creation, CancellationToken.None) is not null) models++;
            }

            watch.Stop();
            var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            times.Add(watch.Elapsed.TotalMilliseconds);
            bytes.Add(allocated);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1}: {models} models in {watch.Elapsed.TotalMilliseconds:0.0} ms, {allocated / 1024.0 / 1024.0:0.00} MB allocated"));
        }

        var measured = rounds > 1 ? 1 : 0;
        var medianTime = times.Skip(measured).Order().ElementAt((times.Count - measured) / 2);
        var medianBytes = bytes.Skip(measured).Order().ElementAt((bytes.Count - measured) / 2);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"model build: {models} models, median {medianTime:0.0} ms ({medianTime * 1000 / Math.Max(models, 1):0.0} µs each), {medianBytes / 1024.0 / 1024.0:0.00} MB allocated ({medianBytes / Math.Max(models, 1)} B each)"));
    }

    /// <summary>The operation of every object creation and <c>with</c> expression, bound outside the measured time.</summary>
    private static List<IOperation> BindCreations(CSharpCompilation compilation)
    {
        var creations = new List<IOperation>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var semanticModel = compilation.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                if (node is not (BaseObjectCreationExpressionSyntax or WithExpressionSyntax)) continue;
                if (semanticModel.GetOperation(node) is { } operation) creations.Add(operation);
            }
        }

        return creations;
    }
}
