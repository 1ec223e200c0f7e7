using Xunit.Abstractions;

namespace Optimistic.Query.Analyzers.Tests.Fuzz;

/// <summary>
/// The never-throw fuzz: the analyzers and code fixes (discovered by reflection) on mutated copies of the rule tests'
/// sources, the README and rule pages' examples, the demo and built-in seeds. Any analyzer or fixer exception fails.
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
        Assert.Contains(corpus, s => s.Name.StartsWith("Rules/", StringComparison.Ordinal));
        Assert.DoesNotContain(corpus, s => s.Text.Contains("[|", StringComparison.Ordinal) || s.Text.Contains("{|#", StringComparison.Ordinal));

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

    private async Task RunAsync(List<FuzzVariant> variants, Func<int, bool> applyFixes, string testName)
    {
        var harness = FuzzHarness.Discover();
        var report = await harness.RunAsync(variants, applyFixes);
        _output.WriteLine($"{harness.Analyzers.Length} analyzers, {harness.Fixers.Length} fixers, {FuzzCorpus.All.Length} sources: {report}");
        FuzzAssert.NoFailures(report, testName);
    }
}
