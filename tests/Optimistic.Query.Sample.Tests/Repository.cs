namespace Optimistic.Query.Sample.Tests;

/// <summary>Where the repository and the built sample are.</summary>
public static class Repository
{
#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif

    public static string Root { get; } = FindRoot();

    public static string Sample => Path.Combine(Root, "samples", "Optimistic.Query.Sample");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Analyzers.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException("No folder containing Analyzers.sln above " + AppContext.BaseDirectory);
    }
}
