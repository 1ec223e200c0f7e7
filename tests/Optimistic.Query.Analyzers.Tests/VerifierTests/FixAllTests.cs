using Optimistic.Query.Analyzers.Tests.Verification;
using Optimistic.Query.Analyzers.Tests.VerifierTests.Toys;

namespace Optimistic.Query.Analyzers.Tests.VerifierTests;

public class FixAllTests
{
    private static CodeFixTest<BadFieldAnalyzer, TFixer> TwoDocuments<TFixer>()
        where TFixer : Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider, new() =>
        new()
        {
            TestCode = "public class C { public int [|badA|], [|badB|]; }",
            AdditionalSources = { ("Test1.cs", "public class D { public int [|badC|]; public int [|badD|]; }") },
            FixedCode = "public class C { public int goodA, goodB; }",
            FixedAdditionalSources = { ("Test1.cs", "public class D { public int goodC; public int goodD; }") },
        };

    [Fact]
    public Task FixAll_fixes_two_documents_in_document_project_and_solution_scope() =>
        TwoDocuments<BadFieldFixer>().RunAsync();

    [Fact]
    public async Task A_wrong_batch_fixed_code_fails_naming_the_scope()
    {
        var test = TwoDocuments<BadFieldFixer>();
        test.BatchFixedCode = "public class C { public int goodA, fineB; }";

        var exception = await Assert.ThrowsAsync<VerificationException>(() => test.RunAsync());
        Assert.Contains("after the FixAll in Document scope differs", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_fix_all_provider_fails_naming_the_scope()
    {
        var exception = await Assert.ThrowsAsync<VerificationException>(() => TwoDocuments<BrokenProjectFixAllFixer>().RunAsync());
        Assert.Contains("FixAll in Project scope", exception.Message, StringComparison.Ordinal);

        var skipped = TwoDocuments<BrokenProjectFixAllFixer>();
        skipped.SkipFixAll = true;
        await skipped.RunAsync();
    }

    [Fact]
    public async Task FixAll_uses_the_chosen_equivalence_key()
    {
        var test = TwoDocuments<BadFieldFixer>();
        test.CodeActionEquivalenceKey = BadFieldFixer.ToFine;
        test.FixedCode = "public class C { public int fineA, fineB; }";
        test.FixedAdditionalSources.Clear();
        test.FixedAdditionalSources.Add(("Test1.cs", "public class D { public int fineC; public int fineD; }"));
        await test.RunAsync();
    }
}
