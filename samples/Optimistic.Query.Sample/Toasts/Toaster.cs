namespace Optimistic.Query.Sample.Toasts;

/// <summary>One toast on screen.</summary>
public sealed record Toast(int Id, string Kind, string Message, string? Detail);

/// <summary>
/// The circuit's toasts (scoped). The optimistic mutations only ever raise error toasts: the flip is the success
/// feedback (OPT004 would flag a success toast).
/// </summary>
public sealed class Toaster : IToaster
{
    private readonly object _gate = new();
    private List<Toast> _toasts = new();
    private int _nextId;

    /// <summary>Raised on any thread when the toasts change.</summary>
    public event Action? Changed;

    public IReadOnlyList<Toast> Toasts
    {
        get { lock (_gate) return _toasts; }
    }

    public void Success(string message) => Add("success", message, null);

    public void Error(string message, Exception? error = null) => Add("error", message, error?.Message);

    public void Dismiss(int id)
    {
        lock (_gate) _toasts = _toasts.Where(t => t.Id != id).ToList();
        Changed?.Invoke();
    }

    private void Add(string kind, string message, string? detail)
    {
        lock (_gate) _toasts = _toasts.Append(new Toast(++_nextId, kind, message, detail)).ToList();
        Changed?.Invoke();
    }
}
