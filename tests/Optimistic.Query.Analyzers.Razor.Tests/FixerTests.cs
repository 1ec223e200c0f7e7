using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Optimistic.Query.Analyzers.Razor.Tests.Infrastructure;

namespace Optimistic.Query.Analyzers.Razor.Tests;

/// <summary>
/// Razor tooling offers only built-in C# code actions in <c>.razor</c> files, and the generator rebuilds a component's C# on
/// every edit: our fixes belong in <c>.cs</c> code-behind. Asked about the diagnostics in a component's generated document,
/// every fixer of the package offers nothing, and throws nothing.
/// </summary>
public class FixerTests
{
    [Fact]
    public async Task No_fixer_offers_a_fix_in_a_generated_document_nor_throws()
    {
        var test = new AllRulesRazorTest { RazorSources = { ("Pages/Todos.razor", ComponentRuleTests.Violations) } };
        await test.RunAsync();

        // The same project with the generator as an analyzer reference, as an IDE holds it: the workspace generates the
        // component's C# as a source-generated document.
        var project = test.AnalyzedProject!.AddAnalyzerReference(new AnalyzerFileReference(RazorGenerator.Type.Assembly.Location, LoadedAssemblies.Instance));
        var compilation = (await project.GetCompilationAsync())!;
        var diagnostics = await compilation.WithAnalyzers([.. AllRulesRazorTest.Analyzers], project.AnalyzerOptions).GetAnalyzerDiagnosticsAsync();
        var document = (await project.GetSourceGeneratedDocumentsAsync()).Single(d => d.HintName.EndsWith("Todos_razor.g.cs", StringComparison.Ordinal));
        var tree = await document.GetSyntaxTreeAsync();
        var inDocument = diagnostics.Where(d => d.Location.SourceTree?.FilePath == tree!.FilePath).ToList();
        Assert.Equal(11, inDocument.Count); // one per mutation rule, as ComponentRuleTests asserts

        var fixers = typeof(Optimistic.Query.CodeFixes.Common.DocumentRewriteCodeFixProvider).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t))
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .ToList();
        Assert.NotEmpty(fixers);
        var offered = new List<string>();
        foreach (var fixer in fixers)
        {
            foreach (var diagnostic in inDocument.Where(d => fixer.FixableDiagnosticIds.Contains(d.Id)))
            {
                var context = new CodeFixContext(document, diagnostic, (action, _) => offered.Add(diagnostic.Id + ": " + action.Title), CancellationToken.None);
                await fixer.RegisterCodeFixesAsync(context);
            }
        }

        Assert.Empty(offered);
    }

    /// <summary>The generator's assembly is already loaded by this test process: hand that one to the workspace.</summary>
    private sealed class LoadedAssemblies : IAnalyzerAssemblyLoader
    {
        public static readonly LoadedAssemblies Instance = new();

        public void AddDependencyLocation(string fullPath)
        {
        }

        public System.Reflection.Assembly LoadFromPath(string fullPath) =>
            AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => !a.IsDynamic && a.Location == fullPath)
            ?? System.Reflection.Assembly.LoadFrom(fullPath);
    }
}
