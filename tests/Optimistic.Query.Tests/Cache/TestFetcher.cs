namespace Optimistic.Query.Tests.Cache;

/// <summary>
/// A fetcher the test completes by hand: each call gets its own pending task, resolved with <see cref="Complete"/> or
/// <see cref="Fail"/>. It ignores its token on purpose unless told otherwise (the cache must not rely on fetchers honouring it).
/// </summary>
internal sealed class TestFetcher<T>
{
    private readonly object _gate = new();
    private readonly List<TaskCompletionSource<T>> _calls = new();
    private readonly List<CancellationToken> _tokens = new();

    public int Calls
    {
        get
        {
            lock (_gate) return _calls.Count;
        }
    }

    public CancellationToken Token(int call)
    {
        lock (_gate) return _tokens[call];
    }

    public Task<T> FetchAsync(CancellationToken token)
    {
        var call = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _calls.Add(call);
            _tokens.Add(token);
        }
        return call.Task;
    }

    public void Complete(int call, T value) => Get(call).SetResult(value);

    public void Fail(int call, Exception error) => Get(call).SetException(error);

    private TaskCompletionSource<T> Get(int call)
    {
        Eventually.True(() => Calls > call, $"fetcher call #{call}");
        lock (_gate) return _calls[call];
    }
}

/// <summary>Waits for something another thread does. The timeout is a safety net against hangs, not a measurement.</summary>
internal static class Eventually
{
    public static void True(Func<bool> condition, string what)
    {
        if (!SpinWait.SpinUntil(condition, TimeSpan.FromSeconds(10))) throw new TimeoutException($"Timed out waiting for {what}.");
    }
}
