using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace Optimistic.Query.Analyzers.Tests.Verifiers;

/// <summary>
/// The metadata references of every test compilation, offline: the installed SDK's reference pack for the running major
/// version, passed as plain references, plus Optimistic.Query.dll.
/// </summary>
/// <remarks>
/// <c>ReferenceAssemblies.Net.Net80</c> downloads <c>Microsoft.NETCore.App.Ref</c> while the tests run (and fails without a
/// network), and <c>Net90</c>/<c>Net100</c> fail with <c>KeyNotFoundException</c> on the exact pack version. A
/// <see cref="ReferenceAssemblies"/> that names no package resolves nothing and so never downloads.
/// </remarks>
internal static class TestReferences
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_framework = new(LoadFramework);
    private static readonly Lazy<MetadataReference> s_runtime =
        new(() => MetadataReference.CreateFromFile(typeof(Optimistic.Query.QueryClient).Assembly.Location));

    /// <summary>The official test's reference assemblies: a target framework and no package.</summary>
    public static ReferenceAssemblies Assemblies { get; } = new($"net{Environment.Version.Major}.0");

    /// <summary>The framework's reference assemblies (cached for the process).</summary>
    public static ImmutableArray<MetadataReference> Framework => s_framework.Value;

    /// <summary>Optimistic.Query.dll.</summary>
    public static MetadataReference Runtime => s_runtime.Value;

    /// <summary>The framework, and the runtime when <paramref name="referenceRuntime"/>.</summary>
    public static ImmutableArray<MetadataReference> For(bool referenceRuntime) =>
        referenceRuntime ? Framework.Add(Runtime) : Framework;

    private static ImmutableArray<MetadataReference> LoadFramework()
    {
        var paths = FindReferencePack() ?? FindTrustedPlatformAssemblies();
        return paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    }

    private static IReadOnlyList<string>? FindReferencePack()
    {
        // <dotnet root>/shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll: the root is three levels up.
        var coreDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location);
        if (string.IsNullOrEmpty(coreDirectory))
        {
            return null;
        }

        var packs = Path.GetFullPath(Path.Combine(coreDirectory, "..", "..", "..", "packs", "Microsoft.NETCore.App.Ref"));
        if (!Directory.Exists(packs))
        {
            return null;
        }

        var wanted = $"net{Environment.Version.Major}.0";
        var directories = Directory.GetDirectories(packs)
            .Select(d => (Directory: d, Version: ParseVersion(Path.GetFileName(d))))
            .Where(c => c.Version is not null)
            .OrderByDescending(c => c.Version)
            .Select(c => Path.Combine(c.Directory, "ref", wanted));
        var found = directories.FirstOrDefault(d => Directory.Exists(d) && Directory.GetFiles(d, "*.dll").Length > 0);
        return found is null ? null : Directory.GetFiles(found, "*.dll").OrderBy(p => p, StringComparer.Ordinal).ToList();
    }

    private static IReadOnlyList<string> FindTrustedPlatformAssemblies()
    {
        var coreDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location) ?? string.Empty;
        var tpa = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => string.Equals(Path.GetDirectoryName(p), coreDirectory, StringComparison.Ordinal))
            .OrderBy(p => p, StringComparer.Ordinal)
            .ToList();
        return tpa.Count > 0
            ? tpa
            : throw new InvalidOperationException("No framework reference assemblies: neither a Microsoft.NETCore.App.Ref pack nor TRUSTED_PLATFORM_ASSEMBLIES.");
    }

    private static Version? ParseVersion(string name)
    {
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        return Version.TryParse(dash >= 0 ? name[..dash] : name, out var version) ? version : null;
    }
}
