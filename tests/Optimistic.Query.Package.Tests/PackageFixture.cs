using System.IO.Compression;

namespace Optimistic.Query.Package.Tests;

/// <summary>
/// Packs the packages (analyzers, runtime, MVVM) from the already built outputs (same configuration as these tests, no rebuild), under a
/// version of its own, and restores them into a fresh consumer project with an isolated NUGET_PACKAGES, so no
/// stale copy can be used.
/// </summary>
public sealed class PackageFixture : IAsyncLifetime
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "optimistic-query-package-" + Guid.NewGuid().ToString("N"));

    public string Version { get; } = "0.0.1-test" + DateTime.UtcNow.ToString("yyyyMMddHHmmss");

    public string Feed => Path.Combine(Root, "feed");

    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["NUGET_PACKAGES"] = Path.Combine(Root, "packages"),
    };

    public string RepositoryRoot { get; } = FindRepositoryRoot();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        foreach (var project in new[]
                 {
                     "src/Optimistic.Query.Analyzers.Package/Optimistic.Query.Analyzers.Package.csproj",
                     "src/Optimistic.Query/Optimistic.Query.csproj",
                     "src/Optimistic.Query.Mvvm/Optimistic.Query.Mvvm.csproj",
                     "src/Optimistic.Query.Blazor/Optimistic.Query.Blazor.csproj",
                 })
        {
            var (exit, output) = await ProcessRunner.DotnetAsync(RepositoryRoot, Environment,
                "pack", Path.Combine(RepositoryRoot, project), "-c", Configuration, "--no-build", "-o", Feed, $"-p:Version={Version}");
            if (exit != 0) throw new InvalidOperationException($"dotnet pack {project} failed:\n{output}");
        }

    }

    /// <summary>A fresh copy of a consumer project (tests that fix it must not change what other tests build).</summary>
    /// <param name="name">The template's folder under this project, holding <c>{name}.csproj.template</c>, its sources and an optional .editorconfig.</param>
    /// <param name="packageId">Another package to reference in place of Optimistic.Query (one that depends on it), or null.</param>
    /// <returns>The consumer's project file.</returns>
    public string CreateConsumer(string name = "Consumer", string? packageId = null)
    {
        var directory = Path.Combine(Root, name.ToLowerInvariant() + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        var template = Path.Combine(RepositoryRoot, "tests/Optimistic.Query.Package.Tests", name);
        var project = Path.Combine(directory, name + ".csproj");
        File.WriteAllText(project, File.ReadAllText(Path.Combine(template, name + ".csproj.template"))
            .Replace("$PACKAGE_VERSION$", Version)
            .Replace("Include=\"Optimistic.Query\"", $"Include=\"{packageId ?? "Optimistic.Query"}\""));
        foreach (var source in Directory.GetFiles(template, "*.cs").Concat(Directory.GetFiles(template, ".editorconfig")))
            File.Copy(source, Path.Combine(directory, Path.GetFileName(source)));
        foreach (var component in Directory.GetFiles(template, "*.razor", SearchOption.AllDirectories))
        {
            var target = Path.Combine(directory, Path.GetRelativePath(template, component));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(component, target);
        }
        // The local feed; the machine's configured sources stay for the runtime's own dependencies.
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="optimistic-query-local" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
        return project;
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
        return Task.CompletedTask;
    }

    /// <summary>Builds the consumer from scratch (no incremental build, no build server).</summary>
    public Task<(int ExitCode, string Output)> BuildConsumerAsync(string project, params string[] extraArguments) =>
        ProcessRunner.DotnetAsync(Path.GetDirectoryName(project)!, Environment,
            ["build", project, "--no-incremental", "-nodeReuse:false", "-p:UseSharedCompilation=false", .. extraArguments]);

    public ZipArchive OpenPackage(string id) => ZipFile.OpenRead(Path.Combine(Feed, $"{id}.{Version}.nupkg"));

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Analyzers.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException("No folder containing Analyzers.sln above " + AppContext.BaseDirectory);
    }
}
