using System.Collections.Immutable;
using Optimistic.Query.Analyzers.Tests.Layers;
using Optimistic.Query.Analyzers.Tests.Rules;
using Optimistic.Query.Analyzers.Tests.ThirdParty;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Xunit.Abstractions;

namespace Optimistic.Query.Analyzers.Tests.Fuzz;

/// <summary>
/// The never-throw fuzz: the analyzers and code fixes (discovered by reflection) on mutated copies of the rule and layer
/// tests' sources, the README and rule pages' examples, the demo, built-in seeds and the third-party stand-in (with its
/// global-config API map), and on a few sources under odd API maps. Any analyzer or fixer exception fails.
/// </summary>
[Collection(nameof(FuzzTests))]
public class FuzzTests
{
    private readonly ITestOutputHelper _output;

    public FuzzTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Corpus_covers_the_seeds_the_tests_and_the_docs()
    {
        var corpus = FuzzCorpus.All;
        _output.WriteLine($"{corpus.Length} sources:");
        foreach (var source in corpus)
        {
            _output.WriteLine($"  {source.Name} ({source.Text.Length} chars)");
        }

        Assert.Contains(corpus, s => s.Name.StartsWith("seed:", StringComparison.Ordinal));
        Assert.Contains(corpus, s => s.Name.StartsWith("README.md#", StringComparison.Ordinal));
        Assert.Contains(corpus, s => s.Name.StartsWith("demo:", StringComparison.Ordinal));
        Assert.Contains(corpus, s => s.Name == "sample:Components/Pages/Notifications.razor@code" && s.Text.Contains("CancelQueriesAsync", StringComparison.Ordinal));
        Assert.Contains(corpus, s => s.Name == "sample:Components/Pages/HealthChecks.razor@code" && s.Text.Contains("AddOptimisticLayer", StringComparison.Ordinal));
        Assert.Contains(corpus, s => s.Name == "sample:Backend/SimulatedBackend.cs");
        Assert.Contains(corpus, s => s.Name.StartsWith("Rules/", StringComparison.Ordinal));
        Assert.DoesNotContain(corpus, s => s.Text.Contains("[|", StringComparison.Ordinal) || s.Text.Contains("{|#", StringComparison.Ordinal));

        // The third-party stand-in comes with its map and without the runtime, as its tests run it.
        var thirdParty = corpus.Where(s => s.Name.StartsWith(FuzzThirdParty.Prefix, StringComparison.Ordinal)).ToList();
        Assert.Contains(thirdParty, s => s.Name == FuzzThirdParty.Prefix + "canonical");
        Assert.Contains(thirdParty, s => s.Name == FuzzThirdParty.Prefix + "library");
        Assert.Contains(thirdParty, s => s.Name.Contains("ThirdParty/ThirdPartyApiTests.cs:", StringComparison.Ordinal));
        Assert.Contains(thirdParty, s => s.Name.StartsWith(FuzzThirdParty.Prefix + "mapped-layer", StringComparison.Ordinal));
        Assert.All(thirdParty, s => Assert.True(!s.ReferenceRuntime && s.GlobalConfig is { } map && map.Contains("optimistic_query.api.", StringComparison.Ordinal), s.Name));
        Assert.DoesNotContain(corpus, s => s.ReferenceRuntime && FuzzThirdParty.IsThirdParty(s.Text));

        // Layers (runtime and mapped) and OPT011's persister MaxAge.
        Assert.Contains(corpus, s => s.Name.StartsWith("Layers/", StringComparison.Ordinal));
        Assert.Contains(corpus, s => s.Text == LayerRuleTests.Layered());
        Assert.Contains(corpus, s => s.ReferenceRuntime && s.Text.Contains("AddOptimisticLayer", StringComparison.Ordinal) && s.Text.Contains(".Rollback()", StringComparison.Ordinal));
        Assert.Contains(corpus, s => s.Name.StartsWith("persister:", StringComparison.Ordinal) && s.Text.Contains("MaxAge = ", StringComparison.Ordinal));
        Assert.Contains(FuzzOptions.Keys, k => k == "optimistic_query.OPT011.max_age_ceiling");
        _output.WriteLine($"API map seeds: {string.Join(", ", ApiMapSeeds().Select(s => s.Name))}");
        Assert.Equal(8, ApiMapSeeds().Count);
        Assert.Contains(ApiMapSeeds(), s => s.GlobalConfig == StandInShapes.GlobalConfig && s.Text.Contains("onMutate:", StringComparison.Ordinal));

        var harness = FuzzHarness.Discover();
        _output.WriteLine($"analyzers: {string.Join(", ", harness.Analyzers.Select(a => a.GetType().Name))}");
        _output.WriteLine($"fixers: {string.Join(", ", harness.Fixers.Select(f => f.GetType().Name))}");
        Assert.NotEmpty(harness.Analyzers);
    }

    [Fact]
    public async Task Fuzz_prefix_cuts_never_throw()
    {
        var variants = FuzzMutator.Cap(FuzzCorpus.All.SelectMany(FuzzMutator.Prefixes), FuzzSettings.MaxPrefixVariants);
        await RunAsync(variants, index => index % 4 == 0, nameof(Fuzz_prefix_cuts_never_throw));
    }

