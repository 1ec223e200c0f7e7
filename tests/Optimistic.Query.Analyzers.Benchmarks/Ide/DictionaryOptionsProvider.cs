using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Optimistic.Query.Analyzers.Benchmarks.Ide;

/// <summary>
/// Analyzer config options from dictionaries: the global options (<c>build_property.*</c>) and per-file options by path,
/// what the SDK's generated <c>.editorconfig</c> gives the Razor generator (and our analyzers) in a real build.
/// </summary>
internal sealed class DictionaryOptionsProvider(ImmutableDictionary<string, string> global, ImmutableDictionary<string, ImmutableDictionary<string, string>> byPath)
    : AnalyzerConfigOptionsProvider
{
    private static readonly DictionaryOptions s_empty = new(ImmutableDictionary<string, string>.Empty);

    public static DictionaryOptionsProvider Empty { get; } = new(ImmutableDictionary<string, string>.Empty, ImmutableDictionary<string, ImmutableDictionary<string, string>>.Empty);

    public override AnalyzerConfigOptions GlobalOptions { get; } = new DictionaryOptions(global);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => s_empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
        byPath.TryGetValue(textFile.Path, out var options) ? new DictionaryOptions(options) : s_empty;

    private sealed class DictionaryOptions(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);

        public override IEnumerable<string> Keys => values.Keys;
    }
}
