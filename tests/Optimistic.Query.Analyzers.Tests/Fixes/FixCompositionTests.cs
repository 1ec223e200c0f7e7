using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Optimistic.Query.Analyzers.Tests.Wrappers;
using Optimistic.Query.CodeFixes;

namespace Optimistic.Query.Analyzers.Tests.Fixes;

/// <summary>
/// The five fixes that edit one optimistic definition (OPT001 cancel, OPT008 snapshot order, OPT002 rollback, OPT003 context,
/// OPT006 settled invalidation), applied one after the other in each of the 120 orders, as a user clicking through the light
/// bulbs would: every fix is still offered when its turn comes, and the end result is the contract (cancel, then snapshot,
/// then write; a rollback in the error callback; the invalidation in OnSettled), compiling without a warning, with no
/// diagnostic of any rule left.
/// </summary>
public class FixCompositionTests
{
    private static readonly (string Id, DiagnosticAnalyzer Analyzer, CodeFixProvider Fixer)[] Fixes =
    {
        ("OPT001", new CancelBeforeOptimisticWriteAnalyzer(), new InsertCancelCodeFixProvider()),
        ("OPT002", new MissingRollbackAnalyzer(), new AddRollbackCodeFixProvider()),
        ("OPT003", new SnapshotStoredOutsideContextAnalyzer(), new ReturnSnapshotAsContextCodeFixProvider()),
        ("OPT006", new InvalidateInOnSettledAnalyzer(), new InvalidateInOnSettledCodeFixProvider()),
        ("OPT008", new SnapshotAfterWriteAnalyzer(), new MoveSnapshotBeforeWriteCodeFixProvider()),
    };

    /// <summary>Every rule of the five reports here: no cancel, the snapshot after the write and kept in a field, no rollback, no settled invalidation.</summary>
    private static readonly string Start = Sources.Document("""
            private Todo? _previous;

            public Mutation<RenameTodo, Todo, Unit> Rename() =>
                client.CreateMutation(new MutationOptions<RenameTodo, Todo, Unit>
                {
                    MutationFn = (input, ct) => api.RenameTodoAsync(input, ct),
                    OnMutate = input =>
                    {
                        // the optimistic rename
                        client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
                        _previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
                        return Unit.Value;
                    },
                    OnError = (error, input, context) =>
                    {
                        toaster.Error("Rename failed", error);
                    },
                });

        """);

    /// <summary>The document's text after each prefix of an order (orders share prefixes: each is computed once).</summary>
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> s_after = new();

    public static TheoryData<string> Orders()
    {
        var data = new TheoryData<string>();
        foreach (var order in Permutations(Fixes.Select(fix => fix.Id).ToList())) data.Add(string.Join(",", order));
        return data;
    }

    [Theory]
    [MemberData(nameof(Orders))]
    public async Task Fixes_in_any_order_give_cancel_snapshot_write_with_rollback_and_invalidation(string order)
    {
        // Orders that end in the same text are checked once (the checks depend on the text only).
        var text = await AfterAsync(order);
        await s_checked.GetOrAdd(text, key => new Lazy<Task>(() => CheckAsync(key))).Value;
    }

    /// <summary>Final texts already checked.</summary>
    private static readonly ConcurrentDictionary<string, Lazy<Task>> s_checked = new();

