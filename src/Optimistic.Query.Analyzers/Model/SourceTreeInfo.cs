using Microsoft.CodeAnalysis.Diagnostics;

namespace Optimistic.Query.Analyzers.Model;

/// <summary>
/// What the rules know of one tree, computed once per tree and compilation: its kind and, for Razor component output, the
/// options of the <c>.razor</c> file it came from (<c>.editorconfig</c> sections are matched against a tree's own path, and
/// the generated file's is not under the project, so <c>[*.razor]</c> options reach the component only through its
/// additional file).
/// </summary>
internal sealed class SourceTreeInfo
{
    public static readonly SourceTreeInfo User = new(SourceTreeKind.User, null);
    public static readonly SourceTreeInfo OtherGenerated = new(SourceTreeKind.OtherGenerated, null);

    public SourceTreeInfo(SourceTreeKind kind, AnalyzerConfigOptions? componentOptions)
    {
        Kind = kind;
        ComponentOptions = componentOptions;
    }

    public SourceTreeKind Kind { get; }

    /// <summary>For <see cref="SourceTreeKind.RazorComponent"/>: the <c>.razor</c> file's options; else null.</summary>
    public AnalyzerConfigOptions? ComponentOptions { get; }

    /// <summary>Whether the rules analyze this tree (user code and Razor component output).</summary>
    public bool IsAnalyzed => Kind != SourceTreeKind.OtherGenerated;
}
