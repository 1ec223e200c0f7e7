using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Optimistic.Query.CodeFixes;
using Verify = Optimistic.Query.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    Optimistic.Query.Analyzers.Rules.InvalidateInOnSettledAnalyzer,
    Optimistic.Query.CodeFixes.InvalidateInOnSettledCodeFixProvider>;

namespace Optimistic.Query.Analyzers.Tests.Fixes;

public class OPT006FixTests
{
    [Fact]
    public Task Missing_OnSettled_is_added_with_the_OnMutate_variables_name() =>
        Verify.VerifyCodeFixAsync(RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        [|OnMutateAsync|] = async input =>
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
    });"), RuleSources.InViewModel(@"
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
        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
    });"));

    [Fact]
    public Task Success_only_invalidation_moves_to_OnSettled() =>
        Verify.VerifyCodeFixAsync(
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
        [|OnSuccessAsync|] = (data, vars, context) => client.InvalidateQueriesAsync(Keys.Todo(vars.Id)),
    });"),
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
        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
    });"));

    [Fact]
    public Task Sync_OnSettled_becomes_async_OnSettledAsync_with_the_awaited_invalidation() =>
        Verify.VerifyCodeFixAsync(
            RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        [|OnMutateAsync|] = async input =>
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
        OnSettled = (data, error, vars, context) => Console.WriteLine(vars.Id),
    });"),
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
        OnSettledAsync = async (data, error, vars, context) =>
        {
            Console.WriteLine(vars.Id);
            await client.InvalidateQueriesAsync(Keys.Todo(vars.Id));
        },
    });"));

    [Fact]
    public Task Async_OnSettled_is_extended() =>
        Verify.VerifyCodeFixAsync(
            RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        [|OnMutateAsync|] = async input =>
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
        OnSettledAsync = async (data, error, vars, context) =>
        {
            await client.InvalidateQueriesAsync(QueryKey.Create(""stats""));
        },
    });"),
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
        OnSettledAsync = async (data, error, vars, context) =>
        {
            await client.InvalidateQueriesAsync(QueryKey.Create(""stats""));
            await client.InvalidateQueriesAsync(Keys.Todo(vars.Id));
        },
    });"));

    [Fact]
    public Task Non_async_OnSettledAsync_expression_is_awaited_then_extended() =>
        Verify.VerifyCodeFixAsync(
            RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        [|OnMutateAsync|] = async input =>
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
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(QueryKey.Create(""stats"")),
    });"),
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
        OnSettledAsync = async (data, error, vars, context) =>
        {
            await client.InvalidateQueriesAsync(QueryKey.Create(""stats""));
            await client.InvalidateQueriesAsync(Keys.Todo(vars.Id));
        },
    });"));

    [Fact]
    public Task A_key_held_in_a_local_of_OnMutate_is_written_from_its_initializer() =>
        Verify.VerifyCodeFixAsync(
            RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        [|OnMutate|] = input =>
        {
            var id = input.Id;
            var key = Keys.Todo(id);
            client.SetQueryData(key, new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(null);
        },
    });"),
            RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutate = input =>
        {
            var id = input.Id;
            var key = Keys.Todo(id);
            client.SetQueryData(key, new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(null);
        },
        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
    });"));

    [Theory]
    [InlineData("var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id)); var key = Keys.Todo(previous!.Id);")] // a cache read
    [InlineData("var key = Keys.Todo(input.Id); key = Keys.Todo(0);")] // not the local's only value
    [InlineData("var id = input.Id + Counter++; var key = Keys.Todo(id);")] // an increment
    [InlineData("var id = input.Title.Length; var key = Keys.Todo(id.GetHashCode());")] // an instance call that is no key builder
    public Task No_fix_when_the_key_uses_a_local_of_OnMutate_that_cannot_be_evaluated_again(string locals)
    {
        var source = RuleSources.InViewModel(@"
    private static int Counter { get; set; }

    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        [|OnMutate|] = input =>
        {
            " + locals + @"
            client.SetQueryData(key, new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(null);
        },
    });");
        return Verify.VerifyCodeFixAsync(source, source);
    }

    [Fact]
    public Task A_settled_method_group_is_called_from_a_new_OnSettledAsync_then_the_key_is_invalidated() =>
        Verify.VerifyCodeFixAsync(
            RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        [|OnMutate|] = input =>
        {
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(null);
        },
        OnSettled = LogSettled, // audit trail
    });

    public object DefineAsync() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        [|OnMutate|] = input =>
        {
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(null);
        },
        OnSettledAsync = this.LogSettledAsync,
    });

    private void LogSettled(Unit data, Exception? error, TodoInput input, Snapshot<Todo>? context) => Console.WriteLine(input.Id);

    private Task LogSettledAsync(Unit data, Exception? error, TodoInput input, Snapshot<Todo>? context) => Task.CompletedTask;"),
            RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutate = input =>
        {
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(null);
        },
        OnSettledAsync = async (data, error, input, context) =>
        {
            LogSettled(data, error, input, context);
            await client.InvalidateQueriesAsync(Keys.Todo(input.Id));
        }, // audit trail
    });

    public object DefineAsync() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutate = input =>
        {
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(null);
        },
        OnSettledAsync = async (data, error, input, context) =>
        {
            await this.LogSettledAsync(data, error, input, context);
            await client.InvalidateQueriesAsync(Keys.Todo(input.Id));
        },
    });

    private void LogSettled(Unit data, Exception? error, TodoInput input, Snapshot<Todo>? context) => Console.WriteLine(input.Id);

    private Task LogSettledAsync(Unit data, Exception? error, TodoInput input, Snapshot<Todo>? context) => Task.CompletedTask;"));

    [Fact]
    public Task A_settled_lambda_with_a_return_gets_the_invalidation_first_and_comments_and_lines_stay() =>
        Verify.VerifyCodeFixAsync(
            RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct), // the server call
        [|OnMutate|] = input =>
        {
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(null);
        },
        // report the outcome
        OnSettled = (data, error, vars, context) =>
        {
            if (error is null) return; // nothing to report
            Console.WriteLine(error.Message);
        }, // trailing note
    });"),
            RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct), // the server call
        OnMutate = input =>
        {
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(null);
        },
        // report the outcome
        OnSettledAsync = async (data, error, vars, context) =>
        {
            await client.InvalidateQueriesAsync(Keys.Todo(vars.Id));
            if (error is null) return; // nothing to report
            Console.WriteLine(error.Message);
        }, // trailing note
    });"));

    [Fact]
    public Task Added_OnSettledAsync_keeps_the_other_members_comments() =>
        Verify.VerifyCodeFixAsync(
            RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct), // the server call
        [|OnMutate|] = input =>
        {
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(null);
        } // no trailing comma
    });"),
            RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct), // the server call
        OnMutate = input =>
        {
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(null);
        },
        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)) // no trailing comma
    });"));

    [Fact]
    public Task A_sync_OnSettled_that_drops_a_task_awaits_it_once_async_then_invalidates() =>
        new CSharpCodeFixVerifier<InvalidateInOnSettledAnalyzer, InvalidateInOnSettledCodeFixProvider>.Test
        {
            TestCode = RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        [|OnMutate|] = input =>
        {
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(null);
        },
        OnSettled = (data, error, vars, context) =>
        {
            // the stats page counts todos
            if (error is null) client.InvalidateQueriesAsync(QueryKey.Create(""stats""));
        },
    });

    public object DefineShort() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        [|OnMutate|] = input =>
        {
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(null);
        },
        OnSettled = (data, error, vars, context) => client.InvalidateQueriesAsync(QueryKey.Create(""stats"")),
    });"),
            FixedCode = RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutate = input =>
        {
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(null);
        },
        OnSettledAsync = async (data, error, vars, context) =>
        {
            // the stats page counts todos
            if (error is null) await client.InvalidateQueriesAsync(QueryKey.Create(""stats""));
            await client.InvalidateQueriesAsync(Keys.Todo(vars.Id));
        },
    });

    public object DefineShort() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutate = input =>
        {
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(null);
        },
        OnSettledAsync = async (data, error, vars, context) =>
        {
            await client.InvalidateQueriesAsync(QueryKey.Create(""stats""));
            await client.InvalidateQueriesAsync(Keys.Todo(vars.Id));
        },
    });"),
            DisabledDiagnostics = { "CS4014" },
        }.RunAsync();

    [Fact]
    public Task No_fix_when_a_sync_OnSettled_drops_a_task_in_a_lock_or_an_async_twin_block_returns_one()
    {
        var source = RuleSources.InViewModel(@"
    private readonly object gate = new object();

    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        [|OnMutate|] = input =>
        {
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(null);
        },
        OnSettled = (data, error, vars, context) =>
        {
            lock (gate) client.InvalidateQueriesAsync(QueryKey.Create(""stats""));
        },
    });

    public object DefineAsync() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        [|OnMutate|] = input =>
        {
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(null);
        },
        OnSettledAsync = (data, error, vars, context) =>
        {
            return client.InvalidateQueriesAsync(QueryKey.Create(""stats""));
        },
    });");
        return new CSharpCodeFixVerifier<InvalidateInOnSettledAnalyzer, InvalidateInOnSettledCodeFixProvider>.Test
        {
            TestCode = source,
            FixedCode = source,
            DisabledDiagnostics = { "CS4014" },
        }.RunAsync();
    }

    [Fact]
    public Task FixAll_fixes_every_definition() =>
        Verify.VerifyCodeFixAsync(
            RuleSources.InViewModel(@"
    public object One() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        [|OnMutate|] = input => { client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title)); return new Snapshot<Todo>(null); },
    });

    public object Two() => client.CreateMutation(new MutationOptions<MarkAsReadInput, Unit, Snapshot<NotificationsPage>>
    {
        [|OnMutate|] = vars => { client.SetQueryData(notificationsKey, new NotificationsPage(Array.Empty<Notification>())); return new Snapshot<NotificationsPage>(null); },
    });"),
            RuleSources.InViewModel(@"
    public object One() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutate = input => { client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title)); return new Snapshot<Todo>(null); },
        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(Keys.Todo(input.Id)),
    });

    public object Two() => client.CreateMutation(new MutationOptions<MarkAsReadInput, Unit, Snapshot<NotificationsPage>>
    {
        OnMutate = vars => { client.SetQueryData(notificationsKey, new NotificationsPage(Array.Empty<Notification>())); return new Snapshot<NotificationsPage>(null); },
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(notificationsKey),
    });"));
}
