using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Optimistic.Query.Analyzers.Tests.Layers;
using Optimistic.Query.Analyzers.Tests.Rules;
using Optimistic.Query.Analyzers.Tests.ThirdParty;
using Optimistic.Query.Analyzers.Tests.Verifiers;

namespace Optimistic.Query.Analyzers.Tests.Fuzz;

/// <summary>
/// Corpus sources that the literal scan cannot shape alone: the third-party stand-in "RabstackQuery" (no runtime reference,
/// analyzed with <see cref="StandIn.GlobalConfig"/>), and OPT011's persister source with MaxAge values.
/// </summary>
internal static class FuzzThirdParty
{
    public const string Prefix = "thirdparty:";

    public static readonly string LibraryPath = TestOptions.Folder + "RabstackQuery.cs";

    /// <summary>A test text that belongs to the stand-in (it needs the map and no runtime): left to <see cref="Sources"/>.</summary>
    public static bool IsThirdParty(string text) => text.Contains("RabstackQuery", StringComparison.Ordinal);

    /// <summary>
    /// The stand-in's app (mutated, the library alongside), its library (mutated, the app alongside), every
    /// <c>StandIn.Canonical(…)</c> / <c>StandIn.App(…)</c> of the third-party and layer tests whose arguments are literals or
    /// constants (one per rule trigger), and the mapped-layer app (with <c>optimistic_query.api.layer*</c>).
    /// </summary>
    public static IEnumerable<FuzzSource> Sources()
    {
        var library = ImmutableArray.Create((LibraryPath, StandIn.Library));
        yield return new FuzzSource(Prefix + "canonical", StandIn.Canonical(), library, ReferenceRuntime: false, GlobalConfig: StandIn.GlobalConfig);
        yield return new FuzzSource(
            Prefix + "library",
            StandIn.Library,
            ImmutableArray.Create((TestOptions.Folder + "App.cs", StandIn.Canonical())),
            ReferenceRuntime: false,
            GlobalConfig: StandIn.GlobalConfig);

        foreach (var (name, text) in FromTestCalls())
        {
            yield return new FuzzSource(Prefix + name, text, library, ReferenceRuntime: false, GlobalConfig: StandIn.GlobalConfig);
        }

        foreach (var source in MappedLayers())
        {
            yield return source;
        }
    }

