using System.Collections.Immutable;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using Optimistic.Query.Analyzers.Tests.Verifiers;

namespace Optimistic.Query.Analyzers.Tests.Fuzz;

/// <summary>
/// One corpus source: the text that is mutated (<c>/0/Test0.cs</c>), unchanged companion files (the demo's other files),
/// whether the runtime is referenced (not for sources that declare their own copy of the annotations, nor for the
/// third-party stand-in), and the global analyzer config (the <c>optimistic_query.api.*</c> map) it is analyzed with.
/// </summary>
internal sealed record FuzzSource(string Name, string Text, ImmutableArray<(string Path, string Text)> Companions, bool ReferenceRuntime, bool IsProgram = false, string? GlobalConfig = null)
{
    public static FuzzSource Single(string name, string text) =>
        new(name, text, ImmutableArray<(string, string)>.Empty, !DeclaresRuntimeNamespace(text));

    private static bool DeclaresRuntimeNamespace(string text) =>
        Regex.IsMatch(text, @"\bnamespace\s+Optimistic\.Query\b");
}

/// <summary>
/// The fuzz corpus: (a) the rule and fix tests' C# string literals that use the runtime, markup stripped, plus the shared
/// test sources exposed as static strings; (b) the ```csharp blocks of README.md and rules/*.md, wrapped when fragments;
/// (c) the demo app's files, and the Blazor sample's (its C# files, and each page's <c>@code</c> block as a class);
/// (d) <see cref="FuzzSeeds"/>. Deduplicated by text.
/// </summary>
internal static class FuzzCorpus
{
    private static readonly Lazy<ImmutableArray<FuzzSource>> s_all = new(Load);

    public static ImmutableArray<FuzzSource> All => s_all.Value;

    public static string RepoRoot { get; } = FindRepoRoot();

    private static ImmutableArray<FuzzSource> Load()
    {
        var sources = new List<FuzzSource>();
        sources.AddRange(FuzzSeeds.All.Select(s => FuzzSource.Single("seed:" + s.Name, s.Text)));
        sources.AddRange(FromTestLiterals());
        sources.AddRange(FromSharedTestSources());
        sources.AddRange(FromMarkdown());
        sources.AddRange(FromDemo());
        sources.AddRange(FuzzThirdParty.PersisterSources());
        sources.AddRange(FuzzThirdParty.Sources());
        sources.AddRange(FromSample()); // last: the variants drawn from the sources before keep their seeds

        var seen = new HashSet<string>(StringComparer.Ordinal);
        return sources.Where(s => seen.Add(Normalize(s.Text))).ToImmutableArray();
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

    private static string FindRepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Analyzers.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Analyzers.sln not found above " + AppContext.BaseDirectory);
    }

    // (a) string literals of tests/Optimistic.Query.Analyzers.Tests/{Rules,Fixes,Layers}/**/*.cs
    private static IEnumerable<FuzzSource> FromTestLiterals()
    {
        var testsRoot = Path.Combine(RepoRoot, "tests", "Optimistic.Query.Analyzers.Tests");
        foreach (var folder in new[] { "Rules", "Fixes", "Layers" })
        {
            var directory = Path.Combine(testsRoot, folder);
            if (!Directory.Exists(directory))
            {
                continue;
            }

            foreach (var file in Directory.GetFiles(directory, "*.cs", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(testsRoot, file).Replace('\\', '/');
                var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot();
                var index = 0;
                foreach (var token in root.DescendantTokens())
                {
                    if (!token.IsKind(SyntaxKind.StringLiteralToken)
                        && !token.IsKind(SyntaxKind.SingleLineRawStringLiteralToken)
                        && !token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken))
                    {
                        continue;
                    }

                    var text = token.ValueText;
                    if (!UsesRuntime(text) || FuzzThirdParty.IsThirdParty(text))
                    {
                        continue;
                    }

                    var line = token.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                    yield return FuzzSource.Single($"{relative}:{line}#{index++}", Shell(StripMarkup(text)));
                }
            }
        }
    }

    private static bool UsesRuntime(string text) =>
        text.Contains("Optimistic.Query", StringComparison.Ordinal)
        || text.Contains("MutationOptions", StringComparison.Ordinal)
        || text.Contains("QueryClient", StringComparison.Ordinal);

    /// <summary>Markup stripped by the official parser; on invalid markup (a fragment), the markers are dropped textually.</summary>
    public static string StripMarkup(string text)
    {
        try
        {
            TestFileMarkupParser.GetSpans(text, treatPositionIndicatorsAsCode: true, out var output, out ImmutableDictionary<string, ImmutableArray<TextSpan>> _);
            return output;
        }
        catch (ArgumentException)
        {
            return Regex.Replace(text, @"\[\||\|\]|\{\|[#\w]+:|\|\}", string.Empty);
        }
    }

