using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Optimistic.Query.CodeFixes;
using Verify = Optimistic.Query.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    Optimistic.Query.Analyzers.Rules.SnapshotAfterWriteAnalyzer,
    Optimistic.Query.CodeFixes.MoveSnapshotBeforeWriteCodeFixProvider>;

namespace Optimistic.Query.Analyzers.Tests.Fixes;

/// <summary>OPT008 when the snapshot is not a standalone local: read inline in a context, assigned to an existing variable.</summary>
public class OPT008SnapshotFormsFixTests
{
    [Fact]
    public Task A_read_inside_a_tuple_context_is_taken_into_a_local_before_the_write() =>
        Verify.VerifyCodeFixAsync(RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, (Todo? Previous, int Id)>
    {
        OnMutate = input =>
        {
            [|client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title))|];
            return (client.GetQueryData<Todo>(Keys.Todo(input.Id)), input.Id);
        },
    });"), RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, (Todo? Previous, int Id)>
    {
        OnMutate = input =>
        {
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return (previous, input.Id);
        },
    });"));

    [Fact]
    public Task A_read_inside_a_record_context_in_a_nested_block_gets_a_fresh_name() =>
        Verify.VerifyCodeFixAsync(RuleSources.InViewModel(@"
    public sealed record Context(Todo? Previous, string Note);

    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Context>
    {
        OnMutate = input =>
        {
            var previous = input.Title;
            // the optimistic write
            [|client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title))|];
            if (input.Id > 0)
            {
                return new Context(client.GetQueryData<Todo>(Keys.Todo(input.Id)), previous); // kept
            }

            return new Context(null, previous);
        },
    });"), RuleSources.InViewModel(@"
    public sealed record Context(Todo? Previous, string Note);

    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Context>
    {
        OnMutate = input =>
        {
            var previous = input.Title;
            var previous1 = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            // the optimistic write
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            if (input.Id > 0)
            {
                return new Context(previous1, previous); // kept
            }

            return new Context(null, previous);
        },
    });"));

    [Fact]
    public Task A_read_inline_in_the_returned_snapshot_and_an_anonymous_context_are_hoisted_by_FixAll() =>
        Verify.VerifyCodeFixAsync(RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(Keys.Todo(input.Id));
            [|client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title))|];
            return new Snapshot<Todo>(client.GetQueryData<Todo>(Keys.Todo(input.Id)));
        },
    });

    public object Anonymous() => client.CreateMutation(new MutationOptions<TodoInput, Unit, object>
    {
        OnMutate = input =>
        {
            [|client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title))|];
            return new { Previous = client.GetQueryData<Todo>(Keys.Todo(input.Id)) };
        },
    });"), RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(Keys.Todo(input.Id));
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new Snapshot<Todo>(previous);
        },
    });

    public object Anonymous() => client.CreateMutation(new MutationOptions<TodoInput, Unit, object>
    {
        OnMutate = input =>
        {
            var previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            return new { Previous = previous };
        },
    });"));

    [Fact]
    public Task A_snapshot_assigned_to_an_existing_variable_moves_with_its_comment() =>
        Verify.VerifyCodeFixAsync(RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutate = input =>
        {
            Todo? previous = null;
            [|client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title))|]; // write
            // snapshot for the rollback
            previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            return new Snapshot<Todo>(previous);
        },
    });"), RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutate = input =>
        {
            Todo? previous = null;
            // snapshot for the rollback
            previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title)); // write
            return new Snapshot<Todo>(previous);
        },
    });"));

    [Fact]
    public Task An_assigned_variable_used_in_between_is_hoisted_instead_of_moved() =>
        Verify.VerifyCodeFixAsync(RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, (Todo?, Todo?)>
    {
        OnMutate = input =>
        {
            Todo? previous = client.GetQueryData<Todo>(Keys.Todo(0));
            [|client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title))|];
            var zero = previous;
            previous = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            return (zero, previous);
        },
    });"), RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, (Todo?, Todo?)>
    {
        OnMutate = input =>
        {
            Todo? previous = client.GetQueryData<Todo>(Keys.Todo(0));
            var previous1 = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title));
            var zero = previous;
            previous = previous1;
            return (zero, previous);
        },
    });"));

    [Fact]
    public Task No_fix_when_the_inline_read_uses_a_local_declared_after_the_write() =>
        new CSharpCodeFixVerifier<SnapshotAfterWriteAnalyzer, MoveSnapshotBeforeWriteCodeFixProvider>.Test
        {
            TestCode = NoFix,
            FixedCode = NoFix,
        }.RunAsync();

    private static readonly string NoFix = RuleSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<Todo>>
    {
        OnMutate = input =>
        {
            [|client.SetQueryData(Keys.Todo(input.Id), new Todo(input.Id, input.Title))|];
            var key = Keys.Todo(input.Id);
            return new Snapshot<Todo>(client.GetQueryData<Todo>(key));
        },
    });");
}