    // StandIn.Canonical((old, new), …) and StandIn.App(members) calls of ThirdParty/*.cs and Layers/*.cs, evaluated.
    private static IEnumerable<(string Name, string Text)> FromTestCalls()
    {
        var testsRoot = Path.Combine(FuzzCorpus.RepoRoot, "tests", "Optimistic.Query.Analyzers.Tests");
        foreach (var folder in new[] { "ThirdParty", "Layers" })
        {
            var directory = Path.Combine(testsRoot, folder);
            if (!Directory.Exists(directory))
            {
                continue;
            }

            foreach (var file in Directory.GetFiles(directory, "*.cs").OrderBy(f => f, StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(testsRoot, file).Replace('\\', '/');
                var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot();
                var constants = root.DescendantNodes().OfType<FieldDeclarationSyntax>()
                    .Where(f => f.Modifiers.Any(SyntaxKind.ConstKeyword))
                    .SelectMany(f => f.Declaration.Variables)
                    .Where(v => v.Initializer is not null)
                    .GroupBy(v => v.Identifier.ValueText)
                    .ToDictionary(g => g.Key, g => g.First().Initializer!.Value, StringComparer.Ordinal);
                var index = 0;
                foreach (var call in root.DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    if (call.Expression is not MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: nameof(StandIn) } } access)
                    {
                        continue;
                    }

                    var text = access.Name.Identifier.ValueText switch
                    {
                        nameof(StandIn.Canonical) => Canonical(call.ArgumentList.Arguments, constants),
                        nameof(StandIn.App) when call.ArgumentList.Arguments.Count == 1 && Evaluate(call.ArgumentList.Arguments[0].Expression, constants) is { } members
                            => StandIn.App(members),
                        _ => null,
                    };
                    if (text is not null)
                    {
                        var line = call.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                        yield return ($"{relative}:{line}#{index++}", FuzzCorpus.StripMarkup(text));
                    }
                }
            }
        }
    }

    private static string? Canonical(SeparatedSyntaxList<ArgumentSyntax> arguments, Dictionary<string, ExpressionSyntax> constants)
    {
        var pairs = new List<(string Old, string New)>();
        foreach (var argument in arguments)
        {
            if (argument.Expression is not TupleExpressionSyntax { Arguments.Count: 2 } tuple
                || Evaluate(tuple.Arguments[0].Expression, constants) is not { } oldText
                || Evaluate(tuple.Arguments[1].Expression, constants) is not { } newText)
            {
                return null;
            }

            pairs.Add((oldText, newText));
        }

        try
        {
            return StandIn.Canonical(pairs.ToArray());
        }
        catch (ArgumentException)
        {
            return null; // a fragment of a later replacement is only there after an earlier one: not worth modelling
        }
    }

    /// <summary>String literals, constants of the same file and their concatenations; null for anything else.</summary>
    private static string? Evaluate(ExpressionSyntax expression, Dictionary<string, ExpressionSyntax> constants, int depth = 0)
    {
        if (depth > 20)
        {
            return null;
        }

        switch (expression)
        {
            case LiteralExpressionSyntax literal when literal.Token.Value is string value:
                return value;
            case ParenthesizedExpressionSyntax parenthesized:
                return Evaluate(parenthesized.Expression, constants, depth + 1);
            case IdentifierNameSyntax identifier when constants.TryGetValue(identifier.Identifier.ValueText, out var initializer):
                return Evaluate(initializer, constants, depth + 1);
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                return Evaluate(binary.Left, constants, depth + 1) is { } left && Evaluate(binary.Right, constants, depth + 1) is { } right ? left + right : null;
            default:
                return null;
        }
    }

    // LayerRuleTests.MappedLayered(onError): the stand-in with its own layer API (optimistic_query.api.layer / layer_rollback).
    private static IEnumerable<FuzzSource> MappedLayers()
    {
        const BindingFlags Flags = BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Static;
        var type = typeof(LayerRuleTests);
        var method = type.GetMethod("MappedLayered", Flags, new[] { typeof(string) });
        var map = type.GetField("LayerMap", Flags)?.GetValue(null) as string;
        if (method is null || map is null)
        {
            yield break;
        }

        foreach (var (name, onError) in new[] { ("drop", "            (context as Layer)?.Drop();\n"), ("keep", "            (context as Layer)?.Keep();\n") })
        {
            string? text;
            try
            {
                text = method.Invoke(null, new object[] { onError }) as string;
            }
            catch (TargetInvocationException)
            {
                text = null;
            }

            if (text is not null)
            {
                yield return new FuzzSource($"{Prefix}mapped-layer({name})", text, ImmutableArray<(string, string)>.Empty, ReferenceRuntime: false, GlobalConfig: StandIn.GlobalConfig + map);
            }
        }
    }

    /// <summary>
    /// OPT011's persister source (<see cref="OPT011Tests.Source"/>: <c>using Optimistic.Query.Persistence</c>, a
    /// <c>TimeSpan configured</c> parameter) with the MaxAge values the rule reports, bounds and cannot judge, in one
    /// setup and one per shape (object initializer, target-typed <c>new()</c>, a later assignment).
    /// </summary>
    public static IEnumerable<FuzzSource> PersisterSources()
    {
        yield return FuzzSource.Single("persister:max-ages", OPT011Tests.Source(@"        var a = new QueryPersisterOptions { MaxAge = null };
        var b = new QueryPersisterOptions
        {
            MaxAge = TimeSpan.FromDays(90), // keep a quarter
            Buster = ""v1"",
        };
        QueryPersisterOptions c = new() { MaxAge = Timeout.InfiniteTimeSpan };
        var d = new QueryPersisterOptions { MaxAge = (TimeSpan?)null, Throttle = TimeSpan.MaxValue };
        var e = new QueryPersisterOptions { MaxAge = TimeSpan.FromMinutes(1e7) };
        var f = new QueryPersisterOptions { MaxAge = new TimeSpan(200, 0, 0) };
        var g = new QueryPersisterOptions { MaxAge = configured > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : configured };
        var h = new QueryPersisterOptions { MaxAge = QueryPersisterOptions.DefaultMaxAge };
        var i = new QueryPersisterOptions { MaxAge = TimeSpan.FromDays(1) * 30 };
        return new QueryPersister(client, new QueryPersisterOptions { MaxAge = (TimeSpan.MaxValue) });"));
        yield return FuzzSource.Single("persister:max-value", OPT011Tests.Source(
            "        return new QueryPersister(client, new QueryPersisterOptions { Buster = \"v1\", MaxAge = TimeSpan.MaxValue });"));
        yield return FuzzSource.Single("persister:default-and-nested", OPT011Tests.Source(
            "        var options = new QueryPersisterOptions { MaxAge = default(TimeSpan?) };\n        return new QueryPersister(client, Make(new QueryPersisterOptions { MaxAge = System.Threading.Timeout.InfiniteTimeSpan }));",
            "    private static QueryPersisterOptions Make(QueryPersisterOptions options)\n    {\n        options.MaxAge = TimeSpan.FromHours(24 * 8);\n        return options;\n    }\n"));
    }
}
