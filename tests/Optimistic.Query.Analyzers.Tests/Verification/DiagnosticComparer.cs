using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Optimistic.Query.Analyzers.Tests.Verification;

/// <summary>Matches expected (location-resolved) results against actual diagnostics; fails with a readable diff.</summary>
internal static class DiagnosticComparer
{
    public static void Verify(IReadOnlyList<DiagnosticResult> expected, IReadOnlyList<Diagnostic> actual, string stage)
    {
        var unmatched = actual.ToList();
        var missing = new List<DiagnosticResult>();

        // The most specific expectations pick first, so a looser one cannot steal their diagnostic.
        foreach (var result in expected.OrderByDescending(Specificity))
        {
            var index = unmatched.FindIndex(d => Matches(result, d));
            if (index >= 0)
            {
                unmatched.RemoveAt(index);
            }
            else
            {
                missing.Add(result);
            }
        }

        if (missing.Count == 0 && unmatched.Count == 0)
        {
            return;
        }

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Diagnostics do not match ({stage}).");
        if (missing.Count > 0)
        {
            text.AppendLine("Missing (expected, not reported):");
            foreach (var result in missing)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  - {result}");
            }
        }

        if (unmatched.Count > 0)
        {
            text.AppendLine("Unexpected (reported, not expected):");
            foreach (var diagnostic in unmatched)
            {
                AppendActual(text, diagnostic, "  + ");
            }
        }

        text.AppendLine("Expected:");
        foreach (var result in expected)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"    {result}");
        }

        text.AppendLine("Actual:");
        foreach (var diagnostic in actual)
        {
            AppendActual(text, diagnostic, "    ");
        }

        throw new VerificationException(text.ToString());
    }

    public static string Describe(Diagnostic diagnostic)
    {
        var location = diagnostic.Location.IsInSource
            ? DiagnosticResult.FormatLocation(diagnostic.Location.GetLineSpan().Path, diagnostic.Location.GetLineSpan().Span)
            : "(no location)";
        return $"{diagnostic.Id} {location} {diagnostic.Severity} \"{diagnostic.GetMessage(CultureInfo.InvariantCulture)}\"";
    }

    /// <summary>The source line of an in-source diagnostic, for failure messages.</summary>
    public static string? SourceLine(Diagnostic diagnostic)
    {
        if (diagnostic.Location.SourceTree is not { } tree)
        {
            return null;
        }

        var text = tree.GetText();
        var line = text.Lines.GetLineFromPosition(diagnostic.Location.SourceSpan.Start);
        return text.ToString(line.Span);
    }

    private static void AppendActual(StringBuilder text, Diagnostic diagnostic, string prefix)
    {
        text.Append(prefix).AppendLine(Describe(diagnostic));
        if (SourceLine(diagnostic) is { } line)
        {
            text.Append(' ', prefix.Length + 4).AppendLine(line.Trim());
            var span = diagnostic.Location.GetLineSpan().Span;
            text.Append(' ', prefix.Length + 4).AppendLine(CultureInfo.InvariantCulture,
                $"as expected: Diagnostic(\"{diagnostic.Id}\").WithSpan(\"{Path.GetFileName(diagnostic.Location.GetLineSpan().Path)}\", {span.Start.Line + 1}, {span.Start.Character + 1}, {span.End.Line + 1}, {span.End.Character + 1})");
        }
    }

    private static int Specificity(DiagnosticResult result) =>
        (result.Message is not null ? 1 : 0) + (result.MessageArguments is not null ? 1 : 0) + (result.Severity is not null ? 1 : 0);

    private static bool Matches(DiagnosticResult expected, Diagnostic actual)
    {
        if (!string.Equals(expected.Id, actual.Id, StringComparison.Ordinal))
        {
            return false;
        }

        if (expected.Span is { } span)
        {
            if (!actual.Location.IsInSource)
            {
                return false;
            }

            var lineSpan = actual.Location.GetLineSpan();
            if (!string.Equals(lineSpan.Path, expected.FilePath, StringComparison.Ordinal) || lineSpan.Span != span)
            {
                return false;
            }
        }
        else if (actual.Location.IsInSource)
        {
            return false;
        }

        if (expected.Severity is { } severity && severity != actual.Severity)
        {
            return false;
        }

        var message = actual.GetMessage(CultureInfo.InvariantCulture);
        if (expected.Message is not null && !string.Equals(expected.Message, message, StringComparison.Ordinal))
        {
            return false;
        }

        if (expected.MessageArguments is { } arguments)
        {
            var format = actual.Descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture);
            string formatted;
            try
            {
                formatted = string.Format(CultureInfo.InvariantCulture, format, arguments.ToArray());
            }
            catch (FormatException)
            {
                return false;
            }

            if (!string.Equals(formatted, message, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
