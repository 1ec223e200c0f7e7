using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Optimistic.Query.Package.Tests;

/// <summary>
/// What a team sees after <c>dotnet add package Optimistic.Query</c>: the analyzers flow with the runtime, report in
/// the build and in SARIF, and <c>dotnet format analyzers</c> applies the fixes.
/// The consumer (Consumer/Violations.cs) marks each expected warning with a trailing <c>// OPTnnn</c> comment.
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

        using var log = JsonDocument.Parse(File.ReadAllText(sarif));
        var results = log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Where(r => r.GetProperty("ruleId").GetString()!.StartsWith("OPT", StringComparison.Ordinal))
            .Select(r => (
                Id: r.GetProperty("ruleId").GetString()!,
                Line: r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32()))
            .Distinct()
            .OrderBy(r => r.Line)
            .ToList();
        Assert.Equal(expected, results);
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
}
