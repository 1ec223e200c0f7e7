using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Optimistic.Query.Analyzers.Model;

/// <summary>
/// A rule's severity in a Razor component, from <c>optimistic_query.OPTnnn.severity</c> in the sections that match the
/// <c>.razor</c> file.
/// </summary>
/// <remarks>
/// Roslyn gives analyzers no <c>dotnet_diagnostic.*.severity</c> value (those keys go only to the compiler's per-tree table),
/// and the compiler matches that table against the generated C# file's path, which no <c>[*.razor]</c> section matches. So a
/// component's severity is configured with our own key, read through the component's additional file, and applied here:
/// <c>none</c> drops the diagnostic; another value becomes its severity. The compiler applies its own configuration after us,
/// so a global config that sets the rule (the severity presets among them), <c>&lt;NoWarn&gt;</c>, <c>#pragma</c> and
/// <c>[SuppressMessage]</c> still win over every value but <c>none</c>.
/// </remarks>
internal static class ComponentSeverity
{
    private const string KeyPrefix = "optimistic_query.";
    private const string KeySuffix = ".severity";

    /// <summary>The option key for <paramref name="diagnosticId"/> (keys compare case-insensitively).</summary>
    public static string Key(string diagnosticId) => KeyPrefix + diagnosticId + KeySuffix;

    /// <summary>
    /// The configured severity of <paramref name="diagnosticId"/> in the component, or null when the key is absent, is
    /// <c>default</c>, or is not one of <c>none</c>, <c>silent</c>, <c>suggestion</c>, <c>warning</c>, <c>error</c>.
    /// </summary>
    public static ReportDiagnostic? Get(AnalyzerConfigOptions options, string diagnosticId)
    {
        if (!options.TryGetValue(Key(diagnosticId), out var value)) return null;
        return value.Trim().ToLowerInvariant() switch
        {
            "none" => ReportDiagnostic.Suppress,
            "silent" or "refactoring" => ReportDiagnostic.Hidden,
            "suggestion" => ReportDiagnostic.Info,
            "warning" => ReportDiagnostic.Warn,
            "error" => ReportDiagnostic.Error,
            _ => null,
        };
    }
}
