using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Verify = Optimistic.Query.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Optimistic.Query.Analyzers.Rules.PersistedCacheMaxAgeAnalyzer>;

namespace Optimistic.Query.Analyzers.Tests.Rules;

public class OPT011Tests
{
    /// <summary>A persister set up in a class; <paramref name="body"/> goes inside <c>Setup</c>.</summary>
    internal static string Source(string body, string members = "") => @"using System;
using System.Threading;
using Optimistic.Query;
using Optimistic.Query.Persistence;

public sealed class App
{
    private readonly QueryClient client = new QueryClient();
" + members + @"
    public QueryPersister Setup(TimeSpan configured)
    {
" + body + @"
    }
}
";

    private static string Options(string maxAge) => "        return new QueryPersister(client, new QueryPersisterOptions { MaxAge = " + maxAge + " });";

    [Theory]
    [InlineData("null", "'null' disables expiry")]
    [InlineData("TimeSpan.MaxValue", "'TimeSpan.MaxValue' disables expiry")]
    [InlineData("Timeout.InfiniteTimeSpan", "'Timeout.InfiniteTimeSpan' disables expiry")]
    [InlineData("System.Threading.Timeout.InfiniteTimeSpan", "'System.Threading.Timeout.InfiniteTimeSpan' disables expiry")]
    [InlineData("(TimeSpan?)null", "'(TimeSpan?)null' disables expiry")]
    [InlineData("default(TimeSpan?)", "'default(TimeSpan?)' disables expiry")]
    [InlineData("TimeSpan.FromDays(30)", "'TimeSpan.FromDays(30)' (30 days) exceeds the ceiling of 7 days")]
    [InlineData("TimeSpan.FromDays(7.5)", "'TimeSpan.FromDays(7.5)' (7.12:00:00) exceeds the ceiling of 7 days")]
    [InlineData("TimeSpan.FromHours(24 * 8)", "'TimeSpan.FromHours(24 * 8)' (8 days) exceeds the ceiling of 7 days")]
    [InlineData("TimeSpan.FromMinutes(1e7)", "'TimeSpan.FromMinutes(1e7)' (6944.10:40:00) exceeds the ceiling of 7 days")]
    [InlineData("new TimeSpan(8, 0, 0, 0)", "'new TimeSpan(8, 0, 0, 0)' (8 days) exceeds the ceiling of 7 days")]
    [InlineData("new TimeSpan(200, 0, 0)", "'new TimeSpan(200, 0, 0)' (8.08:00:00) exceeds the ceiling of 7 days")]
    public Task Disabled_or_too_long_values_are_reported_at_the_value(string value, string message) =>
        Verify.VerifyAnalyzerAsync(
            Source(Options("{|#0:" + value + "|}")),
            Verify.Diagnostic("OPT011").WithLocation(0).WithArguments(message).WithSeverity(DiagnosticSeverity.Warning));

    [Fact]
    public Task The_exact_location_is_the_value_only() =>
        Verify.VerifyAnalyzerAsync(
            Source(Options("TimeSpan.MaxValue")),
            Verify.Diagnostic("OPT011").WithSpan(12, 80, 12, 97).WithArguments("'TimeSpan.MaxValue' disables expiry"));

    [Theory]
    [InlineData("TimeSpan.FromHours(24)")]
    [InlineData("TimeSpan.FromDays(7)")]
    [InlineData("new TimeSpan(7, 0, 0, 0)")]
    [InlineData("TimeSpan.Zero")]
    [InlineData("QueryPersisterOptions.DefaultMaxAge")]
    [InlineData("configured")]
    [InlineData("configured > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : configured")]
    [InlineData("TimeSpan.FromDays(1) * 30")]
    public Task Bounded_or_unknown_values_are_silent(string value) => Verify.VerifyAnalyzerAsync(Source(Options(value)));

    [Fact]
    public Task Options_without_MaxAge_are_silent_and_other_TimeSpans_are_ignored() =>
        Verify.VerifyAnalyzerAsync(Source(
            "        return new QueryPersister(client, new QueryPersisterOptions { Throttle = TimeSpan.MaxValue, Buster = \"v1\" });"));

    [Fact]
    public Task Parentheses_are_looked_through_and_the_location_is_the_inner_value() =>
        Verify.VerifyAnalyzerAsync(Source(Options("({|#0:TimeSpan.MaxValue|})")),
            Verify.Diagnostic("OPT011").WithLocation(0).WithArguments("'TimeSpan.MaxValue' disables expiry"));

