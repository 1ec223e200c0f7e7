using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Optimistic.Query.Analyzers.Benchmarks.Ide;

/// <summary>An additional file held in memory (a <c>.razor</c> source).</summary>
internal sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text, System.Text.Encoding.UTF8);

    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}
