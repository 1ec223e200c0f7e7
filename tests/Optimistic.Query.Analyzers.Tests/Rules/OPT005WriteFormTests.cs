using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Optimistic.Query.CodeFixes;
using Verify = Optimistic.Query.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Optimistic.Query.Analyzers.Rules.OptimisticCreateOrDeleteAnalyzer>;

namespace Optimistic.Query.Analyzers.Tests.Rules;

/// <summary>
/// OPT005's write form: with no <c>Kind</c> and no verb, an optimistic write that adds a client-built element to the cached
/// collection (a create) or removes one (a delete) is a suggestion at that write. Replacing an element in place, moving one,
/// or adding a plain value (an id) is not.
/// </summary>
public class OPT005WriteFormTests
{
    /// <summary>A view model with a todo list under <c>TodosKey</c>; <paramref name="onMutateBody"/> is OnMutateAsync's body.</summary>
    private static string ListUpdate(string onMutateBody, string variables = "TodoInput", string context = "Snapshot<List<Todo>>") => "using System.Linq;\n" + RuleSources.InViewModel(@"
    private static readonly QueryKey TodosKey = QueryKey.Create(""todos"");

    public object Define() => client.CreateMutation(new MutationOptions<" + variables + @", Unit, " + context + @">
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(new TodoInput(input.Id, input.Title), ct),
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(TodosKey);
            var previous = client.GetQueryData<List<Todo>>(TodosKey);
" + onMutateBody + @"
            return new Snapshot<List<Todo>>(previous);
        },
        OnError = (error, vars, context) =>
        {
            if (context?.Previous is { } previous) client.SetQueryData(TodosKey, previous);
        },
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(TodosKey),
    });");

    private static DiagnosticResult Create(string element) =>
        Verify.Diagnostic("OPT005").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithSeverity(DiagnosticSeverity.Info)
            .WithArguments("create", "its optimistic write adds '" + element + "' to the cached collection");

    private static DiagnosticResult Delete() =>
        Verify.Diagnostic("OPT005").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithSeverity(DiagnosticSeverity.Info)
            .WithArguments("delete", "its optimistic write removes an element from the cached collection");

    [Fact]
    public Task A_placeholder_spread_after_the_old_list_is_a_create() =>
        Verify.VerifyAnalyzerAsync(
            ListUpdate("            {|#0:client.SetQueryData<List<Todo>>(TodosKey, old => [.. old ?? [], new Todo(-1, input.Title)])|};"),
            Create("new Todo(-1, input.Title)"));

    [Fact]
    public Task Append_through_a_null_conditional_and_ToList_is_a_create() =>
        Verify.VerifyAnalyzerAsync(
            ListUpdate("            {|#0:client.SetQueryData<List<Todo>>(TodosKey, old => old?.Append(new Todo(0, input.Title)).ToList())|};"),
            Create("new Todo(0, input.Title)"));

    [Fact]
    public Task Add_to_a_copy_of_the_snapshot_is_a_create() =>
        Verify.VerifyAnalyzerAsync(
            ListUpdate(@"            var placeholder = new Todo(-input.Id, input.Title);
            var next = new List<Todo>(previous ?? new List<Todo>());
            next.Add(placeholder);
            {|#0:client.SetQueryData(TodosKey, next)|};"),
            Create("placeholder"));

    [Fact]
    public Task Appending_the_variables_entity_is_a_create() =>
        Verify.VerifyAnalyzerAsync(
            ListUpdate(
                "            {|#0:client.SetQueryData<List<Todo>>(TodosKey, old => old is null ? new List<Todo> { input } : old.Append(input).ToList())|};",
                variables: "Todo"),
            Create("input"));

    [Fact]
    public Task An_identity_filter_is_a_delete() =>
        Verify.VerifyAnalyzerAsync(
            ListUpdate("            {|#0:client.SetQueryData<List<Todo>>(TodosKey, old => old?.Where(t => t.Id != input.Id).ToList())|};"),
            Delete());

    [Fact]
    public Task A_negated_identity_filter_in_a_patch_recipe_is_a_delete() =>
        Verify.VerifyAnalyzerAsync(
            ListUpdate("            {|#0:client.UpdateQueryData<List<Todo>>(TodosKey, list => list.Where(t => !(input.Id == t.Id)).ToList())|};"),
            Delete());

    [Fact]
    public Task RemoveAll_on_a_copy_of_the_snapshot_is_a_delete() =>
        Verify.VerifyAnalyzerAsync(
            ListUpdate(@"            var next = previous?.ToList() ?? new List<Todo>();
            next.RemoveAll(t => t.Id == input.Id);
            {|#0:client.SetQueryData(TodosKey, next)|};"),
            Delete());

    [Fact]
    public Task A_toggle_in_place_is_silent() =>
        Verify.VerifyAnalyzerAsync(
            ListUpdate("            client.SetQueryData<List<Todo>>(TodosKey, old => old?.Select(t => t.Id == input.Id ? t with { Title = input.Title } : t).ToList());"));

    [Fact]
    public Task A_replace_by_filter_and_append_is_silent() =>
        Verify.VerifyAnalyzerAsync(
            ListUpdate("            client.SetQueryData<List<Todo>>(TodosKey, old => old?.Where(t => t.Id != input.Id).Append(new Todo(input.Id, input.Title)).ToList());"));

    [Fact]
    public Task A_move_between_two_lists_is_silent() =>
        Verify.VerifyAnalyzerAsync(
            ListUpdate(@"            var moved = previous?.Find(t => t.Id == input.Id);
            client.SetQueryData<List<Todo>>(TodosKey, old => old?.Where(t => t.Id != input.Id).ToList());
            if (moved is not null) client.SetQueryData<List<Todo>>(QueryKey.Create(""done""), old => [.. old ?? [], moved with { Title = input.Title }]);"));

    [Fact]
    public Task Adding_an_id_to_a_set_is_silent() =>
        Verify.VerifyAnalyzerAsync(
            ListUpdate(@"            client.SetQueryData<HashSet<int>>(QueryKey.Create(""liked""), old => [.. old ?? [], input.Id]);"));

    [Fact]
    public Task Appending_an_element_read_from_the_cache_is_silent() =>
        Verify.VerifyAnalyzerAsync(
            ListUpdate(@"            var existing = client.GetQueryData<Todo>(Keys.Todo(input.Id));
            if (existing is not null) client.SetQueryData<List<Todo>>(TodosKey, old => old?.Append(existing).ToList());"));

    [Fact]
    public Task A_non_identity_filter_and_a_list_built_from_other_data_are_silent() =>
        Verify.VerifyAnalyzerAsync(
            ListUpdate(@"            client.SetQueryData<List<Todo>>(TodosKey, old => old?.Where(t => t.Title.Length > 0).ToList());
            var archive = new List<Todo>();
            client.SetQueryData(QueryKey.Create(""archive""), archive.Append(new Todo(input.Id, input.Title)).ToList());"));

    [Fact]
    public Task An_explicit_Kind_Update_is_authoritative() =>
        Verify.VerifyAnalyzerAsync(
            ListUpdate("            client.SetQueryData<List<Todo>>(TodosKey, old => [.. old ?? [], new Todo(-1, input.Title)]);")
                .Replace("MutationFn = (input, ct)", "Kind = MutationKind.Update,\n        MutationFn = (input, ct)", StringComparison.Ordinal));

    [Fact]
    public Task The_verb_is_reported_instead_once() =>
        Verify.VerifyAnalyzerAsync(
            ListUpdate("            client.SetQueryData<List<Todo>>(TodosKey, old => [.. old ?? [], new Todo(-1, input.Title)]);")
                .Replace("MutationFn = (input, ct) => api.UpdateTodoAsync(", "{|#0:MutationFn|} = (input, ct) => api.CreateTodoAsync(", StringComparison.Ordinal),
            Verify.Diagnostic("OPT005").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithSeverity(DiagnosticSeverity.Info)
                .WithArguments("create", "it calls 'CreateTodoAsync'"));

    [Fact]
    public Task Method_group_OnMutate_reports_at_the_OnMutate_name() =>
        Verify.VerifyAnalyzerAsync(RuleSources.InViewModel(@"
    private static readonly QueryKey TodosKey = QueryKey.Create(""todos"");

    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Unit>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        {|#0:OnMutate|} = AddPlaceholder,
        OnSettledAsync = (data, error, vars, context) => client.InvalidateQueriesAsync(TodosKey),
    });

    private Unit AddPlaceholder(TodoInput input)
    {
        client.SetQueryData<List<Todo>>(TodosKey, old => [.. old ?? [], new Todo(-1, input.Title)]);
        return Unit.Value;
    }"),
            Create("new Todo(-1, input.Title)"));

    [Fact]
    public Task The_fix_applies_at_the_write() =>
        CSharpCodeFixVerifier<Analyzers.Rules.OptimisticCreateOrDeleteAnalyzer, RemoveOptimisticUpdateCodeFixProvider>.VerifyCodeFixAsync(
            RuleSources.InViewModel(@"
    private static readonly QueryKey TodosKey = QueryKey.Create(""todos"");

    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<List<Todo>>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await client.CancelQueriesAsync(TodosKey);
            var previous = client.GetQueryData<List<Todo>>(TodosKey);
            {|#0:client.SetQueryData<List<Todo>>(TodosKey, old => [.. old ?? [], new Todo(-1, input.Title)])|};
            return new Snapshot<List<Todo>>(previous);
        },
        OnError = (error, vars, context) =>
        {
            if (context?.Previous is { } previous) client.SetQueryData(TodosKey, previous);
            toaster.Error(""Could not add the to-do"", error);
        },
    });"),
            CSharpCodeFixVerifier<Analyzers.Rules.OptimisticCreateOrDeleteAnalyzer, RemoveOptimisticUpdateCodeFixProvider>.Diagnostic("OPT005").WithLocation(0)
                .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithSeverity(DiagnosticSeverity.Info)
                .WithArguments("create", "its optimistic write adds 'new Todo(-1, input.Title)' to the cached collection"),
            RuleSources.InViewModel(@"
    private static readonly QueryKey TodosKey = QueryKey.Create(""todos"");

    public object Define() => client.CreateMutation(new MutationOptions<TodoInput, Unit, Snapshot<List<Todo>>>
    {
        MutationFn = (input, ct) => api.UpdateTodoAsync(input, ct),
        OnError = (error, vars, context) => toaster.Error(""Could not add the to-do"", error),
        OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(TodosKey),
    });"));
}
