using Optimistic.Query.Analyzers.Tests.Verification;
using Optimistic.Query.Analyzers.Tests.VerifierTests.Toys;
using Verify = Optimistic.Query.Analyzers.Tests.Verification.CSharpCodeFixVerifier<
    Optimistic.Query.Analyzers.Tests.VerifierTests.Toys.BadFieldAnalyzer,
    Optimistic.Query.Analyzers.Tests.VerifierTests.Toys.BadFieldFixer>;

namespace Optimistic.Query.Analyzers.Tests.VerifierTests;

public class CodeFixTests
{
    private const string Source = """
        public class C
        {
            public int [|badA|];
            public int [|badB|], goodC;
        }
        """;

    private const string Fixed = """
        public class C
        {
            public int goodA;
            public int goodB, goodC;
        }
        """;

    [Fact]
    public Task The_fix_is_applied_until_no_diagnostic_is_left() => Verify.VerifyCodeFixAsync(Source, Fixed);

    [Fact]
    public Task Explicit_expected_diagnostics_work_with_the_fix() =>
        Verify.VerifyCodeFixAsync(
            "public class C { public int badA; }",
            new[] { Verify.Diagnostic().WithSpan(1, 29, 1, 33).WithArguments("badA") },
            "public class C { public int goodA; }");

    [Fact]
    public async Task A_wrong_fixed_code_fails_with_a_diff()
    {
        var exception = await Assert.ThrowsAsync<VerificationException>(() =>
            Verify.VerifyCodeFixAsync(Source, Fixed.Replace("goodB,", "fineB,", StringComparison.Ordinal)));

        Assert.Contains("/0/Test0.cs after the iterative code fix differs", exception.Message, StringComparison.Ordinal);
        Assert.Contains("-    public int fineB, goodC;", exception.Message, StringComparison.Ordinal);
        Assert.Contains("+    public int goodB, goodC;", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Whitespace_differences_fail_but_line_endings_do_not()
    {
        await Verify.VerifyCodeFixAsync(Source, Fixed.Replace("\n", "\r\n", StringComparison.Ordinal));

        var exception = await Assert.ThrowsAsync<VerificationException>(() => Verify.VerifyCodeFixAsync(Source, Fixed + "\n"));
        Assert.Contains("differ only in whitespace", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_action_is_chosen_by_equivalence_key_or_index()
    {
        var fine = Fixed.Replace("goodA", "fineA", StringComparison.Ordinal).Replace("goodB", "fineB", StringComparison.Ordinal);
        await new CodeFixTest<BadFieldAnalyzer, BadFieldFixer> { TestCode = Source, FixedCode = fine, CodeActionEquivalenceKey = BadFieldFixer.ToFine }.RunAsync();
        await new CodeFixTest<BadFieldAnalyzer, BadFieldFixer> { TestCode = Source, FixedCode = fine, CodeActionIndex = 1 }.RunAsync();

        var exception = await Assert.ThrowsAsync<VerificationException>(() =>
            new CodeFixTest<BadFieldAnalyzer, BadFieldFixer> { TestCode = Source, FixedCode = fine, CodeActionEquivalenceKey = "Nope" }.RunAsync());
        Assert.Contains("no code action matched CodeActionEquivalenceKey \"Nope\"", exception.Message, StringComparison.Ordinal);
        Assert.Contains("\"Rename to fine\" (key: ToFine)", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diagnostics_left_after_the_fix_must_be_expected()
    {
        const string WithKeep = "public class C { public int [|badA|]; public int [|badKeep|]; }";
        await Verify.VerifyCodeFixAsync(WithKeep, "public class C { public int goodA; public int [|badKeep|]; }");
        await new CodeFixTest<BadFieldAnalyzer, BadFieldFixer>
        {
            TestCode = WithKeep,
            FixedCode = "public class C { public int goodA; public int badKeep; }",
            FixedExpectedDiagnostics = { Verify.Diagnostic().WithSpan(1, 47, 1, 54) },
        }.RunAsync();

        var exception = await Assert.ThrowsAsync<VerificationException>(() =>
            Verify.VerifyCodeFixAsync(WithKeep, "public class C { public int goodA; public int badKeep; }"));
        Assert.Contains("code after the iterative code fix", exception.Message, StringComparison.Ordinal);
        Assert.Contains("+ TOY001 /0/Test0.cs(1,47)-(1,54)", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fixed_additional_sources_are_compared_and_others_must_stay_unchanged()
    {
        var test = new CodeFixTest<BadFieldAnalyzer, BadFieldFixer>
        {
            TestCode = "public class C { public int [|badA|]; }",
            AdditionalSources = { ("Test1.cs", "public class D { public int [|badB|]; }") },
            FixedCode = "public class C { public int goodA; }",
            FixedAdditionalSources = { ("Test1.cs", "public class D { public int goodB; }") },
        };
        await test.RunAsync();

        test.FixedAdditionalSources.Clear();
        var exception = await Assert.ThrowsAsync<VerificationException>(() => test.RunAsync());
        Assert.Contains("/0/Test1.cs after the iterative code fix differs", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_fixed_code_must_compile()
    {
        // The fix renames the field but not its use: the fixed code does not compile.
        var exception = await Assert.ThrowsAsync<VerificationException>(() => Verify.VerifyCodeFixAsync(
            "public class C { public int [|badA|]; public int M() => badA; }",
            "public class C { public int goodA; public int M() => badA; }"));

        Assert.Contains("code after the iterative code fix does not compile cleanly", exception.Message, StringComparison.Ordinal);
        Assert.Contains("CS0103", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fix_verification_still_verifies_the_analyzer_first()
    {
        var exception = await Assert.ThrowsAsync<VerificationException>(() =>
            Verify.VerifyCodeFixAsync("public class C { public int badA; }", "public class C { public int goodA; }"));

        Assert.Contains("(test source)", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fix_that_offers_nothing_says_so()
    {
        var exception = await Assert.ThrowsAsync<VerificationException>(() =>
            Verify.VerifyCodeFixAsync("public class C { public int [|badKeep|]; }", "public class C { public int goodKeep; }"));

        Assert.Contains("no code action was applied", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public Task Fixed_code_equal_to_the_source_verifies_that_nothing_is_offered() =>
        Verify.VerifyCodeFixAsync("public class C { public int [|badKeep|]; }", "public class C { public int [|badKeep|]; }");
}
