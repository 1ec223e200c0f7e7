using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Optimistic.Query.Analyzers.Razor.Tests.Infrastructure;

/// <summary>A diagnostic moved to its <c>#line</c>-mapped locations (the <c>.razor</c> file), everything else kept.</summary>
internal static class MappedDiagnostic
{
    public static Diagnostic Of(Diagnostic diagnostic)
    {
        if (!IsMapped(diagnostic.Location) && !diagnostic.AdditionalLocations.Any(IsMapped)) return diagnostic;
        var descriptor = diagnostic.Descriptor;
        return Diagnostic.Create(
            diagnostic.Id,
            descriptor.Category,
            diagnostic.GetMessage(CultureInfo.InvariantCulture),
            diagnostic.Severity,
            diagnostic.DefaultSeverity,
            descriptor.IsEnabledByDefault,
            diagnostic.WarningLevel,
            diagnostic.IsSuppressed,
            descriptor.Title,
            descriptor.Description,
            descriptor.HelpLinkUri,
            Map(diagnostic.Location),
            diagnostic.AdditionalLocations.Select(Map),
            descriptor.CustomTags,
            diagnostic.Properties);
    }

    private static bool IsMapped(Location location) => location.IsInSource && location.GetMappedLineSpan().HasMappedPath;

    private static Location Map(Location location)
    {
        if (!IsMapped(location)) return location;
        var mapped = location.GetMappedLineSpan();
        return Location.Create(mapped.Path, default(TextSpan), mapped.Span);
    }
}
