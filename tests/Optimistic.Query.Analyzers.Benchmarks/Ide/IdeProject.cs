using System.Collections.Immutable;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Optimistic.Query.Analyzers.Benchmarks.Ide;

/// <summary>Which document of the synthetic project is edited.</summary>
public enum EditedDocument
{
    /// <summary>A feature file with one or two mutation definitions.</summary>
    Mutations,

    /// <summary>A feature file without mutations (models, API, keys, a service).</summary>
    NoMutations,

    /// <summary>The Razor generator's C# for a component with mutations in its <c>@code</c> block (the component variant).</summary>
    Component,

    /// <summary>
    /// A feature file whose one mutation follows the canonical pattern (cancel, snapshot, write, rollback, invalidate): the
    /// rules model and check it, and report nothing.
    /// </summary>
    CleanMutations,

    /// <summary>The Razor generator's C# for the component holding that canonical mutation: analyzed, nothing reported.</summary>
    CleanComponent,
}

/// <summary>What the edited documents are.</summary>
internal static class EditedDocuments
{
    /// <summary>Whether <paramref name="document"/> is a component's generated C# (the project's component variant).</summary>
    public static bool IsComponent(this EditedDocument document) => document is EditedDocument.Component or EditedDocument.CleanComponent;
}

/// <summary>
/// A synthetic project as an IDE holds it after load: its parsed documents (for the component variant, with the Razor
/// generator's output, generated once here), its references (the installed reference packs and the runtime) and the
/// analyzer options (the <c>.razor</c> files as additional files, with the options the SDK gives them).
/// </summary>
internal sealed class IdeProject
{
    private static readonly CSharpParseOptions s_parseOptions = new(LanguageVersion.Latest);

    private readonly IReadOnlyList<(string Path, string Text)> _documents;
    private readonly bool _components;

    private IdeProject(IReadOnlyList<(string Path, string Text)> documents, bool components, AnalyzerOptions options)
    {
        _documents = documents;
        _components = components;
        Options = options;
    }

    public AnalyzerOptions Options { get; }

    public int DocumentCount => _documents.Count;

    /// <summary>Generates the project (<paramref name="files"/> files; the component variant for a component document).</summary>
    public static IdeProject Create(int files, EditedDocument document)
    {
        var components = document.IsComponent();
        var sources = SyntheticSources.Generate(files, components);
        if (!components) return new IdeProject(sources.Files, false, new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty));

