using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Optimistic.Query.Analyzers.Model;

/// <summary>
/// The <c>.razor</c> additional files of an <see cref="AnalyzerOptions"/> by path (the SDK passes every component as one),
/// to find a component's own options.
/// </summary>
/// <remarks>
/// An IDE keeps a project's analyzer options while only C# text changes, and makes a new compilation on every edit: the
/// index is kept per options instance (weakly), not rebuilt per compilation, so an edit does not walk every component.
/// </remarks>
internal static class RazorAdditionalFiles
{
    private static readonly ConditionalWeakTable<AnalyzerOptions, Dictionary<string, AdditionalText>> s_indexes = new();

    /// <summary>The additional file at <paramref name="path"/> (separators and case ignored), or null.</summary>
    public static AdditionalText? Find(AnalyzerOptions options, string path) =>
        s_indexes.GetValue(options, Build).TryGetValue(Normalize(path), out var found) ? found : null;

    private static Dictionary<string, AdditionalText> Build(AnalyzerOptions options)
    {
        var index = new Dictionary<string, AdditionalText>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in options.AdditionalFiles)
        {
            if (file.Path is { Length: > 0 } filePath && filePath.EndsWith(".razor", StringComparison.OrdinalIgnoreCase))
            {
                index[Normalize(filePath)] = file;
            }
        }

        return index;
    }

    private static string Normalize(string path) => path.Replace('\\', '/');
}