    // (a, continued) the shared rule/fix test sources exposed as static strings (RuleSources.Canonical, TodoUpdate(), …),
    // and the layer tests' static sources (LayerRuleTests.Layered(), the layered markAsRead)
    private static IEnumerable<FuzzSource> FromSharedTestSources()
    {
        var types = typeof(FuzzCorpus).Assembly.GetTypes()
            .Where(t => t.Namespace is { } ns
                && ((ns.EndsWith(".Tests.Rules", StringComparison.Ordinal) || ns.EndsWith(".Tests.Fixes", StringComparison.Ordinal))
                    ? t.IsAbstract && t.IsSealed // static classes
                    : ns.EndsWith(".Tests.Layers", StringComparison.Ordinal) && t.IsClass && !t.IsNested))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
        foreach (var type in types)
        {
            const BindingFlags Flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly;
            var values = new List<(string Name, string? Value)>();
            foreach (var field in type.GetFields(Flags).Where(f => f.FieldType == typeof(string)))
            {
                values.Add((field.Name, Try(() => field.GetValue(null) as string)));
            }

            foreach (var property in type.GetProperties(Flags).Where(p => p.PropertyType == typeof(string) && p.GetIndexParameters().Length == 0))
            {
                values.Add((property.Name, Try(() => property.GetValue(null) as string)));
            }

            // Builders whose every parameter is optional or a params array, called with no argument (the unchanged source).
            foreach (var method in type.GetMethods(Flags).Where(m => m.ReturnType == typeof(string) && !m.IsSpecialName && !m.ContainsGenericParameters))
            {
                var parameters = method.GetParameters();
                if (parameters.All(p => p.IsOptional || p.IsDefined(typeof(ParamArrayAttribute))))
                {
                    var arguments = parameters.Select(p => p.IsOptional ? p.DefaultValue : Array.CreateInstance(p.ParameterType.GetElementType()!, 0)).ToArray();
                    values.Add((method.Name + "()", Try(() => method.Invoke(null, arguments) as string)));
                }
            }

            foreach (var (name, value) in values)
            {
                if (value is not null && UsesRuntime(value) && !FuzzThirdParty.IsThirdParty(value))
                {
                    yield return FuzzSource.Single($"{type.Name}.{name}", Shell(StripMarkup(value)));
                }
            }
        }
    }

    private static string? Try(Func<string?> get)
    {
        try
        {
            return get();
        }
        catch (Exception)
        {
            return null;
        }
    }

