using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Optimistic.Query.Analyzers;

namespace Optimistic.Query.Analyzers.Tests;

/// <summary>Every descriptor links to its rule page, and every rule page has a descriptor.</summary>
public class HelpLinkTests
{
    private const string HelpLinkBase = "https://github.com/optimistic-query/Optimistic.Query/blob/main/rules/";

    private static IReadOnlyList<DiagnosticDescriptor> Descriptors() =>
        typeof(DiagnosticDescriptors)
            .GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToList();

    private static IReadOnlyList<DiagnosticAnalyzer> Analyzers() =>
        typeof(DiagnosticDescriptors).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToList();

    [Fact]
    public void Every_descriptor_links_to_its_rule_page()
    {
        var descriptors = Descriptors();
        Assert.NotEmpty(descriptors);
        foreach (var descriptor in descriptors)
        {
            Assert.Equal(HelpLinkBase + descriptor.Id + ".md", descriptor.HelpLinkUri);
            Assert.True(descriptor.IsEnabledByDefault, descriptor.Id);
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Title.ToString()), descriptor.Id);
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString()), descriptor.Id);
        }
    }

    [Fact]
    public void Every_descriptor_is_reported_by_exactly_one_analyzer_and_every_analyzer_reports_known_descriptors()
    {
        var ids = Descriptors().Select(d => d.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var supported = Analyzers().SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToList();
        Assert.Equal(ids.OrderBy(i => i, StringComparer.Ordinal), supported.OrderBy(i => i, StringComparer.Ordinal));
    }

    [Fact]
    public void Every_descriptor_has_a_rule_page_and_every_rule_page_has_a_descriptor()
    {
        var rules = Path.Combine(RepositoryRoot(), "rules");
        Assert.True(Directory.Exists(rules), "The rules/ folder is missing: " + rules);
        var pages = Directory.GetFiles(rules, "OPT*.md").Select(p => Path.GetFileNameWithoutExtension(p)!).OrderBy(p => p, StringComparer.Ordinal).ToList();
        var ids = Descriptors().Select(d => d.Id).OrderBy(i => i, StringComparer.Ordinal).ToList();
        Assert.Equal(ids, pages);
    }

    [Fact]
    public void Every_rule_page_and_the_index_use_the_descriptor_title_and_category()
    {
        var rules = Path.Combine(RepositoryRoot(), "rules");
        var index = File.ReadAllText(Path.Combine(rules, "README.md"));
        foreach (var descriptor in Descriptors())
        {
            var page = File.ReadAllLines(Path.Combine(rules, descriptor.Id + ".md"));
            Assert.Equal($"# {descriptor.Id}: {descriptor.Title}", page[0]);
            Assert.Contains($"| Category | {descriptor.Category} |", page);
            Assert.Contains($"| [{descriptor.Id}]({descriptor.Id}.md) | {descriptor.Title} | {descriptor.Category} |", index, StringComparison.Ordinal);
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Analyzers.sln"))) return directory.FullName;
        }

        throw new InvalidOperationException("No folder containing Analyzers.sln above " + AppContext.BaseDirectory);
    }
}
