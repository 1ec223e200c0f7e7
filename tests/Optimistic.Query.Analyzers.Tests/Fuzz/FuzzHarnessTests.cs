using System.Collections.Immutable;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Optimistic.Query.Analyzers.Tests.Fuzz;

/// <summary>The fuzz can fail: the harness reports a throwing analyzer and a throwing fixer, with the variant to reproduce.</summary>
public class FuzzHarnessTests
{
    private static readonly FuzzHarness Toy = new(
        ImmutableArray.Create<DiagnosticAnalyzer>(new ThrowingToyAnalyzer()),
        ImmutableArray.Create<CodeFixProvider>(new ThrowingToyFixer()),
        checkGeneratedCode: true);

    private static FuzzSource Source(string statement) =>
        FuzzSource.Single("toy", FuzzSeeds.InViewModel($"    public void M() {{ {statement} }}"));

    [Fact]
    public async Task A_throwing_analyzer_fails_the_fuzz_with_the_variant_and_the_stack()
    {
        var source = Source($"var {ThrowingToyAnalyzer.Trigger} = 1; _ = {ThrowingToyAnalyzer.Trigger};");
        var variants = FuzzMutator.Deletions(source).ToList();

        var report = await Toy.RunAsync(variants, _ => false);

        Assert.NotEmpty(report.Failures);
        Assert.All(report.Failures, f => Assert.Contains("toy analyzer: " + ThrowingToyAnalyzer.Trigger, f.Details, StringComparison.Ordinal));
        var error = Assert.Throws<Xunit.Sdk.XunitException>(() => FuzzAssert.NoFailures(report, "toy-analyzer"));
        Assert.Contains("toy/delete#", error.Message, StringComparison.Ordinal);
        Assert.Contains("ThrowingToyAnalyzer", error.Message, StringComparison.Ordinal);
        Assert.Contains("OPTIMISTIC_QUERY_FUZZ_FILTER", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_throwing_code_action_and_its_FixAll_fail_the_fuzz()
    {
        var source = Source($"var {ThrowingToyAnalyzer.Fixable} = 1; _ = {ThrowingToyAnalyzer.Fixable};");
        var variants = new List<FuzzVariant> { new("toy/original", source, source.Text, "unchanged") };

        var report = await Toy.RunAsync(variants, _ => true);

        Assert.Equal(1, report.FixableVariants);
        Assert.Contains(report.Failures, f => f.Stage.Contains("action \"Toy fix\"", StringComparison.Ordinal) && f.Details.Contains("toy fixer", StringComparison.Ordinal));
        Assert.Contains(report.Failures, f => f.Stage.Contains("FixAll", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_global_config_gives_the_same_diagnostics_without_a_workspace_as_with_one()
    {
        // The stand-in's mapped layer without its rollback: OPT002 through the map only.
        var source = FuzzCorpus.All.Single(s => s.Name == FuzzThirdParty.Prefix + "mapped-layer(keep)");
        var harness = FuzzHarness.Discover();
        var cheap = await harness.RunAsync(new[] { new FuzzVariant("cheap", source, source.Text, "unchanged") }, _ => false);
        var workspace = await harness.RunAsync(new[] { new FuzzVariant("workspace", source, source.Text, "unchanged", EditorConfig: "[*.cs]\n") }, _ => false);
        var unmapped = await harness.RunAsync(new[] { new FuzzVariant("unmapped", source with { GlobalConfig = null }, source.Text, "unchanged") }, _ => false);

        Assert.Empty(cheap.Failures);
        Assert.Empty(workspace.Failures);
        Assert.True(cheap.Diagnostics > 0);
        Assert.Equal(workspace.Diagnostics, cheap.Diagnostics);
        Assert.Equal(0, unmapped.Diagnostics);
    }

    [Fact]
    public async Task A_clean_variant_passes()
    {
        var source = Source("var x = 1; _ = x;");
        var report = await Toy.RunAsync(FuzzMutator.Prefixes(source).ToList(), _ => true);

        Assert.Empty(report.Failures);
        Assert.True(report.Variants > 10);
    }
}
