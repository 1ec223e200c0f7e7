using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Optimistic.Query.Analyzers.Benchmarks.Ide;

/// <summary>
/// Which analyzers run on the edited document beside the compiler. Every set, <see cref="AnalyzerSet.None"/> included, runs
/// in one analyzer driver with the compiler's own analyzer, as an IDE does: the driver's compilation (with an event queue)
/// then binds the document once for the compiler and the analyzers alike.
/// </summary>
public enum AnalyzerSet
{
    /// <summary>
    /// None: the compiler's diagnostics of the document only (the baseline), through Roslyn's own compiler analyzer in
    /// the analyzer driver, as Visual Studio, VS Code and csharp-ls get them for an open document.
    /// </summary>
    None,

    /// <summary>
    /// The floor of any IOperation analyzer: one analyzer with a no-op operation action on object creations. What it adds
    /// is Roslyn's (the analyzer driver and the document's operation trees), not the rules'.
    /// </summary>
    NoOp,

    /// <summary>Our rules (every analyzer of Optimistic.Query.Analyzers).</summary>
    Ours,

    /// <summary>The SDK's NetAnalyzers (<c>Microsoft.CodeAnalysis.NetAnalyzers</c> from the installed SDK), for comparison.</summary>
    NetAnalyzers,

    /// <summary>
    /// What a user's editor really runs: the SDK's NetAnalyzers, which every .NET 5+ SDK project enables by default
    /// (<c>EnableNETAnalyzers</c>), and ours in the same driver. Minus <see cref="NetAnalyzers"/>: what adding our package
    /// costs per edit in a real project, the driver's floor being paid already.
    /// </summary>
    NetAnalyzersAndOurs,

    /// <summary>
    /// The NetAnalyzers and as many no-op operation analyzers as we ship rules: what the analyzer driver charges per
    /// analyzer, whatever it does (compare with <see cref="NetAnalyzersAndOurs"/>).
    /// </summary>
    NetAnalyzersAndNoOps,

    /// <summary>The NetAnalyzers and one of our rules (OPT001's analyzer): what one rule costs beside them, the shared model included.</summary>
    NetAnalyzersAndOneRule,

    /// <summary>
    /// The NetAnalyzers and one analyzer that reports a diagnostic where OPT001 does and analyzes nothing
    /// (<see cref="ReportingOperationAnalyzer"/>): what reporting there costs any analyzer, Roslyn's <c>[SuppressMessage]</c>
    /// check of the diagnostic included (compare with <see cref="NetAnalyzersAndOurs"/>).
    /// </summary>
    NetAnalyzersAndReporter,

    /// <summary>
    /// The NetAnalyzers and nothing else, in a session of its own: the A/A control. Its difference from
    /// <see cref="NetAnalyzers"/> should be zero; how far it is not is the method's own error on this machine.
    /// </summary>
    NetAnalyzersAndNothing,

    /// <summary>
    /// The NetAnalyzers, the stand-in of <see cref="NetAnalyzersAndReporter"/> and ours: what ours add in a document where
    /// another analyzer already reports inside the same member (minus <see cref="NetAnalyzersAndReporter"/>).
    /// </summary>
    NetAnalyzersAndReporterAndOurs,

    /// <summary>
    /// The NetAnalyzers and all our rules behind one analyzer (<see cref="MergedRulesAnalyzer"/>): what merging our twelve
    /// analyzers into one would save in the driver (compare with <see cref="NetAnalyzersAndOurs"/>).
    /// </summary>
    NetAnalyzersAndOursMerged,
}

/// <summary>The analyzer instances of each <see cref="AnalyzerSet"/>, created once per process (as a host keeps them).</summary>
internal static class AnalyzerSets
{
    private static readonly Lazy<ImmutableArray<DiagnosticAnalyzer>> s_ours = new(LoadOurs);
    private static readonly Lazy<ImmutableArray<DiagnosticAnalyzer>> s_net = new(LoadNetAnalyzers);
    private static readonly Lazy<DiagnosticAnalyzer> s_merged = new(() => new MergedRulesAnalyzer(LoadOurs()));