    [Fact]
    public Task Only_the_MaxAge_value_is_reported_among_other_settings() =>
        Verify.VerifyAnalyzerAsync(Source(@"        var options = new QueryPersisterOptions();
        return new QueryPersister(client, new QueryPersisterOptions { Buster = ""x"", MaxAge = {|#0:TimeSpan.FromDays(8)|} });"),
            Verify.Diagnostic("OPT011").WithLocation(0).WithArguments("'TimeSpan.FromDays(8)' (8 days) exceeds the ceiling of 7 days"));

    [Theory]
    [InlineData("30", "TimeSpan.FromDays(30)", false)]
    [InlineData("30.00:00:00", "TimeSpan.FromDays(31)", true)]
    [InlineData("1", "TimeSpan.FromHours(25)", true)]
    [InlineData("12:00:00", "TimeSpan.FromHours(13)", true)]
    [InlineData("12:00:00", "TimeSpan.FromHours(12)", false)]
    [InlineData("not a timespan", "TimeSpan.FromDays(8)", true)]
    public async Task The_ceiling_is_configurable(string ceiling, string value, bool reported)
    {
        var test = new CSharpAnalyzerVerifier<PersistedCacheMaxAgeAnalyzer>.Test
        {
            TestCode = Source(Options(reported ? "{|OPT011:" + value + "|}" : value)),
            EditorConfig = "[*.cs]\noptimistic_query.OPT011.max_age_ceiling = " + ceiling,
        };
        await test.RunAsync();
    }

    [Theory]
    [InlineData("7", 7.0)]
    [InlineData("0.5", 0.5)]
    [InlineData(" 7.00:00:00 ", 7.0)]
    [InlineData("1.12:00:00", 1.5)]
    public void Ceiling_values_parse_as_days_or_timespans(string text, double days) =>
        Assert.Equal(TimeSpan.FromDays(days), PersistedCacheMaxAgeAnalyzer.ParseCeiling(text));

    [Theory]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("seven")]
    public void Invalid_ceilings_fall_back_to_the_default(string text) => Assert.Null(PersistedCacheMaxAgeAnalyzer.ParseCeiling(text));

    [Fact]
    public Task Severity_can_be_raised_in_editorconfig() =>
        new CSharpAnalyzerVerifier<PersistedCacheMaxAgeAnalyzer>.Test
        {
            TestCode = Source(Options("{|#0:null|}")),
            EditorConfig = "[*.cs]\ndotnet_diagnostic.OPT011.severity = error",
            ExpectedDiagnostics = { Verify.Diagnostic("OPT011").WithLocation(0).WithArguments("'null' disables expiry").WithSeverity(DiagnosticSeverity.Error) },
        }.RunAsync();

    [Fact]
    public Task A_wrapper_marked_with_its_own_attribute_copy_is_checked() =>
        new CSharpAnalyzerVerifier<PersistedCacheMaxAgeAnalyzer>.Test
        {
            DisabledDiagnostics = { "CS0436" }, // the test project also references the runtime's copy
            TestCode = @"using System;

namespace Optimistic.Query.Annotations
{
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
    public sealed class PersistenceMaxAgeAttribute : Attribute { }
}

namespace MyApp
{
    using Optimistic.Query.Annotations;

    public sealed class OfflineCache
    {
        public OfflineCache([PersistenceMaxAge] TimeSpan? keepFor = null) { }
        [PersistenceMaxAge] public TimeSpan KeepFor { get; set; }
    }

    public static class Setup
    {
        public static OfflineCache Create()
        {
            var cache = new OfflineCache({|#0:TimeSpan.MaxValue|});
            cache.KeepFor = {|#1:TimeSpan.FromDays(365)|};
            return new OfflineCache(keepFor: TimeSpan.FromHours(1));
        }
    }
}
",
            ExpectedDiagnostics =
            {
                Verify.Diagnostic("OPT011").WithLocation(0).WithArguments("'TimeSpan.MaxValue' disables expiry"),
                Verify.Diagnostic("OPT011").WithLocation(1).WithArguments("'TimeSpan.FromDays(365)' (365 days) exceeds the ceiling of 7 days"),
            },
        }.RunAsync();

    [Fact]
    public Task Marked_parameters_are_checked_in_calls_constructor_initializers_and_named_arguments() =>
        Verify.VerifyAnalyzerAsync(@"using System;
using Optimistic.Query.Annotations;

public class OfflineCache
{
    public OfflineCache([PersistenceMaxAge] TimeSpan keepFor, int size = 0) { }
    public static void Configure(int size, [PersistenceMaxAge] TimeSpan? keepFor) { }
}

public sealed class ForeverCache : OfflineCache
{
    public ForeverCache() : base({|#0:TimeSpan.MaxValue|}) { }

    public static void Setup()
    {
        Configure(keepFor: {|#1:null|}, size: 3);
        Configure(1, TimeSpan.FromDays(2));
    }
}
",
            Verify.Diagnostic("OPT011").WithLocation(0).WithArguments("'TimeSpan.MaxValue' disables expiry"),
            Verify.Diagnostic("OPT011").WithLocation(1).WithArguments("'null' disables expiry"));

    [Fact]
    public Task A_parameter_marked_in_a_referenced_library_is_checked_though_the_source_never_names_the_attribute()
    {
        // The rule watches calls only where a marked parameter may exist: a library that references the runtime may mark
        // its own, so its calls are checked even when this compilation's text never spells the attribute.
        var library = WrapperLibrary(@"using System;
using Optimistic.Query.Annotations;
namespace OfflineWrapper
{
    public static class OfflineCache
    {
        public static void Configure([PersistenceMaxAge] TimeSpan? keepFor) { }
    }
}");
        return new CSharpAnalyzerVerifier<PersistedCacheMaxAgeAnalyzer>.Test
        {
            TestCode = @"using System;
public static class Setup
{
    public static void Run() => OfflineWrapper.OfflineCache.Configure({|#0:TimeSpan.MaxValue|});
}
",
            TestState = { AdditionalReferences = { library } },
            ExpectedDiagnostics = { Verify.Diagnostic("OPT011").WithLocation(0).WithArguments("'TimeSpan.MaxValue' disables expiry") },
        }.RunAsync();
    }

    [Fact]
    public Task A_referenced_library_parameter_is_checked_in_field_initializers_and_constructor_initializers()
    {
        // Whether a referenced library marks parameters is decided at the first code block, not at compilation start: every
        // kind of block (a field initializer, a constructor initializer, a method) gets the check.
        var library = WrapperLibrary(@"using System;
using Optimistic.Query.Annotations;
namespace OfflineWrapper
{
    public class OfflineCache
    {
        public OfflineCache([PersistenceMaxAge] TimeSpan keepFor) { }
    }
}");
        return new CSharpAnalyzerVerifier<PersistedCacheMaxAgeAnalyzer>.Test
        {
            TestCode = @"using System;
using OfflineWrapper;

public sealed class Caches : OfflineCache
{
    private static readonly OfflineCache s_forever = new OfflineCache({|#0:TimeSpan.MaxValue|});

    public Caches() : base({|#1:System.Threading.Timeout.InfiniteTimeSpan|}) { }

    public static OfflineCache Hourly() => new OfflineCache(TimeSpan.FromHours(1));
}
",
            TestState = { AdditionalReferences = { library } },
            ExpectedDiagnostics =
            {
                Verify.Diagnostic("OPT011").WithLocation(0).WithArguments("'TimeSpan.MaxValue' disables expiry"),
                Verify.Diagnostic("OPT011").WithLocation(1).WithArguments("'System.Threading.Timeout.InfiniteTimeSpan' disables expiry"),
            },
        }.RunAsync();
    }

    [Fact]
    public Task A_marked_member_that_is_not_a_TimeSpan_is_not_read() =>
        Verify.VerifyAnalyzerAsync(@"using System;
using Optimistic.Query.Annotations;

public sealed class OfflineCache
{
    public OfflineCache([PersistenceMaxAge] int? keepForDays = null) { }
    [PersistenceMaxAge] public string? KeepFor { get; set; }

    public static OfflineCache Create() => new OfflineCache(null) { KeepFor = null };
}
");

    [Fact]
    public Task Compiles_and_reports_in_CSharp9() =>
        new CSharpAnalyzerVerifier<PersistedCacheMaxAgeAnalyzer>.Test
        {
            TestCode = Source("        QueryPersisterOptions options = new() { MaxAge = [|null|] };\n        return new QueryPersister(client, options);"),
            LanguageVersion = LanguageVersion.CSharp9,
        }.RunAsync();

    [Fact]
    public async Task Nothing_is_registered_without_the_annotation()
    {
        var diagnostics = await AnalyzerRunner.RunAsync(
            new Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer[] { new PersistedCacheMaxAgeAnalyzer() },
            "using System; public sealed class O { public TimeSpan? MaxAge { get; set; } public static O M() => new O { MaxAge = null }; }");
        Assert.Empty(diagnostics);
    }

    /// <summary>A library that references the runtime, compiled from <paramref name="source"/>, as a metadata reference.</summary>
    private static MetadataReference WrapperLibrary(string source)
    {
        var library = CSharpCompilation.Create(
            "OfflineWrapper",
            new[] { CSharpSyntaxTree.ParseText(source) },
            TestReferences.For(referenceRuntime: true),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        var emitted = library.Emit(image);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));
        return MetadataReference.CreateFromImage(image.ToArray());
    }
}
