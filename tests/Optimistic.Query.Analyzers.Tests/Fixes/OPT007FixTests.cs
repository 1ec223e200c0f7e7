using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Optimistic.Query.CodeFixes;
using Verify = Optimistic.Query.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    Optimistic.Query.Analyzers.Rules.MismatchedKeyAnalyzer,
    Optimistic.Query.CodeFixes.UsePatchedKeyCodeFixProvider>;

namespace Optimistic.Query.Analyzers.Tests.Fixes;

public class OPT007FixTests
{
    private static string Canonical(params (string Old, string New)[] replace)
    {
        var text = RuleSources.Canonical;
        foreach (var (oldText, newText) in replace)
        {
            Assert.Contains(oldText, text, StringComparison.Ordinal);
            text = text.Replace(oldText, newText, StringComparison.Ordinal);
        }

        return text;
    }

    [Fact]
    public Task Odd_keys_are_replaced_by_the_patched_field_in_every_step() =>
        Verify.VerifyCodeFixAsync(
            Canonical(
                ("await client.CancelQueriesAsync(notificationsKey);", "await client.CancelQueriesAsync([|QueryKey.Create(\"users\")|]);"),
                ("client.SetQueryData(notificationsKey, previous);", "client.SetQueryData([|QueryKey.Create(\"notifications\", \"page\", 2)|], previous);"),
                ("client.InvalidateQueriesAsync(notificationsKey),", "client.InvalidateQueriesAsync([|QueryKey.Create(\"users\")|]),")),
            RuleSources.Canonical);

    [Fact]
    public Task No_fix_when_the_patched_key_is_not_a_plain_expression() =>
        new CSharpCodeFixVerifier<MismatchedKeyAnalyzer, UsePatchedKeyCodeFixProvider>.Test
        {
            TestCode = RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync([|QueryKey.Create(""users"")|]);
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
            FixedCode = RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync([|QueryKey.Create(""users"")|]);
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
        }.RunAsync();

    [Fact]
    public Task No_fix_when_the_patched_key_does_not_bind_at_the_odd_key() =>
        new CSharpCodeFixVerifier<MismatchedKeyAnalyzer, UsePatchedKeyCodeFixProvider>.Test
        {
            TestCode = RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutate = input =>
        {
            var key = Keys.Todo(input.Id);
            client.SetQueryData(key, new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(null);
        },
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync([|QueryKey.Create(""users"")|]),
    });"),
            FixedCode = RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutate = input =>
        {
            var key = Keys.Todo(input.Id);
            client.SetQueryData(key, new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(null);
        },
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync([|QueryKey.Create(""users"")|]),
    });"),
        }.RunAsync();

    [Fact]
    public Task FixAll_across_definitions_with_a_static_member_key() =>
        Verify.VerifyCodeFixAsync(
            RuleSources.InViewModel(@"
    private static class Known { public static readonly QueryKey Todos = QueryKey.Create(""todos"", ""all""); }

    public object One() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutate = input => { client.SetQueryData(Known.Todos, new Todo(input.Id, input.Title)); return new Snapshot<Todo>(null); },
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync([|QueryKey.Create(""todos"", ""one"")|]),
    });

    public object Two() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutate = input => { client.SetQueryData(Known.Todos, new Todo(input.Id, input.Title)); return new Snapshot<Todo>(null); },
        OnError = (error, vars, context) => client.SetQueryData([|QueryKey.Create(""users"")|], context?.Previous),
    });"),
            RuleSources.InViewModel(@"
    private static class Known { public static readonly QueryKey Todos = QueryKey.Create(""todos"", ""all""); }

    public object One() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutate = input => { client.SetQueryData(Known.Todos, new Todo(input.Id, input.Title)); return new Snapshot<Todo>(null); },
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(Known.Todos),
    });

    public object Two() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutate = input => { client.SetQueryData(Known.Todos, new Todo(input.Id, input.Title)); return new Snapshot<Todo>(null); },
        OnError = (error, vars, context) => client.SetQueryData(Known.Todos, context?.Previous),
    });"));
}
