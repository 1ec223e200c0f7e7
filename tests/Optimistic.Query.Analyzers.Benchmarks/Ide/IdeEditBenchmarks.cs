using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace Optimistic.Query.Analyzers.Benchmarks.Ide;

/// <summary>
/// Later edits: the project loaded once, then one edit after another in the same document (each a new compilation and
/// the document's diagnostics). Subtract <see cref="AnalyzerSet.None"/> for the analyzers' added cost per edit.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 3, iterationCount: 15, invocationCount: 1)]
public class IdeEditBenchmarks
{
    private EditSession _session = null!;

    [Params(100, 500, 2000)]
    public int Files { get; set; }

    [Params(EditedDocument.Mutations, EditedDocument.NoMutations, EditedDocument.Component)]
    public EditedDocument Document { get; set; }

    [Params(AnalyzerSet.None, AnalyzerSet.NoOp, AnalyzerSet.Ours, AnalyzerSet.NetAnalyzers, AnalyzerSet.NetAnalyzersAndOurs)]
    public AnalyzerSet Analyzers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var project = LoadedProjects.Get(Files, Document);
        // The analyzers run once on another compilation first (JIT), then the measured session starts from the load.
        new EditSession(project.Load(), Document, Analyzers, project.Options).Edit();
        _session = new EditSession(project.Load(), Document, Analyzers, project.Options);
        _session.Open();
    }

    [Benchmark]
    public int Edit() => _session.Edit();
}

/// <summary>
/// The first edit after load: each iteration loads the project afresh (new trees, new references, the document open
/// with its compiler diagnostics; not measured), then measures one edit. The analyzers already ran on another compilation
/// in this process (JIT excluded).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.ColdStart, launchCount: 1, iterationCount: 7, invocationCount: 1)]
public class IdeFirstEditBenchmarks
{
    private IdeProject _project = null!;
    private EditSession _session = null!;

    [Params(100, 500, 2000)]
    public int Files { get; set; }

    [Params(EditedDocument.Mutations, EditedDocument.NoMutations, EditedDocument.Component)]
    public EditedDocument Document { get; set; }

    [Params(AnalyzerSet.None, AnalyzerSet.NoOp, AnalyzerSet.Ours, AnalyzerSet.NetAnalyzers, AnalyzerSet.NetAnalyzersAndOurs)]
    public AnalyzerSet Analyzers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _project = LoadedProjects.Get(Files, Document);
        var warmUp = new EditSession(_project.Load(), Document, Analyzers, _project.Options);
        for (int i = 0; i < 3; i++) warmUp.Edit();
    }

    [IterationSetup]
    public void Load()
    {
        _session = new EditSession(_project.Load(), Document, Analyzers, _project.Options);
        _session.Open();
    }

    [Benchmark]
    public int FirstEdit() => _session.Edit();
}

/// <summary>The generated projects, kept while the cases of one size and variant run (in-process toolchain).</summary>
internal static class LoadedProjects
{
    private static (int Files, bool Components, IdeProject Project)? s_last;

    public static IdeProject Get(int files, EditedDocument document)
    {
        var components = document.IsComponent();
        if (s_last is { } last && last.Files == files && last.Components == components) return last.Project;
        var project = IdeProject.Create(files, document);
        s_last = (files, components, project);
        return project;
    }
}
