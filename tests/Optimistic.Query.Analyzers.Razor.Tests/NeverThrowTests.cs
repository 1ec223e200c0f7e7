using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Optimistic.Query.Analyzers.Razor.Tests.Infrastructure;

namespace Optimistic.Query.Analyzers.Razor.Tests;

/// <summary>
/// Components mid-edit (a truncated <c>@code</c> block, unbalanced markup) go through the generator and every rule: no
/// analyzer exception (AD0001) in any variant, and the rules did analyze (diagnostics found across the corpus).
/// </summary>
public partial class NeverThrowTests
{
    private static readonly string Complete = MarkupPattern().Replace(ComponentRuleTests.Violations, string.Empty);

    public static TheoryData<string, string> MidEditComponents()
    {
        var data = new TheoryData<string, string>();
        var lines = Complete.Split('\n');
        for (var cut = 10; cut < lines.Length; cut += 17)
        {
            data.Add("truncated at line " + cut, string.Join('\n', lines.Take(cut)));
        }

        data.Add("@code never closed", Complete[..Complete.LastIndexOf('}')]);
        data.Add("unclosed element", Complete.Replace("<h1>Todos</h1>", "<div><h1>Todos", StringComparison.Ordinal));
        data.Add("stray closing tag", Complete.Replace("<h1>Todos</h1>", "</section><h1>Todos</h1>", StringComparison.Ordinal));
        data.Add("unterminated string in @code", Complete.Replace("QueryKey.Create(\"todos\")", "QueryKey.Create(\"todos)", StringComparison.Ordinal));
        data.Add("unterminated @{ block", Complete.Replace("<h1>Todos</h1>", "@{ var x = 1;\n<h1>Todos</h1>", StringComparison.Ordinal));
        data.Add("half-typed lambda", Complete.Replace("OnMutate = id =>", "OnMutate = id => Client.", StringComparison.Ordinal));
        return data;
    }

    [Fact]
    public async Task No_rule_throws_on_a_component_mid_edit_and_the_rules_did_analyze()
    {
        var found = 0;
        foreach (var row in MidEditComponents())
        {
            var (variant, component) = ((string)row[0], (string)row[1]);
            var test = new NeverThrowTest { RazorSources = { ("Pages/Todos.razor", component) } };
            await test.RunAsync();
            Assert.True(test.AnalyzerExceptions.IsEmpty, variant + ": " + string.Join("\n", test.AnalyzerExceptions));
            found += test.RuleDiagnostics;
        }

        Assert.True(found > 0, "no rule reported anything in the corpus: the rules did not run");
    }

    /// <summary>Every rule, compiler errors expected (the code is mid-edit): only analyzer exceptions are asserted.</summary>
    private sealed class NeverThrowTest : AllRulesRazorTest
    {
        public NeverThrowTest() => CompilerDiagnostics = CompilerDiagnostics.None;

        public ImmutableArray<string> AnalyzerExceptions { get; private set; } = [];

        public int RuleDiagnostics { get; private set; }

        protected override ImmutableArray<(Project project, Diagnostic diagnostic)> FilterDiagnostics(ImmutableArray<(Project project, Diagnostic diagnostic)> diagnostics)
        {
            var all = base.FilterDiagnostics(diagnostics);
            AnalyzerExceptions = [.. all.Where(d => d.diagnostic.Id == "AD0001").Select(d => d.diagnostic.ToString())];
            RuleDiagnostics = all.Count(d => d.diagnostic.Id.StartsWith("OPT", StringComparison.Ordinal));
            // Nothing left to compare: what a mid-edit component reports is not this test's subject.
            return [];
        }
    }

    [GeneratedRegex(@"\{\|OPT\d{3}:|\|\}")]
    private static partial Regex MarkupPattern();
}
