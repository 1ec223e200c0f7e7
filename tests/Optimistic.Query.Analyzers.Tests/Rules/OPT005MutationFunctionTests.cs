using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verify = Optimistic.Query.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Optimistic.Query.Analyzers.Rules.OptimisticCreateOrDeleteAnalyzer>;

namespace Optimistic.Query.Analyzers.Tests.Rules;

/// <summary>
/// OPT005's verb check follows a mutation function that the definition does not write out — a factory parameter, a field,
/// a local, or a lambda invoking one of those — to the methods the code provably passes to it.
/// </summary>
public class OPT005MutationFunctionTests
{
    private const string OptimisticBody = @"
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
            OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),";

    private static DiagnosticResult Verb(string kind, string method) =>
        Verify.Diagnostic("OPT005").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithSeverity(DiagnosticSeverity.Info)
            .WithArguments(kind, "it calls '" + method + "'");

    /// <summary>A factory taking the mutation function; <paramref name="callers"/> are members calling it.</summary>
    private static string Factory(string callers, string mutationFn = "{|#0:MutationFn|} = mutationFn,") => RuleSources.InViewModel(@"
    private Mutation<TodoInput, Unit, Snapshot<Todo>> Optimistic(Func<TodoInput, CancellationToken, Task<Unit>> mutationFn) =>
        client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
        {
            " + mutationFn + OptimisticBody + @"
        });
" + callers);

    [Fact]
    public Task A_factory_parameter_is_followed_to_the_method_group_a_caller_passes() =>
        Verify.VerifyAnalyzerAsync(
            Factory(@"
    public object Rename() => Optimistic((input, ct) => api.UpdateTodoAsync(input, ct));
    public object Add() => Optimistic(api.CreateTodoAsync);"),
            Verb("create", "CreateTodoAsync"));

    [Fact]
    public Task A_factory_parameter_is_followed_to_the_lambda_a_caller_passes() =>
        Verify.VerifyAnalyzerAsync(
            Factory(@"
    public object Delete() => Optimistic(async (input, ct) => await api.DeleteTodoAsync(input, ct).ConfigureAwait(false));"),
            Verb("delete", "DeleteTodoAsync"));

    [Fact]
    public Task A_lambda_invoking_the_factory_parameter_is_followed_too() =>
        Verify.VerifyAnalyzerAsync(
            Factory(
                @"
    public object Remove() => Optimistic(api.RemoveAsync);",
                "{|#0:MutationFn|} = (input, ct) => mutationFn(input, ct),"),
            Verb("delete", "RemoveAsync"));

    [Fact]
    public Task A_factory_whose_callers_pass_updates_is_silent() =>
        Verify.VerifyAnalyzerAsync(
            Factory(
                @"
    public object Rename() => Optimistic(api.UpdateTodoAsync);
    public object Address() => Optimistic((input, ct) => api.AddressAsync(input, ct));",
                "MutationFn = mutationFn,"));

    [Fact]
    public Task A_factory_nobody_calls_in_the_file_is_silent() =>
        Verify.VerifyAnalyzerAsync(Factory(string.Empty, "MutationFn = mutationFn,"));

    [Fact]
    public Task A_field_assigned_in_the_constructor_is_followed() =>
        Verify.VerifyAnalyzerAsync(RuleSources.Prelude + @"
public sealed class TodoEditor
{
    private readonly QueryClient client;
    private readonly Func<TodoInput, CancellationToken, Task<Unit>> save;

    public TodoEditor(QueryClient client, IApi api)
    {
        this.client = client;
        save = api.DeleteTodoAsync;
    }

    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        {|#0:MutationFn|} = save," + OptimisticBody + @"
    });
}
",
            Verb("delete", "DeleteTodoAsync"));

    [Fact]
    public Task A_field_given_by_a_constructor_parameter_is_followed_to_the_callers() =>
        Verify.VerifyAnalyzerAsync(RuleSources.Prelude + @"
public sealed class TodoCommand
{
    private readonly QueryClient client;
    private readonly Func<TodoInput, CancellationToken, Task<Unit>> run;

    public TodoCommand(QueryClient client, Func<TodoInput, CancellationToken, Task<Unit>> run)
    {
        this.client = client;
        this.run = run;
    }

    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        {|#0:MutationFn|} = (input, ct) => run(input, ct)," + OptimisticBody + @"
    });
}

public static class Commands
{
    public static TodoCommand AddTodo(QueryClient client, IApi api) => new TodoCommand(client, (input, ct) => api.CreateTodoAsync(input, ct));
}
",
            Verb("create", "CreateTodoAsync"));

    [Fact]
    public Task A_local_is_followed_to_its_initializer() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    public object Define()
    {
        Func<TodoInput, CancellationToken, Task<Unit>> mutationFn = api.KickUserAsync;
        return client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
        {
            {|#0:MutationFn|} = mutationFn," + OptimisticBody + @"
        });
    }"),
            Verb("delete", "KickUserAsync"));

    [Fact]
    public Task A_field_assigned_from_an_unknown_parameter_is_silent() =>
        Verify.VerifyAnalyzerAsync(RuleSources.Prelude + @"
public sealed class TodoCommand
{
    private readonly QueryClient client;
    private readonly Func<TodoInput, CancellationToken, Task<Unit>> run;

    public TodoCommand(QueryClient client, Func<TodoInput, CancellationToken, Task<Unit>> run)
    {
        this.client = client;
        this.run = run;
    }

    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = run," + OptimisticBody + @"
    });
}
");
}
