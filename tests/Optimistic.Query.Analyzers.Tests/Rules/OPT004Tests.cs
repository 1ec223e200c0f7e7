using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Verify = Optimistic.Query.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Optimistic.Query.Analyzers.Rules.SuccessToastInOptimisticMutationAnalyzer>;

namespace Optimistic.Query.Analyzers.Tests.Rules;

public class OPT004Tests
{
    [Fact]
    public Task Canonical_example_is_silent() => Verify.VerifyAnalyzerAsync(RuleSources.Canonical);

    [Fact]
    public Task Success_toast_in_OnSuccess_is_reported_at_the_call() =>
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
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
        OnSuccess = (data, vars, context) => {|#0:toaster.Success(""Saved"")|},
    });"),
            Verify.Diagnostic("OPT004").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("toaster.Success", "OnSuccess").WithSeverity(DiagnosticSeverity.Warning));

    [Fact]
    public Task Success_toast_in_async_and_settled_twins_is_reported() =>
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
        OnSuccessAsync = async (data, vars, context) =>
        {
            await Task.Yield();
            [|toaster.Success(""Saved"")|];
        },
        OnSettled = (data, error, vars, context) =>
        {
            if (error is null) [|toaster.Success(""Done"")|];
        },
    });"));

    [Fact]
    public Task Success_toast_through_a_concrete_toaster_and_a_method_group_is_reported() =>
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
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
        OnSuccess = Saved,
    });

    private readonly AppToaster appToaster = new AppToaster();

    private void Saved(Unit data, TodoInput input, Snapshot<Todo>? context) => [|appToaster.Success(""Saved"")|];

    private sealed class AppToaster : IToaster
    {
        public void Success(string message) { }
        public void Error(string message, Exception? error = null) { }
    }"));

    [Fact]
    public Task Error_toasts_are_silent() =>
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
        OnSettled = (data, error, vars, context) => { if (error is not null) toaster.Error(""Failed"", error); },
    });"));

    [Fact]
    public Task Success_toast_in_a_non_optimistic_mutation_is_silent() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Unit>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnSuccess = (data, input, context) => toaster.Success(""Saved""),
        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
    });"));

    [Fact]
    public Task Configured_methods_are_success_toasts_by_full_name_or_documentation_id() =>
        new CSharpAnalyzerVerifier<SuccessToastInOptimisticMutationAnalyzer>.Test
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
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
        OnSuccess = (data, vars, context) =>
        {
            [|MyApp.Notify.Ok(""Saved"")|];
            [|MyApp.Toasts.ShowSuccess(""Saved"")|];
            MyApp.Toasts.ShowSuccess(""Saved"", 3);
            MyApp.Notify.Other(""Saved"");
        },
    });"),
            TestState =
            {
                Sources = { ("/0/Test1.cs", @"namespace MyApp
{
    public static class Notify { public static void Ok(string m) { } public static void Other(string m) { } }
    public static class Toasts { public static void ShowSuccess(string m) { } public static void ShowSuccess(string m, int seconds) { } }
}") },
            },
            EditorConfig = "[*.cs]\noptimistic_query.OPT004.success_toast_methods = M:MyApp.Toasts.ShowSuccess(System.String), MyApp.Notify.Ok",
        }.RunAsync();

    [Fact]
    public Task Toast_only_statement_is_marked_for_the_fix()
    {
        return Check();

        static async Task Check()
        {
            var diagnostics = await AnalyzerRunner.RunAsync(
                new Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer[] { new SuccessToastInOptimisticMutationAnalyzer() },
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
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
        OnSuccess = (data, vars, context) => { toaster.Success(""Saved""); },
    });"));
            var diagnostic = Assert.Single(diagnostics);
            Assert.Equal("true", diagnostic.Properties[DiagnosticPropertyNames.IsOnlyStatement]);
            Assert.Equal("OnSuccess", diagnostic.Properties[DiagnosticPropertyNames.CallbackProperty]);
        }
    }

    [Fact]
    public Task Look_alike_types_are_silent() => Verify.VerifyAnalyzerAsync(RuleSources.LookAlikes);

    [Fact]
    public Task Wrapper_without_the_runtime_is_analyzed() =>
        new CSharpAnalyzerVerifier<SuccessToastInOptimisticMutationAnalyzer>.Test
        {
            ReferenceRuntime = false,
            TestCode = RuleSources.Wrapper + @"
public sealed class Screen
{
    private readonly Wrapper.Cache cache = new Wrapper.Cache();
    private readonly Wrapper.Notify notify = new Wrapper.Notify();

    public object Define() => new Wrapper.Options(
        OnMutate: id => { cache.Put(id, ""new""); return null; },
        OnSuccess: (data, id, context) => [|notify.Ok(""Saved"")|]);
}",
        }.RunAsync();

    [Fact]
    public Task Severity_none_in_editorconfig_silences() =>
        new CSharpAnalyzerVerifier<SuccessToastInOptimisticMutationAnalyzer>.Test
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
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
        OnSuccess = (data, vars, context) => toaster.Success(""Saved""),
    });"),
            EditorConfig = "[*.cs]\ndotnet_diagnostic.OPT004.severity = none",
        }.RunAsync();
}