    // (b) ```csharp blocks of README.md and rules/*.md
    private static IEnumerable<FuzzSource> FromMarkdown()
    {
        var files = new List<string> { Path.Combine(RepoRoot, "README.md") };
        var rules = Path.Combine(RepoRoot, "rules");
        if (Directory.Exists(rules))
        {
            files.AddRange(Directory.GetFiles(rules, "*.md").OrderBy(f => f, StringComparer.Ordinal));
        }

        foreach (var file in files.Where(File.Exists))
        {
            var name = Path.GetRelativePath(RepoRoot, file).Replace('\\', '/');
            var markdown = File.ReadAllText(file).Replace("\r\n", "\n", StringComparison.Ordinal);
            var blocks = Regex.Matches(markdown, @"^```(?:csharp|cs|c#)[ \t]*\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline);
            for (var i = 0; i < blocks.Count; i++)
            {
                var code = blocks[i].Groups[1].Value;
                if (FuzzThirdParty.IsThirdParty(code))
                {
                    // The third-party page's library, under the page's own map (its ```ini block), without the runtime.
                    var map = Regex.Match(markdown, @"^```ini[ \t]*\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline);
                    yield return new FuzzSource($"{FuzzThirdParty.Prefix}{name}#{i}", code, ImmutableArray<(string, string)>.Empty, ReferenceRuntime: false,
                        GlobalConfig: map.Success && map.Groups[1].Value.Contains("optimistic_query.api.", StringComparison.Ordinal) ? map.Groups[1].Value : ThirdParty.StandIn.GlobalConfig);
                    continue;
                }

                yield return FuzzSource.Single($"{name}#{i}", Shell(code));
            }
        }
    }

    // (c) the demo: each file mutated in turn, the others alongside unchanged
    private static IEnumerable<FuzzSource> FromDemo()
    {
        var directory = Path.Combine(RepoRoot, "src", "Optimistic.Query.Demo");
        if (!Directory.Exists(directory))
        {
            yield break;
        }

        var files = Directory.GetFiles(directory, "*.cs").OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => (Name: Path.GetFileName(f), Text: File.ReadAllText(f)))
            .ToList();
        foreach (var file in files)
        {
            var companions = files.Where(f => f.Name != file.Name).Select(f => (TestOptions.Folder + f.Name, f.Text)).ToImmutableArray();
            var isProgram = CSharpSyntaxTree.ParseText(file.Text).GetCompilationUnitRoot().Members.Any(m => m is GlobalStatementSyntax);
            yield return new FuzzSource("demo:" + file.Name, file.Text, companions, ReferenceRuntime: true, isProgram || files.Any(f => f.Name == "Program.cs"));
        }
    }

    // (c) the Blazor sample: its C# files, each mutated in turn with the others alongside, and the @code block of each
    // .razor page as the members of a class (what the Razor generator makes of it, minus the markup). ASP.NET Core is
    // not referenced: unresolved names are part of what the analyzers must survive.
    private static IEnumerable<FuzzSource> FromSample()
    {
        var directory = Path.Combine(RepoRoot, "samples", "Optimistic.Query.Sample");
        if (!Directory.Exists(directory))
        {
            yield break;
        }

        var files = Directory.GetFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => (Name: Path.GetRelativePath(directory, f).Replace('\\', '/'), Text: File.ReadAllText(f)))
            .ToList();
        foreach (var file in files)
        {
            var companions = files.Where(f => f.Name != file.Name).Select(f => (TestOptions.Folder + f.Name.Replace('/', '_'), f.Text)).ToImmutableArray();
            bool isProgram = files.Any(f => f.Name == "Program.cs");
            yield return new FuzzSource("sample:" + file.Name, file.Text, companions, ReferenceRuntime: true, isProgram);
        }

        var models = files.Where(f => f.Name.StartsWith("Backend/", StringComparison.Ordinal))
            .Select(f => (TestOptions.Folder + f.Name.Replace('/', '_'), f.Text)).ToImmutableArray();
        foreach (var page in Directory.GetFiles(directory, "*.razor", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
        {
            var code = Regex.Match(File.ReadAllText(page), @"@code\s*\{(?<body>[\s\S]*)\}\s*$");
            if (!code.Success)
            {
                continue;
            }

            var name = Path.GetFileNameWithoutExtension(page);
            var text = "using System;\nusing System.Linq;\nusing System.Threading;\nusing System.Threading.Tasks;\nusing Optimistic.Query;\n" +
                "using Optimistic.Query.Sample.Backend;\n\nnamespace Optimistic.Query.Sample.Components.Pages;\n\n" +
                $"public partial class {name} : Optimistic.Query.Blazor.QueryComponentBase\n{{{code.Groups["body"].Value}}}\n";
            yield return new FuzzSource("sample:" + Path.GetRelativePath(directory, page).Replace('\\', '/') + "@code", text, models, ReferenceRuntime: true);
        }
    }

    /// <summary>
    /// A compilable-shaped shell for fragments: whole files (with a type or namespace) get the usings they lack; members go
    /// into the shared test view model (the rule tests' <c>RuleSources.InViewModel</c> when present); statements go into
    /// an async method of that view model.
    /// </summary>
    public static string Shell(string text)
    {
        var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest)).GetRoot();
        if (root.Members.Any(m => m is BaseNamespaceDeclarationSyntax or BaseTypeDeclarationSyntax or DelegateDeclarationSyntax))
        {
            return root.Usings.Any(u => u.Name?.ToString() == "Optimistic.Query") || text.Contains("namespace Optimistic.Query", StringComparison.Ordinal)
                ? text
                : "using System;\nusing System.Threading.Tasks;\nusing Optimistic.Query;\n" + text;
        }

        var onlyMembers = root.Members.Count > 0 && root.Members.All(m =>
            m is GlobalStatementSyntax { Statement: LocalFunctionStatementSyntax } or not GlobalStatementSyntax);
        var body = onlyMembers ? text : "    public async Task RunAsync()\n    {\n" + text + "\n    }\n";
        return InViewModel(body);
    }

    private static readonly Lazy<Func<string, string>> s_inViewModel = new(() =>
    {
        var method = typeof(FuzzCorpus).Assembly.GetTypes()
            .FirstOrDefault(t => t.Name == "RuleSources")
            ?.GetMethod("InViewModel", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static, new[] { typeof(string) });
        return method is not null && method.ReturnType == typeof(string)
            ? members => (string)method.Invoke(null, new object[] { members })!
            : FuzzSeeds.InViewModel;
    });

    private static string InViewModel(string members)
    {
        try
        {
            return s_inViewModel.Value(members);
        }
        catch (TargetInvocationException)
        {
            return FuzzSeeds.InViewModel(members);
        }
    }
}
