namespace Optimistic.Query.Analyzers.Tests.Corpus;

/// <summary>
/// Issue #13's corpus: real-app-shaped mutation definitions (<c>Corpus/Sources</c>, one file per app shape) analyzed by every
/// rule and fixed by every code fix. Each definition reports exactly the diagnostics listed for it (so the corpus cannot
/// silently stop firing), and every diagnostic has a code fix that compiles and removes it — except OPT010 (no fix by
/// design) and the exact list of <see cref="Unfixable"/> ones, each with its reason. The list is exact both ways: an
/// unlisted diagnostic without a working fix fails, and so does a listed one that gained a fix (shrink the list).
/// </summary>
public class CorpusTests
{
    /// <summary>The rules' diagnostics per definition (<c>File/Type.Member</c>), in source order.</summary>
    private static readonly Dictionary<string, string[]> Expected = new()
    {
        // Blazor code-behind.
        ["BlazorCodeBehind/TodosPage.OnInitialized"] = new string[0],
        ["BlazorCodeBehind/TodosPage.InitializeAdd"] = new[] { "OPT005" },
        ["BlazorCodeBehind/TodosPage.InitializeRemove"] = new[] { "OPT005", "OPT004" },
        ["BlazorCodeBehind/TodosPage.MarkDone"] = new string[0],
        ["BlazorCodeBehind/TodosPage.SaveEdit"] = new[] { "OPT006", "OPT003" },
        ["BlazorCodeBehind/TodosPage.Retitle"] = new[] { "OPT001" },
        ["BlazorCodeBehind/TodosPage.RetitleCorrectly"] = new string[0],
        ["BlazorCodeBehind/TodosPage.RenameExactSettle"] = new[] { "OPT006" },

        // Tuple and record contexts.
        ["Contexts/TodoEditor.CreateRename"] = new string[0],
        ["Contexts/TodoEditor.CreateRenameStamped"] = new string[0],
        ["Contexts/TodoEditor.CreateRenameNoCancel"] = new[] { "OPT001" },
        ["Contexts/TodoEditor.CreateRenameIgnoringContext"] = new[] { "OPT002" },
        ["Contexts/TodoEditor.CreateToggleCounting"] = new[] { "OPT003" },
        ["Contexts/TodoEditor.CreateToggleWithCounts"] = new[] { "OPT010" },
        ["Contexts/TodoEditor.CreateSetLanguage"] = new[] { "OPT009" },

        // Factories.
        ["Factories/TodoMutations.Optimistic"] = new[] { "OPT005" },
        ["Factories/TodoMutations.Delete"] = new[] { "OPT005" },
        ["Factories/TodoMutations.ToggleOn"] = new[] { "OPT001" },
        ["Factories/TodoMutations.ToggleInvalidatingBothWays"] = new string[0],
        ["Factories/TodoMutations.SaveProfile"] = new[] { "OPT002", "OPT007" },
        ["Factories/CommentMutations.Post"] = new[] { "OPT005" },
        ["Factories/CommentMutations.Remove"] = new[] { "OPT005" },

        // Local functions.
        ["LocalFunctions/StatsPanel.CreateCount"] = new string[0],
        ["LocalFunctions/StatsPanel.CreateCountNoCancel"] = new[] { "OPT001" },
        ["LocalFunctions/StatsPanel.CreateCountToastingErrors"] = new[] { "OPT002" },
        ["LocalFunctions/StatsPanel.CreateCountSyncSettled"] = new[] { "OPT012" },
        ["LocalFunctions/StatsPanel.CreateCountCelebrating"] = new[] { "OPT004" },
        ["LocalFunctions/StatsPanel.CreateCountThroughHelper"] = new[] { "OPT001" },

        // Method groups.
        ["MethodGroups/NotificationsViewModel.CreateMarkRead"] = new string[0],
        ["MethodGroups/NotificationsViewModel.CreateMarkReadNoCancel"] = new[] { "OPT001" },
        ["MethodGroups/NotificationsViewModel.CreateMarkReadToastOnly"] = new[] { "OPT002" },
        ["MethodGroups/NotificationsViewModel.CreateMarkReadWithToast"] = new[] { "OPT004" },
        ["MethodGroups/NotificationsViewModel.CreateMarkReadSyncSettled"] = new[] { "OPT012" },
        ["MethodGroups/NotificationsViewModel.CreateDismiss"] = new[] { "OPT005" },

        // View models.
        ["ViewModels/TodoListViewModel.ctor"] = new string[0],
        ["ViewModels/TodoListViewModel.CreateToggle"] = new[] { "OPT001" },
        ["ViewModels/TodoListViewModel.CreateQuickToggle"] = new[] { "OPT001", "OPT004" },
        ["ViewModels/TodoListViewModel.CreateToggleWithField"] = new[] { "OPT003" },
        ["ViewModels/TodoListViewModel.CreateRenameWithoutRollback"] = new[] { "OPT002" },
        ["ViewModels/TodoListViewModel.CreateRenameInvalidatingOnSuccess"] = new[] { "OPT006" },
        ["ViewModels/TodoListViewModel.CreateAdd"] = new[] { "OPT005" },
        ["ViewModels/TodoListViewModel.CreateDelete"] = new[] { "OPT005" },
        ["ViewModels/TodoListViewModel.CreateArchive"] = new[] { "OPT005" },
        ["ViewModels/TodoListViewModel.CreateRenameSnapshotLate"] = new[] { "OPT008" },
        ["ViewModels/TodoListViewModel.CreateRenameCancellingTheWrongKey"] = new[] { "OPT007", "OPT001" },
        ["ViewModels/TodoListViewModel.CreateRenameWithSyncSettled"] = new[] { "OPT012" },
        ["ViewModels/TodoDetailViewModel.CreateRename"] = new[] { "OPT003" },
        ["ViewModels/TodoDetailViewModel.CreateToggle"] = new string[0],
        ["ViewModels/SettingsViewModel.CreateSave"] = new[] { "OPT009" },
        ["ViewModels/SettingsViewModel.CreateSaveAndRename"] = new[] { "OPT010" },

        // The app's options record, derived with `with`.
        ["WithBase/ProfileScreen.Base"] = new string[0],
        ["WithBase/ProfileScreen.Save"] = new string[0],
        ["WithBase/ProfileScreen.SaveQuickly"] = new[] { "OPT001" },
        ["WithBase/ProfileScreen.SaveAndCelebrate"] = new[] { "OPT004" },
        ["WithBase/ProfileScreen.AddTodo"] = new[] { "OPT005" },
        ["WithBase/ProfileScreen.SaveSettings"] = new[] { "OPT006", "OPT002" },
        ["WithBase/ProfileScreen.SaveSnapshotLate"] = new[] { "OPT008" },

        // Wrappers carrying the attributes.
        ["Wrappers/FeatureScreen.Rename"] = new string[0],
        ["Wrappers/FeatureScreen.RenameOnSuccess"] = new[] { "OPT006" },
        ["Wrappers/FeatureScreen.RenameQuickly"] = new[] { "OPT001", "OPT004" },
        ["Wrappers/FeatureScreen.SaveProfile"] = new[] { "OPT006", "OPT007" },
        ["Wrappers/FeatureScreen.Add"] = new[] { "OPT005" },
    };

