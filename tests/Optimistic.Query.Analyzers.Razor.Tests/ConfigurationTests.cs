using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Optimistic.Query.Analyzers.Razor.Tests.Infrastructure;
using Optimistic.Query.Analyzers.Rules;

namespace Optimistic.Query.Analyzers.Razor.Tests;

/// <summary>
/// Severities, options and suppressions in a component. Rule options (<c>optimistic_query.*</c>) and the component's own
/// severity key (<c>optimistic_query.OPTnnn.severity</c>) are read from the <c>.razor</c> file's own sections through its
/// additional file. The compiler's own configuration applies after that: <c>#pragma</c> in <c>@code</c> and
/// <c>[SuppressMessage]</c> on the component here; global configs and the severity presets in the package test, which builds
/// with the real compiler (this test workspace applies no global severity to source-generated files, <c>dotnet build</c> does).
/// </summary>
public class ConfigurationTests
{
    private const string Component = """
        @page "/todos"
        @inject QueryClient Client

        @code {
            private static readonly QueryKey TodosKey = QueryKey.Create("todos");

            private Mutation<int, Unit, Snapshot<string>> Toggle() =>
                Client.CreateMutation(new MutationOptions<int, Unit, Snapshot<string>>
                {
                    MutationFn = (id, ct) => Task.FromResult(Unit.Value),
                    OnMutate = id =>
                    {
                        var previous = {|#0:Client.GetQueryData<string>(TodosKey)|};
                        Client.SetQueryData(TodosKey, "x");
                        return new Snapshot<string>(previous);
                    },
                    OnError = (error, id, context) => Client.SetQueryData(TodosKey, context?.Previous),
                    OnSettledAsync = (data, error, id, context) => Client.InvalidateQueriesAsync(TodosKey),
                });
        }
        """;

    private static DiagnosticResult Opt001(DiagnosticSeverity severity) =>
        new DiagnosticResult("OPT001", severity).WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    private static RazorAnalyzerTest<CancelBeforeOptimisticWriteAnalyzer> Test(string? editorConfig = null, string? globalConfig = null, params DiagnosticResult[] expected)
    {
        var test = new RazorAnalyzerTest<CancelBeforeOptimisticWriteAnalyzer>
        {
            RazorSources = { ("Pages/Todos.razor", Component) },
            EditorConfig = editorConfig,
            GlobalConfig = globalConfig,
        };
        test.ExpectedDiagnostics.AddRange(expected);
        return test;
    }

    [Fact]
    public Task Without_configuration_the_default_severity() =>
        Test(expected: Opt001(DiagnosticSeverity.Warning)).RunAsync();

    /// <summary>
    /// The documented limit: the compiler matches <c>dotnet_diagnostic.*.severity</c> in <c>.editorconfig</c> sections against
    /// the generated file's path (not under the project: checked with <c>dotnet build</c>, where <c>[*.cs]</c>, <c>[*.razor]</c>
    /// and <c>[*_razor.g.cs]</c> all leave a component's warnings as they are), and Roslyn hands those keys to no analyzer, for
    /// the <c>.razor</c> additional file either. So a section sets a component's severity with our own key (above).
    /// </summary>
    [Theory]
    [InlineData("[*.razor]")]
    [InlineData("[*.{cs,razor}]")]
    [InlineData("[*.cs]")]
    public Task Editorconfig_section_severities_do_not_reach_the_component(string section) =>
        Test(section + "\ndotnet_diagnostic.OPT001.severity = none\n", expected: Opt001(DiagnosticSeverity.Warning)).RunAsync();

    [Theory]
    [InlineData("[*.razor]")]
    [InlineData("[*.{cs,razor}]")]
    [InlineData("[Pages/Todos.razor]")]
    public Task The_component_severity_key_none_in_a_section_of_the_razor_file_silences_the_rule(string section) =>
        Test(section + "\noptimistic_query.OPT001.severity = none\n").RunAsync();

    [Theory]
    [InlineData("error", DiagnosticSeverity.Error)]
    [InlineData("suggestion", DiagnosticSeverity.Info)]
    [InlineData("Warning", DiagnosticSeverity.Warning)]
    public Task The_component_severity_key_sets_the_severity(string value, DiagnosticSeverity severity) =>
        Test("[*.razor]\noptimistic_query.OPT001.severity = " + value + "\n", expected: Opt001(severity)).RunAsync();

    /// <summary>The key is read from the sections of the <c>.razor</c> file only: a <c>[*.cs]</c> section is not the component's.</summary>
    [Fact]
    public Task The_component_severity_key_in_a_cs_section_does_not_reach_the_component() =>
        Test("[*.cs]\noptimistic_query.OPT001.severity = none\n", expected: Opt001(DiagnosticSeverity.Warning)).RunAsync();

