using Microsoft.CodeAnalysis.Testing;
using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Optimistic.Query.CodeFixes;

namespace Optimistic.Query.Analyzers.Tests.Fixes;

/// <summary>OPT012's fix on method groups, local-function callbacks, and discarded calls inside a local function the callback calls.</summary>
public class OPT012CallbackFormsTests
{
    private static CSharpCodeFixVerifier<TaskDiscardedInSyncCallbackAnalyzer, UseAsyncTwinCodeFixProvider>.Test Test(string members, string fixedMembers, bool nonLocal = false) =>
        new()
        {
            TestCode = RuleSources.InViewModel(members),
            FixedCode = RuleSources.InViewModel(fixedMembers),
            // The diagnostic lies outside the definition it was found from (a method group's body), which Roslyn classes as
            // non-local; the fix is still asserted.
            CodeFixTestBehaviors = nonLocal ? CodeFixTestBehaviors.SkipLocalDiagnosticCheck : CodeFixTestBehaviors.None,
        };

    [Fact]
    public Task A_method_group_returns_the_task_and_takes_the_Async_suffix() =>
        Test(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Unit>
    {
        OnSuccess = Succeed,
    });

    // reconcile the list
    private void Succeed(Unit data, TodoInput input, Unit context) => [|client.InvalidateQueriesAsync(Keys.Todo(input.Id))|];", @"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Unit>
    {
        OnSuccessAsync = SucceedAsync,
    });

    // reconcile the list
    private Task SucceedAsync(Unit data, TodoInput input, Unit context) => client.InvalidateQueriesAsync(Keys.Todo(input.Id));", nonLocal: true).RunAsync();

    [Fact]
    public Task A_local_function_callback_with_statements_becomes_async_and_awaits_each_call() =>
        Test(@"
    public object Define()
    {
        return client.CreateMutation(new MutationOptions<TodoInput, Unit, Unit>
        {
            OnSettled = Settle,
        });

        void Settle(Unit data, System.Exception? error, TodoInput input, Unit context)
        {
            [|client.InvalidateQueriesAsync(Keys.Todo(input.Id))|]; // the row
            _ = [|client.InvalidateQueriesAsync(notificationsKey)|];
        }
    }", @"
    public object Define()
    {
        return client.CreateMutation(new MutationOptions<TodoInput, Unit, Unit>
        {
            OnSettledAsync = SettleAsync,
        });

        async Task SettleAsync(Unit data, System.Exception? error, TodoInput input, Unit context)
        {
            await client.InvalidateQueriesAsync(Keys.Todo(input.Id)); // the row
            await client.InvalidateQueriesAsync(notificationsKey);
        }
    }", nonLocal: true).RunAsync();

    [Fact]
    public Task A_local_function_inside_the_lambda_returns_the_task_and_its_call_is_awaited() =>
        Test(@"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Unit>
    {
        OnSettled = (data, error, input, context) =>
        {
            Refresh();

            void Refresh()
            {
                _ = [|client.InvalidateQueriesAsync(Keys.Todo(input.Id))|];
            }
        },
    });", @"
    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Unit>
    {
        OnSettledAsync = async (data, error, input, context) =>
        {
            await Refresh();

            Task Refresh()
            {
                return client.InvalidateQueriesAsync(Keys.Todo(input.Id));
            }
        },
    });").RunAsync();

    [Fact]
    public Task A_local_function_of_the_enclosing_method_called_as_the_expression_body() =>
        Test(@"
    public object Define()
    {
        return client.CreateMutation(new MutationOptions<TodoInput, Unit, Unit>
        {
            OnSettled = (data, error, input, context) => Refresh(input.Id),
        });

        void Refresh(int id)
        {
            [|client.InvalidateQueriesAsync(Keys.Todo(id))|];
            toaster.Success(""saved"");
        }
    }", @"
    public object Define()
    {
        return client.CreateMutation(new MutationOptions<TodoInput, Unit, Unit>
        {
            OnSettledAsync = (data, error, input, context) => Refresh(input.Id),
        });

        async Task Refresh(int id)
        {
            await client.InvalidateQueriesAsync(Keys.Todo(id));
            toaster.Success(""saved"");
        }
    }", nonLocal: true).RunAsync();

    [Fact]
    public Task No_fix_for_a_method_shared_by_two_mutations_or_a_local_function_called_elsewhere()
    {
        var source = @"
    public object First() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Unit>
    {
        OnSuccess = Succeed,
    });

    public object Second() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Unit>
    {
        OnSuccess = Succeed,
    });

    private void Succeed(Unit data, TodoInput input, Unit context) => {|#0:client.InvalidateQueriesAsync(Keys.Todo(input.Id))|};

    public object Third()
    {
        Refresh(1);
        return client.CreateMutation(new MutationOptions<TodoInput, Unit, Unit>
        {
            OnSettled = (data, error, input, context) => Refresh(input.Id),
        });

        void Refresh(int id) => [|client.InvalidateQueriesAsync(Keys.Todo(id))|];
    }";
        var test = Test(source, source, nonLocal: true);
        // One diagnostic per mutation that uses the shared method, both at its call.
        var shared = new DiagnosticResult("OPT012", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning)
            .WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("client.InvalidateQueriesAsync", "OnSuccess", "OnSuccessAsync");
        test.ExpectedDiagnostics.AddRange(new[] { shared, shared });
        test.FixedState.ExpectedDiagnostics.AddRange(new[] { shared, shared });
        return test.RunAsync();
    }
}