        var (generated, options) = RunRazorGenerator(sources);
        return new IdeProject(sources.Files.Concat(generated).ToList(), true, options);
    }

    /// <summary>
    /// A freshly loaded compilation: every document parsed anew and fresh metadata references (nothing shared with an
    /// earlier load, so no cache keyed by a tree or a reference is warm).
    /// </summary>
    public CSharpCompilation Load() => CSharpCompilation.Create(
        "Synthetic",
        _documents.Select(d => CSharpSyntaxTree.ParseText(d.Text, s_parseOptions, d.Path, Encoding.UTF8)),
        References(_components),
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
            .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress }));

    /// <summary>
    /// The tree of <paramref name="document"/> in <paramref name="compilation"/> (a loaded compilation of this project): feature
    /// file 1 (no mutation), feature file 3 (one mutation, missing its cancel: OPT001) or its component output, feature file 2
    /// (one canonical mutation: no diagnostic) or its component output.
    /// </summary>
    public static SyntaxTree Find(Compilation compilation, EditedDocument document)
    {
        var (file, generated) = document switch
        {
            EditedDocument.NoMutations => ("F0001", false),
            EditedDocument.Mutations => ("F0003", false),
            EditedDocument.Component => ("F0003", true),
            EditedDocument.CleanMutations => ("F0002", false),
            _ => ("F0002", true),
        };
        foreach (var tree in compilation.SyntaxTrees)
        {
            var name = Path.GetFileName(tree.FilePath);
            if (name.Contains(file, StringComparison.Ordinal) && name.EndsWith("_razor.g.cs", StringComparison.Ordinal) == generated) return tree;
        }

        throw new InvalidOperationException($"no {document} document in the synthetic project");
    }

    /// <summary>
    /// A keystroke-sized edit of <paramref name="original"/>: a comment line before its last brace, numbered so that every
    /// edit changes the text; incrementally reparsed, as the IDE does.
    /// </summary>
    public static SyntaxTree Edit(SyntaxTree original, int number)
    {
        var text = original.GetText();
        var position = text.ToString().LastIndexOf('}');
        return original.WithChangedText(text.WithChanges(new Microsoft.CodeAnalysis.Text.TextChange(new Microsoft.CodeAnalysis.Text.TextSpan(position, 0), $"// edit {number}\n")));
    }

    private static (List<(string Path, string Text)> Generated, AnalyzerOptions Options) RunRazorGenerator(SyntheticSources sources)
    {
        var global = ImmutableDictionary.CreateRange(StringComparer.OrdinalIgnoreCase, new Dictionary<string, string>
        {
            ["build_property.RootNamespace"] = "Synthetic",
            ["build_property.RazorLangVersion"] = "10.0",
            ["build_property.ProjectDir"] = sources.ProjectDirectory,
            ["build_property.MSBuildProjectDirectory"] = sources.ProjectDirectory.TrimEnd(Path.DirectorySeparatorChar),
        });
        var byPath = ImmutableDictionary.CreateBuilder<string, ImmutableDictionary<string, string>>();
        var additional = ImmutableArray.CreateBuilder<AdditionalText>();
        foreach (var (path, text) in sources.Components)
        {
            // As the SDK writes them: the component's path relative to the project, base64-encoded.
            var relative = Path.GetRelativePath(sources.ProjectDirectory, path);
            byPath[path] = ImmutableDictionary.CreateRange(StringComparer.OrdinalIgnoreCase, new Dictionary<string, string>
            {
                ["build_metadata.AdditionalFiles.TargetPath"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(relative)),
                ["build_metadata.AdditionalFiles.CssScope"] = "",
            });
            additional.Add(new InMemoryAdditionalText(path, text));
        }

        var provider = new DictionaryOptionsProvider(global, byPath.ToImmutable());
        var generatorType = Type.GetType("Microsoft.NET.Sdk.Razor.SourceGenerators.RazorSourceGenerator, Microsoft.CodeAnalysis.Razor.Compiler", throwOnError: true)!;
        var generator = ((IIncrementalGenerator)Activator.CreateInstance(generatorType)!).AsSourceGenerator();
        var compilation = CSharpCompilation.Create(
            "Synthetic",
            sources.Files.Select(d => CSharpSyntaxTree.ParseText(d.Text, s_parseOptions, d.Path, Encoding.UTF8)),
            References(components: true),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var driver = CSharpGeneratorDriver.Create([generator], additional.ToImmutable(), s_parseOptions, provider);
        var result = driver.RunGenerators(compilation).GetRunResult();
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0) throw new InvalidOperationException($"the Razor generator reported {errors.Count} errors, first: {errors[0]}");
        var generated = result.GeneratedTrees.Select(t => (t.FilePath, t.GetText().ToString())).ToList();
        if (generated.Count < sources.Components.Count) throw new InvalidOperationException($"the Razor generator emitted {generated.Count} files for {sources.Components.Count} components");
        return (generated, new AnalyzerOptions(additional.ToImmutable(), provider));
    }

    /// <summary>The installed reference packs (.NET; ASP.NET Core for components) and the runtime, as fresh references.</summary>
    private static List<MetadataReference> References(bool components)
    {
        var packRoot = typeof(IdeProject).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "TargetingPackRoot").Value!;
        var references = new List<MetadataReference>();
        foreach (var pack in components ? new[] { "Microsoft.NETCore.App.Ref", "Microsoft.AspNetCore.App.Ref" } : new[] { "Microsoft.NETCore.App.Ref" })
        {
            var newest = Directory.GetDirectories(Path.Combine(packRoot, pack)).OrderBy(d => Version.Parse(Path.GetFileName(d))).Last();
            references.AddRange(Directory.GetFiles(Path.Combine(newest, "ref", "net10.0"), "*.dll").Select(p => MetadataReference.CreateFromFile(p)));
        }

        var runtime = typeof(QueryClient).Assembly.Location;
        if (!components)
        {
            // What the runtime's package brings (the ASP.NET Core pack has them for components).
            references.AddRange(Directory.EnumerateFiles(Path.GetDirectoryName(runtime)!, "Microsoft.Extensions.*.dll").Select(p => MetadataReference.CreateFromFile(p)));
        }

        references.Add(MetadataReference.CreateFromFile(runtime));
        return references;
    }
}
