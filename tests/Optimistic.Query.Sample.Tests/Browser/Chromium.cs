namespace Optimistic.Query.Sample.Tests.Browser;

/// <summary>
/// Finds Debian's chromium: the path in OPTIMISTIC_QUERY_CHROMIUM when set, else <c>chromium</c> on PATH. Playwright's
/// own browser download is never used (it cannot work here, and CI installs the distribution's package).
/// </summary>
public static class Chromium
{
    public const string PathVariable = "OPTIMISTIC_QUERY_CHROMIUM";

    public const string MissingMessage =
        "Debian's chromium was not found (set " + PathVariable + " or put 'chromium' on PATH); install it with: apt-get install -y chromium";

    /// <summary>The switches for a headless run in a container: no sandbox, no GPU, nothing fetched in the background.</summary>
    public static readonly string[] Arguments =
    {
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    };

    public static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrWhiteSpace(configured)) return File.Exists(configured) ? configured : null;
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, "chromium");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>Under CI=true the browser tests must run: a missing chromium is a failure there, not a skip.</summary>
    public static bool Required => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
