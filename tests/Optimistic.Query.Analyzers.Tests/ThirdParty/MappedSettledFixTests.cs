using Microsoft.CodeAnalysis.CSharp;
using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Optimistic.Query.CodeFixes;

namespace Optimistic.Query.Analyzers.Tests.ThirdParty;

/// <summary>
/// OPT006's fix through the API map when the library's only settled callback is synchronous (QwikQuery's
/// <c>Action&lt;…&gt; OnSettled</c>): the client's synchronous invalidation goes there, which satisfies OPT006 without a dropped
/// task (OPT012 stays silent on the fixed code). With only a task-returning invalidation nothing is offered: in a synchronous
/// callback the task could only be dropped (<c>_ = …</c>), which OPT012 reports; a key that reads nothing of the callback
/// then goes into the library's own settled invalidation, <c>InvalidateKeys = [Keys.Todos()]</c>.
/// </summary>
public class MappedSettledFixTests
{
    /// <summary>QwikQuery with a synchronous invalidation beside its task-returning one (mapped too).</summary>
    private static readonly string LibraryWithMarkStale = StandInShapes.Library.Replace(
        "        public Task InvalidateQueries(QueryFilters filters) => Task.CompletedTask;\n",
        "        public Task InvalidateQueries(QueryFilters filters) => Task.CompletedTask;\n        public void MarkStale(QueryFilters filters) { }\n",
        StringComparison.Ordinal);

    private static readonly string ConfigWithMarkStale = StandInShapes.GlobalConfig.Replace(
        "optimistic_query.api.invalidate = QwikQuery.QueryClient.InvalidateQueries\n",
        "optimistic_query.api.invalidate = QwikQuery.QueryClient.InvalidateQueries, QwikQuery.QueryClient.MarkStale\n",
        StringComparison.Ordinal);

    private const string InvalidateKeys = "            InvalidateKeys = [[\"todos\"]],\n";

    private const string OnMutate = "            OnMutate = async (input, mutation) =>";

    private static Task VerifyFixAsync(string library, string globalConfig, string source, string fixedSource, LanguageVersion languageVersion = LanguageVersion.Latest)
    {
        var test = new CSharpCodeFixVerifier<InvalidateInOnSettledAnalyzer, InvalidateInOnSettledCodeFixProvider>.Test
        {
            TestCode = source,
            FixedCode = fixedSource,
            GlobalConfig = globalConfig,
            ReferenceRuntime = false,
        };
        test.TestState.Sources.Add(("/0/Library.cs", library));
        test.FixedState.Sources.Add(("/0/Library.cs", library));
        test.SolutionTransforms.Add((solution, projectId) =>
            solution.WithProjectParseOptions(projectId, ((CSharpParseOptions)solution.GetProject(projectId)!.ParseOptions!).WithLanguageVersion(languageVersion)));
        return test.RunAsync();
    }

    /// <summary>QwikQuery's canonical update of the whole list <c>Keys.Todos()</c> (a key that reads nothing of the callback).</summary>
    private static string ListCanonical(params (string Old, string New)[] replace) =>
        StandInShapes.Canonical(new[]
        {
            ("new QueryFilters { QueryKey = [\"todos\", input.Id] }", "new QueryFilters { QueryKey = Keys.Todos() }"),
            ("GetQueryData<Todo>(new QueryKey(\"todos\", input.Id))", "GetQueryData<Todo>(Keys.Todos())"),
            ("SetQueryData(new QueryKey(\"todos\", input.Id), new Todo(input.Id, input.Title))", "SetQueryData(Keys.Todos(), new Todo(input.Id, input.Title))"),
            ("SetQueryData([\"todos\", vars.Id], previous)", "SetQueryData(Keys.Todos(), previous)"),
        }.Concat(replace).ToArray());

    [Fact]
    public Task OPT006_adds_a_key_that_reads_nothing_of_the_callback_to_the_libraries_settled_InvalidateKeys() =>
        VerifyFixAsync(
            StandInShapes.Library,
            StandInShapes.GlobalConfig,
            ListCanonical((OnMutate, "            {|OPT006:OnMutate|} = async (input, mutation) =>"), (InvalidateKeys, string.Empty)),
            ListCanonical((InvalidateKeys, "            InvalidateKeys = [Keys.Todos()],\n")));

    [Fact]
    public Task OPT006_appends_the_key_to_an_InvalidateKeys_of_other_keys() =>
        VerifyFixAsync(
            StandInShapes.Library,
            StandInShapes.GlobalConfig,
            ListCanonical((OnMutate, "            {|OPT006:OnMutate|} = async (input, mutation) =>"), (InvalidateKeys, "            InvalidateKeys = [[\"users\"]],\n")),
            ListCanonical((InvalidateKeys, "            InvalidateKeys = [[\"users\"], Keys.Todos()],\n")));

    [Fact]
    public Task OPT006_writes_an_array_for_InvalidateKeys_before_CSharp_12() =>
        VerifyFixAsync(
            StandInShapes.Library,
            StandInShapes.GlobalConfig,
            ListCanonical((OnMutate, "            {|OPT006:OnMutate|} = async (input, mutation) =>"), (InvalidateKeys, string.Empty)),
            ListCanonical((InvalidateKeys, "            InvalidateKeys = new QueryKey[] { Keys.Todos() },\n")),
            LanguageVersion.CSharp11);

    [Fact]
    public void The_stand_in_variant_differs_from_QwikQuery_only_by_the_synchronous_invalidation()
    {
        Assert.NotEqual(StandInShapes.Library, LibraryWithMarkStale);
        Assert.NotEqual(StandInShapes.GlobalConfig, ConfigWithMarkStale);
    }

