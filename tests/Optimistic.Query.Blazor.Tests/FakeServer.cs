namespace Optimistic.Query.Blazor.Tests;

/// <summary>A server whose answers the test hands out one by one, counting the requests.</summary>
public sealed class FakeServer<T>
{
    private readonly Queue<TaskCompletionSource<T>> _pending = new();
    private readonly object _gate = new();
    private int _requests;

    public int Requests => Volatile.Read(ref _requests);

    public Task<T> FetchAsync(CancellationToken cancellationToken)
    {
        var answer = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate) _pending.Enqueue(answer);
        Interlocked.Increment(ref _requests);
        return answer.Task;
    }

    /// <summary>Answers the oldest pending request (on this thread).</summary>
    public void Answer(T value) => Next().SetResult(value);

    public void Fail(Exception error) => Next().SetException(error);

    private TaskCompletionSource<T> Next()
    {
        lock (_gate) return _pending.Count > 0 ? _pending.Dequeue() : throw new InvalidOperationException("No request is pending.");
    }
}
