using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;

namespace Optimistic.Query.Analyzers.Tests.Verification;

/// <summary>
/// Metadata references for test compilations, from the installed framework reference pack
/// (never downloaded), falling back to the test process's trusted platform assemblies.
/// </summary>
internal static class ReferenceAssemblies
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_framework = new(LoadFramework);
    private static readonly Lazy<MetadataReference> s_runtime =
        new(() => MetadataReference.CreateFromFile(typeof(Optimistic.Query.QueryClient).Assembly.Location));

    /// <summary>The framework references (cached for the process).</summary>
    public static ImmutableArray<MetadataReference> Framework => s_framework.Value;

    /// <summary>Optimistic.Query.dll.</summary>
    public static MetadataReference Runtime => s_runtime.Value;

    /// <summary>Where the framework references came from (for diagnostics of the verifier itself).</summary>
    public static string Source { get; private set; } = "not loaded";

    private static ImmutableArray<MetadataReference> LoadFramework()
    {
        var paths = FindReferencePack() ?? FindTrustedPlatformAssemblies();
        return paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    }

    private static IReadOnlyList<string>? FindReferencePack()
    {
        // .../shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll: the dotnet root is three levels up.
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
        var candidates = Directory.GetDirectories(packs)
            .Select(d => (Directory: d, Version: ParseVersion(Path.GetFileName(d))))
            .Where(c => c.Version is not null)
            .OrderByDescending(c => c.Version)
            .ToList();

        // Prefer the reference assemblies of the running major version; otherwise the newest available.
        foreach (var preferExact in new[] { true, false })
        {
            foreach (var candidate in candidates)
            {
                var refDirectory = Path.Combine(candidate.Directory, "ref");
                if (!Directory.Exists(refDirectory))
                {
                    continue;
                }

                var tfm = preferExact
                    ? Path.Combine(refDirectory, wanted)
                    : Directory.GetDirectories(refDirectory, "net*.0").OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault();
                if (tfm is not null && Directory.Exists(tfm))
                {
                    var dlls = Directory.GetFiles(tfm, "*.dll");
                    if (dlls.Length > 0)
                    {
                        Source = tfm;
                        return dlls.OrderBy(p => p, StringComparer.Ordinal).ToList();
                    }
                }
            }
        }

        return null;
    }

    private static IReadOnlyList<string> FindTrustedPlatformAssemblies()
    {
        var coreDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location) ?? string.Empty;
        var tpa = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => string.Equals(Path.GetDirectoryName(p), coreDirectory, StringComparison.Ordinal))
            .OrderBy(p => p, StringComparer.Ordinal)
            .ToList();
        if (tpa.Count == 0)
        {
            throw new InvalidOperationException("No framework reference assemblies found: neither a Microsoft.NETCore.App.Ref pack nor TRUSTED_PLATFORM_ASSEMBLIES.");
        }

        Source = "TRUSTED_PLATFORM_ASSEMBLIES in " + coreDirectory;
        return tpa;
    }

    private static Version? ParseVersion(string name)
    {
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        var numeric = dash >= 0 ? name[..dash] : name;
        return Version.TryParse(numeric, out var version) ? version : null;
    }
}
