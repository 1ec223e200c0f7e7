using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Optimistic.Query.Analyzers.Model;
using Optimistic.Query.Analyzers.Tests.Verifiers;

namespace Optimistic.Query.Analyzers.Tests.Rules;

/// <summary>
/// When the rules switch on for a compilation. The runtime's reference is recognised by name, from the references as
/// given (no look-up that would bind them at compilation start); without it, a declaration of the annotations (a wrapper's
/// own copy) is looked up; with neither, nothing is registered.
/// </summary>
public class ActivationTests
{
    private const string WrapperCopy = @"namespace Optimistic.Query.Annotations
{
    [System.AttributeUsage(System.AttributeTargets.Class)]
    public sealed class MutationOptionsAttribute : System.Attribute { }
}
";

    [Fact]
    public void The_runtime_is_recognised_by_its_file_name()
    {
        var compilation = Compilation(TestReferences.For(referenceRuntime: true));

        Assert.True(RuntimeReference.IsReferenced(compilation));
        Assert.NotNull(MutationAnalysisContext.Get(compilation));
    }

    [Fact]
    public void The_runtime_is_recognised_as_a_project_reference()
    {
        // An IDE passes a project in the same solution as a compilation reference, not a file.
        var runtimeProject = CSharpCompilation.Create("Optimistic.Query", references: TestReferences.Framework);
        var compilation = Compilation(TestReferences.Framework.Add(runtimeProject.ToMetadataReference()));

        Assert.True(RuntimeReference.IsReferenced(compilation));
        Assert.NotNull(MutationAnalysisContext.Get(compilation));
    }

    [Fact]
    public void A_reference_whose_name_only_starts_like_the_runtime_does_not_count()
    {
        var lookalike = CSharpCompilation.Create("Optimistic.Query.Extras", references: TestReferences.Framework);
        var compilation = Compilation(TestReferences.Framework.Add(lookalike.ToMetadataReference()));

        Assert.False(RuntimeReference.IsReferenced(compilation));
        Assert.Null(MutationAnalysisContext.Get(compilation));
    }

    [Fact]
    public void Without_the_runtime_a_wrapper_copy_of_the_annotations_activates_the_rules()
    {
        var compilation = Compilation(TestReferences.Framework, WrapperCopy);

        Assert.False(RuntimeReference.IsReferenced(compilation));
        Assert.NotNull(MutationAnalysisContext.Get(compilation));
    }

    [Fact]
    public void Without_the_runtime_or_the_annotations_nothing_is_active()
    {
        var compilation = Compilation(TestReferences.Framework, "public sealed class Options { public System.Action? OnError { get; set; } }");

        Assert.False(RuntimeReference.IsReferenced(compilation));
        Assert.Null(MutationAnalysisContext.Get(compilation));
    }

    private static CSharpCompilation Compilation(IEnumerable<MetadataReference> references, string source = "public static class App { }") =>
        CSharpCompilation.Create(
            "App",
            new[] { CSharpSyntaxTree.ParseText(source) },
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
}
