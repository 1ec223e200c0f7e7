using System.Diagnostics;
using System.Text.Json;

namespace Optimistic.Query.Analyzers.Benchmarks;

/// <summary>
/// The C# files of a synthetic project (SyntheticProject/generate.py), with its counts; for the component variant
/// (<c>--components</c>) also its <c>.razor</c> files and the project directory they are under.
/// </summary>
internal sealed record SyntheticSources(IReadOnlyList<(string Path, string Text)> Files, int Mutations)
{
    /// <summary>The <c>.razor</c> files (full paths), empty unless the component variant.</summary>
    public IReadOnlyList<(string Path, string Text)> Components { get; init; } = Array.Empty<(string, string)>();

    /// <summary>The project directory (full path, ending with a separator).</summary>
    public string ProjectDirectory { get; init; } = "";

    /// <summary>Reads every .cs file under <paramref name="directory"/> (a generated project; obj and bin skipped).</summary>
    public static SyntheticSources Load(string directory)
    {
        var files = Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                           && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (path, File.ReadAllText(path)))
            .ToList();
        var components = Directory.EnumerateFiles(directory, "*.razor", SearchOption.AllDirectories)
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (path, File.ReadAllText(path)))
            .ToList();
        int mutations = -1;
        var counts = Path.Combine(directory, "synthetic.json");
        if (File.Exists(counts))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(counts));
            if (json.RootElement.TryGetProperty("mutations", out var value)) mutations = value.GetInt32();
        }

        return new SyntheticSources(files, mutations)
        {
            Components = components,
            ProjectDirectory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)) + Path.DirectorySeparatorChar,
        };
    }

    /// <summary>Runs the checked-in generator into a temporary folder and loads the result.</summary>
    public static SyntheticSources Generate(int files, bool components = false)
    {
        var generator = FindGenerator();
        var output = Path.Combine(Path.GetTempPath(), $"optimistic-synthetic-{files}{(components ? "-components" : "")}-{Environment.ProcessId}");
        var variant = components ? " --components" : "";
        var start = new ProcessStartInfo("python3", $"\"{generator}\" --out \"{output}\" --files {files} --package-version 0.0.0{variant}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using (var process = Process.Start(start) ?? throw new InvalidOperationException("python3 could not be started"))
        {
            process.StandardOutput.ReadToEnd();
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) throw new InvalidOperationException($"generate.py failed ({process.ExitCode}): {errors}");
        }

        try
        {
            return Load(output);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    /// <summary>generate.py above the binaries, else above the current directory (binaries copied elsewhere).</summary>
    private static string FindGenerator()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "tests", "Optimistic.Query.Benchmarks", "SyntheticProject", "generate.py");
                if (File.Exists(candidate)) return candidate;
            }
        }

        throw new FileNotFoundException("SyntheticProject/generate.py not found above " + AppContext.BaseDirectory + " nor above the current directory");
    }
}
