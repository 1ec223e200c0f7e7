using System.Text;

namespace Optimistic.Query.Analyzers.Tests.Fuzz;

/// <summary>Fails with the first failing variants (id to reproduce, mutation, truncated text, exception) and writes all of them to a temp folder.</summary>
internal static class FuzzAssert
{
    public static void NoFailures(FuzzReport report, string testName)
    {
        if (report.Failures.IsEmpty)
        {
            return;
        }

        var failures = report.Failures.OrderBy(f => f.Variant.Id, StringComparer.Ordinal).ThenBy(f => f.Stage, StringComparer.Ordinal).ToList();
        var directory = Path.Combine(FuzzSettings.FailureDirectory, testName);
        Directory.CreateDirectory(directory);
        for (var i = 0; i < failures.Count; i++)
        {
            var f = failures[i];
            File.WriteAllText(
                Path.Combine(directory, $"failure{i:D3}.cs"),
                $"/* variant: {f.Variant.Id}\n   mutation: {f.Variant.Description}\n   stage: {f.Stage}\n   reproduce: OPTIMISTIC_QUERY_FUZZ_FILTER=\"{f.Variant.Id}\" (seed {FuzzSettings.Seed}, scale {FuzzSettings.Scale})\n{GlobalConfig(f.Variant, 20000)}\n{f.Details.Replace("*/", "* /", StringComparison.Ordinal)}\n*/\n{f.Variant.Text}");
        }

        var message = new StringBuilder();
        message.AppendLine($"{failures.Count} analyzer/fixer failure(s) in {report.Variants} variants (seed {FuzzSettings.Seed}, scale {FuzzSettings.Scale}); all written to {directory}.");
        foreach (var f in failures.Take(FuzzSettings.FailuresShown))
        {
            message.AppendLine();
            message.AppendLine($"--- {f.Variant.Id}: {f.Variant.Description}");
            message.AppendLine($"    stage: {f.Stage}; reproduce with OPTIMISTIC_QUERY_FUZZ_FILTER=\"{f.Variant.Id}\"");
            message.AppendLine(Truncate(f.Details, 3000));
            if (f.Variant.Source.GlobalConfig is not null)
            {
                message.AppendLine(GlobalConfig(f.Variant, 1500));
            }

            message.AppendLine("    source (end):");
            message.AppendLine(TruncateStart(f.Variant.Text, 1200));
        }

        throw new Xunit.Sdk.XunitException(message.ToString());
    }

    private static string GlobalConfig(FuzzVariant variant, int max) =>
        variant.Source.GlobalConfig is { } config ? "    global config:\n" + Truncate(config, max).Replace("*/", "* /", StringComparison.Ordinal) : string.Empty;

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max] + " …";

    private static string TruncateStart(string text, int max) => text.Length <= max ? text : "… " + text[^max..];
}
