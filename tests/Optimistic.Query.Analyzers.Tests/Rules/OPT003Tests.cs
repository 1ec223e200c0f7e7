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
}
