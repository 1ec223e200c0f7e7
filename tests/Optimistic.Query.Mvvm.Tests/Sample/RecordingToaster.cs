using System.Collections.Concurrent;

namespace Optimistic.Query.Mvvm.Tests.Sample;

/// <summary>The toasts the user would have seen.</summary>
internal sealed class RecordingToaster : IToaster
{
    private readonly ConcurrentQueue<(string Kind, string Message, Exception? Error)> _toasts = new();

    public IReadOnlyList<(string Kind, string Message, Exception? Error)> Toasts => _toasts.ToArray();

    public void Success(string message) => _toasts.Enqueue(("success", message, null));

    public void Error(string message, Exception? error = null) => _toasts.Enqueue(("error", message, error));
}
