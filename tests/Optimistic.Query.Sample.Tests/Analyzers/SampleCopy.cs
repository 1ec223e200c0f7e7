using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Optimistic.Query.Sample.Tests.Analyzers;

/// <summary>
/// A copy of the sample's sources in a temporary folder, its references pointed back at the repository's projects
/// (already built: the copy's build does not rebuild them), to plant violations in without touching the sample.
/// </summary>
public sealed partial class SampleCopy : IDisposable
{
    private SampleCopy(string root) => Root = root;

    public string Root { get; }

    public string Project => Path.Combine(Root, "Optimistic.Query.Sample", "Optimistic.Query.Sample.csproj");

    public string PathOf(string relative) => Path.Combine(Root, "Optimistic.Query.Sample", relative);

    public static SampleCopy Create()
    {
        var copy = new SampleCopy(Path.Combine(Path.GetTempPath(), "optimistic-query-sample-" + Guid.NewGuid().ToString("N")[..8]));
        var target = Path.Combine(copy.Root, "Optimistic.Query.Sample");
        foreach (var file in Directory.EnumerateFiles(Repository.Sample, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Repository.Sample, file);
            if (relative.StartsWith("bin", StringComparison.Ordinal) || relative.StartsWith("obj", StringComparison.Ordinal)) continue;
            var destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        var root = Repository.Root + Path.DirectorySeparatorChar;
        File.WriteAllText(copy.Project, File.ReadAllText(copy.Project).Replace(@"..\..\", root, StringComparison.Ordinal));
        // The repository's shared settings (nullable, language version), as the sample has them in place.
        File.WriteAllText(Path.Combine(copy.Root, "Directory.Build.props"),
            $"<Project><Import Project=\"{Path.Combine(Repository.Root, "Directory.Build.props")}\" /></Project>");
        File.WriteAllText(Path.Combine(copy.Root, "Directory.Packages.props"), "<Project />");
        return copy;
    }

    /// <summary>Builds the copy from scratch; warnings stay warnings so all of them are listed.</summary>
    public async Task<(int ExitCode, string Output)> BuildAsync()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "build", Project, "-c", Repository.Configuration, "--no-incremental", "-nodeReuse:false",
            "-p:UseSharedCompilation=false", "-p:BuildProjectReferences=false", "-p:TreatWarningsAsErrors=false",
        })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        output.Append(await stdout).Append(await stderr);
        return (process.ExitCode, output.ToString());
    }

    /// <summary>The OPT warnings of a build's output: file name, line, rule.</summary>
    public static List<(string File, int Line, string Id)> Warnings(string output) =>
        WarningPattern().Matches(output)
            .Select(m => (Path.GetFileName(m.Groups["file"].Value), int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups["id"].Value))
            .Distinct()
            .OrderBy(w => w.Item1, StringComparer.Ordinal).ThenBy(w => w.Item2)
            .ToList();

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    [GeneratedRegex(@"(?<file>[^\s:]+\.(?:cs|razor))\((?<line>\d+),\d+\): warning (?<id>OPT\d{3})")]
    private static partial Regex WarningPattern();
}
