using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Optimistic.Query.Analyzers.Benchmarks.Ide;

/// <summary>
/// What an IDE does on each keystroke in one open document: a new compilation with that document changed
/// (<see cref="Compilation.ReplaceSyntaxTree"/>), then the document's semantic diagnostics from one analyzer driver
/// that runs the compiler's own analyzer and the set's analyzers
/// (<see cref="CompilationWithAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(SemanticModel, Microsoft.CodeAnalysis.Text.TextSpan?, CancellationToken)"/>
/// for that document only), on one thread (<c>concurrentAnalysis: false</c>, as the IDE's document analysis).
/// </summary>
internal sealed class EditSession
{
    private readonly SyntaxTree _original;
    private readonly ImmutableArray<DiagnosticAnalyzer> _analyzers;
    private readonly AnalyzerOptions _options;
    private readonly bool _logAnalyzerTime;
    private CompilationWithAnalyzers? _lastDriver;
    private CSharpCompilation _compilation;
    private SyntaxTree _current;
    private int _edits;

    /// <param name="logAnalyzerTime">
    /// Whether the driver times each analyzer's callbacks (as <c>-p:ReportAnalyzer=true</c> does), for
    /// <see cref="OurAnalyzersTime"/>: a stopwatch around every callback, so every set of one comparison should agree.
    /// </param>
    public EditSession(CSharpCompilation loaded, EditedDocument document, AnalyzerSet analyzers, AnalyzerOptions options, bool logAnalyzerTime = false)
    {
        _logAnalyzerTime = logAnalyzerTime;
        _compilation = loaded;
        _original = _current = IdeProject.Find(loaded, document);
        _analyzers = AnalyzerSets.Get(analyzers);
        _options = options;
    }

    /// <summary>Diagnostics found by the last edit (a sanity check: the mutation documents have ours).</summary>
    public ImmutableArray<Diagnostic> LastDiagnostics { get; private set; }

    /// <summary>
    /// What the IDE has done once the project is loaded and the document open: the compiler's diagnostics of the document
    /// (our analyzers have not run on this compilation).
    /// </summary>
    public void Open() => _compilation.GetSemanticModel(_current).GetDiagnostics();

    /// <summary>One edit: the new compilation and the document's diagnostics; returns their count.</summary>
    public int Edit()
    {
        var edited = IdeProject.Edit(_original, ++_edits);
        _compilation = _compilation.ReplaceSyntaxTree(_current, edited);
        _current = edited;
        var withAnalyzers = _compilation.WithAnalyzers(_analyzers, new CompilationWithAnalyzersOptions(
            _options,
            onAnalyzerException: (exception, analyzer, _) => throw new InvalidOperationException($"{analyzer} threw", exception),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: _logAnalyzerTime,
            reportSuppressedDiagnostics: false));
        // The compiler's diagnostics come from its analyzer in the driver (AnalyzerSets.Get): asking the driver's semantic
        // model for them beside the analyzers would bind the document a second time, which no IDE does.
        _lastDriver = withAnalyzers;
        var model = withAnalyzers.Compilation.GetSemanticModel(edited);
        LastDiagnostics = withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, null, CancellationToken.None).GetAwaiter().GetResult();
        return LastDiagnostics.Length;
    }

    /// <summary>
    /// The time the driver spent in our analyzers' callbacks during the last edit (compilation start included), as the
    /// driver measured it: the rules' own cost, without the document's operation trees or the machine's other work.
    /// Zero when this set runs none of ours or times nothing.
    /// </summary>
    public TimeSpan OurAnalyzersTime()
    {
        if (_lastDriver is null || !_logAnalyzerTime) return TimeSpan.Zero;
        var total = TimeSpan.Zero;
        foreach (var analyzer in _analyzers)
        {
            if (analyzer.GetType().Assembly != typeof(MutationRuleAnalyzer).Assembly) continue;
            total += _lastDriver.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).GetAwaiter().GetResult().ExecutionTime;
        }

        return total;
    }
}