    [Theory]
    [InlineData("default")]
    [InlineData("loud")]
    public Task A_default_or_unknown_component_severity_leaves_the_rule_at_its_default(string value) =>
        Test("[*.razor]\noptimistic_query.OPT001.severity = " + value + "\n", expected: Opt001(DiagnosticSeverity.Warning)).RunAsync();

    /// <summary>Another rule's key does not touch this one.</summary>
    [Fact]
    public Task The_component_severity_key_is_per_rule() =>
        Test("[*.razor]\noptimistic_query.OPT002.severity = none\n", expected: Opt001(DiagnosticSeverity.Warning)).RunAsync();

    [Fact]
    public Task Pragma_inside_the_code_block_suppresses() =>
        new RazorAnalyzerTest<CancelBeforeOptimisticWriteAnalyzer>
        {
            RazorSources =
            {
                ("Pages/Todos.razor", """
                    @page "/todos"
                    @inject QueryClient Client

                    @code {
                        private static readonly QueryKey TodosKey = QueryKey.Create("todos");

                        private Mutation<int, Unit, Snapshot<string>> Toggle() =>
                            Client.CreateMutation(new MutationOptions<int, Unit, Snapshot<string>>
                            {
                                MutationFn = (id, ct) => Task.FromResult(Unit.Value),
                                OnMutate = id =>
                                {
                    #pragma warning disable OPT001 // read before the cancel on purpose: this page never refetches
                                    var previous = Client.GetQueryData<string>(TodosKey);
                    #pragma warning restore OPT001
                                    Client.SetQueryData(TodosKey, "x");
                                    return new Snapshot<string>(previous);
                                },
                                OnError = (error, id, context) => Client.SetQueryData(TodosKey, context?.Previous),
                                OnSettledAsync = (data, error, id, context) => Client.InvalidateQueriesAsync(TodosKey),
                            });
                    }
                    """),
            },
        }.RunAsync();

    [Fact]
    public Task SuppressMessage_on_the_component_suppresses() =>
        new RazorAnalyzerTest<CancelBeforeOptimisticWriteAnalyzer>
        {
            RazorSources =
            {
                ("Pages/Todos.razor", """
                    @page "/todos"
                    @attribute [System.Diagnostics.CodeAnalysis.SuppressMessage("Optimistic.Query.Usage", "OPT001", Justification = "This page never refetches")]
                    @inject QueryClient Client

                    @code {
                        private static readonly QueryKey TodosKey = QueryKey.Create("todos");

                        private Mutation<int, Unit, Snapshot<string>> Toggle() =>
                            Client.CreateMutation(new MutationOptions<int, Unit, Snapshot<string>>
                            {
                                MutationFn = (id, ct) => Task.FromResult(Unit.Value),
                                OnMutate = id =>
                                {
                                    var previous = Client.GetQueryData<string>(TodosKey);
                                    Client.SetQueryData(TodosKey, "x");
                                    return new Snapshot<string>(previous);
                                },
                                OnError = (error, id, context) => Client.SetQueryData(TodosKey, context?.Previous),
                                OnSettledAsync = (data, error, id, context) => Client.InvalidateQueriesAsync(TodosKey),
                            });
                    }
                    """),
            },
        }.RunAsync();

    [Theory]
    [InlineData("[*.razor]")]
    [InlineData("[*.{cs,razor}]")]
    public Task Rule_options_are_read_from_the_razor_file_sections(string section) =>
        new RazorAnalyzerTest<OptimisticCreateOrDeleteAnalyzer>
        {
            EditorConfig = section + "\noptimistic_query.OPT005.create_verbs = Toggle\n",
            RazorSources =
            {
                ("Pages/Todos.razor", """
                    @page "/todos"
                    @using Consumer
                    @inject QueryClient Client
                    @inject ITodoApi Api

                    @code {
                        private static readonly QueryKey TodosKey = QueryKey.Create("todos");

                        private Mutation<int, Unit, Snapshot<string>> Toggle() =>
                            Client.CreateMutation(new MutationOptions<int, Unit, Snapshot<string>>
                            {
                                {|OPT005:MutationFn|} = (id, ct) => Api.ToggleAsync(id, ct),
                                OnMutateAsync = async id =>
                                {
                                    await Client.CancelQueriesAsync(TodosKey);
                                    var previous = Client.GetQueryData<string>(TodosKey);
                                    Client.SetQueryData(TodosKey, "x");
                                    return new Snapshot<string>(previous);
                                },
                                OnError = (error, id, context) => Client.SetQueryData(TodosKey, context?.Previous),
                                OnSettledAsync = (data, error, id, context) => Client.InvalidateQueriesAsync(TodosKey),
                            });
                    }
                    """),
            },
        }.RunAsync();
}
