using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;

namespace Optimistic.Query.Analyzers.Model;

/// <summary>
/// Keeps a rule's diagnostic in a Razor component's generated C# only where the user sees it: at a span of the <c>.razor</c>
/// file (the compiler, SARIF and IDE hosts print a location's <c>#line</c>-mapped span).
/// </summary>
/// <remarks>
/// A primary location that maps to no user-written span (generator-made code, <c>#line hidden</c>) drops the diagnostic;
/// additional locations there are dropped.
/// Severity is not set here: Roslyn gives analyzers no <c>dotnet_diagnostic.*.severity</c> value (those keys go only to the
/// compiler's per-file table, which it matches against the generated file's path), so a component's severity comes from
/// what the compiler applies to the generated file: global configs and the severity presets, <c>#pragma</c>,
/// <c>[SuppressMessage]</c>, <c>NoWarn</c>/<c>WarningsAsErrors</c>.
/// </remarks>
internal static class RazorComponentDiagnostics
{
    public static Diagnostic? ForComponent(Diagnostic diagnostic)
    {
        var location = diagnostic.Location;
        if (!RazorComponentCode.MapsToComponentSource(location)) return null;

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

        if (kept is null) return diagnostic;

        var descriptor = diagnostic.Descriptor;
        return Diagnostic.Create(
            descriptor.Id,
            descriptor.Category,
            diagnostic.GetMessage(CultureInfo.InvariantCulture),
            diagnostic.Severity,
            descriptor.DefaultSeverity,
            descriptor.IsEnabledByDefault,
            diagnostic.WarningLevel,
            descriptor.Title,
            descriptor.Description,
            descriptor.HelpLinkUri,
            location,
            kept,
            descriptor.CustomTags,
            diagnostic.Properties);
    }
}
