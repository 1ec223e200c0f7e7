using Microsoft.CodeAnalysis;
using Optimistic.Query.Analyzers.Tests.Verification;
using Optimistic.Query.Analyzers.Tests.VerifierTests.Toys;

namespace Optimistic.Query.Analyzers.Tests.VerifierTests;

public class OptionsTests
{
    [Fact]
    public async Task Editorconfig_severity_none_suppresses()
    {
        const string Source = "public class C { public int badA; }";
        await new AnalyzerTest<BadFieldAnalyzer>
        {
            TestCode = Source,
            EditorConfig = "[*.cs]\ndotnet_diagnostic.TOY001.severity = none\n",
        }.RunAsync();

        await Assert.ThrowsAsync<VerificationException>(() => new AnalyzerTest<BadFieldAnalyzer> { TestCode = Source }.RunAsync());
    }

    [Fact]
    public async Task Editorconfig_severity_is_the_effective_severity_compared()
    {
        var test = new AnalyzerTest<BadFieldAnalyzer>
        {
            TestCode = "public class C { public int {|#0:badA|}; }",
            EditorConfig = "[*.cs]\ndotnet_diagnostic.TOY001.severity = error",
            ExpectedDiagnostics = { DiagnosticResult.Diagnostic("TOY001").WithLocation(0).WithSeverity(DiagnosticSeverity.Error) },
        };
        await test.RunAsync();

        test.EditorConfig = null;
        await Assert.ThrowsAsync<VerificationException>(() => test.RunAsync());
    }

    [Fact]
    public async Task A_custom_editorconfig_key_reaches_the_analyzer()
    {
        await new AnalyzerTest<BadFieldAnalyzer>
        {
            TestCode = "public class C { public int badA; public int [|worseB|]; }",
            EditorConfig = "[*.cs]\ntoy_prefix = worse",
        }.RunAsync();
    }

    [Fact]
    public async Task Editorconfig_sections_apply_per_file()
    {
        await new AnalyzerTest<BadFieldAnalyzer>
        {
            TestCode = "public class C { public int [|badA|]; }",
            AdditionalSources = { ("Other.cs", "public class D { public int badB; }") },
            EditorConfig = "[Other.cs]\ndotnet_diagnostic.TOY001.severity = none",
        }.RunAsync();
    }

    [Fact]
    public async Task A_global_config_key_reaches_the_analyzer()
    {
        await new AnalyzerTest<BadFieldAnalyzer>
        {
            TestCode = "public class C { public int badA; public int [|worseB|]; }",
            GlobalConfig = "toy_prefix = worse",
        }.RunAsync();
    }
}
