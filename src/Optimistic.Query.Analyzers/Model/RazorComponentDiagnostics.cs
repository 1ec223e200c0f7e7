using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Optimistic.Query.Analyzers.Model;

/// <summary>
/// Keeps a rule's diagnostic in a Razor component's generated C# only where the user sees it: at a span of the <c>.razor</c>
/// file (the compiler, SARIF and IDE hosts print a location's <c>#line</c>-mapped span).
/// </summary>
/// <remarks>
/// A primary location that maps to no user-written span (generator-made code, <c>#line hidden</c>) drops the diagnostic;
/// additional locations there are dropped. The component's own severity (<see cref="ComponentSeverity"/>) is applied here;
/// the compiler applies its configuration after that.
/// </remarks>
internal static class RazorComponentDiagnostics
{
    public static Diagnostic? ForComponent(Diagnostic diagnostic, AnalyzerConfigOptions? componentOptions)
    {
        var location = diagnostic.Location;
        if (!RazorComponentCode.MapsToComponentSource(location)) return null;

        var severity = diagnostic.Severity;
        var configured = componentOptions is null ? null : ComponentSeverity.Get(componentOptions, diagnostic.Id);
        switch (configured)
        {
            case ReportDiagnostic.Suppress: return null;
            case ReportDiagnostic.Hidden: severity = DiagnosticSeverity.Hidden; break;
            case ReportDiagnostic.Info: severity = DiagnosticSeverity.Info; break;
            case ReportDiagnostic.Warn: severity = DiagnosticSeverity.Warning; break;
            case ReportDiagnostic.Error: severity = DiagnosticSeverity.Error; break;
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
            descriptor.IsEnabledByDefault || configured is not null,
            severity == DiagnosticSeverity.Error ? 0 : 1, // the compiler requires level 0 for errors and 1+ for the rest
            descriptor.Title,
            descriptor.Description,
            descriptor.HelpLinkUri,
            location,
            kept ?? (System.Collections.Generic.IEnumerable<Location>)additional,
            descriptor.CustomTags,
            diagnostic.Properties);
    }
}
