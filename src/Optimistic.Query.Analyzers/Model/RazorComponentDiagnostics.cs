using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Optimistic.Query.Analyzers.Model;

/// <summary>
/// Turns a rule's diagnostic in a Razor component's generated C# into the one the user sees: at the <c>.razor</c> location
/// (the compiler, SARIF and IDE hosts print a location's <c>#line</c>-mapped span), with the severity the <c>.razor</c>
/// file's options give the rule.
/// </summary>
/// <remarks>
/// A primary location that maps to no user-written span (generator-made code, <c>#line hidden</c>) drops the diagnostic;
/// additional locations there are dropped. The compiler applies <c>dotnet_diagnostic.*.severity</c> from the sections that
/// match the generated file's own path (<c>[*.cs]</c>, global configs) after the analyzer, so those still win; the
/// <c>.razor</c> file's value (<c>[*.razor]</c>, <c>[*.{cs,razor}]</c>) is applied here, and <c>none</c> drops the diagnostic.
/// </remarks>
internal static class RazorComponentDiagnostics
{
    public static Diagnostic? ForComponent(Diagnostic diagnostic, AnalyzerConfigOptions? componentOptions)
    {
        var location = diagnostic.Location;
        if (!RazorComponentCode.MapsToComponentSource(location)) return null;

        var severity = diagnostic.Severity;
        if (componentOptions is not null && componentOptions.TryGetValue("dotnet_diagnostic." + diagnostic.Id + ".severity", out var configured))
        {
            switch (configured.Trim().ToLowerInvariant())
            {
                case "none":
                    return null;
                case "silent":
                case "hidden":
                    severity = DiagnosticSeverity.Hidden;
                    break;
                case "suggestion":
                case "info":
                    severity = DiagnosticSeverity.Info;
                    break;
                case "warning":
                    severity = DiagnosticSeverity.Warning;
                    break;
                case "error":
                    severity = DiagnosticSeverity.Error;
                    break;
                case "default":
                    severity = diagnostic.DefaultSeverity;
                    break;
            }
        }

        List<Location>? kept = null;
        var additional = diagnostic.AdditionalLocations;
        for (var i = 0; i < additional.Count; i++)
        {
            var candidate = additional[i];
            var drop = RazorComponentCode.IsHidden(candidate)
                       || (candidate.SourceTree == location.SourceTree && !RazorComponentCode.MapsToComponentSource(candidate));
            if (drop && kept is null)
            {
                kept = new List<Location>(additional.Count);
                for (var j = 0; j < i; j++) kept.Add(additional[j]);
            }
            else if (!drop)
            {
                kept?.Add(candidate);
            }
        }

        if (kept is null && severity == diagnostic.Severity) return diagnostic;

        var descriptor = diagnostic.Descriptor;
        return Diagnostic.Create(
            descriptor.Id,
            descriptor.Category,
            diagnostic.GetMessage(CultureInfo.InvariantCulture),
            severity,
            descriptor.DefaultSeverity,
            descriptor.IsEnabledByDefault,
            severity == DiagnosticSeverity.Error ? 0 : 1,
            descriptor.Title,
            descriptor.Description,
            descriptor.HelpLinkUri,
            location,
            (IEnumerable<Location>?)kept ?? additional,
            descriptor.CustomTags,
            diagnostic.Properties);
    }
}
