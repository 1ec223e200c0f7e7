using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Optimistic.Query.Analyzers.Razor.Tests.Infrastructure;

/// <summary>
/// References a Blazor project compiles against, from the installed SDK's reference packs (<c>Microsoft.NETCore.App.Ref</c>,
/// <c>Microsoft.AspNetCore.App.Ref</c>), plus the runtime under test. Read once; nothing is downloaded.
/// </summary>
internal static class TestReferences
{
    public static readonly ImmutableArray<MetadataReference> All = Load();

    private static ImmutableArray<MetadataReference> Load()
    {
        var packRoot = typeof(TestReferences).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "TargetingPackRoot").Value!;
        var builder = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (var pack in new[] { "Microsoft.NETCore.App.Ref", "Microsoft.AspNetCore.App.Ref" })
        {
            var newest = Directory.GetDirectories(Path.Combine(packRoot, pack)).OrderBy(d => Version.Parse(Path.GetFileName(d))).Last();
            foreach (var dll in Directory.GetFiles(Path.Combine(newest, "ref", "net10.0"), "*.dll"))
            {
                builder.Add(MetadataReference.CreateFromFile(dll));
            }
        }

        builder.Add(MetadataReference.CreateFromFile(typeof(QueryClient).Assembly.Location));
        return builder.ToImmutable();
    }
}
