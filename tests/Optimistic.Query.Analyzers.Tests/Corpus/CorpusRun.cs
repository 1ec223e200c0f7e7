using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Optimistic.Query.Analyzers.Model;
using Optimistic.Query.Analyzers.Tests.Fuzz;
using Optimistic.Query.Analyzers.Tests.Verifiers;

namespace Optimistic.Query.Analyzers.Tests.Corpus;

/// <summary>One diagnostic of the corpus: where it is, and what its fixes did.</summary>
internal sealed record CorpusDiagnostic(string Definition, Diagnostic Diagnostic, string File)
{
    /// <summary>Null when an offered fix compiled and removed the diagnostic; else why none did.</summary>
    public string? FixFailure { get; set; }
}

/// <summary>
/// Runs every analyzer and code fix of the repository on the corpus (<c>Corpus/Sources/*.cs</c>, each file its own project
/// with <c>Shared.cs</c> and the runtime). A definition is named <c>File/Type.Member</c> after the member that holds the
/// <c>[MutationOptions]</c> creation; a diagnostic belongs to the definition whose creation, or whose method-group or
/// local-function callback, holds its location.
/// </summary>
internal sealed class CorpusRun
{
    public const string SharedFile = "Shared.cs";

    private static readonly Lazy<Task<CorpusRun>> s_run = new(() => RunAsync());

    private CorpusRun(ImmutableArray<string> definitions, ImmutableArray<CorpusDiagnostic> diagnostics, ImmutableArray<string> files)
    {
        Definitions = definitions;
        Diagnostics = diagnostics;
        Files = files;
    }

    /// <summary>Every definition's name, in file and source order.</summary>
    public ImmutableArray<string> Definitions { get; }

    public ImmutableArray<CorpusDiagnostic> Diagnostics { get; }

    /// <summary>The corpus files (app shapes), without <see cref="SharedFile"/>.</summary>
    public ImmutableArray<string> Files { get; }

    /// <summary>The run, computed once for the test class (analysis, then every fix of every diagnostic).</summary>
    public static Task<CorpusRun> Get() => s_run.Value;

    private static string SourcesFolder => Path.Combine(AppContext.BaseDirectory, "Corpus", "Sources");

