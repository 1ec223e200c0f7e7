using System.Collections.Immutable;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Optimistic.Query.Analyzers.Razor.Tests.Infrastructure;

/// <summary>
/// An analyzer test whose <c>.razor</c> sources (<see cref="RazorSources"/>, markup allowed) go through the SDK's own Razor
/// source generator, as in <c>dotnet build</c>; the analyzer then runs on the generator's output and each expected diagnostic
/// is written, with its markup, in the <c>.razor</c> source where the user sees it.
/// </summary>
/// <remarks>
/// The framework compares a diagnostic's <c>#line</c>-mapped span (what the compiler prints and IDE hosts show), so markup in a
/// <c>.razor</c> source checks the mapped location. The generated C# is not compared (<see cref="TestBehaviors.SkipGeneratedSourcesCheck"/>):
/// it is the SDK's, not ours. References: the installed reference packs only (no download while tests run).
/// </remarks>
public class RazorAnalyzerTest<TAnalyzer> : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>The project directory every path is under, as the SDK passes full paths to the generator.</summary>
    public const string ProjectDirectory = "/0/";

    public RazorAnalyzerTest()
    {
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        TestState.AdditionalReferences.AddRange(TestReferences.All);
        TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
        // Usings every component needs; the SDK's _Imports.razor of a new Blazor project has the same ones.
        RazorSources.Add(("_Imports.razor", """
            @using Microsoft.AspNetCore.Components.Web
            @using Optimistic.Query
            """));
        SolutionTransforms.Add((solution, projectId) =>
        {
            var project = solution.GetProject(projectId)!;
            var parse = ((CSharpParseOptions)project.ParseOptions!).WithLanguageVersion(LanguageVersion);
            var compilation = ((CSharpCompilationOptions)project.CompilationOptions!)
                .WithNullableContextOptions(NullableContextOptions.Enable)
                .WithSpecificDiagnosticOptions(project.CompilationOptions!.SpecificDiagnosticOptions
                    .SetItem("CS1701", ReportDiagnostic.Suppress)
                    .SetItem("CS1702", ReportDiagnostic.Suppress));
            return solution.WithProjectParseOptions(projectId, parse).WithProjectCompilationOptions(projectId, compilation);
        });
    }

    /// <summary><c>.razor</c> sources by path relative to <see cref="ProjectDirectory"/> (for example <c>Pages/Todos.razor</c>).</summary>
    public List<(string Path, string Text)> RazorSources { get; } = new();

    /// <summary>The C# version of the project (the Razor generator writes classic <c>#line</c> directives below C# 10).</summary>
    public LanguageVersion LanguageVersion { get; set; } = LanguageVersion.Latest;

    /// <summary>An <c>.editorconfig</c> at the project root (its own sections; <c>root = true</c> is added).</summary>
    public string? EditorConfig { get; set; }

    /// <summary>A user global config (<c>is_global = true</c> is added), as a severity preset or a <c>.globalconfig</c> would be.</summary>
    public string? GlobalConfig { get; set; }

    protected override IEnumerable<Type> GetSourceGenerators() => [RazorGenerator.Type];

    /// <summary>The project the last run analyzed (without the generator), for tests that go on from it.</summary>
    public Project? AnalyzedProject { get; private set; }

    /// <summary>The compilation the last run analyzed: the project's sources and the Razor generator's output.</summary>
    public Compilation? AnalyzedCompilation { get; private set; }

    protected override async Task<(Compilation compilation, ImmutableArray<Diagnostic> generatorDiagnostics)> GetProjectCompilationAsync(Project project, IVerifier verifier, CancellationToken cancellationToken)
    {
        var result = await base.GetProjectCompilationAsync(project, verifier, cancellationToken);
        AnalyzedProject = project;
        AnalyzedCompilation = result.compilation;
        return result;
    }

    /// <summary>
    /// Compares each diagnostic at its mapped location, as the compiler prints it: a location in generated code that a
    /// <c>#line</c> directive maps to a file is replaced by that file and span (<see cref="Location.GetMappedLineSpan"/>).
    /// </summary>
    protected override ImmutableArray<(Project project, Diagnostic diagnostic)> FilterDiagnostics(ImmutableArray<(Project project, Diagnostic diagnostic)> diagnostics) =>
        base.FilterDiagnostics(diagnostics).Select(d => (d.project, MappedDiagnostic.Of(d.diagnostic))).ToImmutableArray();

    protected override Task RunImplAsync(CancellationToken cancellationToken)
    {
        var razorConfig = new StringBuilder()
            .AppendLine("is_global = true")
            .AppendLine("build_property.RootNamespace = Consumer")
            .AppendLine("build_property.RazorLangVersion = 10.0")
            .AppendLine("build_property.ProjectDir = " + ProjectDirectory)
            .AppendLine("build_property.MSBuildProjectDirectory = " + ProjectDirectory.TrimEnd('/'));
        foreach (var (path, text) in RazorSources)
        {
            var fullPath = ProjectDirectory + path;
            TestState.AdditionalFiles.Add((fullPath, text));
            // As the SDK writes them: the component's path relative to the project, base64-encoded.
            razorConfig.AppendLine()
                .AppendLine("[" + fullPath + "]")
                .AppendLine("build_metadata.AdditionalFiles.TargetPath = " + Convert.ToBase64String(Encoding.UTF8.GetBytes(path)))
                .AppendLine("build_metadata.AdditionalFiles.CssScope = ");
        }

        // The framework wants one C# source: the models the components share (a Blazor app keeps them in .cs files too).
        if (TestState.Sources.Count == 0) TestState.Sources.Add((ProjectDirectory + "Models.cs", Prelude.Models));
        TestState.AnalyzerConfigFiles.Add((ProjectDirectory + "obj/Consumer.GeneratedMSBuildEditorConfig.editorconfig", razorConfig.ToString()));
        if (EditorConfig is not null) TestState.AnalyzerConfigFiles.Add((ProjectDirectory + ".editorconfig", "root = true\n\n" + EditorConfig));
        if (GlobalConfig is not null) TestState.AnalyzerConfigFiles.Add((ProjectDirectory + "user.globalconfig", "is_global = true\n" + GlobalConfig));
        return base.RunImplAsync(cancellationToken);
    }
}
