using System;

namespace Optimistic.Query.Cache;

/// <summary>
/// A client-wide "an entry changed" hook, shared by every entry of one store. Null listener (the default) costs one
/// volatile read per change. The listener runs on the thread that made the change, sometimes under the entry's lock:
/// it must be cheap and must not take cache locks (the persister only marks itself dirty and arms a timer).
/// </summary>
internal sealed class CacheChangeSignal
{
    private volatile Action<QueryEntry>? _listener;

    public Action<QueryEntry>? Listener
    {
        get => _listener;
        set => _listener = value;
    }

    public void Raise(QueryEntry entry) => _listener?.Invoke(entry);
}
