using Microsoft.CodeAnalysis;
using Optimistic.Query.Analyzers.Tests.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Optimistic.Query.Analyzers.Tests.Wrappers;

namespace Optimistic.Query.Analyzers.Tests.Presets;

/// <summary>What each preset does to the reported severities, applied as the global config it is, and that the project's own
/// <c>.editorconfig</c> still wins over it.</summary>
public class PresetEffectTests
{
    // OPT001 (a warning by default) and OPT005's verb form (a suggestion by default) in one definition.
    private static readonly string Source = RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.CreateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(previous);
        },
        OnError = (error, vars, context) =>
        {
            if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(vars.Id), previous);
        },
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });");

    private static async Task<Dictionary<string, DiagnosticSeverity>> SeveritiesAsync(string mode, string? editorConfig = null)
    {
        var (_, severity, description) = PresetTests.Modes.Single(m => m.Mode == mode);
        var diagnostics = await AnalyzerRunner.RunAsync(AnalyzerSet.All(), Source, editorConfig: editorConfig, globalConfig: PresetTests.Generate(mode, severity, description));
        return diagnostics.Where(d => !d.IsSuppressed).ToDictionary(d => d.Id, d => d.Severity);
    }

    [Fact]
    public async Task Without_a_preset_the_descriptor_defaults_apply()
    {
        var diagnostics = await AnalyzerRunner.RunAsync(AnalyzerSet.All(), Source);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostics.Single(d => d.Id == "OPT001").Severity);
        Assert.Equal(DiagnosticSeverity.Info, diagnostics.Single(d => d.Id == "OPT005").Severity);
    }

    [Fact]
    public async Task Default_keeps_each_diagnostics_own_severity() =>
        Assert.Equal(new Dictionary<string, DiagnosticSeverity> { ["OPT001"] = DiagnosticSeverity.Warning, ["OPT005"] = DiagnosticSeverity.Info }, await SeveritiesAsync("Default"));

    [Fact]
    public async Task AllWarnings_raises_suggestions_to_warnings() =>
        Assert.Equal(new Dictionary<string, DiagnosticSeverity> { ["OPT001"] = DiagnosticSeverity.Warning, ["OPT005"] = DiagnosticSeverity.Warning }, await SeveritiesAsync("AllWarnings"));

    [Fact]
    public async Task AllErrors_makes_every_rule_an_error() =>
        Assert.Equal(new Dictionary<string, DiagnosticSeverity> { ["OPT001"] = DiagnosticSeverity.Error, ["OPT005"] = DiagnosticSeverity.Error }, await SeveritiesAsync("AllErrors"));

    [Fact]
    public async Task None_disables_every_rule() =>
        Assert.Empty(await SeveritiesAsync("None"));

    [Fact]
    public async Task The_projects_editorconfig_wins_over_the_preset() =>
        Assert.Equal(
            new Dictionary<string, DiagnosticSeverity> { ["OPT001"] = DiagnosticSeverity.Info, ["OPT005"] = DiagnosticSeverity.Error },
            await SeveritiesAsync("AllErrors", "[*.cs]\ndotnet_diagnostic.OPT001.severity = suggestion"));
}
