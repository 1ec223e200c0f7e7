using System.Text.RegularExpressions;

namespace Optimistic.Query.Package.Tests;

/// <summary>
/// What a Blazor team sees after <c>dotnet add package Optimistic.Query.Blazor</c>: the runtime comes with it, and so do
/// the analyzers (the dependency keeps their assets flowing).
/// </summary>
public sealed partial class BlazorPackageTests(PackageFixture package) : IClassFixture<PackageFixture>
{
    [Fact]
    public void The_Blazor_package_depends_on_the_runtime_without_excluding_its_analyzers()
    {
        using var blazor = package.OpenPackage("Optimistic.Query.Blazor");
        using var reader = new StreamReader(blazor.GetEntry("Optimistic.Query.Blazor.nuspec")!.Open());
        var nuspec = reader.ReadToEnd();

        Assert.Matches($"<dependency id=\"Optimistic.Query\" version=\"{Regex.Escape(package.Version)}\" include=\"All\" />", nuspec);
        Assert.Contains(blazor.Entries, e => e.FullName == "lib/net8.0/Optimistic.Query.Blazor.dll");
        // <QueryFocusManager />'s module, served to the app at _content/Optimistic.Query.Blazor/queryFocusManager.js.
        Assert.Contains(blazor.Entries, e => e.FullName == "staticwebassets/queryFocusManager.js");
    }

    [Fact]
    public async Task A_project_referencing_only_the_Blazor_package_restores_it_and_gets_the_analyzers()
    {
        var consumer = package.CreateConsumer(packageId: "Optimistic.Query.Blazor");

        var (exit, output) = await package.BuildConsumerAsync(consumer);

        Assert.True(exit == 0, output);
        Assert.True(File.Exists(Path.Combine(package.Environment["NUGET_PACKAGES"], "optimistic.query.blazor", package.Version,
            "lib", "net8.0", "Optimistic.Query.Blazor.dll")), "Optimistic.Query.Blazor was not restored.\n" + output);
        // The consumer's violations are reported: the analyzers flowed through Optimistic.Query.Blazor → Optimistic.Query.
        Assert.Matches(@"Violations\.cs\(\d+,\d+\): warning OPT001", output);
    }
}
