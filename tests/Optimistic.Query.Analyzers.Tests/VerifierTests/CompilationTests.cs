using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Optimistic.Query.Analyzers.Tests.Verification;
using Optimistic.Query.Analyzers.Tests.VerifierTests.Toys;
using Verify = Optimistic.Query.Analyzers.Tests.Verification.CSharpAnalyzerVerifier<Optimistic.Query.Analyzers.Tests.VerifierTests.Toys.BadFieldAnalyzer>;

namespace Optimistic.Query.Analyzers.Tests.VerifierTests;

public class CompilationTests
{
    [Fact]
    public async Task An_unexpected_compiler_error_fails_with_its_line()
    {
        var exception = await Assert.ThrowsAsync<VerificationException>(() =>
            Verify.VerifyAnalyzerAsync("public class C { public int [|badA|] }"));

        Assert.Contains("error CS1002", exception.Message, StringComparison.Ordinal);
        Assert.Contains("/0/Test0.cs(1,", exception.Message, StringComparison.Ordinal);
        Assert.Contains("public class C { public int badA }", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public Task An_allowed_compiler_error_passes() =>
        new AnalyzerTest<BadFieldAnalyzer>
        {
            TestCode = "public class C { public int [|badA|] }",
            AllowedCompilerDiagnostics = { "CS1002" },
        }.RunAsync();

    [Fact]
    public Task An_expected_compiler_error_is_compared_like_a_diagnostic() =>
        Verify.VerifyAnalyzerAsync(
            "public class C { public int [|badA|] }",
            DiagnosticResult.CompilerError("CS1002").WithSpan(1, 34, 1, 35).WithMessage("; expected"));

    [Fact]
    public async Task A_compiler_warning_fails_too()
    {
        var exception = await Assert.ThrowsAsync<VerificationException>(() =>
            Verify.VerifyAnalyzerAsync("public class C { private int [|badA|]; }"));

        Assert.Contains("warning CS0169", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nullable_is_enabled()
    {
        var exception = await Assert.ThrowsAsync<VerificationException>(() =>
            Verify.VerifyAnalyzerAsync("public class C { public string S = null; }"));

        Assert.Contains("CS8625", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CSharp9_rejects_a_file_scoped_namespace()
    {
        const string Source = """
            namespace N;
            public class C { public int [|badA|]; }
            """;
        await new AnalyzerTest<BadFieldAnalyzer> { TestCode = Source, LanguageVersion = LanguageVersion.CSharp10 }.RunAsync();

        var exception = await Assert.ThrowsAsync<VerificationException>(() =>
            new AnalyzerTest<BadFieldAnalyzer> { TestCode = Source, LanguageVersion = LanguageVersion.CSharp9 }.RunAsync());
        Assert.Contains("error CS8773", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_runtime_is_referenced_unless_turned_off()
    {
        const string Source = "public class C { public Optimistic.Query.QueryClient? Client; public int [|badA|]; }";
        await Verify.VerifyAnalyzerAsync(Source);

        var exception = await Assert.ThrowsAsync<VerificationException>(() =>
            new AnalyzerTest<BadFieldAnalyzer> { TestCode = Source, ReferenceRuntime = false }.RunAsync());
        Assert.Contains("error CS0246: The type or namespace name 'Optimistic'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public Task Additional_references_are_added() =>
        new AnalyzerTest<BadFieldAnalyzer>
        {
            TestCode = "public class C { public Xunit.FactAttribute? F; public int [|badA|]; }",
            AdditionalReferences = { MetadataReference.CreateFromFile(typeof(FactAttribute).Assembly.Location) },
        }.RunAsync();

    [Fact]
    public Task Framework_references_cover_common_apis() =>
        Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            public class C
            {
                public int [|badA|];
                public async Task<int> M(CancellationToken ct) { await Task.Delay(1, ct); return new List<int> { 1 }.Sum() + Environment.ProcessorCount; }
            }
            """);
}
