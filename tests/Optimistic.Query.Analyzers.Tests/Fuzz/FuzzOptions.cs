using System.Reflection;

namespace Optimistic.Query.Analyzers.Tests.Fuzz;

/// <summary>
/// Odd <c>.editorconfig</c> values for every option the analyzers read: the keys are the analyzer assembly's string
/// constants that start with <c>optimistic_query.</c> (so options added later are covered), plus severities.
/// </summary>
internal static class FuzzOptions
{
    private static readonly string[] s_values =
    {
        "", " ", ",", " , ,", ",,Create,,", "*", "Create", "create", "a,b,,c", "Ünïcödé,Ⅻ,𝒜dd", "[", "]", "=", "#", ";", "Success;Error",
        "-1", "0", "99999999999999999999", "1e308", "NaN", "7.days", "00:00:00", "-00:00:01", "10675199.02:48:05.4775807", "none", "true",
        "Toaster.Success(", "global::Optimistic.Query.IToaster.Success", "M:Optimistic.Query.IToaster.Success(System.String)", "\\", "\"\"",
        new string('A', 5000), string.Join(",", Enumerable.Repeat("Add", 500)),
    };

    private static readonly string[] s_severities = { "error", "none", "silent", "suggestion", "garbage", "" };

    public static IReadOnlyList<string> Keys { get; } = FindKeys();

    private static IReadOnlyList<string> FindKeys()
    {
        Type?[] types;
        try
        {
            types = Assembly.Load("Optimistic.Query.Analyzers").GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            types = e.Types;
        }

        return types.Where(t => t is not null)
            .SelectMany(t => t!.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Where(v => v.StartsWith("optimistic_query.", StringComparison.Ordinal) && !v.EndsWith('.'))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(v => v, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Editorconfigs setting every key to a sampled odd value, and a rule's severity to a sampled value.</summary>
    public static IEnumerable<(string Name, string EditorConfig)> EditorConfigs(int count, IReadOnlyList<string> ruleIds)
    {
        var random = new Random(FuzzSettings.Seed ^ FuzzSettings.StableHash("options"));
        for (var i = 0; i < count; i++)
        {
            var lines = new List<string> { "[*.cs]" };
            foreach (var key in Keys)
            {
                lines.Add($"{key} = {s_values[(i + random.Next(s_values.Length)) % s_values.Length]}");
            }

            foreach (var id in ruleIds)
            {
                if (random.Next(3) == 0)
                {
                    lines.Add($"dotnet_diagnostic.{id}.severity = {s_severities[random.Next(s_severities.Length)]}");
                }
            }

            yield return ($"options#{i}", string.Join("\n", lines) + "\n");
        }
    }
}
