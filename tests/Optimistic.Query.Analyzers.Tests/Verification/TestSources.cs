using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis.Text;

namespace Optimistic.Query.Analyzers.Tests.Verification;

/// <summary>One source after markup parsing.</summary>
internal sealed record ParsedSource(string Path, string Text, ImmutableArray<MarkupSpan> Spans)
{
    public SourceText SourceText { get; } = SourceText.From(Text);
}

/// <summary>The sources of one project state (original or fixed): texts, markup diagnostics and location keys.</summary>
internal sealed class TestSources
{
    private readonly Dictionary<int, (string Path, LinePositionSpan Span)> _locationKeys = new();

    private TestSources(ImmutableArray<ParsedSource> documents)
    {
        Documents = documents;
        foreach (var document in documents)
        {
            foreach (var span in document.Spans.Where(s => s.LocationKey.HasValue))
            {
                var key = span.LocationKey!.Value;
                if (!_locationKeys.TryAdd(key, (document.Path, document.SourceText.Lines.GetLinePositionSpan(span.Span))))
                {
                    throw new VerificationException($"Location marker {{|#{key}:…|}} is defined more than once.");
                }
            }
        }
    }

    public ImmutableArray<ParsedSource> Documents { get; }

    public ImmutableArray<(string Path, string Text)> Texts => Documents.Select(d => (d.Path, d.Text)).ToImmutableArray();

    public static TestSources Parse(IEnumerable<(string FileName, string Markup)> sources)
    {
        var documents = ImmutableArray.CreateBuilder<ParsedSource>();
        var paths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (fileName, markup) in sources)
        {
            var path = ProjectFactory.NormalizePath(fileName);
            if (!paths.Add(path))
            {
                throw new VerificationException($"Two sources are named '{path}'.");
            }

            var parsed = MarkupParser.Parse(markup ?? throw new VerificationException($"The source '{path}' is null."));
            documents.Add(new ParsedSource(path, parsed.Text, parsed.Spans));
        }

        return new TestSources(documents.ToImmutable());
    }

    /// <summary>
    /// The diagnostics written as markup, plus <paramref name="explicitResults"/> with their location keys resolved.
    /// <c>[|…|]</c> takes <paramref name="defaultId"/>; it is an error when that is null (several supported IDs).
    /// </summary>
    public List<DiagnosticResult> Expected(IEnumerable<DiagnosticResult> explicitResults, string? defaultId, string analyzerIds)
    {
        var results = new List<DiagnosticResult>();
        foreach (var document in Documents)
        {
            foreach (var span in document.Spans.Where(s => s.LocationKey is null))
            {
                var id = span.Id ?? defaultId ?? throw new VerificationException(
                    $"'[|…|]' markup in {document.Path} is ambiguous: the analyzer supports {analyzerIds}. Write {{|ID:…|}} instead.");
                results.Add(DiagnosticResult.Diagnostic(id).WithResolvedSpan(document.Path, document.SourceText.Lines.GetLinePositionSpan(span.Span)));
            }
        }

        results.AddRange(explicitResults.Select(Resolve));
        return results;
    }

    private DiagnosticResult Resolve(DiagnosticResult result)
    {
        if (result.MarkupKey is not { } key)
        {
            return result;
        }

        if (!_locationKeys.TryGetValue(key, out var location))
        {
            throw new VerificationException(string.Create(
                CultureInfo.InvariantCulture,
                $"{result.Id}.WithLocation({key}): no {{|#{key}:…|}} marker in the sources."));
        }

        return result.WithResolvedSpan(location.Path, location.Span);
    }
}
