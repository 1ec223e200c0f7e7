namespace Optimistic.Query.Mvvm.Tests.Support;

/// <summary>
/// A dedicated thread with a <see cref="SingleThreadedSynchronizationContext"/>: the tests' UI thread. View models are
/// created and read on it; cache changes come from the thread pool. Every wait is bounded by <see cref="Timeout"/>.
/// </summary>
internal sealed class UiThread : IDisposable
{
    /// <summary>The bound of every wait: generous, since the machine is shared; a wait only reaches it when a test fails.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly Thread _thread;

    public UiThread()
    {
        _thread = new Thread(() =>
        {
            SynchronizationContext.SetSynchronizationContext(Context);
            Context.RunOnCurrentThread();
        })
        {
            IsBackground = true,
            Name = "Test UI thread",
        };
        _thread.Start();
    }

    public SingleThreadedSynchronizationContext Context { get; } = new();

    public int ThreadId => _thread.ManagedThreadId;

    public bool IsCurrent => Environment.CurrentManagedThreadId == ThreadId;

    /// <summary>Runs <paramref name="work"/> on the UI thread.</summary>
    public Task<T> RunAsync<T>(Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Context.Post(_ =>
        {
            try
            {
                done.SetResult(work());
            }
            catch (Exception error)
            {
                done.SetException(error);
            }
        }, null);
        return done.Task.WaitAsync(Timeout);
    }

    /// <summary>Runs <paramref name="work"/> on the UI thread.</summary>
    public Task RunAsync(Action work) => RunAsync(() =>
    {
        work();
        return true;
    });

    /// <summary>Runs an async <paramref name="work"/> on the UI thread; its awaits resume there, as a click handler's do.</summary>
    public Task RunAsync(Func<Task> work) => RunAsync<Task>(work).Unwrap().WaitAsync(Timeout);

    /// <summary>Completes once everything posted to the UI thread before the call has run (the queue is FIFO).</summary>
    public Task DrainAsync() => RunAsync(() => { });

    public void Dispose()
    {
        Context.Complete();
        _thread.Join(Timeout);
    }
}
