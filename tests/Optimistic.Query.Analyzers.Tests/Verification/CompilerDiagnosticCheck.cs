using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Optimistic.Query.Analyzers.Tests.Verification;

/// <summary>Fails on any compiler error or warning whose ID is not allowed (hidden and info diagnostics are ignored).</summary>
internal static class CompilerDiagnosticCheck
{
    public static void Verify(IEnumerable<Diagnostic> compilerDiagnostics, IReadOnlySet<string> allowedIds, string stage)
    {
        var offending = compilerDiagnostics
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && !d.IsSuppressed && !allowedIds.Contains(d.Id))
            .ToList();
        if (offending.Count == 0)
        {
            return;
        }

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"The {stage} does not compile cleanly:");
        foreach (var diagnostic in offending)
        {
            text.Append("  ").AppendLine(diagnostic.ToString());
            if (DiagnosticComparer.SourceLine(diagnostic) is { } line)
            {
                text.Append("      ").AppendLine(line.Trim());
            }
        }

        text.Append("Fix the source, or add the IDs to AllowedCompilerDiagnostics if they are intended.");
        throw new VerificationException(text.ToString());
    }
}