    private static async Task<CorpusRun> RunAsync()
    {
        var harness = FuzzHarness.Discover();
        var shared = await File.ReadAllTextAsync(Path.Combine(SourcesFolder, SharedFile)).ConfigureAwait(false);
        var files = Directory.GetFiles(SourcesFolder, "*.cs")
            .Select(Path.GetFileName)
            .Where(name => name != SharedFile)
            .OrderBy(name => name, StringComparer.Ordinal)
            .ToImmutableArray();

        var definitions = ImmutableArray.CreateBuilder<string>();
        var diagnostics = new List<CorpusDiagnostic>();
        foreach (var file in files)
        {
            var text = await File.ReadAllTextAsync(Path.Combine(SourcesFolder, file!)).ConfigureAwait(false);
            var project = await CreateProjectAsync(file!, text, shared).ConfigureAwait(false);
            var compilation = (await project.GetCompilationAsync().ConfigureAwait(false))!;
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count > 0) throw new InvalidOperationException(file + " does not compile:\n" + string.Join("\n", errors));

            var owners = DefinitionSpans(file!, compilation);
            definitions.AddRange(owners.Select(owner => owner.Name).Distinct());
            foreach (var diagnostic in await AnalyzeAsync(project, harness.Analyzers).ConfigureAwait(false))
            {
                if (diagnostic.Location.SourceTree?.FilePath != DocumentPath(file!)) continue;
                diagnostics.Add(new CorpusDiagnostic(OwnerOf(diagnostic, owners, file!), diagnostic, file!));
            }

            // Fixes, two at a time (each compiles and analyzes a copy of this file's project).
            await Parallel.ForEachAsync(
                diagnostics.Where(d => d.File == file && d.Diagnostic.Id != "OPT010"),
                new ParallelOptions { MaxDegreeOfParallelism = 2 },
                async (item, cancellationToken) => item.FixFailure = await TryFixAsync(project, item.Diagnostic, harness, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        }

        return new CorpusRun(definitions.ToImmutable(), diagnostics.ToImmutableArray(), files!);
    }

    private static string DocumentPath(string file) => TestOptions.Folder + file;

    private static Task<Project> CreateProjectAsync(string file, string text, string shared) =>
        AnalyzerRunner
            .Create(Array.Empty<DiagnosticAnalyzer>(), new[] { (DocumentPath(file), text), (DocumentPath(SharedFile), shared) })
            .CreateProjectAsync();

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Project project, ImmutableArray<DiagnosticAnalyzer> analyzers, CancellationToken cancellationToken = default)
    {
        var compilation = (await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false))!;
        var diagnostics = await compilation
            .WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(project.AnalyzerOptions, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false))
            .GetAnalyzerDiagnosticsAsync(cancellationToken)
            .ConfigureAwait(false);
        var thrown = diagnostics.Where(d => d.Id == "AD0001").ToList();
        if (thrown.Count > 0) throw new InvalidOperationException("An analyzer threw:\n" + string.Join("\n", thrown));
        return diagnostics.Where(d => d.Severity != DiagnosticSeverity.Hidden).OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
    }

    /// <summary>
    /// The spans owned by each definition: the creation, then the bodies of its method-group and local-function callbacks
    /// (a diagnostic found through a callback lies there).
    /// </summary>
    private static List<(string Name, Microsoft.CodeAnalysis.Text.TextSpan Span)> DefinitionSpans(string file, Compilation compilation)
    {
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == DocumentPath(file));
        var semanticModel = compilation.GetSemanticModel(tree);
        var context = MutationAnalysisContext.Get(compilation)!;
        var creations = new List<(string Name, Microsoft.CodeAnalysis.Text.TextSpan Span)>();
        var callbacks = new List<(string Name, Microsoft.CodeAnalysis.Text.TextSpan Span)>();
        foreach (var node in tree.GetRoot().DescendantNodes())
        {
            if (node is not (BaseObjectCreationExpressionSyntax or WithExpressionSyntax)) continue;
            if (semanticModel.GetOperation(node) is not { } operation || context.GetModel(operation, CancellationToken.None) is not { } model) continue;
            var name = file.Substring(0, file.Length - 3) + "/" + MemberName(node);
            creations.Add((name, node.Span));
            foreach (var callback in model.Callbacks)
            {
                if (callback.Form is not (CallbackForm.MethodGroup or CallbackForm.LocalFunction) || callback.Method is null) continue;
                foreach (var reference in callback.Method.DeclaringSyntaxReferences)
                {
                    if (reference.SyntaxTree == tree) callbacks.Add((name, reference.Span));
                }
            }
        }

        return creations.Concat(callbacks).ToList();
    }

    /// <summary>
    /// The definition a diagnostic belongs to: the one whose creation or callback method holds it, else the definition of the
    /// member holding it (a local function the OnMutate lambda calls, a wrapper call's key or name around the creation).
    /// </summary>
    private static string OwnerOf(Diagnostic diagnostic, List<(string Name, Microsoft.CodeAnalysis.Text.TextSpan Span)> owners, string file)
    {
        foreach (var owner in owners)
        {
            if (owner.Span.Contains(diagnostic.Location.SourceSpan)) return owner.Name;
        }

        var node = diagnostic.Location.SourceTree!.GetRoot().FindNode(diagnostic.Location.SourceSpan);
        var name = file.Substring(0, file.Length - 3) + "/" + MemberName(node);
        return owners.Any(o => o.Name == name) ? name : file + "/(outside any definition)";
    }

    /// <summary><c>Type.Member</c> of the member declaring <paramref name="node"/> (a constructor is <c>Type.ctor</c>).</summary>
    private static string MemberName(SyntaxNode node)
    {
        var member = node.AncestorsAndSelf().OfType<MemberDeclarationSyntax>().First(m => m is not BaseTypeDeclarationSyntax);
        var type = member.Ancestors().OfType<BaseTypeDeclarationSyntax>().First().Identifier.ValueText;
        var name = member switch
        {
            MethodDeclarationSyntax method => method.Identifier.ValueText,
            ConstructorDeclarationSyntax => "ctor",
            PropertyDeclarationSyntax property => property.Identifier.ValueText,
            FieldDeclarationSyntax field => field.Declaration.Variables[0].Identifier.ValueText,
            _ => member.Kind().ToString(),
        };
        return type + "." + name;
    }

    /// <summary>
    /// Tries every offered code action of every fixer of the diagnostic's ID: null when one yields a project without compiler
    /// errors in which the diagnostic (same ID and message, one fewer in the file) is gone; else what went wrong.
    /// </summary>
    private static async Task<string?> TryFixAsync(Project project, Diagnostic diagnostic, FuzzHarness harness, CancellationToken cancellationToken)
    {
        var document = project.Documents.Single(d => d.FilePath == diagnostic.Location.SourceTree!.FilePath);
        var actions = new List<CodeAction>();
        foreach (var fixer in harness.Fixers.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
        {
            await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken)).ConfigureAwait(false);
        }

        if (actions.Count == 0) return "no fix offered";
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        var before = (await AnalyzeAsync(project, harness.Analyzers, cancellationToken).ConfigureAwait(false)).Count(d => Same(d, diagnostic, message));
        var failures = new List<string>();
        foreach (var action in actions)
        {
            var operations = await action.GetOperationsAsync(cancellationToken).ConfigureAwait(false);
            var changed = operations.OfType<ApplyChangesOperation>().FirstOrDefault()?.ChangedSolution.GetProject(project.Id);
            if (changed is null)
            {
                failures.Add($"'{action.Title}' changes nothing");
                continue;
            }

            var compilation = (await changed.GetCompilationAsync(cancellationToken).ConfigureAwait(false))!;
            var errors = compilation.GetDiagnostics(cancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count > 0)
            {
                failures.Add($"'{action.Title}' does not compile: {errors[0]}");
                continue;
            }

            var after = (await AnalyzeAsync(changed, harness.Analyzers, cancellationToken).ConfigureAwait(false)).Count(d => Same(d, diagnostic, message));
            if (after < before) return null;
            failures.Add($"'{action.Title}' leaves the diagnostic");
        }

        return string.Join("; ", failures);
    }

    private static bool Same(Diagnostic candidate, Diagnostic diagnostic, string message) =>
        candidate.Id == diagnostic.Id
        && candidate.Location.SourceTree?.FilePath == diagnostic.Location.SourceTree?.FilePath
        && candidate.GetMessage(System.Globalization.CultureInfo.InvariantCulture) == message;

    /// <summary>The actual expectations, written as the test's tables (printed when they differ, to review and paste).</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.AppendLine("Expected diagnostics per definition:");
        foreach (var definition in Definitions)
        {
            var ids = Diagnostics.Where(d => d.Definition == definition).Select(d => "\"" + d.Diagnostic.Id + "\"");
            text.AppendLine($"        [\"{definition}\"] = new[] {{ {string.Join(", ", ids)} }},");
        }

        foreach (var orphan in Diagnostics.Where(d => !Definitions.Contains(d.Definition)))
        {
            text.AppendLine($"        // outside any definition: {orphan.Diagnostic}");
        }

        text.AppendLine("Without a working fix (OPT010 not tried):");
        foreach (var group in Diagnostics.Where(d => d.FixFailure is not null).GroupBy(d => (d.Diagnostic.Id, d.Definition)))
        {
            text.AppendLine($"        [(\"{group.Key.Id}\", \"{group.Key.Definition}\")] = \"{group.First().FixFailure!.Replace("\"", "'", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal)}\",");
        }

        return text.ToString();
    }
}
