using System.Collections.Concurrent;

namespace Optimistic.Query.Mvvm.Tests.Support;

/// <summary>
/// A server whose answers the test gives, on the thread pool, per mutation input; and a mutation on it that logs its
/// callbacks (the optimistic write, its rollback and its reconciliation stand behind OnMutate, OnError and OnSettled).
/// </summary>
internal sealed class ControlledServer
{
    private readonly ConcurrentDictionary<int, TaskCompletionSource<string>> _answers = new();
    private readonly ConcurrentQueue<string> _callbacks = new();
    private readonly ConcurrentQueue<int> _mutateThreads = new();

    public IReadOnlyList<string> Callbacks => _callbacks.ToArray();

    public IReadOnlyList<int> MutateThreads => _mutateThreads.ToArray();

    public Mutation<int, string, Unit> CreateMutation(QueryClient client) =>
        client.CreateMutation(new MutationOptions<int, string, Unit>
        {
            MutationFn = (id, _) => Answer(id).Task,
            OnMutate = id =>
            {
                _mutateThreads.Enqueue(Environment.CurrentManagedThreadId);
                _callbacks.Enqueue($"mutate {id}");
                return Unit.Value;
            },
            OnSuccess = (data, id, _) => _callbacks.Enqueue($"success {id}"),
            OnError = (error, id, _) => _callbacks.Enqueue($"error {id}: {error.Message}"),
            OnSettled = (data, error, id, _) => _callbacks.Enqueue($"settled {id}"),
        });

    /// <summary>Answers the call for <paramref name="id"/> from a pool thread, once it was made.</summary>
    public Task RespondAsync(int id, string answer) => Task.Run(() => Answer(id).SetResult(answer));

    /// <summary>Fails the call for <paramref name="id"/> from a pool thread.</summary>
    public Task FailAsync(int id, Exception error) => Task.Run(() => Answer(id).SetException(error));

    private TaskCompletionSource<string> Answer(int id) =>
        _answers.GetOrAdd(id, _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));
}