    private static async Task CheckAsync(string text)
    {
        var document = await DocumentAsync(text);
        var compilation = (await document.Project.GetCompilationAsync())!;

        // Compiles without an error or a warning, and no rule of the analyzer assembly reports anything.
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var analyzers = AnalyzerSet.All().ToImmutableArray();
        var left = await compilation.WithAnalyzers(analyzers, document.Project.AnalyzerOptions).GetAnalyzerDiagnosticsAsync();
        Assert.Empty(left);

        // OnMutateAsync: cancel, then snapshot, then write, then the snapshot returned as the context.
        var root = (await document.GetSyntaxRootAsync())!;
        var initializer = root.DescendantNodes().OfType<InitializerExpressionSyntax>().Single(i => i.Parent is ObjectCreationExpressionSyntax);
        var members = initializer.Expressions.OfType<AssignmentExpressionSyntax>().ToDictionary(m => ((IdentifierNameSyntax)m.Left).Identifier.ValueText);
        var onMutate = Assert.IsAssignableFrom<AnonymousFunctionExpressionSyntax>(members["OnMutateAsync"].Right);
        var statements = onMutate.Block!.Statements.Select(s => s.ToString()).ToList();
        var cancel = statements.FindIndex(s => s.StartsWith("await client.CancelQueriesAsync(Keys.Todo(input.Id))", StringComparison.Ordinal));
        var snapshot = statements.FindIndex(s => s.Contains("client.GetQueryData<Todo>(Keys.Todo(input.Id))", StringComparison.Ordinal));
        var write = statements.FindIndex(s => s.StartsWith("client.SetQueryData(Keys.Todo(input.Id), new Todo(", StringComparison.Ordinal));
        Assert.True(cancel == 0 && snapshot == 1 && write == 2, string.Join("\n", statements));
        Assert.Equal("return new Snapshot<Todo>(previous);", statements[^1]);
        Assert.Contains("// the optimistic rename", members["OnMutateAsync"].ToFullString(), StringComparison.Ordinal);

        // The rollback (a restore from the context, or an invalidation of the key), the toast kept after it.
        var error = members.TryGetValue("OnError", out var sync) ? sync : members["OnErrorAsync"];
        var errorText = error.ToString();
        Assert.True(
            errorText.Contains("if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(input.Id), previous);", StringComparison.Ordinal)
            || errorText.Contains("await client.InvalidateQueriesAsync(Keys.Todo(input.Id));", StringComparison.Ordinal),
            errorText);
        Assert.True(errorText.IndexOf("toaster.Error", StringComparison.Ordinal) > errorText.IndexOf("Keys.Todo(input.Id)", StringComparison.Ordinal), errorText);

        // The settled invalidation, and the field gone.
        Assert.Equal("OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(Keys.Todo(input.Id))", members["OnSettledAsync"].ToString());
        Assert.DoesNotContain("_previous", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_the_contract_order_the_result_is_exactly_the_canonical_definition()
    {
        var text = await AfterAsync("OPT001,OPT008,OPT003,OPT002,OPT006");
        Assert.Equal(
            Sources.Document("""

                public Mutation<RenameTodo, Todo, Snapshot<Todo>> Rename() =>
                    client.CreateMutation(new MutationOptions<RenameTodo, Todo, Snapshot<Todo>>
                    {
                        MutationFn = (input, ct) => api.RenameTodoAsync(input, ct),
                        OnMutateAsync = async input =>
                        {
                            await client.CancelQueriesAsync(Keys.Todo(input.Id));
                            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
                            // the optimistic rename
                            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
                            return new Snapshot<Todo>(previous);
                        },
                        OnError = (error, input, context) =>
                        {
                            if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(input.Id), previous);
                            toaster.Error("Rename failed", error);
                        },
                        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
                    });

            """).ReplaceLineEndings("\n"),
            text.ReplaceLineEndings("\n"));
    }

    /// <summary>The text after applying the fixes of <paramref name="order"/> one by one, each to the first diagnostic of its rule.</summary>
    private static Task<string> AfterAsync(string order) =>
        s_after.GetOrAdd(order, key => new Lazy<Task<string>>(() => ComputeAsync(key))).Value;

    private static async Task<string> ComputeAsync(string order)
    {
        var ids = order.Split(',');
        var before = ids.Length == 1 ? Start : await AfterAsync(string.Join(",", ids.Take(ids.Length - 1)));
        var (id, analyzer, fixer) = Fixes.Single(fix => fix.Id == ids[^1]);
        var document = await DocumentAsync(before);
        var compilation = (await document.Project.GetCompilationAsync())!;
        var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create(analyzer), document.Project.AnalyzerOptions).GetAnalyzerDiagnosticsAsync();
        var diagnostic = diagnostics.Where(d => d.Id == id).OrderBy(d => d.Location.SourceSpan.Start).FirstOrDefault();
        Assert.True(diagnostic is not null, $"{id} no longer reports after {order}:\n{before}");

        var actions = new List<CodeAction>();
        await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic!, (action, _) => actions.Add(action), CancellationToken.None));
        Assert.True(actions.Count == 1, $"{id} offers {actions.Count} fixes after {order}:\n{before}");
        var operations = await actions[0].GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetDocument(document.Id)!;
        var text = (await changed.GetTextAsync()).ToString();
        Assert.NotEqual(before, text);
        return text;
    }

    private static async Task<Document> DocumentAsync(string text)
    {
        var project = await AnalyzerRunner
            .Create(Array.Empty<DiagnosticAnalyzer>(), new[] { (TestOptions.MainPath, text), ("/0/Support.cs", Sources.Support) })
            .CreateProjectAsync();
        return project.Documents.Single(d => d.FilePath == TestOptions.MainPath);
    }

    private static IEnumerable<List<string>> Permutations(List<string> items)
    {
        if (items.Count <= 1)
        {
            yield return items;
            yield break;
        }

        foreach (var item in items)
        {
            foreach (var rest in Permutations(items.Where(other => other != item).ToList()))
            {
                rest.Insert(0, item);
                yield return rest;
            }
        }
    }
}
