using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Optimistic.Query.Package.Tests;

/// <summary>
/// What a team sees after <c>dotnet add package Optimistic.Query</c>: the analyzers flow with the runtime, report in
/// the build and in SARIF, and <c>dotnet format analyzers</c> applies the fixes.
/// The consumer (Consumer/Violations.cs) marks each expected warning with a trailing <c>// OPTnnn</c> comment; its Blazor
/// component (Consumer/Components/Pages/Todos.razor) marks each with <c>/*OPTnnn*/</c> right before the reported span.
/// </summary>
public sealed partial class PackageTests(PackageFixture package) : IClassFixture<PackageFixture>
{
    [Fact]
    public void The_runtime_package_depends_on_the_analyzer_package_and_lets_its_analyzers_flow()
    {
        using var runtime = package.OpenPackage("Optimistic.Query");
        var nuspec = ReadEntry(runtime, "Optimistic.Query.nuspec");
        Assert.Matches($"<dependency id=\"Optimistic.Query.Analyzers\" version=\"{Regex.Escape(package.Version)}\" include=\"All\" />", nuspec);
        Assert.Contains(runtime.Entries, e => e.FullName == "lib/net8.0/Optimistic.Query.dll");

        using var analyzers = package.OpenPackage("Optimistic.Query.Analyzers");
        var files = analyzers.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("analyzers/dotnet/cs/Optimistic.Query.Analyzers.dll", files);
        Assert.Contains("analyzers/dotnet/cs/Optimistic.Query.CodeFixes.dll", files);
        Assert.DoesNotContain(files, f => f.StartsWith("lib/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_build_reports_exactly_the_marked_warnings_and_writes_them_to_sarif()
    {
        var consumer = package.CreateConsumer();
        var sarif = Path.Combine(Path.GetDirectoryName(consumer)!, "build.sarif");
        var (exit, output) = await package.BuildConsumerAsync(consumer, $"-p:ErrorLog={sarif}%2Cversion=2.1");
        Assert.True(exit == 0, output);

        var expected = ExpectedWarnings();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, ReportedWarnings(output));

        // The component's warnings: each at its .razor line and column, the path relative to the consumer as the user sees it.
        var consumerDirectory = Path.GetDirectoryName(consumer)!;
        var expectedInComponent = ExpectedComponentWarnings();
        Assert.Equal(12, expectedInComponent.Count);
        Assert.Equal(expectedInComponent, ReportedComponentWarnings(output, consumerDirectory));
        Assert.Equal(
            expected.Select(w => w.Id).Where(id => id != "OPT011").Distinct().Order(),
            expectedInComponent.Where(w => w.Path == TodosComponent).Select(w => w.Id).Order());
        // optimistic_query.OPT001.severity in the .razor file's section: "none" silences the rule in Silenced.razor; "error"
        // in Raised.razor is overridden by the project's preset (a global config), so it stays the marked warning.
        Assert.DoesNotContain("Silenced.razor", output, StringComparison.Ordinal);
        Assert.Contains(expectedInComponent, w => w.Path == "Components/Configured/Raised.razor" && w.Id == "OPT001");

        using var log = JsonDocument.Parse(File.ReadAllText(sarif));
        var results = log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Where(r => r.GetProperty("ruleId").GetString()!.StartsWith("OPT", StringComparison.Ordinal))
            .Select(r => (
                Id: r.GetProperty("ruleId").GetString()!,
                Uri: r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()!,
                Region: r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region")))
            .Select(r => (r.Id, r.Uri, Line: r.Region.GetProperty("startLine").GetInt32(), Column: r.Region.GetProperty("startColumn").GetInt32()))
            .Distinct()
            .ToList();
        Assert.Equal(expected, results.Where(r => r.Uri.EndsWith("/Violations.cs", StringComparison.Ordinal)).Select(r => (r.Id, r.Line)).OrderBy(r => r.Line).ToList());
        Assert.Equal(
            expectedInComponent.Select(w => (w.Path, w.Id, w.Line, w.Column)),
            results.Where(r => r.Uri.EndsWith(".razor", StringComparison.Ordinal))
                .Select(r => (Path: r.Uri[(r.Uri.LastIndexOf("/Components/", StringComparison.Ordinal) + 1)..], r.Id, r.Line, r.Column))
                .OrderBy(r => r.Path, StringComparer.Ordinal).ThenBy(r => r.Line).ThenBy(r => r.Column));
        Assert.Equal(expected.Count + expectedInComponent.Count, results.Count);
    }

    [Fact]
    public async Task Dotnet_format_applies_every_fix_and_the_project_then_builds_without_those_warnings()
    {
        var consumer = package.CreateConsumer();
        var (buildExit, buildOutput) = await package.BuildConsumerAsync(consumer);
        Assert.True(buildExit == 0, buildOutput);
        Assert.Equal(ExpectedWarnings(), ReportedWarnings(buildOutput));
        var fixable = FixableIds();
        var toFix = ExpectedWarnings().Select(w => w.Id).Where(fixable.Contains).Distinct().ToArray();
        Assert.NotEmpty(toFix);

        var (formatExit, formatOutput) = await ProcessRunner.DotnetAsync(Path.GetDirectoryName(consumer)!, package.Environment,
            ["format", "analyzers", consumer, "--no-restore", "--severity", "info", "--diagnostics", .. toFix]);
        Assert.True(formatExit == 0, formatOutput);

        // dotnet format does not edit .razor files: the component's fixes apply in code-behind, by hand.
        Assert.Equal(
            File.ReadAllText(Path.Combine(package.RepositoryRoot, "tests/Optimistic.Query.Package.Tests/Consumer/Components/Pages/Todos.razor")),
            File.ReadAllText(Path.Combine(Path.GetDirectoryName(consumer)!, "Components/Pages/Todos.razor")));

        var (exit, output) = await package.BuildConsumerAsync(consumer);
        Assert.True(exit == 0, output);
        var remaining = ReportedWarnings(output).Where(w => fixable.Contains(w.Id)).ToList();
        Assert.True(remaining.Count == 0,
            "Warnings left after 'dotnet format analyzers': " + string.Join(", ", remaining) + "\n" + File.ReadAllText(Path.Combine(Path.GetDirectoryName(consumer)!, "Violations.cs")));
    }

    [Fact]
    public void The_mvvm_package_depends_on_the_runtime_and_the_toolkit_with_their_analyzers()
    {
        using var mvvm = package.OpenPackage("Optimistic.Query.Mvvm");
        var nuspec = ReadEntry(mvvm, "Optimistic.Query.Mvvm.nuspec");
        Assert.Matches($"<dependency id=\"Optimistic.Query\" version=\"{Regex.Escape(package.Version)}\" include=\"All\" />", nuspec);
        Assert.Matches("<dependency id=\"CommunityToolkit.Mvvm\" version=\"[^\"]+\" include=\"All\" />", nuspec);
        Assert.Contains(mvvm.Entries, e => e.FullName == "lib/net8.0/Optimistic.Query.Mvvm.dll");
    }

    [Fact]
    public async Task A_view_model_project_referencing_only_the_mvvm_package_builds_with_the_analyzers_and_the_toolkit_generators()
    {
        var consumer = package.CreateConsumer("MvvmConsumer");
        var (exit, output) = await package.BuildConsumerAsync(consumer);
        Assert.True(exit == 0, output);

        var expected = ExpectedWarnings("MvvmConsumer/TodosViewModel.cs");
        Assert.NotEmpty(expected);
        Assert.Equal(expected, ReportedWarnings(output, "TodosViewModel.cs"));
    }

    private List<(string Id, int Line)> ExpectedWarnings(string file = "Consumer/Violations.cs")
    {
        var lines = File.ReadAllLines(Path.Combine(package.RepositoryRoot, "tests/Optimistic.Query.Package.Tests", file));
        return lines
            .Select((text, index) => (Match: MarkerPattern().Match(text), Line: index + 1))
            .Where(m => m.Match.Success)
            .Select(m => (m.Match.Groups[1].Value, m.Line))
            .ToList();
    }

    private const string TodosComponent = "Components/Pages/Todos.razor";

    /// <summary>
    /// The components' markers: <c>/*OPTnnn*/</c> right before the span the warning starts at (1-based line and column),
    /// ordered by path, line and column.
    /// </summary>
    private List<(string Path, int Line, int Column, string Id)> ExpectedComponentWarnings()
    {
        var consumer = Path.Combine(package.RepositoryRoot, "tests/Optimistic.Query.Package.Tests/Consumer");
        return Directory.GetFiles(consumer, "*.razor", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(consumer, file).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .SelectMany(path => File.ReadAllLines(Path.Combine(consumer, path))
                .SelectMany((text, index) => ComponentMarkerPattern().Matches(text).Select(m => (path, index + 1, m.Index + m.Length + 1, m.Groups[1].Value))))
            .ToList();
    }

    private static List<(string Path, int Line, int Column, string Id)> ReportedComponentWarnings(string buildOutput, string consumerDirectory) =>
        ComponentWarningPattern().Matches(buildOutput)
            .Select(m => (
                Path: Path.GetRelativePath(consumerDirectory, m.Groups["path"].Value).Replace('\\', '/'),
                Line: int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture),
                Column: int.Parse(m.Groups["column"].Value, System.Globalization.CultureInfo.InvariantCulture),
                Id: m.Groups["id"].Value))
            .Distinct()
            .OrderBy(w => w.Path, StringComparer.Ordinal).ThenBy(w => w.Line).ThenBy(w => w.Column)
            .ToList();

    private static List<(string Id, int Line)> ReportedWarnings(string buildOutput, string file = "Violations.cs") =>
        WarningPattern().Matches(buildOutput)
            .Where(m => m.Groups["file"].Value == file)
            .Select(m => (Id: m.Groups["id"].Value, Line: int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .Distinct()
            .OrderBy(w => w.Line)
            .ToList();

    private static HashSet<string> FixableIds() =>
        System.Reflection.Assembly.Load("Optimistic.Query.CodeFixes").GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t))
            .SelectMany(t => ((CodeFixProvider)Activator.CreateInstance(t)!).FixableDiagnosticIds)
            .ToHashSet(StringComparer.Ordinal);

    private static string ReadEntry(System.IO.Compression.ZipArchive archive, string name)
    {
        using var reader = new StreamReader(archive.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"// (OPT\d{3})\s*$")]
    private static partial Regex MarkerPattern();

    [GeneratedRegex(@"(?<file>[\w.]+\.cs)\((?<line>\d+),\d+\): warning (?<id>OPT\d{3})")]
    private static partial Regex WarningPattern();

    [GeneratedRegex(@"/\*(OPT\d{3})\*/")]
    private static partial Regex ComponentMarkerPattern();

    [GeneratedRegex(@"^\s*(?<path>\S+\.razor)\((?<line>\d+),(?<column>\d+)\): warning (?<id>OPT\d{3})", RegexOptions.Multiline)]
    private static partial Regex ComponentWarningPattern();
}
