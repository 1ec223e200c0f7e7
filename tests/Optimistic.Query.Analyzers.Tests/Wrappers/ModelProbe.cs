using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;
using Optimistic.Query.Analyzers.Model;
using Optimistic.Query.Analyzers.Tests.Verifiers;

namespace Optimistic.Query.Analyzers.Tests.Wrappers;

/// <summary>Builds the shared mutation models of a source directly (no rule), with the project's global config applied.</summary>
internal static class ModelProbe
{
    public static async Task<ImmutableArray<MutationModel>> ModelsAsync(string source, string? globalConfig = null, bool referenceRuntime = true)
    {
        var project = await AnalyzerRunner
            .Create(Array.Empty<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer>(), new[] { (TestOptions.MainPath, source) }, globalConfig: globalConfig, referenceRuntime: referenceRuntime)
            .CreateProjectAsync()
            .ConfigureAwait(false);
        var compilation = (await project.GetCompilationAsync().ConfigureAwait(false))!;
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));

        var context = MutationAnalysisContext.Get(compilation, project.AnalyzerOptions);
        Assert.NotNull(context);
        var models = ImmutableArray.CreateBuilder<MutationModel>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var semanticModel = compilation.GetSemanticModel(tree);
            foreach (var node in (await tree.GetRootAsync().ConfigureAwait(false)).DescendantNodes())
            {
                var operation = semanticModel.GetOperation(node);
                if (operation is IObjectCreationOperation or IWithOperation
                    && context!.GetModel(operation, CancellationToken.None) is { } model)
                {
                    models.Add(model);
                }
                else if (operation is IInvocationOperation invocation && context!.GetArgumentsModel(invocation, CancellationToken.None) is { } arguments)
                {
                    models.Add(arguments); // a mutation_arguments call without an options object
                }
            }
        }

        return models.ToImmutable();
    }
}