    private static readonly Lazy<DiagnosticAnalyzer> s_compiler = new(CreateCompilerAnalyzer);

    /// <summary>The compiler's analyzer, then the analyzers of <paramref name="set"/>.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> Get(AnalyzerSet set) => ImmutableArray.Create(s_compiler.Value).AddRange(set switch
    {
        AnalyzerSet.NoOp => ImmutableArray.Create<DiagnosticAnalyzer>(new NoOpOperationAnalyzer()),
        AnalyzerSet.Ours => s_ours.Value,
        AnalyzerSet.NetAnalyzers or AnalyzerSet.NetAnalyzersAndNothing => s_net.Value,
        AnalyzerSet.NetAnalyzersAndOurs => s_net.Value.AddRange(s_ours.Value),
        AnalyzerSet.NetAnalyzersAndNoOps => s_net.Value.AddRange(s_ours.Value.Select(_ => (DiagnosticAnalyzer)new NoOpOperationAnalyzer())),
        AnalyzerSet.NetAnalyzersAndOneRule => s_net.Value.AddRange(s_ours.Value.Where(a => a.SupportedDiagnostics.Any(d => d.Id == "OPT001"))),
        AnalyzerSet.NetAnalyzersAndReporter => s_net.Value.Add(new ReportingOperationAnalyzer()),
        AnalyzerSet.NetAnalyzersAndReporterAndOurs => s_net.Value.Add(new ReportingOperationAnalyzer()).AddRange(s_ours.Value),
        AnalyzerSet.NetAnalyzersAndOursMerged => s_net.Value.Add(s_merged.Value),
        _ => ImmutableArray<DiagnosticAnalyzer>.Empty,
    });

    /// <summary>
    /// Roslyn's C# compiler analyzer (internal to Microsoft.CodeAnalysis.CSharp; IDE hosts take it from there as well): the
    /// compiler's syntax and semantic diagnostics, reported from inside the driver.
    /// </summary>
    private static DiagnosticAnalyzer CreateCompilerAnalyzer()
    {
        const string name = "Microsoft.CodeAnalysis.Diagnostics.CSharp.CSharpCompilerDiagnosticAnalyzer";
        var type = typeof(Microsoft.CodeAnalysis.CSharp.CSharpCompilation).Assembly.GetType(name, throwOnError: true)!;
        return (DiagnosticAnalyzer)Activator.CreateInstance(type, nonPublic: true)!;
    }

    private static ImmutableArray<DiagnosticAnalyzer> LoadOurs() =>
        typeof(MutationRuleAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

    /// <summary>The SDK's C# NetAnalyzers (the common and the C# assembly), loaded from the installed SDK as a build loads them.</summary>
    private static ImmutableArray<DiagnosticAnalyzer> LoadNetAnalyzers()
    {
        var directory = typeof(AnalyzerSets).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SdkAnalyzersDirectory").Value!;
        var builder = ImmutableArray.CreateBuilder<DiagnosticAnalyzer>();
        foreach (var name in new[] { "Microsoft.CodeAnalysis.NetAnalyzers.dll", "Microsoft.CodeAnalysis.CSharp.NetAnalyzers.dll" })
        {
            var reference = new AnalyzerFileReference(Path.Combine(directory, name), AssemblyLoader.Instance);
            builder.AddRange(reference.GetAnalyzers(LanguageNames.CSharp));
        }

        if (builder.Count == 0) throw new InvalidOperationException("no NetAnalyzers found in " + directory);
        return builder.ToImmutable();
    }

    private sealed class AssemblyLoader : IAnalyzerAssemblyLoader
    {
        public static readonly AssemblyLoader Instance = new();

        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }
}
