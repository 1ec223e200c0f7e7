using Microsoft.CodeAnalysis.Testing;
using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.ThirdParty;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Verify = Optimistic.Query.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Optimistic.Query.Analyzers.Rules.InvalidApiMapEntryAnalyzer>;

namespace Optimistic.Query.Analyzers.Tests.Rules;

/// <summary>
/// OPT013: entries of the third-party API map that the analyzers ignore are reported, one diagnostic each, without a location
/// (the global config is not a source file). The stand-in library is <see cref="StandIn"/>.
/// </summary>
public class OPT013Tests
{
    private const string P = "optimistic_query.api.";

    private static Task VerifyAsync(string globalConfig, bool withLibrary, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test
        {
            // Without the library the app would not compile: a project that does not use it at all.
            TestCode = withLibrary ? StandIn.Canonical() : "class NoLibraryHere { }",
            GlobalConfig = globalConfig,
            ReferenceRuntime = false,
            // The diagnostic is about the config, not a source: marking the sources generated does not change it.
            SkipGeneratedCodeRerun = true,
        };
        if (withLibrary) test.TestState.Sources.Add(("/0/RabstackQuery.cs", StandIn.Library));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Entry(string key, string entry, string reason) =>
        Verify.Diagnostic("OPT013").WithArguments(P + key, entry, reason);

    [Fact]
    public Task The_documented_map_is_silent() => VerifyAsync(StandIn.GlobalConfig, withLibrary: true);

    [Fact]
    public Task Without_a_map_nothing_is_reported() =>
        Verify.VerifyAnalyzerAsync(RuleSources.Canonical);

    [Fact]
    public Task Each_name_that_resolves_to_nothing_is_reported_and_the_valid_names_beside_it_are_not() =>
        VerifyAsync(
            StandIn.GlobalConfig
                .Replace(P + "cancel = RabstackQuery.QueryClient.CancelQueries", P + "cancel = Rabstack.QueryClient.CancelQueries, RabstackQuery.QueryClient.CancelQueries", StringComparison.Ordinal)
                .Replace(P + "read = M:RabstackQuery.QueryClient.GetQueryData``1(System.Object[])", P + "read = M:RabstackQuery.QueryClient.GetQueryData``1(System.Int32)", StringComparison.Ordinal)
                .Replace(P + "mutation_options = RabstackQuery.MutationOptions`2", P + "mutation_options = RabstackQuery.MutationOptions`2, RabstackQuery.MutationOptions`3", StringComparison.Ordinal)
                .Replace(P + "key_factory = RabstackQuery.QueryKeys.Of", P + "key_factory = RabstackQuery.QueryKeys.Off", StringComparison.Ordinal)
                .Replace(P + "mutation_invalidates.settled = RabstackQuery.QueryClient.UsePluginMutation", P + "mutation_invalidates.settled = RabstackQuery.QueryClient.UsePlugin", StringComparison.Ordinal)
                .Replace(P + "callback.error = OnError", P + "callback.error = OnEror, OnError", StringComparison.Ordinal)
                .Replace(P + "mutation_kind = Op", P + "mutation_kind = Kind", StringComparison.Ordinal),
            withLibrary: true,
            Entry("cancel", "Rabstack.QueryClient.CancelQueries", "names no method of this compilation"),
            Entry("read", "M:RabstackQuery.QueryClient.GetQueryData``1(System.Int32)", "names no method of this compilation"),
            Entry("mutation_options", "RabstackQuery.MutationOptions`3", "names no type of this compilation"),
            Entry("key_factory", "RabstackQuery.QueryKeys.Off", "names no method of this compilation"),
            Entry("mutation_invalidates.settled", "RabstackQuery.QueryClient.UsePlugin", "names no method of this compilation"),
            Entry("callback.error", "OnEror", "names no property of the mapped options types"),
            Entry("mutation_kind", "Kind", "names no property of the mapped options types"));

    [Fact]
    public Task Unknown_keys_and_malformed_values_are_reported() =>
        VerifyAsync(
            StandIn.GlobalConfig + P + "cancell = RabstackQuery.QueryClient.CancelQueries\n"
                                 + P + "callback.settled = OnSettledAsync, On Settled\n"
                                 + P + "mutation_kind = Op, Kind\n"
                                 + P + "key_parameter.RabstackQuery.QueryClient.SetQueryData = 0, 1\n",
            withLibrary: true,
            Entry("cancell", "RabstackQuery.QueryClient.CancelQueries", "is not a key of the map"),
            Entry("callback.settled", "On Settled", "is not a property name"),
            Entry("mutation_kind", "Kind", "is one too many: the key takes one property name"),
            Entry("key_parameter.rabstackquery.queryclient.setquerydata", "0, 1", "takes one parameter name or 0-based index"));

    [Fact]
    public Task Key_parameters_that_no_mapped_method_has_are_reported() =>
        VerifyAsync(
            StandIn.GlobalConfig.Replace(P + "key_parameter = queryKey", P + "key_parameter = queryKey, key, 7", StringComparison.Ordinal)
                + P + "key_parameter.RabstackQuery.QueryClient.SetQueryData = target\n"
                + P + "key_parameter.RabstackQuery.QueryClient.FetchQuery = 0\n",
            withLibrary: true,
            Entry("key_parameter", "key", "names no parameter of a mapped method"),
            Entry("key_parameter", "7", "names no parameter of a mapped method"),
            Entry("key_parameter.rabstackquery.queryclient.setquerydata", "target", "names no parameter of that method"),
            Entry("key_parameter.rabstackquery.queryclient.fetchquery", "0", "is set for no mapped method"));

    [Fact]
    public Task In_a_project_without_the_library_only_unknown_keys_and_malformed_values_are_reported() =>
        VerifyAsync(
            StandIn.GlobalConfig + P + "cancell = RabstackQuery.QueryClient.CancelQueries\n",
            withLibrary: false,
            Entry("cancell", "RabstackQuery.QueryClient.CancelQueries", "is not a key of the map"));
}
