using System.Collections.Concurrent;

namespace Optimistic.Query.Mvvm.Tests.Support;

/// <summary>
/// The synchronization context of a UI thread, minus the UI: one thread runs every posted callback, one at a time, in
/// the order posted (as WPF's, MAUI's and Avalonia's do). A callback that throws is recorded, not swallowed silently:
/// on a real UI thread it would crash the app, so tests assert there are none.
/// </summary>
internal sealed class SingleThreadedSynchronizationContext : SynchronizationContext
{
    private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> _queue = new();
    private readonly ConcurrentQueue<Exception> _unhandled = new();

    /// <summary>What posted callbacks threw (each would have reached the UI thread's unhandled-exception handler).</summary>
    public IReadOnlyCollection<Exception> UnhandledExceptions => _unhandled;

    public override void Post(SendOrPostCallback d, object? state)
    {
        try
        {
            _queue.Add((d, state));
        }
        catch (InvalidOperationException)
        {
            // Posted after the thread stopped (a late fetch completing after the test): the UI is gone, as in an app.
        }
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Send would block a pool thread on the UI thread; the MVVM package only posts.");

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Runs posted callbacks on the calling thread until <see cref="Complete"/>.</summary>
    public void RunOnCurrentThread()
    {
        foreach (var (callback, state) in _queue.GetConsumingEnumerable())
        {
            try
            {
                callback(state);
            }
            catch (Exception error)
            {
                _unhandled.Enqueue(error);
            }
        }
    }

    public void Complete() => _queue.CompleteAdding();
}
