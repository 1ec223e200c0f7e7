using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Optimistic.Query.CodeFixes.Common;

/// <summary>
/// Whether code written from one place (a key read in OnMutate's method) means the same thing at another (the definition's
/// initializer, an error callback's method): a field used there may be shadowed by a parameter here, a local there may not
/// exist here.
/// </summary>
internal static class NameBinding
{
    /// <summary>
    /// Whether every simple name of <paramref name="code"/> (a statement or an expression), but <paramref name="own"/> (names
    /// the code declares or the fix gives), binds to the same symbol at <paramref name="to"/> as at <paramref name="from"/>.
    /// </summary>
    public static bool MeansTheSame(SemanticModel model, string code, int from, int to, IReadOnlyCollection<string> own)
    {
        foreach (var identifier in SyntaxFactory.ParseStatement(code).DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier) continue;
            if (identifier.Parent is MemberBindingExpressionSyntax or QualifiedNameSyntax) continue;
            if (identifier.Parent is NameColonSyntax) continue; // a property pattern's member (`Snapshot { Previous: … }`) or a named argument: not a name in scope
            var name = identifier.Identifier.ValueText;
            if (own.Contains(name)) continue;
            var there = model.LookupSymbols(from, name: name);
            var here = model.LookupSymbols(to, name: name);
            if (there.Length == 0 || here.Length == 0 || !SymbolEqualityComparer.Default.Equals(there[0], here[0])) return false;
        }

        return true;
    }
}
