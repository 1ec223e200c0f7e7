using Microsoft.CodeAnalysis.CSharp;
using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Optimistic.Query.CodeFixes;
using Verify = Optimistic.Query.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    Optimistic.Query.Analyzers.Rules.PersistedCacheMaxAgeAnalyzer,
    Optimistic.Query.CodeFixes.BoundMaxAgeCodeFixProvider>;

namespace Optimistic.Query.Analyzers.Tests.Fixes;

public class OPT011FixTests
{
    private static string Options(string maxAge) =>
        OPT011Tests.Source("        return new QueryPersister(client, new QueryPersisterOptions { Buster = \"v1\", MaxAge = " + maxAge + " });");

    [Theory]
    [InlineData("null")]
    [InlineData("TimeSpan.MaxValue")]
    [InlineData("Timeout.InfiniteTimeSpan")]
    [InlineData("TimeSpan.FromDays(30)")]
    [InlineData("(TimeSpan?)null")]
    public Task The_value_becomes_24_hours(string value) =>
        Verify.VerifyCodeFixAsync(Options("[|" + value + "|]"), Options("TimeSpan.FromHours(24)"));

    [Fact]
    public Task Without_using_System_the_type_is_qualified() =>
        Verify.VerifyCodeFixAsync(
            @"using Optimistic.Query;
using Optimistic.Query.Persistence;

public static class App
{
    public static QueryPersisterOptions Options() => new QueryPersisterOptions { MaxAge = [|System.TimeSpan.MaxValue|] };
}
",
            @"using Optimistic.Query;
using Optimistic.Query.Persistence;

public static class App
{
    public static QueryPersisterOptions Options() => new QueryPersisterOptions { MaxAge = System.TimeSpan.FromHours(24) };
}
");

    [Fact]
    public Task FixAll_fixes_every_value() =>
        Verify.VerifyCodeFixAsync(
            OPT011Tests.Source(@"        var a = new QueryPersisterOptions { MaxAge = [|null|] };
        var b = new QueryPersisterOptions
        {
            MaxAge = [|TimeSpan.FromDays(90)|], // keep a quarter
        };
        return new QueryPersister(client, new QueryPersisterOptions { MaxAge = [|Timeout.InfiniteTimeSpan|] });"),
            OPT011Tests.Source(@"        var a = new QueryPersisterOptions { MaxAge = TimeSpan.FromHours(24) };
        var b = new QueryPersisterOptions
        {
            MaxAge = TimeSpan.FromHours(24), // keep a quarter
        };
        return new QueryPersister(client, new QueryPersisterOptions { MaxAge = TimeSpan.FromHours(24) });"));

    [Fact]
    public Task CSharp9_fix_compiles() =>
        new CSharpCodeFixVerifier<PersistedCacheMaxAgeAnalyzer, BoundMaxAgeCodeFixProvider>.Test
        {
            TestCode = OPT011Tests.Source("        QueryPersisterOptions options = new() { MaxAge = [|null|] };\n        return new QueryPersister(client, options);"),
            FixedCode = OPT011Tests.Source("        QueryPersisterOptions options = new() { MaxAge = TimeSpan.FromHours(24) };\n        return new QueryPersister(client, options);"),
            LanguageVersion = LanguageVersion.CSharp9,
        }.RunAsync();
}
