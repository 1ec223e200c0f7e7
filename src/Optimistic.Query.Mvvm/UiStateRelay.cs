using System;
using System.Threading;

namespace Optimistic.Query.Mvvm;

/// <summary>
/// Carries the newest state from the runtime's listeners (any thread) to the UI thread. Listener calls arrive one at a
/// time and in order; a burst is coalesced into one application of its newest state, so the UI never sees an older state
/// after a newer one. On the UI thread a state is applied at once (a command's Pending must disable it before the click
/// handler returns).
/// </summary>
/// <typeparam name="TState">The published state (an immutable record).</typeparam>
internal sealed class UiStateRelay<TState>
    where TState : class
{
    private readonly IUiDispatcher _dispatcher;
    private readonly Action<TState> _apply;
    private readonly Action _flush;
    private TState? _pending;
    private int _scheduled; // 1 while a flush is posted and has not started
    private volatile bool _stopped;

    public UiStateRelay(IUiDispatcher dispatcher, Action<TState> apply)
    {
        _dispatcher = dispatcher;
        _apply = apply;
        _flush = Flush;
    }

    /// <summary>Hands over a new state; applied on the UI thread (inline when called there).</summary>
    public void Push(TState state)
    {
        if (_stopped) return;
        Volatile.Write(ref _pending, state);
        if (_dispatcher.CheckAccess())
        {
            Flush();
            return;
        }
        if (Interlocked.Exchange(ref _scheduled, 1) == 0) _dispatcher.Post(_flush);
    }

    /// <summary>Nothing is applied any more, queued states included.</summary>
    public void Stop()
    {
        _stopped = true;
        Volatile.Write(ref _pending, null);
    }

    private void Flush()
    {
        // Cleared before taking the state: a push after this line posts a flush of its own.
        Volatile.Write(ref _scheduled, 0);
        var state = Interlocked.Exchange(ref _pending, null);
        if (state is null || _stopped) return;
        _apply(state);
    }
}
