using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Optimistic.Query.CodeFixes;

namespace Optimistic.Query.Analyzers.Tests.ThirdParty;

/// <summary>
/// OPT002's fix through the API map where the library's shapes differ from Optimistic.Query's (issue #14, item 8): a new error
/// callback for a restore when the library's only error callback returns a task (QwikQuery: a non-async lambda returning
/// <c>Task.CompletedTask</c>, since an <c>async</c> one without <c>await</c> is CS1998), and the mapped patch's handle
/// returned into an untyped context (RabstackQuery: <c>if (context is Patch patch) patch.Undo();</c>, and a mapped layer's
/// <c>layer_rollback</c> method).
/// </summary>
public class MappedRollbackFixTests
{
    private static Task VerifyFixAsync(string library, string globalConfig, string source, string fixedSource)
    {
        var test = new CSharpCodeFixVerifier<MissingRollbackAnalyzer, AddRollbackCodeFixProvider>.Test
        {
            TestCode = source,
            FixedCode = fixedSource,
            GlobalConfig = globalConfig,
            ReferenceRuntime = false,
        };
        test.TestState.Sources.Add(("/0/Library.cs", library));
        test.FixedState.Sources.Add(("/0/Library.cs", library));
        return test.RunAsync();
    }

    private const string QwikOnError = """
                    OnError = async (error, vars, snapshot, mutation) =>
                    {
                        if (snapshot is Snapshot { Previous: { } previous }) mutation.Client.SetQueryData(["todos", vars.Id], previous);
                        Toasts.Error("Could not save");
                        await Task.Yield();
                    },

        """;

    [Fact]
    public Task OPT002_adds_a_non_async_OnError_returning_a_completed_task_when_the_libraries_only_error_callback_is_asynchronous() =>
        VerifyFixAsync(
            StandInShapes.Library,
            StandInShapes.GlobalConfig,
            StandInShapes.Canonical(
                ("            OnMutate = async (input, mutation) =>", "            {|OPT002:OnMutate|} = async (input, mutation) =>"),
                (QwikOnError, string.Empty)),
            StandInShapes.Canonical((QwikOnError, """
                    OnError = (error, input, context, mutationContext) =>
                    {
                        if (context is Snapshot { Previous: { } previous }) mutationContext.Client.SetQueryData(new QueryKey("todos", input.Id), previous);
                        return Task.CompletedTask;
                    },

        """)));

    [Fact]
    public Task OPT002_adds_a_non_async_OnError_calling_a_synchronous_invalidation_then_returning_a_completed_task()
    {
        // QwikQuery with a synchronous invalidation only: nothing to await, and the only error callback returns a task.
        var library = StandInShapes.Library.Replace(
            "public Task InvalidateQueries(QueryFilters filters) => Task.CompletedTask;",
            "public void InvalidateQueries(QueryFilters filters) { }",
            StringComparison.Ordinal);
        Assert.NotEqual(StandInShapes.Library, library);
        return VerifyFixAsync(
            library,
            StandInShapes.GlobalConfig,
            StandInShapes.Canonical(
                ("            OnMutate = async (input, mutation) =>", "            {|OPT002:OnMutate|} = async (input, mutation) =>"),
                ("                return new Snapshot(previous);", "                return previous;"),
                (QwikOnError, string.Empty)),
            StandInShapes.Canonical(
                ("                return new Snapshot(previous);", "                return previous;"),
                (QwikOnError, """
                    OnError = (error, input, context, mutationContext) =>
                    {
                        mutationContext.Client.InvalidateQueries(new QueryFilters { QueryKey = new QueryKey("todos", input.Id) });
                        return Task.CompletedTask;
                    },

        """)));
    }

    [Fact]
    public Task OPT002_offers_no_new_OnError_whose_task_has_a_result_it_cannot_make_up()
    {
        // An error callback returning Task<bool> (handled or not): a completed task would need a value the fix cannot choose.
        var library = StandInShapes.Library.Replace(
            "public Func<Exception, TVariables, object?, MutationContext, Task>? OnError { get; set; }",
            "public Func<Exception, TVariables, object?, MutationContext, Task<bool>>? OnError { get; set; }",
            StringComparison.Ordinal);
        Assert.NotEqual(StandInShapes.Library, library);
        var source = StandInShapes.Canonical(
            ("            OnMutate = async (input, mutation) =>", "            {|OPT002:OnMutate|} = async (input, mutation) =>"),
            (QwikOnError, string.Empty));
        return VerifyFixAsync(library, StandInShapes.GlobalConfig, source, source);
    }