    [Fact]
    public async Task Fuzz_token_deletions_never_throw()
    {
        var variants = FuzzMutator.Cap(
            FuzzCorpus.All.SelectMany(s => FuzzMutator.Deletions(s).Concat(FuzzMutator.Duplications(s)).Concat(FuzzMutator.Replacements(s))),
            FuzzSettings.MaxMutationVariants);
        await RunAsync(variants, index => index % 4 == 0, nameof(Fuzz_token_deletions_never_throw));
    }

    [Fact]
    public async Task Fuzz_fixes_never_throw()
    {
        // Complete sources are where fixes are offered most: the corpus itself, and one deletion per source.
        var variants = FuzzMutator.Cap(
            FuzzCorpus.All.Select(s => new FuzzVariant(s.Name + "/original", s, s.Text, "unchanged"))
                .Concat(FuzzCorpus.All.SelectMany(s => FuzzMutator.Deletions(s).Take(1))),
            FuzzSettings.MaxFixVariants);
        await RunAsync(variants, _ => true, nameof(Fuzz_fixes_never_throw));
    }

    [Fact]
    public async Task Fuzz_odd_option_values_never_throw()
    {
        var harness = FuzzHarness.Discover();
        var ids = harness.Analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal).ToList();
        var configs = FuzzOptions.EditorConfigs(FuzzSettings.OptionSetsPerRun, ids).ToList();
        _output.WriteLine($"option keys: {string.Join(", ", FuzzOptions.Keys)}");
        var corpus = FuzzCorpus.All;
        var variants = FuzzMutator.Cap(
            corpus.SelectMany((s, i) => configs.Where((_, j) => (i + j) % 3 == 0)
                .Select(c => new FuzzVariant($"{s.Name}/{c.Name}", s, s.Text, "unchanged, with " + c.Name + ":\n" + c.EditorConfig, c.EditorConfig))),
            FuzzSettings.MaxOptionVariants);
        await RunAsync(variants, index => index % 4 == 0, nameof(Fuzz_odd_option_values_never_throw));
    }

    [Fact]
    public async Task Fuzz_odd_api_maps_never_throw()
    {
        // Each odd global-config map on each map seed: the source unchanged (fixes applied on every other one) and with one token deleted.
        var maps = FuzzApiMaps.All(FuzzSettings.Scaled(FuzzSettings.RandomApiMaps)).ToList();
        var seeds = ApiMapSeeds();
        var variants = FuzzMutator.Cap(
            maps.SelectMany(m => seeds.Select(s => s with { Name = $"{s.Name}/{m.Name}", GlobalConfig = m.GlobalConfig }))
                .SelectMany(s => FuzzMutator.Deletions(s).Take(1).Prepend(new FuzzVariant(s.Name + "/original", s, s.Text, "unchanged, with the global config of " + s.Name))),
            FuzzSettings.MaxApiMapVariants);
        _output.WriteLine($"{maps.Count} maps ({string.Join(", ", maps.Select(m => $"{m.Name}: {m.GlobalConfig.Length} chars"))}) on {seeds.Count} seeds");
        await RunAsync(variants, index => index % 4 == 0, nameof(Fuzz_odd_api_maps_never_throw));
    }

    /// <summary>
    /// The sources the odd maps are applied to: the stand-ins (RabstackQuery's app, library and mapped layer; QwikQuery's app with
    /// its options, and with the callbacks as arguments), and runtime users (canonical, layered, persister).
    /// </summary>
    private static List<FuzzSource> ApiMapSeeds()
    {
        var names = new[] { FuzzThirdParty.Prefix + "canonical", FuzzThirdParty.Prefix + "library", FuzzThirdParty.Prefix + "mapped-layer(keep)", "persister:max-ages" };
        return names.SelectMany(n => FuzzCorpus.All.Where(s => s.Name == n))
            .Append(FuzzSource.Single("RuleSources.Canonical", RuleSources.Canonical))
            .Append(FuzzSource.Single("LayerRuleTests.Layered()", LayerRuleTests.Layered()))
            .Append(Shapes("StandInShapes.Canonical()", StandInShapes.Canonical()))
            .Append(Shapes("ArgumentDefinitionTests.Canonical()", ArgumentDefinitionTests.Canonical()))
            .ToList();

        // The second stand-in (keys in place, filters, members as arguments, InvalidateKeys), its library alongside.
        static FuzzSource Shapes(string name, string text) =>
            new(name, text, ImmutableArray.Create((TestOptions.Folder + "QwikQuery.cs", StandInShapes.Library)), ReferenceRuntime: false, GlobalConfig: StandInShapes.GlobalConfig);
    }

    private async Task RunAsync(List<FuzzVariant> variants, Func<int, bool> applyFixes, string testName)
    {
        var harness = FuzzHarness.Discover();
        var report = await harness.RunAsync(variants, applyFixes);
        _output.WriteLine($"{harness.Analyzers.Length} analyzers, {harness.Fixers.Length} fixers, {FuzzCorpus.All.Length} sources: {report}");
        FuzzAssert.NoFailures(report, testName);
        // The run did analyze: every variant went through the analyzers, and the mutated rule sources still fire rules.
        Assert.Equal(variants.Count, report.Variants);
        Assert.True(report.Diagnostics > 0, $"{testName}: no diagnostic in {report.Variants} variants");
    }
}
