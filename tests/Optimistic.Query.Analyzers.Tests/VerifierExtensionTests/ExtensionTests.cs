using Optimistic.Query.Analyzers.Tests.Fuzz;
using Optimistic.Query.Analyzers.Tests.Verifiers;

namespace Optimistic.Query.Analyzers.Tests.VerifierExtensionTests;

/// <summary>Our two additions to Microsoft.CodeAnalysis.Testing can fail, and pass where they should.</summary>
public class ExtensionTests
{
    private const string Source = "public class [|Widget|] { }";

    [Fact]
    public async Task Generated_code_rerun_fails_when_the_analyzer_reports_in_generated_code()
    {
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new CSharpAnalyzerVerifier<ClassNameInGeneratedCodeToyAnalyzer>.Test { TestCode = Source }.RunAsync());
        Assert.Contains("Generated code check", exception.Message, StringComparison.Ordinal);
        Assert.Contains("TOY001", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public Task Generated_code_rerun_passes_when_the_analyzer_skips_generated_code() =>
        CSharpAnalyzerVerifier<ClassNameToyAnalyzer>.VerifyAnalyzerAsync(Source);

    [Fact]
    public Task Generated_code_rerun_can_be_skipped_where_reporting_there_is_intended() =>
        new CSharpAnalyzerVerifier<ClassNameInGeneratedCodeToyAnalyzer>.Test { TestCode = Source, SkipGeneratedCodeRerun = true }.RunAsync();

    [Fact]
    public async Task Raw_run_tolerates_compiler_errors_and_returns_the_analyzers_diagnostics()
    {
        var diagnostics = await AnalyzerRunner.RunAsync(
            new Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer[] { new ThrowingToyAnalyzer() },
            "class C { void M() { " + ThrowingToyAnalyzer.Fixable + "( } ");
        var diagnostic = Assert.Single(diagnostics, d => d.Id == "FUZZTOY");
        Assert.Equal(TestOptions.MainPath, diagnostic.Location.SourceTree!.FilePath);
    }

    [Fact]
    public async Task Raw_run_fails_when_an_analyzer_throws()
    {
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => AnalyzerRunner.RunAsync(
            new Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer[] { new ThrowingToyAnalyzer() },
            "class C { void M() { " + ThrowingToyAnalyzer.Trigger + "(); } }"));
        Assert.Contains("AD0001", exception.Message, StringComparison.Ordinal);
        Assert.Contains("toy analyzer: " + ThrowingToyAnalyzer.Trigger, exception.Message, StringComparison.Ordinal);
    }
}
