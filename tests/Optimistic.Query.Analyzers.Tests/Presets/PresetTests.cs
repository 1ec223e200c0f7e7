using System.Text;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Optimistic.Query.Analyzers.Tests.Wrappers;

namespace Optimistic.Query.Analyzers.Tests.Presets;

/// <summary>
/// The severity presets (<c>OptimisticQueryAnalysisMode</c>) are generated from the rule descriptors: a rule missing from a
/// preset, or a preset edited by hand, fails here. Regenerate with <c>OPTIMISTIC_QUERY_UPDATE_PRESETS=1 dotnet test …</c>.
/// </summary>
public class PresetTests
{
    /// <summary>Mode → the severity every rule gets (<c>default</c>: the descriptor's own, including per-diagnostic severities).</summary>
    public static readonly (string Mode, string Severity, string Description)[] Modes =
    {
        ("None", "none", "Every rule disabled."),
        ("Default", "default", "Every rule at its documented default severity (as without a preset)."),
        ("AllWarnings", "warning", "Every rule a warning, suggestions included."),
        ("AllErrors", "error", "Every rule an error."),
    };

    private const string PackageDirectory = "src/Optimistic.Query.Analyzers.Package";
    private const string ConfigDirectory = PackageDirectory + "/buildTransitive/config";

    private static string RepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Analyzers.sln"))) return directory.FullName;
        }

        throw new InvalidOperationException("Analyzers.sln not found above " + AppContext.BaseDirectory);
    }

    private static DiagnosticDescriptor[] Descriptors() =>
        AnalyzerSet.All()
            .SelectMany(a => a.SupportedDiagnostics)
            .GroupBy(d => d.Id, StringComparer.Ordinal)
            .Select(g => g.First())
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .ToArray();

    public static string Generate(string mode, string severity, string description)
    {
        var text = new StringBuilder();
        text.Append("# Optimistic.Query.Analyzers severity preset: <OptimisticQueryAnalysisMode>").Append(mode).Append("</OptimisticQueryAnalysisMode>\n");
        text.Append("# ").Append(description).Append('\n');
        text.Append("# Generated from the rule descriptors by tests/Optimistic.Query.Analyzers.Tests/Presets/PresetTests.cs: do not edit.\n");
        text.Append("# global_level -50: the project's .editorconfig and its own global configs win over this file.\n");
        text.Append("is_global = true\n");
        text.Append("global_level = -50\n");
        foreach (var descriptor in Descriptors())
        {
            text.Append('\n');
            text.Append("# ").Append(descriptor.Id).Append(": ").Append(descriptor.Title.ToString()).Append('\n');
            text.Append("dotnet_diagnostic.").Append(descriptor.Id).Append(".severity = ").Append(severity).Append('\n');
        }

        return text.ToString();
    }

    [Fact]
    public void Preset_files_are_generated_from_the_descriptors()
    {
        var update = Environment.GetEnvironmentVariable("OPTIMISTIC_QUERY_UPDATE_PRESETS") == "1";
        var stale = new List<string>();
        foreach (var (mode, severity, description) in Modes)
        {
            var path = Path.Combine(RepoRoot(), ConfigDirectory, mode + ".globalconfig");
            var expected = Generate(mode, severity, description);
            var actual = File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal) : null;
            if (actual == expected) continue;
            if (update)
            {
                File.WriteAllText(path, expected);
            }
            else
            {
                stale.Add(path);
            }
        }

        Assert.True(stale.Count == 0, "Stale severity presets (regenerate with OPTIMISTIC_QUERY_UPDATE_PRESETS=1):\n" + string.Join("\n", stale));
    }

    [Fact]
    public void Every_descriptor_appears_in_every_preset_with_the_expected_severity()
    {
        var descriptors = Descriptors();
        Assert.Contains(descriptors, d => d.Id == "OPT001");
        foreach (var (mode, severity, _) in Modes)
        {
            var lines = File.ReadAllLines(Path.Combine(RepoRoot(), ConfigDirectory, mode + ".globalconfig"));
            var settings = lines
                .Select(l => l.Trim())
                .Where(l => l.StartsWith("dotnet_diagnostic.", StringComparison.Ordinal))
                .Select(l => l.Split('=', 2))
                .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.Ordinal);
            foreach (var descriptor in descriptors)
            {
                Assert.True(settings.TryGetValue("dotnet_diagnostic." + descriptor.Id + ".severity", out var value), descriptor.Id + " is missing from " + mode);
                Assert.Equal(severity, value);
            }

            Assert.Equal(descriptors.Length, settings.Count);
            Assert.Contains("is_global = true", lines);
            Assert.Contains(lines, l => l.StartsWith("global_level = -", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Targets_map_every_mode_to_its_file_and_the_package_ships_them()
    {
        var root = RepoRoot();
        var targets = File.ReadAllText(Path.Combine(root, PackageDirectory, "buildTransitive/Optimistic.Query.Analyzers.targets"));
        foreach (var (mode, _, _) in Modes)
        {
            Assert.Contains("'$(OptimisticQueryAnalysisMode)' == '" + mode + "'\">" + mode + "</_OptimisticQueryAnalysisModeFile>", targets, StringComparison.Ordinal);
        }

        Assert.Contains("config/$(_OptimisticQueryAnalysisModeFile).globalconfig", targets, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(root, PackageDirectory, "build/Optimistic.Query.Analyzers.targets")));
        Assert.Equal(
            Modes.Select(m => m.Mode + ".globalconfig").OrderBy(n => n, StringComparer.Ordinal),
            Directory.GetFiles(Path.Combine(root, ConfigDirectory)).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));

        // The package project packs both folders as they are.
        var project = XDocument.Load(Path.Combine(root, PackageDirectory, "Optimistic.Query.Analyzers.Package.csproj"));
        var packed = project.Descendants("None")
            .Where(e => (string?)e.Attribute("Pack") == "true")
            .Select(e => ((string?)e.Attribute("Include"), (string?)e.Attribute("PackagePath")))
            .ToList();
        Assert.Contains(("buildTransitive/**", "buildTransitive/"), packed);
        Assert.Contains(("build/**", "build/"), packed);
    }
}