    [Fact]
    public Task OPT002_FixAll_adds_the_completed_task_OnError_to_each_definition() =>
        VerifyFixAsync(
            StandInShapes.Library,
            StandInShapes.GlobalConfig,
            StandInShapes.Canonical(
                ("            OnMutate = async (input, mutation) =>", "            {|OPT002:OnMutate|} = async (input, mutation) =>"),
                (QwikOnError, string.Empty))
                .Replace("public Todo? LastPrevious => s_previous;", "public Todo? LastPrevious => s_previous;\n" + QwikSecond(fixedCode: false), StringComparison.Ordinal),
            StandInShapes.Canonical((QwikOnError, """
                    OnError = (error, input, context, mutationContext) =>
                    {
                        if (context is Snapshot { Previous: { } previous }) mutationContext.Client.SetQueryData(new QueryKey("todos", input.Id), previous);
                        return Task.CompletedTask;
                    },

        """))
                .Replace("public Todo? LastPrevious => s_previous;", "public Todo? LastPrevious => s_previous;\n" + QwikSecond(fixedCode: true), StringComparison.Ordinal));

    [Fact]
    public Task OPT002_undoes_the_mapped_patch_returned_into_the_untyped_context() =>
        VerifyFixAsync(
            StandIn.Library,
            StandIn.GlobalConfig,
            StandIn.App("""

                public object Rename() => client.CreateMutation(new MutationOptions<TodoInput, int>
                {
                    MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
                    {|OPT002:OnMutate|} = (input, mutation) =>
                    {
                        client.CancelQueries(Keys.Todo(input.Id));
                        return client.UpdateQueryData<Todo>(todo => todo with { Title = input.Title }, Keys.Todo(input.Id));
                    },
                    OnSettledAsync = (data, error, vars, context, mutation) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
                });
            """),
            StandIn.App("""

                public object Rename() => client.CreateMutation(new MutationOptions<TodoInput, int>
                {
                    MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
                    OnMutate = (input, mutation) =>
                    {
                        client.CancelQueries(Keys.Todo(input.Id));
                        return client.UpdateQueryData<Todo>(todo => todo with { Title = input.Title }, Keys.Todo(input.Id));
                    },
                    OnError = (error, input, context, mutationContext) =>
                    {
                        if (context is Patch patch) patch.Undo();
                    },
                    OnSettledAsync = (data, error, vars, context, mutation) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
                });
            """));

    [Fact]
    public Task OPT002_undoes_the_mapped_patch_first_in_an_existing_OnError() =>
        VerifyFixAsync(
            StandIn.Library,
            StandIn.GlobalConfig,
            StandIn.App("""

                public object Rename() => client.CreateMutation(new MutationOptions<TodoInput, int>
                {
                    MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
                    {|OPT002:OnMutate|} = (input, mutation) =>
                    {
                        client.CancelQueries(Keys.Todo(input.Id));
                        var patch = client.UpdateQueryData<Todo>(todo => todo with { Title = input.Title }, Keys.Todo(input.Id));
                        return patch;
                    },
                    OnError = (error, vars, context, mutation) => Toasts.Error("Could not save", error),
                    OnSettledAsync = (data, error, vars, context, mutation) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
                });
            """),
            StandIn.App("""

                public object Rename() => client.CreateMutation(new MutationOptions<TodoInput, int>
                {
                    MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
                    OnMutate = (input, mutation) =>
                    {
                        client.CancelQueries(Keys.Todo(input.Id));
                        var patch = client.UpdateQueryData<Todo>(todo => todo with { Title = input.Title }, Keys.Todo(input.Id));
                        return patch;
                    },
                    OnError = (error, vars, context, mutation) =>
                    {
                        if (context is Patch patch) patch.Undo();
                        Toasts.Error("Could not save", error);
                    },
                    OnSettledAsync = (data, error, vars, context, mutation) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
                });
            """));

