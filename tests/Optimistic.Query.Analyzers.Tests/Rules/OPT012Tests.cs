using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Verify = Optimistic.Query.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Optimistic.Query.Analyzers.Rules.TaskDiscardedInSyncCallbackAnalyzer>;

namespace Optimistic.Query.Analyzers.Tests.Rules;

public class OPT012Tests
{
    [Fact]
    public Task Canonical_example_is_silent() => Verify.VerifyAnalyzerAsync(RuleSources.Canonical);

    [Fact]
    public Task Todo_update_is_silent() => Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(Keys.Todo(input.Id));
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
    public Task Expression_lambda_bound_to_the_sync_twin_is_reported_at_the_call() =>
        Verify.VerifyAnalyzerAsync(
            RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(Keys.Todo(input.Id));
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(previous);
        },
        OnError = (error, vars, context) =>
        {
            if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(vars.Id), previous);
        },
        OnSettled = (data, error, vars, context) => {|#0:client.InvalidateQueriesAsync(Keys.Todo(vars.Id))|},
    });"),
            Verify.Diagnostic("OPT012").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
                .WithArguments("client.InvalidateQueriesAsync", "OnSettled", "OnSettledAsync")
                .WithSeverity(DiagnosticSeverity.Warning));

    [Fact]
    public Task Statement_and_discard_in_a_sync_block_are_reported() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(Keys.Todo(input.Id));
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(previous);
        },
        OnError = (error, vars, context) =>
        {
            if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(vars.Id), previous);
        },
        OnSettled = (data, error, vars, context) =>
        {
            [|client.InvalidateQueriesAsync(Keys.Todo(vars.Id))|];
            _ = [|client.InvalidateTagsAsync(""Todo"")|];
            [|Task.Delay(1).ConfigureAwait(false)|];
            Console.WriteLine(vars.Id);
        },
    });"));

    [Fact]
    public Task Applies_to_every_phase_and_to_non_optimistic_mutations() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Unit>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutate = input => { [|api.UpdateTodoAsync(input, CancellationToken.None)|]; return Unit.Value; },
        OnSuccess = (data, input, context) => [|client.InvalidateQueriesAsync(Keys.Todo(input.Id))|],
        OnError = (error, input, context) => [|client.InvalidateQueriesAsync(Keys.Todo(input.Id))|],
    });"));

    [Fact]
    public Task Awaited_returned_stored_and_blocked_on_tasks_are_silent() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    private Task? pending;

    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Unit>
    {
        OnMutateAsync = async input => { await client.InvalidateQueriesAsync(Keys.Todo(input.Id)); return Unit.Value; },
        OnSuccessAsync = (data, input, context) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
        OnError = (error, input, context) =>
        {
            pending = client.InvalidateQueriesAsync(Keys.Todo(input.Id));
            client.InvalidateQueriesAsync(Keys.Todo(input.Id)).GetAwaiter().GetResult();
            Action later = () => client.InvalidateQueriesAsync(Keys.Todo(input.Id));
        },
    });"));

    [Fact]
    public Task Method_group_and_local_function_callbacks_are_analyzed() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Define()
    {
        return client.CreateMutation(new MutationOptions<TodoInput, Unit, Unit>
        {
            OnSettled = Settle,
            OnSuccess = Succeed,
        });

        void Settle(Unit data, Exception? error, TodoInput vars, Unit context) => [|client.InvalidateQueriesAsync(Keys.Todo(vars.Id))|];
    }

    private void Succeed(Unit data, TodoInput vars, Unit context)
    {
        [|client.InvalidateQueriesAsync(Keys.Todo(vars.Id))|];
        Helper();

        void Helper() => _ = [|client.InvalidateQueriesAsync(Keys.Todo(vars.Id))|];
    }"));

    [Fact]
    public Task No_twin_is_named_when_the_definition_already_sets_it() =>
        Verify.VerifyAnalyzerAsync(
            RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Unit>
    {
        OnSuccess = (data, input, context) => {|#0:client.InvalidateQueriesAsync(Keys.Todo(input.Id))|},
        OnSuccessAsync = (data, input, context) => Task.CompletedTask,
    });"),
            Verify.Diagnostic("OPT012").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("client.InvalidateQueriesAsync", "OnSuccess", "an asynchronous callback"));

    [Fact]
    public Task Wrapper_sync_callbacks_are_analyzed() =>
        new CSharpAnalyzerVerifier<TaskDiscardedInSyncCallbackAnalyzer>.Test
        {
            ReferenceRuntime = false,
            TestCode = RuleSources.Wrapper + @"
public sealed class Screen
{
    private readonly Wrapper.Cache cache = new Wrapper.Cache();

    public object Define() => new Wrapper.Options(OnError: (e, id, c) => [|cache.InvalidateAsync(id)|]);
}",
        }.RunAsync();

    [Fact]
    public Task Look_alike_types_are_silent() => Verify.VerifyAnalyzerAsync(RuleSources.LookAlikes);

    [Fact]
    public Task CSharp9_sources_are_analyzed() =>
        new CSharpAnalyzerVerifier<TaskDiscardedInSyncCallbackAnalyzer>.Test
        {
            LanguageVersion = LanguageVersion.CSharp9,
            TestCode = RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(Keys.Todo(input.Id));
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(previous);
        },
        OnError = (error, vars, context) =>
        {
            if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(vars.Id), previous);
        },
        OnSettled = (data, error, vars, context) => [|client.InvalidateQueriesAsync(Keys.Todo(vars.Id))|],
    });"),
        }.RunAsync();

    [Fact]
    public Task Severity_none_in_editorconfig_silences() =>
        new CSharpAnalyzerVerifier<TaskDiscardedInSyncCallbackAnalyzer>.Test
        {
            TestCode = RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(Keys.Todo(input.Id));
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(previous);
        },
        OnError = (error, vars, context) =>
        {
            if (context?.Previous is { } previous) client.SetQueryData(Keys.Todo(vars.Id), previous);
        },
        OnSettled = (data, error, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });"),
            EditorConfig = "[*.cs]\ndotnet_diagnostic.OPT012.severity = none",
        }.RunAsync();

    [Fact]
    public Task Code_mid_edit_does_not_throw() =>
        new CSharpAnalyzerVerifier<TaskDiscardedInSyncCallbackAnalyzer>.Test
        {
            TestCode = RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Unit>
    {
        OnSettled = (data, error, vars, context) => client.InvalidateQueriesAsync(,
        OnSuccess = (data, vars) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
        OnError = Missing,
    });"),
            CompilerDiagnostics = CompilerDiagnostics.None, // mid-edit code: only the analyzer's diagnostics are compared
        }.RunAsync();
}
