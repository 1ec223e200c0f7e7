using System;
using System.IO;
using Microsoft.CodeAnalysis;

namespace Optimistic.Query.Analyzers.Model;

/// <summary>
/// Whether a compilation references the runtime (<c>Optimistic.Query.dll</c>, or the project that builds it), read from
/// the references as given, without binding them.
/// </summary>
/// <remarks>
/// The first look-up of a type (<c>GetTypesByMetadataName</c>, <c>Compilation.Assembly</c>, referenced assembly symbols)
/// makes Roslyn bind every metadata reference of the compilation. The compiler needs that binding anyway, but in a build
/// the analyzers' compilation-start actions often run before it: whoever asks first pays for it (a third of a second on a
/// 2,000-file project, charged to our analyzers by <c>ReportAnalyzer</c>). A project that references the runtime is the
/// common case and is recognised by name, so the rules activate without binding anything at compilation start; the
/// annotations themselves are matched by full name later (<see cref="MutationAnalysisContext.IsAnnotation"/>).
/// </remarks>
internal static class RuntimeReference
{
    /// <summary>The runtime's assembly name.</summary>
    public const string AssemblyName = "Optimistic.Query";

    public static bool IsReferenced(Compilation compilation)
    {
        // ExternalReferences, not References: the latter includes #r directives and binds the references to find them.
        foreach (var reference in compilation.ExternalReferences)
        {
            var name = reference switch
            {
                PortableExecutableReference { FilePath: { } path } => Path.GetFileNameWithoutExtension(path),
                CompilationReference { Compilation.AssemblyName: { } assemblyName } => assemblyName,
                _ => null,
            };
            if (string.Equals(name, AssemblyName, StringComparison.OrdinalIgnoreCase)) return true;
        }

        return false;
    }
}
