using Microsoft.CodeAnalysis.Diagnostics;
using Optimistic.Query.Analyzers.Model;
using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Fuzz;
using Optimistic.Query.Analyzers.Tests.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Optimistic.Query.CodeFixes;

namespace Optimistic.Query.Analyzers.Tests.Fixes;

/// <summary>
/// The fuzz corpus's largest API map (<c>map:huge-lists</c>, about 520,000 characters: thousands of methods of a few
/// types) with a persister in the project. Resolving it asked the compilation once per entry (a walk of every referenced
/// assembly each time), on every new compilation: the OPT011 fix, its preview and the re-analysis of each fixed document
/// took over a minute together.
/// </summary>
public class OPT011HugeApiMapTests
{
    private static string HugeMap => FuzzApiMaps.All(randomCount: 0).Single(map => map.Name == "map:huge-lists").GlobalConfig;

    [Fact]
    public async Task The_huge_map_asks_the_compilation_once_per_distinct_type_or_id_not_once_per_entry()
    {
        var project = await AnalyzerRunner.Create(Array.Empty<DiagnosticAnalyzer>(), new[] { (TestOptions.MainPath, RuleSources.Canonical) }, globalConfig: HugeMap)
            .CreateProjectAsync();
        var compilation = (await project.GetCompilationAsync())!;
        var spec = ApiMapSpec.From(project.AnalyzerOptions)!;

        var map = ApiMap.Resolve(spec, compilation);

        var entries = spec.Methods.Count + spec.Invalidates.Count + spec.KeyFactories.Count + spec.OptionsTypes.Count;
        var distinct = spec.Methods.Select(m => m.Entry).Concat(spec.Invalidates.Select(i => i.Entry)).Concat(spec.KeyFactories)
            .Select(entry => entry.StartsWith("M:", StringComparison.Ordinal) || entry.LastIndexOf('.') <= 0 ? entry : entry[..entry.LastIndexOf('.')])
            .Concat(spec.OptionsTypes)
            .Distinct(StringComparer.Ordinal)
            .Count();
        Assert.True(entries > 10_000, $"{entries} entries");
        Assert.InRange(map.CompilationLookups, 1, distinct);
        Assert.True(distinct < 100, $"{distinct} distinct types and IDs");
        // The map still resolves what it names: its entries of the runtime's QueryClient are mapped.
        var runtimeEntries = spec.Methods.Select(m => m.Entry).Where(entry => entry.StartsWith("Optimistic.Query.QueryClient.", StringComparison.Ordinal)).Distinct().ToList();
        Assert.NotEmpty(runtimeEntries);
        var client = compilation.GetTypeByMetadataName("Optimistic.Query.QueryClient")!;
        Assert.All(runtimeEntries, entry => Assert.All(
            client.GetMembers(entry["Optimistic.Query.QueryClient.".Length..]).OfType<Microsoft.CodeAnalysis.IMethodSymbol>(),
            method => Assert.True(map.IsMapped(method.OriginalDefinition), entry)));
    }

    [Fact]
    public async Task The_fix_and_FixAll_apply_under_the_huge_map()
    {
        await new CSharpCodeFixVerifier<PersistedCacheMaxAgeAnalyzer, BoundMaxAgeCodeFixProvider>.Test
        {
            TestCode = OPT011Tests.Source(@"        var a = new QueryPersisterOptions { MaxAge = [|null|] };
        var b = new QueryPersisterOptions
        {
            MaxAge = [|TimeSpan.FromDays(90)|], // keep a quarter
            Buster = ""v1"",
        };
        QueryPersisterOptions c = new() { MaxAge = [|Timeout.InfiniteTimeSpan|] };
        var d = new QueryPersisterOptions { MaxAge = [|(TimeSpan?)null|], Throttle = TimeSpan.MaxValue };
        var e = new QueryPersisterOptions { MaxAge = [|TimeSpan.FromMinutes(1e7)|] };
        var f = new QueryPersisterOptions { MaxAge = [|new TimeSpan(200, 0, 0)|] };
        return new QueryPersister(client, new QueryPersisterOptions { MaxAge = ([|TimeSpan.MaxValue|]) });"),
            FixedCode = OPT011Tests.Source(@"        var a = new QueryPersisterOptions { MaxAge = TimeSpan.FromHours(24) };
        var b = new QueryPersisterOptions
        {
            MaxAge = TimeSpan.FromHours(24), // keep a quarter
            Buster = ""v1"",
        };
        QueryPersisterOptions c = new() { MaxAge = TimeSpan.FromHours(24) };
        var d = new QueryPersisterOptions { MaxAge = TimeSpan.FromHours(24), Throttle = TimeSpan.MaxValue };
        var e = new QueryPersisterOptions { MaxAge = TimeSpan.FromHours(24) };
        var f = new QueryPersisterOptions { MaxAge = TimeSpan.FromHours(24) };
        return new QueryPersister(client, new QueryPersisterOptions { MaxAge = (TimeSpan.FromHours(24)) });"),
            GlobalConfig = HugeMap,
        }.RunAsync();
    }
}
