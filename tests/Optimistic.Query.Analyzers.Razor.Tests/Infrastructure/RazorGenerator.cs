namespace Optimistic.Query.Analyzers.Razor.Tests.Infrastructure;

/// <summary>The SDK's Razor source generator (<c>Microsoft.CodeAnalysis.Razor.Compiler.dll</c>, referenced from the installed SDK).</summary>
internal static class RazorGenerator
{
    public static readonly Type Type =
        Type.GetType("Microsoft.NET.Sdk.Razor.SourceGenerators.RazorSourceGenerator, Microsoft.CodeAnalysis.Razor.Compiler", throwOnError: true)!;
}
