using CommunityToolkit.Mvvm.ComponentModel;
using Optimistic.Query;
using Optimistic.Query.Mvvm;

namespace MvvmConsumer;

public sealed record TodoList(string[] Titles, bool[] Done)
{
    public TodoList Check(int index) => this with { Done = Done.Select((d, i) => i == index || d).ToArray() };
}

public interface ITodoApi
{
    Task<TodoList> GetAsync(int page, CancellationToken cancellationToken);

    Task<Unit> CheckAsync(int index, CancellationToken cancellationToken);
}

/// <summary>
/// A view model written against the MVVM package alone. <c>Page</c> comes from the toolkit's source generator, so this
/// only compiles when the generators flowed; the marked line must be reported, so the analyzers flowed too.
/// </summary>
public sealed partial class TodosViewModel : ObservableObject, IDisposable
{
    private static readonly QueryKey TodosKey = QueryKey.Create("todos");

    [ObservableProperty]
    private int _page;

    public TodosViewModel(QueryClient client, ITodoApi api, IToaster toaster)
    {
        Todos = new ObservableQuery<TodoList>(client, TodosKey, ct => api.GetAsync(Page, ct));
        CheckCommand = client.CreateMutation(new MutationOptions<int, Unit, Snapshot<TodoList>>
        {
            MutationFn = (index, ct) => api.CheckAsync(index, ct),
            OnMutateAsync = async index =>
            {
                await client.CancelQueriesAsync(TodosKey);
                var previous = client.GetQueryData<TodoList>(TodosKey);
                if (previous is not null) client.SetQueryData(TodosKey, previous.Check(index));
                return new Snapshot<TodoList>(previous);
            },
            OnError = (error, index, context) =>
            {
                if (context?.Previous is { } previous) client.SetQueryData(TodosKey, previous);
                toaster.Error("Could not check the item", error);
            },
            OnSuccess = (data, index, context) => toaster.Success("Checked"), // OPT004
            OnSettledAsync = (data, error, index, context) => client.InvalidateQueriesAsync(TodosKey),
        }).ToCommand();
    }

    public ObservableQuery<TodoList> Todos { get; }

    public MutationCommand<int, Unit, Snapshot<TodoList>> CheckCommand { get; }

    public void Dispose()
    {
        CheckCommand.Dispose();
        Todos.Dispose();
    }
}
