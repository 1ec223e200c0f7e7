using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;

namespace Optimistic.Query.Analyzers.Tests.Verifiers;

/// <summary>
/// What every test project shares, official test or raw run: nullable on, documentation comments parsed but not
/// diagnosed (else CS1591 on every public type), CS1701/CS1702 off (the net8.0 runtime assembly against newer reference
/// assemblies, as the SDK does), and the <c>.editorconfig</c>/global config files beside the sources in <c>/0/</c>.
/// </summary>
internal static class TestOptions
{
    /// <summary>The folder of the test documents: <c>TestCode</c> is <c>/0/Test0.cs</c>.</summary>
    public const string Folder = "/0/";

    /// <summary>The main document's path.</summary>
    public const string MainPath = Folder + "Test0.cs";

    public static CSharpParseOptions ParseOptions(CSharpParseOptions options, LanguageVersion languageVersion) =>
        options.WithLanguageVersion(languageVersion).WithDocumentationMode(DocumentationMode.Parse);

    public static CSharpCompilationOptions CompilationOptions(CSharpCompilationOptions options) =>
        options
            .WithNullableContextOptions(NullableContextOptions.Enable)
            .WithSpecificDiagnosticOptions(options.SpecificDiagnosticOptions
                .SetItem("CS1701", ReportDiagnostic.Suppress)
                .SetItem("CS1702", ReportDiagnostic.Suppress));

    /// <summary>
    /// Undoes the official test's pinning of every enabled-by-default ID to <see cref="ReportDiagnostic.Default"/> in the
    /// compilation options: that entry outranks a severity set in <c>.editorconfig</c> or a global config for warnings
    /// (a raised OPT001 stays a warning), and the SDK passes no such entry.
    /// </summary>
    public static Project WithoutPinnedDefaults(Project project)
    {
        var options = project.CompilationOptions!;
        var pinned = options.SpecificDiagnosticOptions.Where(o => o.Value == ReportDiagnostic.Default).Select(o => o.Key);
        return project.WithCompilationOptions(options.WithSpecificDiagnosticOptions(options.SpecificDiagnosticOptions.RemoveRange(pinned)));
    }

    /// <summary>Adds the references and the config files to an official test's state.</summary>
    public static void Apply(SolutionState state, bool referenceRuntime, string? editorConfig, string? globalConfig)
    {
        state.DocumentationMode = DocumentationMode.Parse;
        state.AdditionalReferences.AddRange(TestReferences.For(referenceRuntime));
        if (editorConfig is not null)
        {
            state.AnalyzerConfigFiles.Add(EditorConfigFile(editorConfig));
        }

        if (globalConfig is not null)
        {
            state.AnalyzerConfigFiles.Add(GlobalConfigFile(globalConfig));
        }
    }

    /// <summary><c>/0/.editorconfig</c>, with <c>root = true</c> unless the content sets it.</summary>
    public static (string Path, string Content) EditorConfigFile(string content) =>
        (Folder + ".editorconfig", WithLeadingKey(content, "root", "true"));

    /// <summary><c>/0/.globalconfig</c>, with <c>is_global = true</c> unless the content sets it.</summary>
    public static (string Path, string Content) GlobalConfigFile(string content) =>
        (Folder + ".globalconfig", WithLeadingKey(content, "is_global", "true"));

    /// <summary>Prepends "key = value" unless the preamble (before the first section) already sets the key.</summary>
    private static string WithLeadingKey(string content, string key, string value)
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
