using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Verify = Optimistic.Query.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Optimistic.Query.Analyzers.Rules.SnapshotStoredOutsideContextAnalyzer>;

namespace Optimistic.Query.Analyzers.Tests.Rules;

public class OPT003Tests
{
    [Fact]
    public Task Canonical_example_is_silent() => Verify.VerifyAnalyzerAsync(RuleSources.Canonical);

    [Fact]
    public Task Snapshot_stored_in_an_instance_field_is_reported_at_the_assignment() =>
        Verify.VerifyAnalyzerAsync(
            RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(Keys.Todo(input.Id));
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            {|#0:_previous = previous|};
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(previous);
        },
        OnError = (error, vars, context) =>
        {
            if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(vars.Id), previous);
        },
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });

    private Todo? _previous;
    public Todo? Previous => _previous;"),
            Verify.Diagnostic("OPT003").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("previous", "_previous").WithSeverity(DiagnosticSeverity.Warning));

    [Fact]
    public Task Snapshot_stored_in_a_static_property_directly_from_the_read_is_reported() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(Keys.Todo(input.Id));
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            [|Last = client.GetQueryData<Todo>(Keys.Todo(input.Id))|];
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(previous);
        },
        OnError = (error, vars, context) =>
        {
            if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(vars.Id), previous);
        },
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });

    public static Todo? Last { get; private set; }"));

    [Fact]
    public Task Snapshot_copied_through_locals_and_stored_in_a_dictionary_field_is_reported() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(Keys.Todo(input.Id));
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            var copy = previous;
            [|s_snapshots[input.Id] = copy|];
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(previous);
        },
        OnError = (error, vars, context) =>
        {
            if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(vars.Id), previous);
        },
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });

    private static readonly Dictionary<int, Todo?> s_snapshots = new Dictionary<int, Todo?>();"));

    [Fact]
    public Task Snapshot_stored_in_a_captured_outer_local_is_reported() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Define()
    {
        Todo? stash = null;
        var mutation = client.CreateMutation(new MutationOptions<TodoInput, Unit, Unit>
        {
            OnMutateAsync = async input =>
            {
                await client.CancelQueriesAsync(Keys.Todo(input.Id));
                var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
                [|stash = previous|];
                client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
                return Unit.Value;
            },
            OnError = (error, input, context) => client.SetQueryData(Keys.Todo(input.Id), stash),
        });
        return mutation;
    }"));

    [Fact]
    public Task Method_group_storing_in_a_field_is_reported() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    private Todo? _previous;
    public Todo? Previous => _previous;

    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Unit>
    {
        OnMutate = Mutate,
    });

    private Unit Mutate(TodoInput input)
    {
        [|_previous = client.GetQueryData<Todo>(Keys.Todo(input.Id))|];
        client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
        return Unit.Value;
    }"));

    [Fact]
    public Task Static_state_that_is_not_the_snapshot_is_silent() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(Keys.Todo(input.Id));
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            s_calls++;
            s_lastId = input.Id;
            LastTitle = previous?.Title;
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(previous);
        },
        OnError = (error, vars, context) =>
        {
            if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(vars.Id), previous);
        },
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });

    private static int s_calls;
    private static int s_lastId;
    public static int Calls => s_calls + s_lastId;
    public static string? LastTitle { get; private set; }"));

    [Fact]
    public Task Locals_inside_the_callback_and_the_returned_snapshot_are_silent() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(Keys.Todo(input.Id));
            Todo? previous;
            previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            var box = new List<Todo?>();
            box.Add(previous);
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
    public Task Non_optimistic_OnMutate_storing_a_read_is_silent() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    private Todo? _shown;
    public Todo? Shown => _shown;

    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Unit>
    {
        OnMutate = input =>
        {
            _shown = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            return Unit.Value;
        },
    });"));

    [Fact]
    public Task Look_alike_types_are_silent() => Verify.VerifyAnalyzerAsync(RuleSources.LookAlikes);

    [Fact]
    public Task Wrapper_without_the_runtime_is_analyzed() =>
        new CSharpAnalyzerVerifier<SnapshotStoredOutsideContextAnalyzer>.Test
        {
            ReferenceRuntime = false,
            TestCode = RuleSources.Wrapper + @"
public sealed class Screen
{
    private readonly Wrapper.Cache cache = new Wrapper.Cache();
    private static object? s_previous;
    public static object? Previous => s_previous;

    public object Define() => new Wrapper.Options(OnMutate: id =>
    {
        var previous = cache.Get(id);
        [|s_previous = previous|];
        cache.Put(id, ""new"");
        return null;
    });
}",
        }.RunAsync();

    [Fact]
    public Task Severity_none_in_editorconfig_silences() =>
        new CSharpAnalyzerVerifier<SnapshotStoredOutsideContextAnalyzer>.Test
        {
            TestCode = RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(Keys.Todo(input.Id));
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            _previous = previous;
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(previous);
        },
        OnError = (error, vars, context) =>
        {
            if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(vars.Id), previous);
        },
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });

    private Todo? _previous;
    public Todo? Previous => _previous;"),
            EditorConfig = "[*.cs]\ndotnet_diagnostic.OPT003.severity = none",
        }.RunAsync();

    /// <summary>A patched mutation whose <c>PatchResult</c> (its rollback handle) goes through shared storage, as a layer's may.</summary>
    private static string PatchInSharedState(string onMutateBody, string members = "") => RuleSources.InViewModel(@"
    private PatchResult<Todo>? _pending = null;
    private static PatchResult<Todo>? s_pending = null;
" + members + @"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Unit>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(Keys.Todo(input.Id));
" + onMutateBody + @"
            return Unit.Value;
        },
        OnError = (error, vars, context) => { _pending?.Undo(); s_pending?.Undo(); },
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });");

    private const string PatchCall = "client.UpdateQueryData<Todo>(Keys.Todo(input.Id), t => t with { Title = input.Title })";

    [Fact]
    public Task Patch_handle_stored_in_an_instance_field_is_reported() =>
        Verify.VerifyAnalyzerAsync(
            PatchInSharedState("            {|#0:_pending = " + PatchCall + "|};"),
            Verify.Diagnostic("OPT003").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments(PatchCall, "_pending"));

    [Fact]
    public Task Patch_handle_stored_in_a_static_field_through_a_local_is_reported() =>
        Verify.VerifyAnalyzerAsync(
            PatchInSharedState("            var patch = " + PatchCall + ";\n            var alias = patch;\n            {|#0:s_pending = alias|};"),
            Verify.Diagnostic("OPT003").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("alias", "s_pending"));

    [Fact]
    public Task Patch_handle_stored_in_a_captured_outer_local_is_reported() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Define()
    {
        PatchResult<Todo>? pending = null;
        return client.CreateMutation(new MutationOptions<TodoInput, Unit, Unit>
        {
            MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
            OnMutateAsync = async input =>
            {
                await client.CancelQueriesAsync(Keys.Todo(input.Id));
                [|pending = client.UpdateQueryData<Todo>(Keys.Todo(input.Id), t => t with { Title = input.Title })|];
                return Unit.Value;
            },
            OnError = (error, vars, context) => pending?.Undo(),
            OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
        });
    }"));

    [Fact]
    public Task Patch_handle_kept_in_the_callback_or_returned_and_a_value_derived_from_it_are_silent() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    private bool _applied;
    public bool Applied => _applied;

    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, PatchResult<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(Keys.Todo(input.Id));
            var patch = client.UpdateQueryData<Todo>(Keys.Todo(input.Id), t => t with { Title = input.Title });
            _applied = patch.Applied;
            return patch;
        },
        OnError = (error, vars, patch) => patch?.Undo(),
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });"));

    [Fact]
    public async Task Patch_handle_diagnostic_says_it_is_a_patch_handle_and_a_snapshot_says_neither()
    {
        var diagnostics = await AnalyzerRunner.RunAsync(
            new Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer[] { new SnapshotStoredOutsideContextAnalyzer() },
            PatchInSharedState(
                "            _pending = " + PatchCall + ";\n            s_stash = client.GetQueryData<Todo>(Keys.Todo(input.Id));",
                "    private static Todo? s_stash;\n    public static Todo? Stash => s_stash;\n"));
        Assert.Collection(
            diagnostics.OrderBy(d => d.Location.SourceSpan.Start),
            patch =>
            {
                Assert.Equal("true", patch.Properties[DiagnosticPropertyNames.IsPatchHandle]);
                Assert.False(patch.Properties.ContainsKey(DiagnosticPropertyNames.IsLayerHandle));
            },
            snapshot =>
            {
                Assert.False(snapshot.Properties.ContainsKey(DiagnosticPropertyNames.IsPatchHandle));
                Assert.False(snapshot.Properties.ContainsKey(DiagnosticPropertyNames.IsLayerHandle));
            });
    }
}
