using System.Globalization;

namespace Optimistic.Query.Analyzers.Tests.Fuzz;

/// <summary>
/// Sample sizes and caps of the never-throw fuzz. The defaults keep the CI run to a few minutes on 2 cores;
/// <c>OPTIMISTIC_QUERY_FUZZ_SCALE</c> (a positive number, default 1) multiplies every count for longer local runs, and
/// <c>OPTIMISTIC_QUERY_FUZZ_FILTER</c> (a substring of a variant id, e.g. <c>readme#0/delete#7</c>) reruns chosen variants.
/// </summary>
internal static class FuzzSettings
{
    /// <summary>The fixed seed: every run analyzes the same variants.</summary>
    public const int Seed = 20261122;

    public const int PrefixCutsPerSource = 30;
    public const int OnMutatePrefixCutsPerSource = 8;
    public const int DeletionsPerSource = 20;
    public const int DuplicationsPerSource = 4;
    public const int ReplacementsPerSource = 12;

    /// <summary>
    /// Caps on the variants of one kind over the whole corpus (sampled evenly when exceeded). The prefix and mutation caps
    /// were lowered from 2400 and 1800 when the API-map fuzz came, to keep the total fuzz time where it was.
    /// </summary>
    public const int MaxPrefixVariants = 2100;
    public const int MaxMutationVariants = 1550;
    public const int MaxFixVariants = 250;
    public const int MaxOptionVariants = 250;
    public const int MaxApiMapVariants = 150;

    /// <summary>Random odd API maps (<see cref="FuzzApiMaps"/>) beside the hand-written ones; each is applied to every map seed.</summary>
    public const int RandomApiMaps = 8;

    /// <summary>Distinct odd .editorconfig files; each source is analyzed with a third of them.</summary>
    public const int OptionSetsPerRun = 12;

    /// <summary>Code actions applied per variant (each offered action of each fixable diagnostic, up to this).</summary>
    public const int MaxActionsPerVariant = 8;

    /// <summary>A variant whose analysis or fixing takes longer fails as a hang.</summary>
    public static readonly TimeSpan VariantTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Failing variants shown in the assertion message (all are written to <see cref="FailureDirectory"/>).</summary>
    public const int FailuresShown = 5;

    public static double Scale { get; } = ReadScale();

    public static string? Filter { get; } = Environment.GetEnvironmentVariable("OPTIMISTIC_QUERY_FUZZ_FILTER") is { Length: > 0 } f ? f : null;

    public static string FailureDirectory { get; } = Path.Combine(Path.GetTempPath(), "optimistic-query-fuzz");

    public static int Scaled(int count) => Math.Max(1, (int)Math.Round(count * Scale));

    private static double ReadScale()
    {
        var text = Environment.GetEnvironmentVariable("OPTIMISTIC_QUERY_FUZZ_SCALE");
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var scale) && scale > 0 ? scale : 1.0;
    }

    /// <summary>A stable (process-independent) hash for deriving per-source seeds.</summary>
    public static int StableHash(string text)
    {
        unchecked
        {
            var hash = (int)2166136261;
            foreach (var c in text)
            {
                hash = (hash ^ c) * 16777619;
            }

            return hash;
        }
    }
}
