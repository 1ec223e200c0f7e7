using Optimistic.Query.Analyzers.Tests.Verification;
using Optimistic.Query.Analyzers.Tests.VerifierTests.Toys;

namespace Optimistic.Query.Analyzers.Tests.VerifierTests;

public class AnalyzerFailureTests
{
    [Fact]
    public async Task A_throwing_analyzer_fails_with_the_exception_text()
    {
        var exception = await Assert.ThrowsAsync<VerificationException>(() =>
            CSharpAnalyzerVerifier<ThrowingAnalyzer>.VerifyAnalyzerAsync("public class C { public int badA; }"));

        Assert.Contains("AD0001", exception.Message, StringComparison.Ordinal);
        Assert.Contains("toy analyzer exploded", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_generated_code_check_catches_an_analyzer_reporting_in_generated_code()
    {
        const string Source = "public class C { public int [|badA|]; }";
        var exception = await Assert.ThrowsAsync<VerificationException>(() =>
            CSharpAnalyzerVerifier<GeneratedCodeReportingAnalyzer>.VerifyAnalyzerAsync(Source));
        Assert.Contains("Generated code check", exception.Message, StringComparison.Ordinal);
        Assert.Contains("TOY001 /0/Test0.cs(2,29)-(2,33)", exception.Message, StringComparison.Ordinal);

        await new AnalyzerTest<GeneratedCodeReportingAnalyzer> { TestCode = Source, SkipGeneratedCodeCheck = true }.RunAsync();
        await CSharpAnalyzerVerifier<BadFieldAnalyzer>.VerifyAnalyzerAsync(Source);
    }

    [Fact]
    public async Task AnalyzerRunner_returns_diagnostics_even_for_broken_code_and_throws_on_analyzer_exceptions()
    {
        var diagnostics = await AnalyzerRunner.RunAsync(new Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer[] { new BadFieldAnalyzer() }, "public class C { public int badA, good; int badB");
        Assert.Equal(new[] { "badA", "badB" }, diagnostics.Select(d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan)));

        var exception = await Assert.ThrowsAsync<VerificationException>(() =>
            AnalyzerRunner.RunAsync(new Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer[] { new ThrowingAnalyzer() }, "public class C { public int x; }"));
        Assert.Contains("toy analyzer exploded", exception.Message, StringComparison.Ordinal);
    }
}
