using System;

namespace Optimistic.Query.Mvvm;

/// <summary>
/// Where view-model state changes are raised: the UI thread of WPF, MAUI or Avalonia. Cache changes arrive on any thread
/// (a fetch completing on the thread pool); bindings must see them on the UI thread.
/// </summary>
/// <remarks>
/// <see cref="UiDispatcher.FromCurrentThread"/> covers the usual case (a view model created on the UI thread, whose
/// <see cref="System.Threading.SynchronizationContext"/> every one of those frameworks installs). Implement this
/// interface to target a dispatcher explicitly, e.g. <c>Avalonia.Threading.Dispatcher.UIThread</c> or MAUI's
/// <c>IDispatcher</c>.
/// </remarks>
public interface IUiDispatcher
{
    /// <summary>Whether the calling thread is the UI thread, so work may run inline.</summary>
    /// <returns>True on the UI thread.</returns>
    bool CheckAccess();

    /// <summary>Runs <paramref name="action"/> on the UI thread later, in the order of the calls.</summary>
    /// <remarks>Called only where <see cref="CheckAccess"/> returned false.</remarks>
    /// <param name="action">The work to run.</param>
    void Post(Action action);
}
