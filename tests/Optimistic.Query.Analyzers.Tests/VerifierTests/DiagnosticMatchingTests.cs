using Microsoft.CodeAnalysis;
using Optimistic.Query.Analyzers.Tests.Verification;
using Optimistic.Query.Analyzers.Tests.VerifierTests.Toys;
using Verify = Optimistic.Query.Analyzers.Tests.Verification.CSharpAnalyzerVerifier<Optimistic.Query.Analyzers.Tests.VerifierTests.Toys.BadFieldAnalyzer>;

namespace Optimistic.Query.Analyzers.Tests.VerifierTests;

public class DiagnosticMatchingTests
{
    private const string TwoBadFields = """
        public class C
        {
            public int badA;
            public int goodB;
            public int badC;
        }
        """;

    [Fact]
    public Task Square_markup_expects_the_single_supported_id() =>
        Verify.VerifyAnalyzerAsync("""
            public class C
            {
                public int [|badA|];
                public int goodB;
                public int {|TOY001:badC|};
            }
            """);

    [Fact]
    public Task WithSpan_WithArguments_WithMessage_and_WithSeverity_match() =>
        Verify.VerifyAnalyzerAsync(
            TwoBadFields,
            Verify.Diagnostic().WithSpan(3, 16, 3, 20).WithArguments("badA").WithSeverity(DiagnosticSeverity.Warning),
            Verify.Diagnostic(BadFieldAnalyzerBase.Id).WithSpan("Test0.cs", 5, 16, 5, 20).WithMessage("Field 'badC' has a bad name"));

    [Fact]
    public Task WithLocation_resolves_nested_location_markers() =>
        Verify.VerifyAnalyzerAsync(
            """
            public class C
            {
                {|#0:public int {|#1:badA|};|}
                public int {|#2:[|badC|]|};
            }
            """,
            Verify.Diagnostic().WithLocation(1).WithArguments("badA"));

    [Fact]
    public async Task A_missing_diagnostic_fails()
    {
        var exception = await Assert.ThrowsAsync<VerificationException>(() => Verify.VerifyAnalyzerAsync(TwoBadFields, Verify.Diagnostic().WithSpan(3, 16, 3, 20)));

        Assert.Contains("Unexpected (reported, not expected)", exception.Message, StringComparison.Ordinal);
        Assert.Contains("TOY001 /0/Test0.cs(5,16)-(5,20)", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Missing", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_extra_expected_diagnostic_fails()
    {
        var exception = await Assert.ThrowsAsync<VerificationException>(() => Verify.VerifyAnalyzerAsync("""
            public class C
            {
                public int [|badA|];
                public int [|goodB|];
                public int [|badC|];
            }
            """));

        Assert.Contains("Missing (expected, not reported)", exception.Message, StringComparison.Ordinal);
        Assert.Contains("TOY001 /0/Test0.cs(4,16)-(4,21)", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mislocated_diagnostic_fails_listing_both_sides()
    {
        var exception = await Assert.ThrowsAsync<VerificationException>(() => Verify.VerifyAnalyzerAsync("""
            public class C
            {
                public [|int badA|];
                public int [|badC|];
            }
            """));

        Assert.Contains("- TOY001 /0/Test0.cs(3,12)-(3,20)", exception.Message, StringComparison.Ordinal);
        Assert.Contains("+ TOY001 /0/Test0.cs(3,16)-(3,20)", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_arguments_message_or_severity_fail()
    {
        const string Source = "public class C { public int badA; }";
        var span = Verify.Diagnostic().WithSpan(1, 29, 1, 33);

        await Verify.VerifyAnalyzerAsync(Source, span);
        await Assert.ThrowsAsync<VerificationException>(() => Verify.VerifyAnalyzerAsync(Source, span.WithArguments("badB")));
        await Assert.ThrowsAsync<VerificationException>(() => Verify.VerifyAnalyzerAsync(Source, span.WithMessage("Field 'badA' is bad")));
        await Assert.ThrowsAsync<VerificationException>(() => Verify.VerifyAnalyzerAsync(Source, span.WithSeverity(DiagnosticSeverity.Error)));
    }

    [Fact]
    public async Task Square_markup_is_ambiguous_when_the_analyzer_supports_several_ids()
    {
        var exception = await Assert.ThrowsAsync<VerificationException>(() =>
            CSharpAnalyzerVerifier<TwoRuleAnalyzer>.VerifyAnalyzerAsync("public class C { public int [|badA|]; }"));
        Assert.Contains("ambiguous", exception.Message, StringComparison.Ordinal);

        await CSharpAnalyzerVerifier<TwoRuleAnalyzer>.VerifyAnalyzerAsync("public class C { public int {|TOY001:badA|}, {|TOY002:worseB|}; }");
        Assert.Throws<VerificationException>(() => CSharpAnalyzerVerifier<TwoRuleAnalyzer>.Diagnostic());
    }

    [Fact]
    public async Task Additional_sources_carry_markup_and_named_spans()
    {
        var test = new AnalyzerTest<BadFieldAnalyzer>
        {
            TestCode = "public class C { public int [|badA|]; }",
            AdditionalSources = { ("Test1.cs", "public class D { public int {|#0:badB|}; }"), ("Other.cs", "public class E { public int badE; }") },
            ExpectedDiagnostics =
            {
                Verify.Diagnostic().WithLocation(0).WithArguments("badB"),
                Verify.Diagnostic().WithSpan("Other.cs", 1, 29, 1, 33),
            },
        };
        await test.RunAsync();

        test.ExpectedDiagnostics.RemoveAt(1);
        var exception = await Assert.ThrowsAsync<VerificationException>(() => test.RunAsync());
        Assert.Contains("+ TOY001 /0/Other.cs(1,29)-(1,33)", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithLocation_without_its_marker_fails()
    {
        var exception = await Assert.ThrowsAsync<VerificationException>(() =>
            Verify.VerifyAnalyzerAsync("public class C { public int badA; }", Verify.Diagnostic().WithLocation(3)));
        Assert.Contains("no {|#3:…|} marker", exception.Message, StringComparison.Ordinal);
    }
}