    [Fact]
    public Task OPT006_adds_a_synchronous_OnSettled_calling_the_synchronous_invalidation_in_the_libraries_parameter_list() =>
        VerifyFixAsync(
            LibraryWithMarkStale,
            ConfigWithMarkStale,
            StandInShapes.Canonical((OnMutate, "            {|OPT006:OnMutate|} = async (input, mutation) =>"), (InvalidateKeys, string.Empty)),
            StandInShapes.Canonical((InvalidateKeys, "            OnSettled = (data, error, input, context, mutationContext) => mutationContext.Client.MarkStale(new QueryFilters { QueryKey = new QueryKey(\"todos\", input.Id) }),\n")));

    [Fact]
    public Task OPT006_appends_the_synchronous_invalidation_to_an_existing_OnSettled_at_its_variables_parameter() =>
        VerifyFixAsync(
            LibraryWithMarkStale,
            ConfigWithMarkStale,
            StandInShapes.Canonical(
                (OnMutate, "            {|OPT006:OnMutate|} = async (input, mutation) =>"),
                (InvalidateKeys, "            OnSettled = (data, error, vars, snapshot, mutation) => Console.WriteLine(\"settled\"),\n")),
            StandInShapes.Canonical((InvalidateKeys, """
                        OnSettled = (data, error, vars, snapshot, mutation) =>
                        {
                            Console.WriteLine("settled");
                            mutation.Client.MarkStale(new QueryFilters { QueryKey = new QueryKey("todos", vars.Id) });
                        },

            """)));

    [Fact]
    public Task OPT006_FixAll_adds_the_synchronous_OnSettled_to_each_definition() =>
        VerifyFixAsync(
            LibraryWithMarkStale,
            ConfigWithMarkStale,
            StandInShapes.Canonical((OnMutate, "            {|OPT006:OnMutate|} = async (input, mutation) =>"), (InvalidateKeys, string.Empty))
                .Replace("public Todo? LastPrevious => s_previous;", "public Todo? LastPrevious => s_previous;\n" + Second(fixedCode: false), StringComparison.Ordinal),
            StandInShapes.Canonical((InvalidateKeys, "            OnSettled = (data, error, input, context, mutationContext) => mutationContext.Client.MarkStale(new QueryFilters { QueryKey = new QueryKey(\"todos\", input.Id) }),\n"))
                .Replace("public Todo? LastPrevious => s_previous;", "public Todo? LastPrevious => s_previous;\n" + Second(fixedCode: true), StringComparison.Ordinal));

    [Fact]
    public Task OPT006_offers_nothing_when_the_libraries_only_invalidation_returns_a_task_it_would_drop() =>
        VerifyFixAsync(
            StandInShapes.Library,
            StandInShapes.GlobalConfig,
            StandInShapes.Canonical((OnMutate, "            {|OPT006:OnMutate|} = async (input, mutation) =>"), (InvalidateKeys, string.Empty)),
            StandInShapes.Canonical((OnMutate, "            {|OPT006:OnMutate|} = async (input, mutation) =>"), (InvalidateKeys, string.Empty)));

    [Fact]
    public Task OPT012_is_silent_on_the_fixed_code_and_reports_the_dropped_task_the_fix_does_not_write()
    {
        var fixedSource = StandInShapes.Canonical((InvalidateKeys, "            OnSettled = (data, error, input, context, mutationContext) => mutationContext.Client.MarkStale(new QueryFilters { QueryKey = new QueryKey(\"todos\", input.Id) }),\n"));
        var dropped = StandInShapes.Canonical((InvalidateKeys, "            OnSettled = (data, error, input, context, mutationContext) => _ = [|mutationContext.Client.InvalidateQueries(new QueryFilters { QueryKey = new QueryKey(\"todos\", input.Id) })|],\n"));
        return Task.WhenAll(Verify(fixedSource), Verify(dropped));

        Task Verify(string source)
        {
            var test = new CSharpAnalyzerVerifier<TaskDiscardedInSyncCallbackAnalyzer>.Test { TestCode = source, GlobalConfig = ConfigWithMarkStale, ReferenceRuntime = false };
            test.TestState.Sources.Add(("/0/Library.cs", LibraryWithMarkStale));
            return test.RunAsync();
        }
    }

    /// <summary>A second definition of another key with no settled invalidation (before the fix).</summary>
    private static string Second(bool fixedCode)
    {
        var text = """

                public object DefineTitle() => client.UseMutation(
                    (input, ct) => api.UpdateTodoAsync(input, ct),
                    new TodoOptions
                    {
                        {|OPT006:OnMutate|} = async (input, mutation) =>
                        {
                            mutation.Client.CancelQueries(new QueryFilters { QueryKey = new QueryKey("titles", input.Id) });
                            var previous = mutation.Client.GetQueryData<Todo>(new QueryKey("titles", input.Id));
                            mutation.Client.SetQueryData(new QueryKey("titles", input.Id), new Todo(input.Id, input.Title));
                            await Task.Yield();
                            return new Snapshot(previous);
                        },
                        OnError = async (error, vars, snapshot, mutation) =>
                        {
                            if (snapshot is Snapshot { Previous: { } previous }) mutation.Client.SetQueryData(new QueryKey("titles", vars.Id), previous);
                            await Task.Yield();
                        },
                    });

            """;
        if (!fixedCode) return text;
        return text
            .Replace("{|OPT006:OnMutate|}", "OnMutate", StringComparison.Ordinal)
            .Replace("            },\n        });", """
                        },
                        OnSettled = (data, error, input, context, mutationContext) => mutationContext.Client.MarkStale(new QueryFilters { QueryKey = new QueryKey("titles", input.Id) }),
                    });
            """, StringComparison.Ordinal);
    }
}