    [Fact]
    public Task OPT002_rolls_back_the_mapped_layer_returned_into_the_untyped_context_with_the_mapped_layer_rollback()
    {
        // RabstackQuery with optimistic layers: AddLayer (map: layer) returns a Layer whose Remove() is the rollback (map: layer_rollback).
        var library = StandIn.Library.Replace(
            "    public sealed class QueryClient\n    {\n",
            "    public sealed class Layer\n    {\n        public void Remove() { }\n    }\n\n    public sealed class QueryClient\n    {\n        public Layer AddLayer<T>(object[] queryKey, Func<T, T> recipe) where T : class => new Layer();\n",
            StringComparison.Ordinal);
        Assert.NotEqual(StandIn.Library, library);
        var config = StandIn.GlobalConfig + "optimistic_query.api.layer = RabstackQuery.QueryClient.AddLayer\noptimistic_query.api.layer_rollback = RabstackQuery.Layer.Remove\n";
        return VerifyFixAsync(
            library,
            config,
            StandIn.App("""

                public object Rename() => client.CreateMutation(new MutationOptions<TodoInput, int>
                {
                    MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
                    {|OPT002:OnMutate|} = (input, mutation) =>
                    {
                        client.CancelQueries(Keys.Todo(input.Id));
                        return client.AddLayer<Todo>(Keys.Todo(input.Id), todo => todo with { Title = input.Title });
                    },
                    OnSettledAsync = (data, error, vars, context, mutation) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
                });
            """),
            StandIn.App("""

                public object Rename() => client.CreateMutation(new MutationOptions<TodoInput, int>
                {
                    MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
                    OnMutate = (input, mutation) =>
                    {
                        client.CancelQueries(Keys.Todo(input.Id));
                        return client.AddLayer<Todo>(Keys.Todo(input.Id), todo => todo with { Title = input.Title });
                    },
                    OnError = (error, input, context, mutationContext) =>
                    {
                        if (context is Layer layer) layer.Remove();
                    },
                    OnSettledAsync = (data, error, vars, context, mutation) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
                });
            """));
    }

    [Fact]
    public Task OPT002_offers_no_undo_of_a_Patch_that_is_not_the_patch_calls_result() =>
        VerifyFixAsync(
            StandIn.Library,
            StandIn.GlobalConfig,
            NotThePatchesResult,
            NotThePatchesResult);

    /// <summary>
    /// OnMutate patches the key but returns another <c>Patch</c>: undoing it would not roll the write back, and the invalidation
    /// (awaited) cannot go into the library's only, synchronous OnError, so nothing is offered.
    /// </summary>
    private const string NotThePatchesResult = """
        namespace App
        {
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using RabstackQuery;

            public sealed record Todo(int Id, string Title);
            public sealed record TodoInput(int Id, string Title);

            public sealed class TodoScreen
            {
                private readonly QueryClient client = new QueryClient();

                public object Rename() => client.CreateMutation(new MutationOptions<TodoInput, int>
                {
                    MutationFn = (input, ct) => Task.FromResult(input.Id),
                    {|OPT002:OnMutate|} = (input, mutation) =>
                    {
                        client.CancelQueries(QueryKeys.Of("todos", input.Id));
                        client.UpdateQueryData<Todo>(todo => todo with { Title = input.Title }, QueryKeys.Of("todos", input.Id));
                        return new Patch();
                    },
                    OnSettledAsync = (data, error, vars, context, mutation) => client.InvalidateQueriesAsync(QueryKeys.Of("todos", vars.Id)),
                });
            }
        }
        """;

    /// <summary>A second QwikQuery definition of another key without an error callback (before the fix).</summary>
    private static string QwikSecond(bool fixedCode)
    {
        var text = """

                public object DefineTitle() => client.UseMutation(
                    (input, ct) => api.UpdateTodoAsync(input, ct),
                    new TodoOptions
                    {
                        {|OPT002:OnMutate|} = async (input, mutation) =>
                        {
                            mutation.Client.CancelQueries(new QueryFilters { QueryKey = new QueryKey("titles", input.Id) });
                            var previous = mutation.Client.GetQueryData<Todo>(new QueryKey("titles", input.Id));
                            mutation.Client.SetQueryData(new QueryKey("titles", input.Id), new Todo(input.Id, input.Title));
                            await Task.Yield();
                            return new Snapshot(previous);
                        },
                        InvalidateKeys = [new QueryKey("titles")],
                    });

            """;
        if (!fixedCode) return text;
        return text
            .Replace("{|OPT002:OnMutate|}", "OnMutate", StringComparison.Ordinal)
            .Replace("            InvalidateKeys", """
                        OnError = (error, input, context, mutationContext) =>
                        {
                            if (context is Snapshot { Previous: { } previous }) mutationContext.Client.SetQueryData(new QueryKey("titles", input.Id), previous);
                            return Task.CompletedTask;
                        },
                        InvalidateKeys
            """, StringComparison.Ordinal);
    }
}
