using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Optimistic.Query.Analyzers.Tests.Verification;

/// <summary>Everything needed to build the test project, except the analyzer.</summary>
internal sealed record ProjectSpec(
    ImmutableArray<(string Path, string Text)> Sources,
    LanguageVersion LanguageVersion,
    string? EditorConfig,
    string? GlobalConfig,
    ImmutableArray<MetadataReference> References);

/// <summary>
/// Builds the one-project solution the analyzers and fixes run on. Documents live under "/0/", next to
/// "/0/.editorconfig" (root = true) and "/0/.globalconfig" (is_global = true), so per-tree options and
/// severities reach both <c>CompilationWithAnalyzers</c> and code fixes.
/// </summary>
internal static class ProjectFactory
{
    public const string Directory = "/0/";
    public const string DefaultFileName = "Test0.cs";
    public const string DefaultPath = Directory + DefaultFileName;

    // Never mutated: each test branches a new immutable solution from its empty current solution.
    private static readonly AdhocWorkspace s_workspace = new();

    /// <summary>"Test1.cs" → "/0/Test1.cs"; rooted paths are kept.</summary>
    public static string NormalizePath(string? fileName) =>
        string.IsNullOrEmpty(fileName) ? DefaultPath
        : fileName.StartsWith('/') ? fileName
        : Directory + fileName;

    public static ImmutableArray<MetadataReference> References(bool referenceRuntime, IEnumerable<MetadataReference> additional)
    {
        var builder = ImmutableArray.CreateBuilder<MetadataReference>();
        builder.AddRange(ReferenceAssemblies.Framework);
        if (referenceRuntime)
        {
            builder.Add(ReferenceAssemblies.Runtime);
        }

        builder.AddRange(additional);
        return builder.ToImmutable();
    }

    public static Project Create(ProjectSpec spec)
    {
        var projectId = ProjectId.CreateNewId("TestProject");
        var compilationOptions = new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable)
            // As the SDK does: reference-assembly version unification is not a problem of the test source.
            .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>
            {
                ["CS1701"] = ReportDiagnostic.Suppress,
                ["CS1702"] = ReportDiagnostic.Suppress,
            });
        var parseOptions = new CSharpParseOptions(spec.LanguageVersion, DocumentationMode.Parse);
        var projectInfo = ProjectInfo.Create(
            projectId,
            VersionStamp.Default,
            name: "TestProject",
            assemblyName: "TestProject",
            language: LanguageNames.CSharp,
            filePath: Directory + "TestProject.csproj",
            compilationOptions: compilationOptions,
            parseOptions: parseOptions,
            metadataReferences: spec.References);

        var solution = s_workspace.CurrentSolution.AddProject(projectInfo);
        foreach (var (path, text) in spec.Sources)
        {
            var name = Path.GetFileName(path);
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId, name), name, SourceText.From(text, Encoding.UTF8), filePath: path);
        }

        if (spec.EditorConfig is not null)
        {
            solution = AddConfig(solution, projectId, ".editorconfig", EnsureLeadingKey(spec.EditorConfig, "root", "true"));
        }

        if (spec.GlobalConfig is not null)
        {
            solution = AddConfig(solution, projectId, ".globalconfig", EnsureLeadingKey(spec.GlobalConfig, "is_global", "true"));
        }

        return solution.GetProject(projectId)!;
    }

    private static Solution AddConfig(Solution solution, ProjectId projectId, string name, string content) =>
        solution.AddAnalyzerConfigDocument(
            DocumentId.CreateNewId(projectId, name),
            name,
            SourceText.From(content, Encoding.UTF8),
            filePath: Directory + name);

    /// <summary>Prepends "key = value" unless the preamble (before the first section) already sets the key.</summary>
    private static string EnsureLeadingKey(string content, string key, string value)
    {
        foreach (var raw in content.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('['))
            {
                break;
            }

            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && string.Equals(line[..eq].Trim(), key, StringComparison.OrdinalIgnoreCase))
            {
                return content;
            }
        }

        return $"{key} = {value}\n" + content;
    }
}
