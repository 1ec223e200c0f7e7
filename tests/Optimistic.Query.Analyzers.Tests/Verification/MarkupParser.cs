using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Optimistic.Query.Analyzers.Tests.Verification;

/// <summary>One marked span: <c>[|…|]</c> (no id, no key), <c>{|ID:…|}</c> (id) or <c>{|#N:…|}</c> (location key).</summary>
internal readonly record struct MarkupSpan(TextSpan Span, string? Id, int? LocationKey);

internal sealed record MarkupResult(string Text, ImmutableArray<MarkupSpan> Spans);

/// <summary>
/// Strips Microsoft.CodeAnalysis.Testing-style markup. Markers nest; a closer must match the kind of the
/// innermost open marker. <c>{|</c> not followed by <c>name:</c> is left as plain text.
/// </summary>
internal static class MarkupParser
{
    public static MarkupResult Parse(string markup)
    {
        var output = new StringBuilder(markup.Length);
        var spans = ImmutableArray.CreateBuilder<MarkupSpan>();
        var open = new Stack<(bool Curly, string? Name, int Start, int MarkupIndex)>();
        var i = 0;
        while (i < markup.Length)
        {
            if (At(markup, i, "[|"))
            {
                open.Push((false, null, output.Length, i));
                i += 2;
            }
            else if (At(markup, i, "{|") && TryReadName(markup, i + 2, out var name, out var next))
            {
                open.Push((true, name, output.Length, i));
                i = next;
            }
            else if (At(markup, i, "|]") || At(markup, i, "|}"))
            {
                var curly = markup[i + 1] == '}';
                var closer = curly ? "|}" : "|]";
                if (open.Count == 0)
                {
                    throw Error(markup, i, $"'{closer}' has no matching opening marker");
                }

                var top = open.Pop();
                if (top.Curly != curly)
                {
                    throw Error(markup, i, $"'{closer}' closes the marker opened at {Position(markup, top.MarkupIndex)}, which is '{(top.Curly ? "{|" : "[|")}'");
                }

                spans.Add(CreateSpan(top.Name, TextSpan.FromBounds(top.Start, output.Length), markup, top.MarkupIndex));
                i += 2;
            }
            else
            {
                output.Append(markup[i]);
                i++;
            }
        }

        if (open.Count > 0)
        {
            throw Error(markup, open.Peek().MarkupIndex, "marker is never closed");
        }

        var ordered = spans.OrderBy(s => s.Span.Start).ThenByDescending(s => s.Span.Length).ToImmutableArray();
        return new MarkupResult(output.ToString(), ordered);
    }

    private static MarkupSpan CreateSpan(string? name, TextSpan span, string markup, int index)
    {
        if (name is null)
        {
            return new MarkupSpan(span, null, null);
        }

        if (name[0] == '#')
        {
            if (!int.TryParse(name.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var key))
            {
                throw Error(markup, index, $"location marker '{name}' must be '#' followed by a number");
            }

            return new MarkupSpan(span, null, key);
        }

        return new MarkupSpan(span, name, null);
    }

    private static bool TryReadName(string markup, int start, out string name, out int next)
    {
        var j = start;
        while (j < markup.Length && (char.IsLetterOrDigit(markup[j]) || markup[j] is '_' or '#'))
        {
            j++;
        }

        if (j == start || j >= markup.Length || markup[j] != ':')
        {
            name = string.Empty;
            next = start;
            return false;
        }

        name = markup[start..j];
        next = j + 1;
        return true;
    }

    private static bool At(string text, int index, string token) =>
        string.CompareOrdinal(text, index, token, 0, token.Length) == 0;

    private static string Position(string markup, int index)
    {
        var line = 1;
        var column = 1;
        for (var k = 0; k < index; k++)
        {
            if (markup[k] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        return $"line {line}, column {column}";
    }

    private static VerificationException Error(string markup, int index, string problem) =>
        new($"Invalid markup at {Position(markup, index)}: {problem}.");
}
