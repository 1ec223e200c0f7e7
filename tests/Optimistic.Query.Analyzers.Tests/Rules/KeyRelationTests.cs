using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Optimistic.Query.Analyzers.Model;
using Optimistic.Query.Analyzers.Tests.Verifiers;

namespace Optimistic.Query.Analyzers.Tests.Rules;

/// <summary>
/// The key relation on its own: each case compiles <c>Pair(first, second);</c> in a method where <c>input</c> and <c>vars</c>
/// are mutation variables parameters, builds both key shapes and relates them.
/// </summary>
public class KeyRelationTests
{
    private const string Source = @"using Optimistic.Query;

public enum Kind { Todo, User }
public sealed record Input(int Id, string Title);

public static class Keys
{
    public static QueryKey Todo(int id) => QueryKey.Create(""todos"", id);
    public static QueryKey User(int id) => QueryKey.Create(""users"", id);
    public static QueryKey Current() => QueryKey.Create(""current"");
}

public sealed class C
{
    private readonly QueryKey field = QueryKey.Create(""a"");
    private readonly QueryKey other = QueryKey.Create(""a"");
    private static readonly object[] s_parts = { ""todos"" };

    private static void Pair(QueryKey first, QueryKey second) { }

    public void M(Input input, Input vars, int id, C that)
    {
        var local = QueryKey.Create(""todos"", input.Id);
        var reassigned = QueryKey.Create(""todos"", input.Id);
        reassigned = QueryKey.Create(""x"");
        Pair(FIRST, SECOND);
    }
}
";

    [Theory]
    [InlineData("field", "field", "Same")]
    [InlineData("this.field", "field", "Same")]
    [InlineData("that.field", "that.field", "Same")]
    [InlineData("field", "other", "Unknown")]
    [InlineData("QueryKey.Create(\"todos\", 1)", "QueryKey.Create(\"todos\", 1)", "Same")]
    [InlineData("QueryKey.Create(\"todos\")", "QueryKey.Create(\"todos\", 1)", "Covers")]
    [InlineData("QueryKey.Create(\"todos\", 1)", "QueryKey.Create(\"todos\")", "CoveredBy")]
    [InlineData("QueryKey.Create()", "QueryKey.Create(\"todos\")", "Covers")]
    [InlineData("QueryKey.Create(\"todos\", 1)", "QueryKey.Create(\"todos\", 2)", "Different")]
    [InlineData("QueryKey.Create(\"todos\", 1)", "QueryKey.Create(\"users\")", "Different")]
    [InlineData("QueryKey.Create(\"todos\", input.Id)", "QueryKey.Create(\"users\", vars.Id)", "Different")]
    [InlineData("QueryKey.Create(\"1\")", "QueryKey.Create(1)", "Different")]
    [InlineData("QueryKey.Create(1)", "QueryKey.Create(1L)", "Same")]
    [InlineData("QueryKey.Create(1)", "QueryKey.Create(1.0)", "Unknown")]
    [InlineData("QueryKey.Create(Kind.Todo)", "QueryKey.Create(\"Todo\")", "Same")]
    [InlineData("QueryKey.Create(null, true)", "QueryKey.Create(null, true)", "Same")]
    [InlineData("QueryKey.Create(\"todos\", input.Id)", "QueryKey.Create(\"todos\", vars.Id)", "Same")]
    [InlineData("QueryKey.Create(\"todos\", input)", "QueryKey.Create(\"todos\", vars)", "Same")]
    [InlineData("QueryKey.Create(\"todos\", input.Id)", "QueryKey.Create(\"todos\", input.Title)", "Unknown")]
    [InlineData("QueryKey.Create(\"todos\", input.Id)", "QueryKey.Create(\"todos\", 1)", "Unknown")]
    [InlineData("QueryKey.Create(\"todos\", id)", "QueryKey.Create(\"todos\", id)", "Same")]
    [InlineData("QueryKey.Create(\"todos\", id)", "QueryKey.Create(\"todos\", input.Id)", "Unknown")]
    [InlineData("QueryKey.Create(s_parts)", "QueryKey.Create(\"todos\")", "Unknown")]
    [InlineData("Keys.Todo(input.Id)", "Keys.Todo(vars.Id)", "Same")]
    [InlineData("Keys.Todo(1)", "Keys.Todo(1)", "Same")]
    [InlineData("Keys.Todo(1)", "Keys.Todo(2)", "Unknown")]
    [InlineData("Keys.Todo(1)", "Keys.User(1)", "Unknown")]
    [InlineData("Keys.Current()", "Keys.Current()", "Same")]
    [InlineData("Keys.Todo(input.Id)", "QueryKey.Create(\"todos\", input.Id)", "Unknown")]
    [InlineData("local", "QueryKey.Create(\"todos\", vars.Id)", "Same")]
    [InlineData("QueryKey.Create(\"todos\")", "local", "Covers")]
    [InlineData("local", "QueryKey.Create(\"users\", 1)", "Different")]
    [InlineData("reassigned", "QueryKey.Create(\"todos\", vars.Id)", "Unknown")]
    [InlineData("field", "QueryKey.Create(\"a\")", "Unknown")]
    public void Relates(string first, string second, string expected) =>
        Assert.Equal(expected, Relate(first, second).ToString());

    [Fact]
    public void MayCover_is_Same_Covers_or_Unknown()
    {
        Assert.True(KeyRelation.Same.MayCover());
        Assert.True(KeyRelation.Covers.MayCover());
        Assert.True(KeyRelation.Unknown.MayCover());
        Assert.False(KeyRelation.CoveredBy.MayCover());
        Assert.False(KeyRelation.Different.MayCover());
    }

    private static KeyRelation Relate(string first, string second)
    {
        var tree = CSharpSyntaxTree.ParseText(Source.Replace("FIRST", first, StringComparison.Ordinal).Replace("SECOND", second, StringComparison.Ordinal));
        var compilation = CSharpCompilation.Create(
            "KeyRelation",
            new[] { tree },
            TestReferences.For(referenceRuntime: true),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));

        var context = MutationAnalysisContext.Get(compilation);
        Assert.NotNull(context);
        var model = compilation.GetSemanticModel(tree);
        var call = tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Single(i => i.Expression is IdentifierNameSyntax { Identifier.ValueText: "Pair" });
        var invocation = (IInvocationOperation)model.GetOperation(call)!;
        Func<IParameterSymbol, bool> isVariables = p => p.Name is "input" or "vars";
        var a = KeyShape.Create(invocation.Arguments[0].Value, isVariables, context, CancellationToken.None);
        var b = KeyShape.Create(invocation.Arguments[1].Value, isVariables, context, CancellationToken.None);
        return KeyRelations.Relate(a, b);
    }
}