    /// <summary>Diagnostics with no working fix today, by (ID, definition), with the reason.</summary>
    private static readonly Dictionary<(string Id, string Definition), string> Unfixable = new()
    {
        // By design (issue #13's exceptions).
        [("OPT009", "Contexts/TodoEditor.CreateSetLanguage")] = "no typed access of the key anywhere: the query's type is unknown",
        [("OPT007", "Factories/TodoMutations.SaveProfile")] = "no provable replacement: the patched key Keys.Profile() is a call, not a plain expression (rules/OPT007.md)",
        [("OPT007", "ViewModels/TodoListViewModel.CreateRenameCancellingTheWrongKey")] = "no provable replacement: the patched key Keys.Todo(input.Id) is built from OnMutate's parameter (rules/OPT007.md)",
        [("OPT007", "Wrappers/FeatureScreen.SaveProfile")] = "no provable replacement: the odd key is the wrapper call's argument and the patched key Keys.Profile() is a call",
    };

    private static readonly string[] Shapes =
    {
        "BlazorCodeBehind.cs", "Contexts.cs", "Factories.cs", "LocalFunctions.cs", "MethodGroups.cs", "ViewModels.cs", "WithBase.cs", "Wrappers.cs",
    };

    [Fact]
    public async Task The_corpus_has_at_least_60_definitions_across_every_app_shape()
    {
        var run = await CorpusRun.Get();
        Assert.Equal(Shapes, run.Files.ToArray());
        Assert.True(run.Definitions.Length >= 60, $"{run.Definitions.Length} definitions");
        foreach (var shape in Shapes)
        {
            Assert.Contains(run.Definitions, d => d.StartsWith(shape[..^3] + "/", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Every_definition_reports_exactly_its_listed_diagnostics()
    {
        var run = await CorpusRun.Get();
        var actual = run.Definitions.ToDictionary(d => d, d => run.Diagnostics.Where(x => x.Definition == d).Select(x => x.Diagnostic.Id).ToArray());
        var mismatches = new List<string>();
        foreach (var definition in actual.Keys.Union(Expected.Keys))
        {
            var got = actual.TryGetValue(definition, out var a) ? a : null;
            var want = Expected.TryGetValue(definition, out var e) ? e : null;
            if (got is null || want is null || !got.SequenceEqual(want))
            {
                mismatches.Add($"{definition}: expected [{string.Join(", ", want ?? new[] { "(not listed)" })}], got [{string.Join(", ", got ?? new[] { "(no such definition)" })}]");
            }
        }

        var orphans = run.Diagnostics.Where(d => !actual.ContainsKey(d.Definition)).Select(d => "outside any definition: " + d.Diagnostic).ToList();
        Assert.True(mismatches.Count == 0 && orphans.Count == 0, string.Join("\n", mismatches.Concat(orphans)) + "\n\n" + run.Describe());
    }

    [Fact]
    public async Task Every_diagnostic_has_a_fix_that_compiles_and_removes_it_except_the_listed_ones()
    {
        var run = await CorpusRun.Get();
        var failures = new List<string>();
        var fixable = run.Diagnostics.Where(d => d.Diagnostic.Id != "OPT010").GroupBy(d => (d.Diagnostic.Id, d.Definition));
        foreach (var group in fixable)
        {
            var broken = group.FirstOrDefault(d => d.FixFailure is not null);
            var listed = Unfixable.ContainsKey(group.Key);
            if (broken is not null && !listed) failures.Add($"{group.Key.Id} in {group.Key.Definition} has no working fix and is not listed: {broken.FixFailure}");
            if (broken is null && listed) failures.Add($"{group.Key.Id} in {group.Key.Definition} is listed as unfixable but its fix works now: remove it from the list");
        }

        foreach (var key in Unfixable.Keys.Where(key => !run.Diagnostics.Any(d => (d.Diagnostic.Id, d.Definition) == key)))
        {
            failures.Add($"{key.Id} in {key.Definition} is listed as unfixable but not reported");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures) + "\n\n" + run.Describe());
    }
}
