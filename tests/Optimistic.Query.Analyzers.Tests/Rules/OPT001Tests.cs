using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Verify = Optimistic.Query.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Optimistic.Query.Analyzers.Rules.CancelBeforeOptimisticWriteAnalyzer>;

namespace Optimistic.Query.Analyzers.Tests.Rules;

public class OPT001Tests
{
    [Fact]
    public Task Canonical_example_is_silent() => Verify.VerifyAnalyzerAsync(RuleSources.Canonical);

    [Fact]
    public Task Missing_cancel_is_reported_at_the_first_access_with_the_key_text_and_the_fixs_locations() =>
        Verify.VerifyAnalyzerAsync(
            RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = {|#2:async input =>
        {
            await Task.Yield();
            var previous = {|#0:{|#3:client|}.GetQueryData<Todo>({|#1:Keys.Todo(input.Id)|})|};
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(previous);
        }|},
        OnError = (error, vars, context) =>
        {
            if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(vars.Id), previous);
        },
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });"),
            // Additional locations (what the fix needs): the key, the callback's value, the client.
            Verify.Diagnostic("OPT001").WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3).WithArguments("Keys.Todo(input.Id)").WithSeverity(DiagnosticSeverity.Warning));

    [Fact]
    public Task Cancel_after_the_snapshot_is_reported_at_the_snapshot() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await Task.Yield();
            var previous = [|client.GetQueryData<Todo>(Keys.Todo(input.Id))|];
            await client.CancelQueriesAsync(Keys.Todo(input.Id));
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(previous);
        },
        OnError = (error, vars, context) =>
        {
            if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(vars.Id), previous);
        },
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });"));

    [Fact]
    public Task Discarded_cancel_does_not_count() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await Task.Yield();
            _ = client.CancelQueriesAsync(Keys.Todo(input.Id));
            var previous = [|client.GetQueryData<Todo>(Keys.Todo(input.Id))|];
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(previous);
        },
        OnError = (error, vars, context) =>
        {
            if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(vars.Id), previous);
        },
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });"));

    [Fact]
    public Task Cancel_whose_task_is_awaited_later_through_ConfigureAwait_counts_from_the_await() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            var cancel = client.CancelQueriesAsync(Keys.Todo(input.Id));
            await cancel.ConfigureAwait(false);
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(previous);
        },
        OnError = (error, vars, context) =>
        {
            if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(vars.Id), previous);
        },
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });"));

    [Fact]
    public Task Cancel_whose_task_is_awaited_later_counts_from_the_await() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            var cancel = client.CancelQueriesAsync(Keys.Todo(input.Id));
            await cancel;
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(previous);
        },
        OnError = (error, vars, context) =>
        {
            if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(vars.Id), previous);
        },
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });"));

    [Fact]
    public Task ConfigureAwait_and_blocking_waits_count_as_awaited() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(Keys.Todo(input.Id)).ConfigureAwait(false);
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(previous);
        },
    });

    public object DefineSync() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutate = input =>
        {
            client.CancelQueriesAsync(Keys.Todo(input.Id)).GetAwaiter().GetResult();
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(null);
        },
    });"));

    [Fact]
    public Task Sync_OnMutate_without_cancel_is_reported_at_the_write() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutate = input =>
        {
            [|client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title))|];
            return new Snapshot<Todo>(null);
        },
    });"));

    [Fact]
    public Task Patch_is_an_access() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, PatchResult<Todo>>
    {
        OnMutate = input => [|client.UpdateQueryData<Todo>(Keys.Todo(input.Id), t => t with { Title = input.Title })|],
        OnError = (error, input, patch) => patch?.Undo(),
    });"));

    [Fact]
    public Task Method_group_callback_is_analyzed_in_its_method() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutate = Snapshot,
    });

    private Snapshot<Todo> Snapshot(TodoInput input)
    {
        var previous = [|client.GetQueryData<Todo>(Keys.Todo(input.Id))|];
        client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
        return new Snapshot<Todo>(previous);
    }"));

    [Fact]
    public Task Method_group_in_another_file_is_analyzed() =>
        new CSharpAnalyzerVerifier<CancelBeforeOptimisticWriteAnalyzer>.Test
        {
            TestCode = RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutate = Handlers.Snapshot,
    });"),
            TestState =
            {
                Sources = { ("/0/Test1.cs", @"using Optimistic.Query;
public static class Handlers
{
    public static readonly QueryClient Client = new QueryClient();
    public static Snapshot<Todo> Snapshot(TodoInput input)
    {
        [|Client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title))|];
        return new Snapshot<Todo>(null);
    }
}") },
            },
        }.RunAsync();

    [Fact]
    public Task Local_function_callback_and_invoked_local_functions_are_analyzed() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Define()
    {
        return client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
        {
            OnMutateAsync = OnMutate,
        });

        async Task<Snapshot<Todo>> OnMutate(TodoInput input)
        {
            var previous = [|client.GetQueryData<Todo>(Keys.Todo(input.Id))|];
            Write();
            await client.CancelQueriesAsync(Keys.Todo(input.Id));
            return new Snapshot<Todo>(previous);

            void Write() => client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
        }
    }"));

    [Fact]
    public Task Cancel_of_a_covering_prefix_counts() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(QueryKey.Create(""todos""));
            client.SetQueryData(QueryKey.Create(""todos"", input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(null);
        },
    });"));

    [Fact]
    public Task Cancel_of_a_provably_different_key_does_not_count() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(QueryKey.Create(""users""));
            {|#0:client.SetQueryData(QueryKey.Create(""todos"", input.Id), new Todo(input.Id, input.Title))|};
            return new Snapshot<Todo>(null);
        },
    });"),
            Verify.Diagnostic("OPT001").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments(@"QueryKey.Create(""todos"", input.Id)"));

    [Fact]
    public Task Cancel_of_an_unknown_key_counts() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    // Assigned after construction: which key it holds is unknown (a builder of a fixed key would be seen through).
    private QueryKey current = QueryKey.Create(""todos"", 0);

    public void Select(QueryKey key) => current = key;

    private QueryKey CurrentKey() => current;

    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(CurrentKey());
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(null);
        },
    });"));

    [Fact]
    public Task One_diagnostic_per_key() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(QueryKey.Create(""users""));
            var previous = [|client.GetQueryData<Todo>(QueryKey.Create(""todos"", input.Id))|];
            client.SetQueryData(QueryKey.Create(""todos"", input.Id), new Todo(input.Id, input.Title));
            client.SetQueryData(QueryKey.Create(""todos"", input.Id), new Todo(input.Id, input.Title));
            client.SetQueryData(QueryKey.Create(""users"", 1), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(previous);
        },
    });"));

    [Fact]
    public Task Key_in_a_local_is_followed_to_its_initializer() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutateAsync = async input =>
        {
            var key = QueryKey.Create(""todos"", input.Id);
            await client.CancelQueriesAsync(QueryKey.Create(""todos""));
            var previous = client.GetQueryData<Todo>(key);
            client.SetQueryData(key, new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(previous);
        },
    });"));

    [Fact]
    public Task Non_optimistic_OnMutate_is_silent() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public bool IsBusy { get; private set; }

    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutate = input =>
        {
            Console.WriteLine(""saving "" + input.Id);
            IsBusy = true;
            return new Snapshot<Todo>(client.GetQueryData<Todo>(Keys.Todo(input.Id)));
        },
    });"));

    [Fact]
    public Task Nested_lambdas_are_not_descended() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutate = input =>
        {
            Action later = () => client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(null);
        },
    });"));

    [Fact]
    public Task With_expression_on_a_wrapper_record_is_analyzed() =>
        new CSharpAnalyzerVerifier<CancelBeforeOptimisticWriteAnalyzer>.Test
        {
            ReferenceRuntime = false,
            TestCode = RuleSources.Wrapper + @"
public sealed class Screen
{
    private readonly Wrapper.Cache cache = new Wrapper.Cache();
    private static readonly Wrapper.Options s_base = new Wrapper.Options(MutationFn: (id, ct) => Task.FromResult(1));

    public object Define() => s_base with
    {
        OnMutate = id =>
        {
            var previous = [|cache.Get(id)|];
            cache.Put(id, ""new"");
            return previous;
        },
    };
}",
        }.RunAsync();

    [Fact]
    public Task Constructor_arguments_are_callbacks() =>
        new CSharpAnalyzerVerifier<CancelBeforeOptimisticWriteAnalyzer>.Test
        {
            ReferenceRuntime = false,
            TestCode = RuleSources.Wrapper + @"
public sealed class Screen
{
    private readonly Wrapper.Cache cache = new Wrapper.Cache();

    public object Define() => new Wrapper.Options(
        MutationFn: (id, ct) => Task.FromResult(1),
        OnMutate: id =>
        {
            [|cache.Put(id, ""new"")|];
            return null;
        });
}",
        }.RunAsync();

    [Fact]
    public Task Look_alike_types_without_annotations_are_silent() => Verify.VerifyAnalyzerAsync(RuleSources.LookAlikes);

    [Fact]
    public Task Look_alike_types_without_the_runtime_register_nothing() =>
        new CSharpAnalyzerVerifier<CancelBeforeOptimisticWriteAnalyzer>.Test { ReferenceRuntime = false, TestCode = RuleSources.LookAlikes }.RunAsync();

    [Fact]
    public Task CSharp9_sources_are_analyzed() =>
        new CSharpAnalyzerVerifier<CancelBeforeOptimisticWriteAnalyzer>.Test
        {
            LanguageVersion = LanguageVersion.CSharp9,
            TestCode = RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await Task.Yield();
            var previous = [|client.GetQueryData<Todo>(Keys.Todo(input.Id))|];
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(previous);
        },
        OnError = (error, vars, context) =>
        {
            if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(vars.Id), previous);
        },
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });"),
        }.RunAsync();

    [Fact]
    public Task Severity_none_in_editorconfig_silences() =>
        new CSharpAnalyzerVerifier<CancelBeforeOptimisticWriteAnalyzer>.Test
        {
            TestCode = RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await Task.Yield();
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(previous);
        },
        OnError = (error, vars, context) =>
        {
            if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(vars.Id), previous);
        },
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });"),
            EditorConfig = "[*.cs]\ndotnet_diagnostic.OPT001.severity = none",
        }.RunAsync();

    [Fact]
    public Task Code_mid_edit_does_not_throw() =>
        new CSharpAnalyzerVerifier<CancelBeforeOptimisticWriteAnalyzer>.Test
        {
            TestCode = RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutate = ,
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync();
            client.SetQueryData(, new Todo(input.Id, input.Title));
            client.SetQueryData(Keys.Todo(input.
            return new Snapshot<Todo>(null);
        },
        OnError = (error, input) => { },
        OnSettled = Missing,
    });"),
            CompilerDiagnostics = CompilerDiagnostics.None, // mid-edit code: only the analyzer's diagnostics are compared
        }.RunAsync();

    [Fact]
    public async Task Properties_tell_the_fix_where_to_insert_the_cancel()
    {
        var diagnostics = await AnalyzerRunner.RunAsync(
            new Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer[] { new CancelBeforeOptimisticWriteAnalyzer() },
            RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutate = input =>
        {
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(previous);
        },
    });"));
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("Keys.Todo(input.Id)", diagnostic.Properties[DiagnosticPropertyNames.KeyText]);
        Assert.Equal("Read", diagnostic.Properties[DiagnosticPropertyNames.AccessKind]);
        Assert.Equal("OnMutate", diagnostic.Properties[DiagnosticPropertyNames.CallbackProperty]);
        Assert.Equal("true", diagnostic.Properties[DiagnosticPropertyNames.IsSyncCallback]);
        Assert.Equal("Lambda", diagnostic.Properties[DiagnosticPropertyNames.CallbackForm]);
        Assert.Equal("client", diagnostic.Properties[DiagnosticPropertyNames.ReceiverText]);
        Assert.Equal(3, diagnostic.AdditionalLocations.Count);
        Assert.Equal("Keys.Todo(input.Id)", Text(diagnostic.AdditionalLocations[0]));
        Assert.StartsWith("input =>", Text(diagnostic.AdditionalLocations[1]));
        Assert.Equal("client", Text(diagnostic.AdditionalLocations[2]));

        static string Text(Location location) => location.SourceTree!.GetText().ToString(location.SourceSpan);
    }
}
